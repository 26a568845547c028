import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { cdsHooks, epochDay } from '@continuum/contracts';
import { AppError } from '../errors.ts';
import {
  csvHeader,
  ExtractError,
  generateDispensings,
  toCsvLine,
  drugKnowledge,
  prescriberReport,
  reportCsvRecords,
  defaultSafetyOptions,
  type SafetyOptions,
  checkSafety,
  toDay,
  screenExtractFile,
  screeningRules,
  ruleTitle,
  type PersonFlags,
  type ScreeningResult,
} from '../modules/safety/index.ts';
import { systemAccess } from '../core/access-context.ts';
import type { Hook } from '../modules/safety/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

export const safetyCheckUsage = `Usage: continuum safety check [file|-] [--as-of YYYY-MM-DD] [--hook HOOK]

Computes the daily MME, the MME timeline and the prescribing-safety rules for a FHIR R4 Bundle or a
CDS Hooks request (JSON) read from the file, or from standard input when the file is "-" or absent,
and prints the result as JSON. Nothing is stored.

  --as-of DATE   the day to check as of (default: today)
  --hook HOOK    evaluate as this CDS Hooks hook (order-select, order-sign, patient-view)
  -h, --help     show this help

Exit codes: 0 ok, 1 the input is not a valid Bundle or CDS Hooks request, 2 usage error.
`;

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

interface CheckContext extends CliIo {
  readStdin(): Promise<string>;
}

/** \`continuum safety check [file|-]\` */
export async function safetyCheck(argv: string[], io: CheckContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'as-of': { type: 'string' }, hook: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(safetyCheckUsage);
    return exitCodes.ok;
  }
  if (positionals.length > 1) {
    io.stderr(`give one file at most\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const asOf = values['as-of'] !== undefined ? toDay(values['as-of']) : epochDay(io.clock.now());
  if (asOf === undefined || (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of']))) {
    io.stderr(`--as-of must be a date (YYYY-MM-DD)\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const hook = values.hook;
  if (hook !== undefined && !(cdsHooks as readonly string[]).includes(hook)) {
    io.stderr(`--hook must be one of ${cdsHooks.join(', ')}\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const file = positionals[0];
  let text: string;
  try {
    text = file === undefined || file === '-' ? await io.readStdin() : await fs.promises.readFile(file, 'utf8');
  } catch {
    io.stderr(`cannot read ${file}\n`);
    return exitCodes.failure;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    io.stderr('the input is not valid JSON\n');
    return exitCodes.failure;
  }
  try {
    const result = checkSafety(drugKnowledge(), body, asOf, defaultSafetyOptions, hook as Hook | undefined);
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof AppError) {
      const fields = error.fields?.map((f) => `${f.path} ${f.message}`).join('; ');
      io.stderr(`invalid input: ${fields ?? error.message}\n`);
      return exitCodes.failure;
    }
    throw error;
  }
}

function positiveInt(v: string | undefined, name: string, fallback: number, max: number): number | string {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) return `${name} must be a whole number from 1 to ${max}`;
  return Number(v);
}

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
  const csv = stringify({ header: true, columns });
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

export const safetySampleUsage = `Usage: continuum safety sample-extract --out FILE [--people N] [--rows N] [--seed N]

Writes a synthetic PDMP-style dispensing extract (CSV) for trying \`continuum safety screen\`:
fictional people, prescribers and pharmacies; acute and long-term opioid fills, benzodiazepines,
MOUD, naloxone, people filling at many pharmacies, and a drug with no MME factor.

  --out FILE   where to write the CSV
  --people N   people (default 1000)
  --rows N     dispensings, at least --people (default 5000)
  --seed N     random seed (default 42)
`;

/** \`continuum safety sample-extract\` */
export async function safetySampleExtract(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        people: { type: 'string' },
        rows: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${safetySampleUsage}`);
    return exitCodes.usage;
  }
  if (values.help) {
    io.stdout(safetySampleUsage);
    return exitCodes.ok;
  }
  const people = positiveInt(values.people, '--people', 1000, 10_000_000);
  const rows = positiveInt(values.rows, '--rows', 5000, 100_000_000);
  const seed = positiveInt(values.seed, '--seed', 42, 2 ** 31 - 1);
  for (const v of [people, rows, seed]) {
    if (typeof v === 'string') {
      io.stderr(`${v}\n\n${safetySampleUsage}`);
      return exitCodes.usage;
    }
  }
  if (!values.out) {
    io.stderr(`--out is required\n\n${safetySampleUsage}`);
    return exitCodes.usage;
  }
  if ((rows as number) < (people as number)) {
    io.stderr(`--rows must be at least --people\n\n${safetySampleUsage}`);
    return exitCodes.usage;
  }
  const out = fs.createWriteStream(values.out, { highWaterMark: 1 << 22 });
  let buf = csvHeader;
  for (const r of generateDispensings({ people: people as number, rows: rows as number, seed: seed as number })) {
    buf += toCsvLine(r);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  io.stdout(`Wrote ${rows} dispensings for ${people} people to ${values.out}.\n`);
  return exitCodes.ok;
}

export const safetyReportUsage = `Usage: continuum safety report [--days N] [--out DIR] [--json]

The prescriber feedback report over the network's own dispensing records (opioid, benzodiazepine,
MOUD and naloxone care events in the database): the population screening's rules, per prescriber,
as counts of people and rates. Aggregates only; cells counting 1–10 people are suppressed. Records
from Part 2 programs are not used. The run is written to the audit trail.

Writes into --out: prescriber-report.csv and prescriber-report.json.

  --days N     fills in the last N days, 30 to 730 (default 365)
  --out DIR    output directory (default: the current directory)
  --json       print the report as JSON instead of a summary
  -h, --help   show this help

Exit codes: 0 ok, 1 failure, 2 usage error.
`;

/** \`continuum safety report\` */
export async function safetyReport(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { days: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${safetyReportUsage}`);
    return exitCodes.usage;
  }
  if (values.help) {
    io.stdout(safetyReportUsage);
    return exitCodes.ok;
  }
  const days = positiveInt(values.days, '--days', 365, 730);
  if (typeof days === 'string' || days < 30) {
    io.stderr(`${typeof days === 'string' ? days : '--days must be at least 30'}\n\n${safetyReportUsage}`);
    return exitCodes.usage;
  }
  const outDir = values.out ?? '.';
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch {
    io.stderr(`cannot create ${outDir}\n`);
    return exitCodes.failure;
  }
  const { db, close } = await io.openDb();
  try {
    const report = await prescriberReport(db, io.clock, systemAccess('continuum safety report'), drugKnowledge(), { days });
    await fs.promises.writeFile(path.join(outDir, 'prescriber-report.csv'), stringifySync(reportCsvRecords(report)));
    await fs.promises.writeFile(path.join(outDir, 'prescriber-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (values.json) io.stdout(`${JSON.stringify(report)}\n`);
    else {
      const n = (v: number | null) => (v === null ? 'fewer than 11' : String(v));
      io.stdout(
        [
          `Prescriber report ${report.from} to ${report.to}: ${report.rowsRead} dispensings, ${n(report.network.peopleWithOpioids)} people with opioids, ${n(report.network.flaggedPeople)} flagged, ${report.prescribers.length} prescribers.`,
          ...report.network.rules.map((c) => `  ${c.rule.padEnd(36)} ${n(c.count)}`),
          `Written to ${path.join(outDir, 'prescriber-report.csv')} and prescriber-report.json.`,
          '',
        ].join('\n'),
      );
    }
    return exitCodes.ok;
  } finally {
    await close();
  }
}
