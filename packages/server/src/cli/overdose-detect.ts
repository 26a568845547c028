import { csvStringifyCast } from '../core/csv.ts';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import {
  buildSeries,
  CountSeriesError,
  detectRows,
  DETECT_COLUMNS,
  parseCountRow,
  type CountRow,
  DEFAULT_THRESHOLDS,
} from '../modules/overdose/index.ts';
import { exitCodes } from './cli-io.ts';
import type { CliContext } from './dispatch.ts';

export const overdoseDetectUsage = `Usage: continuum overdose detect <counts.csv|-> [options]

Runs the CDC EARS detectors (C1, C2, C3) on daily counts per area.

Input:  CSV with a header and columns date,area,count (YYYY-MM-DD, any area label, a whole
        number); one row per area and day; days missing for an area count as zero.
Output: CSV date,area,count,c1,c2,c3,c1_alarm,c2_alarm,c3_alarm — statistics with 6 decimals
        (empty where not computable: too early in the series, or an undefined ratio), alarms 1/0.

Options:
  --min-sigma X   floor for the standard deviation (default 0; 0.5–1 suits sparse areas)
  --c1 X --c2 X --c3 X   alarm thresholds (defaults ${DEFAULT_THRESHOLDS.c1}, ${DEFAULT_THRESHOLDS.c2}, ${DEFAULT_THRESHOLDS.c3}; an alarm is statistic > threshold)
  --baseline N    baseline days (default 7; C2 and C3 skip the 2 days before the current one)
  --out FILE      write the CSV to FILE instead of standard output
`;

function numberOption(value: string | undefined, name: string, min: number): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) return `--${name} must be a number of at least ${min}`;
  return n;
}

/** `continuum overdose detect`: the spike detectors on any count series. */
export async function overdoseDetect(argv: string[], ctx: CliContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'min-sigma': { type: 'string' },
        c1: { type: 'string' },
        c2: { type: 'string' },
        c3: { type: 'string' },
        baseline: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    ctx.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${overdoseDetectUsage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    ctx.stderr(`give one counts file (or - for standard input)\n\n${overdoseDetectUsage}`);
    return exitCodes.usage;
  }
  const opts = {
    minSigma: numberOption(values['min-sigma'], 'min-sigma', 0),
    c1: numberOption(values.c1, 'c1', -Infinity),
    c2: numberOption(values.c2, 'c2', -Infinity),
    c3: numberOption(values.c3, 'c3', -Infinity),
    baseline: numberOption(values.baseline, 'baseline', 3),
  };
  const bad = Object.values(opts).filter((v): v is string => typeof v === 'string');
  if (bad.length > 0 || (typeof opts.baseline === 'number' && !Number.isInteger(opts.baseline))) {
    ctx.stderr(`${bad.length > 0 ? bad.join('\n') : '--baseline must be a whole number'}\n\n${overdoseDetectUsage}`);
    return exitCodes.usage;
  }

  const file = positionals[0]!;
  let input: Readable;
  if (file === '-') input = Readable.from([await ctx.readStdin()]);
  else {
    if (!fs.existsSync(file)) {
      ctx.stderr(`continuum: no such file: ${file}\n`);
      return exitCodes.failure;
    }
    input = fs.createReadStream(file);
  }

  const rows: CountRow[] = [];
  const problems: string[] = [];
  try {
    const parser = input.pipe(
      parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true }),
    );
    let line = 1;
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      line++;
      if (line === 2) {
        const missing = ['date', 'area', 'count'].filter((c) => !(c in record));
        if (missing.length > 0) {
          ctx.stderr(`continuum: the header must name date,area,count (missing: ${missing.join(', ')})\n`);
          return exitCodes.failure;
        }
      }
      const row = parseCountRow(record, line);
      if (typeof row === 'string') {
        if (problems.length < 20) problems.push(row);
        else if (problems.length === 20) problems.push('… more errors not shown');
      } else rows.push(row);
    }
  } catch (error) {
    ctx.stderr(`continuum: the file is not valid CSV: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.failure;
  }
  if (problems.length > 0) {
    ctx.stderr(
      `continuum: ${problems.length > 20 ? 'more than 20' : problems.length} invalid row(s); nothing written:\n  ${problems.join('\n  ')}\n`,
    );
    return exitCodes.failure;
  }

  let series;
  try {
    series = buildSeries(rows);
  } catch (error) {
    if (error instanceof CountSeriesError) {
      ctx.stderr(`continuum: ${error.problems.join('\n  ')}\n`);
      return exitCodes.failure;
    }
    throw error;
  }
  const thresholds = Object.fromEntries(
    (['c1', 'c2', 'c3'] as const).filter((k) => typeof opts[k] === 'number').map((k) => [k, opts[k] as number]),
  );
  // Written in chunks so a long history (thousands of areas × years) never sits in memory as text.
  const fd = values.out ? fs.openSync(values.out, 'w') : null;
  const write = (text: string) => (fd === null ? ctx.stdout(text) : fs.writeSync(fd, text));
  let alarms = 0;
  try {
    write(stringify([[...DETECT_COLUMNS]], { cast: csvStringifyCast }));
    const chunk: string[][] = [];
    for (const row of detectRows(series, {
      minSigma: (opts.minSigma as number | undefined) ?? 0,
      baseline: opts.baseline as number | undefined,
      thresholds,
    })) {
      if (row[6] === '1' || row[7] === '1' || row[8] === '1') alarms++;
      chunk.push(row);
      if (chunk.length === 10_000) write(stringify(chunk.splice(0), { cast: csvStringifyCast }));
    }
    if (chunk.length > 0) write(stringify(chunk, { cast: csvStringifyCast }));
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
  ctx.stderr(`${series.areas.size} area(s) × ${series.days} day(s); ${alarms} area-day(s) with an alarm.\n`);
  return exitCodes.ok;
}
