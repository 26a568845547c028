import { csvStringifyCast } from '../core/csv.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify';
import {
  ExtractError,
  drugKnowledge,
  defaultSafetyOptions,
  type SafetyOptions,
  screenExtractFile,
  screeningRules,
  ruleTitle,
  type PersonFlags,
  type ScreeningResult,
} from '../modules/safety/index.ts';
import { exitCodes, positiveInt, type CliIo } from './cli-io.ts';

/* `continuum safety screen`: population screening of a dispensing extract (CSV or NDJSON), with progress and CSV outputs. */

export const safetyScreenUsage = `Usage: continuum safety screen <dispensings.csv|dispensings.ndjson> [options]

Screens a PDMP-style dispensing extract (person_id, fill_date, rxcui or drug_name + strength,
quantity, days_supply, prescriber_id, pharmacy_id[, otp]) for high MME, opioids with
benzodiazepines, naloxone not dispensed, multiple prescribers and pharmacies, and drugs with no MME.
Writes into --out: person-flags.csv and person-flags.json (flagged people), rule-summary.csv,
prescriber-summary.csv (per-prescriber rates) and summary.json.

  --out DIR              output directory (default: the current directory)
  --format csv|ndjson    default: from the file name
  --min-prescribers N    multiple-provider rule: prescribers (default 5)
  --min-pharmacies N     …and pharmacies (default 5)
  --window-days N        …within N days (default 90)
  --threads N            parser threads for large files (default: 2, or 1 on a one-core machine)
  --progress MODE        auto (a bar when stderr is a terminal, else periodic lines), bar, lines, none
  --json                 print the summary as JSON
  -h, --help             show this help

Progress goes to stderr, the summary to stdout. Exit codes: 0 ok, 1 failure, 2 usage error.
`;

interface Progress {
  update(rows: number, bytes: number): void;
  stop(): void;
}

/** A bar on a terminal; otherwise a plain line every 5 seconds (logs and CI stay readable). */
function progressReporter(mode: string, io: CliIo, totalBytes: number, started: number, now: () => number): Progress {
  const useBar = mode === 'bar' || (mode === 'auto' && process.stderr.isTTY === true);
  if (mode === 'none') return { update: () => {}, stop: () => {} };
  if (useBar) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'screening |{bar}| {percentage}% | {rows} rows | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(1, totalBytes), 0, { rows: 0 });
    return { update: (rows, bytes) => bar.update(bytes, { rows }), stop: () => bar.stop() };
  }
  let lastLine = started;
  return {
    update: (rows, bytes) => {
      const t = now();
      if (t - lastLine < 5000) return;
      lastLine = t;
      const pct = totalBytes > 0 ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : 0;
      io.stderr(`screening: ${pct}% (${rows} rows, ${Math.round(t - started) / 1000} s)\n`);
    },
    stop: () => {},
  };
}

async function writeCsv(file: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const out = fs.createWriteStream(file);
  const csv = stringify({ header: true, columns, cast: csvStringifyCast });
  csv.pipe(out);
  for (const r of rows) if (!csv.write(r)) await once(csv, 'drain');
  csv.end();
  await once(out, 'finish');
}

export interface ScreenSummaryOutput {
  file: string;
  outDir: string;
  elapsedMs: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** CPU time of every thread (user + system): a figure less sensitive to a busy machine than the wall time. */
  cpuSeconds: number;
  rows: number;
  rejectedRows: number;
  people: number;
  peopleWithOpioids: number;
  peopleWithMoud: number;
  flaggedPeople: number;
  byRule: ScreeningResult['summary']['byRule'];
}

