import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { systemAccess } from '../core/access-context.ts';
import { csvRows, fhirRows, importCareEvents, jsonRows, defaultPeriod, recomputeNow } from '../modules/learning/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';
import { findOrganization } from '../modules/organizations/index.ts';

export const eventsImportUsage = `Usage: continuum events import <file> --organization <id> [--format csv|json|fhir] [--dry-run] [--json]

Imports care events as the organization given (docs/measures.md, "Import"): a CSV file, a JSON
file (a list of { person, event } rows, or { items: [...] }), or a FHIR R4 Bundle. Every row is
checked first; any error is reported by row and field and nothing is written. Events whose
external id the organization already sent are skipped. The format follows the file's extension
unless --format is given. --dry-run checks everything and writes nothing.
`;

export const measuresComputeUsage = `Usage: continuum measures compute [--from YYYY-MM] [--to YYYY-MM] [--json]

Computes the cascade and every measure for the months given (default: the 24 months up to this
one) and stores them for the dashboard, as the daily job does.
`;

/** \`continuum events import\`: all-or-nothing care-event import, errors to stderr with row and field. */
export async function eventsImport(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { organization: { type: 'string' }, format: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${eventsImportUsage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  const ext = file ? path.extname(file).slice(1).toLowerCase() : '';
  const format = values.format ?? (ext === 'csv' ? 'csv' : ext === 'json' ? 'json' : undefined);
  if (positionals.length !== 1 || !values.organization || (format !== 'csv' && format !== 'json' && format !== 'fhir')) {
    io.stderr(`give one file, --organization, and a format (csv, json or fhir)\n\n${eventsImportUsage}`);
    return exitCodes.usage;
  }
  let text: string;
  try {
    text = fs.readFileSync(file!, 'utf8');
  } catch {
    io.stderr('The file could not be read.\n');
    return exitCodes.failure;
  }
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    const org = await findOrganization(db, values.organization);
    if (!org) {
      io.stderr('No organization with that id.\n');
      return exitCodes.failure;
    }
    let body: unknown = null;
    if (format !== 'csv') body = JSON.parse(text);
    const json = format === 'json' ? (Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? [])) : [];
    const fhir = format === 'fhir' ? fhirRows(body) : null;
    const rows = format === 'csv' ? csvRows(text) : format === 'json' ? jsonRows(json) : fhir!.rows;
    const result = await importCareEvents(db, io.clock, systemAccess('continuum events import'), org.id, format, rows, {
      dryRun: values['dry-run'] ?? false,
      skipped: fhir?.skipped ?? 0,
    });
    for (const e of result.errors) io.stderr(`row ${e.row}: ${e.field}: ${e.message}\n`);
    io.stdout(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `${result.applied ? 'applied' : 'not applied'}: ${result.received} rows, ${result.written} written, ${result.alreadyPresent} already present, ${result.skipped} skipped, ${result.errors.length} errors\n`,
    );
    return result.errors.length > 0 ? exitCodes.failure : exitCodes.ok;
  } catch (error) {
    if (error instanceof AppError || error instanceof SyntaxError) {
      const fields = error instanceof AppError ? (error.fields ?? []).map((f) => `${f.path}: ${f.message}`).join('; ') : 'not valid JSON';
      io.stderr(`${error.message}${fields ? ` (${fields})` : ''}\n`);
      return exitCodes.failure;
    }
    throw error;
  } finally {
    await close();
  }
}

/** \`continuum measures compute\`: one computation run, now. */
export async function measuresCompute(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${measuresComputeUsage}`);
    return exitCodes.usage;
  }
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  const period = {
    ...defaultPeriod(io.clock),
    ...(parsed.values.from ? { from: parsed.values.from } : {}),
    ...(parsed.values.to ? { to: parsed.values.to } : {}),
  };
  if (!month.test(period.from) || !month.test(period.to) || period.from > period.to) {
    io.stderr(`--from and --to are months (YYYY-MM), from not after to\n\n${measuresComputeUsage}`);
    return exitCodes.usage;
  }
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    const started = Date.now();
    const run = await recomputeNow(db, io.clock, systemAccess('continuum measures compute'), period);
    io.stdout(
      parsed.values.json
        ? `${JSON.stringify({ ...run, period, seconds: (Date.now() - started) / 1000 })}\n`
        : `computed ${period.from}..${period.to}: ${run.people} people, ${run.events} events, ${run.results + run.cascade} cells in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return exitCodes.ok;
  } finally {
    await close();
  }
}
