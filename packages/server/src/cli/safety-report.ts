import { csvStringifyCast } from '../core/csv.ts';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { drugKnowledge, prescriberReport, reportCsvRecords } from '../modules/safety/index.ts';
import { systemAccess } from '../core/access-context.ts';
import { exitCodes, positiveInt, type CliIo } from './cli-io.ts';

/* `continuum safety report`: the prescriber feedback report, as CSV files or JSON. */

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
    await fs.promises.writeFile(
      path.join(outDir, 'prescriber-report.csv'),
      stringifySync(reportCsvRecords(report), { cast: csvStringifyCast }),
    );
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