/** \`continuum safety screen <file>\` */
export async function safetyScreen(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        format: { type: 'string' },
        'min-prescribers': { type: 'string' },
        'min-pharmacies': { type: 'string' },
        'window-days': { type: 'string' },
        threads: { type: 'string' },
        progress: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${safetyScreenUsage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(safetyScreenUsage);
    return exitCodes.ok;
  }
  const usage = (message: string) => {
    io.stderr(`${message}\n\n${safetyScreenUsage}`);
    return exitCodes.usage;
  };
  if (positionals.length !== 1) return usage('give exactly one extract file');
  const file = positionals[0]!;
  const format = values.format ?? (/\.(nd)?jsonl?$/i.test(file) || /\.ndjson$/i.test(file) ? 'ndjson' : 'csv');
  if (format !== 'csv' && format !== 'ndjson') return usage('--format must be csv or ndjson');
  const progressMode = values.progress ?? 'auto';
  if (!['auto', 'bar', 'lines', 'none'].includes(progressMode)) return usage('--progress must be auto, bar, lines or none');
  const minPrescribers = positiveInt(values['min-prescribers'], '--min-prescribers', defaultSafetyOptions.minPrescribers, 100);
  const minPharmacies = positiveInt(values['min-pharmacies'], '--min-pharmacies', defaultSafetyOptions.minPharmacies, 100);
  const windowDays = positiveInt(values['window-days'], '--window-days', defaultSafetyOptions.providerWindowDays, 730);
  const threads = positiveInt(values.threads, '--threads', Math.min(2, os.availableParallelism()), 16);
  for (const v of [minPrescribers, minPharmacies, windowDays, threads]) if (typeof v === 'string') return usage(v);
  const options: SafetyOptions = {
    ...defaultSafetyOptions,
    minPrescribers: minPrescribers as number,
    minPharmacies: minPharmacies as number,
    providerWindowDays: windowDays as number,
  };
  const outDir = values.out ?? '.';

  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    io.stderr(`cannot read ${file}\n`);
    return exitCodes.failure;
  }
  await fs.promises.mkdir(outDir, { recursive: true });

  const now = () => performance.now();
  const started = now();
  const progress = progressReporter(progressMode, io, size, started, now);

  const flagsJson = fs.createWriteStream(path.join(outDir, 'person-flags.json'));
  const flagsCsv = stringify({
    header: true,
    cast: csvStringifyCast,
    columns: [
      'person_id',
      'rules',
      'peak_mme_per_day',
      'not_computable',
      'max_prescribers_90d',
      'max_pharmacies_90d',
      'benzodiazepine_overlap_days',
      'naloxone_dispensed',
    ],
  });
  const flagsCsvOut = fs.createWriteStream(path.join(outDir, 'person-flags.csv'));
  flagsCsv.pipe(flagsCsvOut);
  let firstFlag = true;
  flagsJson.write('[');
  const rejectedShown: string[] = [];

  let result: ScreeningResult;
  try {
    result = await screenExtractFile(drugKnowledge(), file, {
      format,
      threads: threads as number,
      options,
      onProgress: (rows, bytes) => progress.update(rows, bytes),
      onRejected: (where, field, message) => {
        if (rejectedShown.length < 10) rejectedShown.push(`${where}: ${field} ${message}`);
      },
      onFlagged: (f: PersonFlags) => {
        flagsJson.write(`${firstFlag ? '\n' : ',\n'}${JSON.stringify(f)}`);
        firstFlag = false;
        flagsCsv.write([
          f.personId,
          f.rules.join(';'),
          f.peakMmePerDay,
          f.notComputable.join(';'),
          f.maxPrescribers90d,
          f.maxPharmacies90d,
          f.benzodiazepineOverlapDays,
          f.naloxoneDispensed ? 'yes' : 'no',
        ]);
      },
    });
  } catch (error) {
    progress.stop();
    flagsJson.end();
    flagsCsv.end();
    if (error instanceof ExtractError) {
      io.stderr(`safety screen failed: ${error.message}\n`);
      return exitCodes.failure;
    }
    throw error;
  }
  progress.stop();
  flagsJson.end('\n]\n');
  flagsCsv.end();
  await Promise.all([once(flagsJson, 'finish'), once(flagsCsvOut, 'finish')]);

  const { summary, prescribers } = result;
  await writeCsv(
    path.join(outDir, 'rule-summary.csv'),
    ['rule', 'title', 'people', 'percent_of_people_with_opioids'],
    screeningRules.map((r) => [
      r,
      ruleTitle(r),
      summary.byRule[r],
      summary.peopleWithOpioids ? Math.round((summary.byRule[r] / summary.peopleWithOpioids) * 10000) / 100 : 0,
    ]),
  );
  await writeCsv(
    path.join(outDir, 'prescriber-summary.csv'),
    ['prescriber_id', 'people', ...screeningRules.flatMap((r) => [`${r.toLowerCase()}_people`, `${r.toLowerCase()}_rate`])],
    prescribers.map((p) => [
      p.prescriberId,
      p.people,
      ...screeningRules.flatMap((r) => [p.flagged[r], Math.round((p.flagged[r] / p.people) * 10000) / 10000]),
    ]),
  );
  const elapsedMs = Math.round(now() - started);
  const output: ScreenSummaryOutput = {
    file: path.basename(file),
    outDir,
    elapsedMs,
    rowsPerSecond: Math.round(summary.rows / Math.max(0.001, elapsedMs / 1000)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
    rows: summary.rows,
    rejectedRows: summary.rejectedRows,
    people: summary.people,
    peopleWithOpioids: summary.peopleWithOpioids,
    peopleWithMoud: summary.peopleWithMoud,
    flaggedPeople: summary.flaggedPeople,
    byRule: summary.byRule,
  };
  await fs.promises.writeFile(
    path.join(outDir, 'summary.json'),
    `${JSON.stringify({ ...output, firstFill: summary.firstFill, lastFill: summary.lastFill, options, prescribers }, null, 2)}\n`,
  );

  if (rejectedShown.length > 0)
    io.stderr(`${summary.rejectedRows} rows could not be used, e.g.:\n${rejectedShown.map((l) => `  ${l}\n`).join('')}`);
  if (values.json) io.stdout(`${JSON.stringify(output)}\n`);
  else {
    io.stdout(
      `Screened ${summary.rows} rows (${summary.rejectedRows} rejected) for ${summary.people} people in ${(elapsedMs / 1000).toFixed(1)} s ` +
        `(${output.rowsPerSecond} rows/s, peak memory ${output.peakRssMb} MB).\n` +
        `${summary.peopleWithOpioids} people with opioids, ${summary.peopleWithMoud} with MOUD; ${summary.flaggedPeople} flagged:\n` +
        screeningRules.map((r) => `  ${r.padEnd(36)} ${summary.byRule[r]}\n`).join('') +
        `Wrote person-flags.csv, person-flags.json, rule-summary.csv, prescriber-summary.csv and summary.json to ${outDir}.\n`,
    );
  }
  return exitCodes.ok;
}
