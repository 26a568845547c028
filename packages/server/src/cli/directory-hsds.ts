import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { systemAccess } from '../core/access-context.ts';
import {
  loadHsdsRows,
  organizationsFull,
  servicesFull,
  taxonomiesToHsds,
  importHsds,
  type HsdsSource,
  validateHsds,
  type HsdsIssue,
  readTabular,
  writeTabular,
} from '../modules/directory/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

export const importHsdsUsage = `Usage: continuum directory import-hsds <file|folder> [--dry-run] [--json]

Imports Open Referral HSDS 3.0 into the directory: a JSON file (organization_full, service_full or
service_at_location_full objects, a list of them, or an HSDS API page), a folder of such JSON files
(an export folder: its organizations.json), or a tabular data package folder (organizations.csv, …).
Every record is validated against the official schemas; any invalid record is reported with its
path and reason and nothing is changed. --dry-run checks everything and changes nothing.
`;

export const exportHsdsUsage = `Usage: continuum directory export-hsds --out <folder> [--format json|csv] [--json]

Writes the directory as Open Referral HSDS 3.0: with --format json (default) organizations.json
(organization_full), services.json (service_full), taxonomies.json and taxonomy_terms.json; with
--format csv the tabular data package (one CSV per object type and datapackage.json).
Every exported object is validated against the official schemas first.
`;

function readSources(target: string): HsdsSource[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [{ name: path.basename(target), value: JSON.parse(fs.readFileSync(target, 'utf8')) as unknown }];
  const files = fs.readdirSync(target).sort();
  if (files.includes('organizations.csv') || files.includes('services.csv'))
    return [{ name: path.basename(target), value: readTabular(target) }];
  const json = files.includes('organizations.json')
    ? ['organizations.json']
    : files.filter((f) => f.endsWith('.json') && !f.startsWith('taxonom'));
  return json.map((f) => ({ name: f, value: JSON.parse(fs.readFileSync(path.join(target, f), 'utf8')) as unknown }));
}

/** `continuum directory import-hsds`: all-or-nothing import, issues to stderr with path and reason. */
export async function directoryImportHsds(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${importHsdsUsage}`);
    return exitCodes.usage;
  }
  if (parsed.values.help) {
    io.stdout(importHsdsUsage);
    return exitCodes.ok;
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) {
    io.stderr(importHsdsUsage);
    return exitCodes.usage;
  }
  let sources: HsdsSource[];
  try {
    sources = readSources(target);
  } catch (error) {
    io.stderr(`import-hsds: cannot read ${target}: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    return exitCodes.failure;
  }
  const started = io.clock.now().getTime();
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    const report = await importHsds(db, io.clock, systemAccess('HSDS import'), sources, { dryRun: parsed.values['dry-run'] === true });
    const elapsedMs = io.clock.now().getTime() - started;
    if (parsed.values.json) io.stdout(`${JSON.stringify({ ...report, elapsedMs })}\n`);
    if (!report.ok) {
      for (const issue of report.issues) io.stderr(`${issue.path}: ${issue.reason}\n`);
      io.stderr(`import-hsds: ${report.issues.length} invalid record(s); nothing was changed.\n`);
      return exitCodes.failure;
    }
    if (!parsed.values.json) {
      const c = report.counts;
      io.stdout(
        `${report.dryRun ? 'Checked (dry run, nothing changed)' : 'Imported'}: ${c.organizations} organizations, ${c.locations} locations, ${c.services} services, ` +
          `${c.serviceAtLocations} service locations, ${c.schedules} opening periods, ${c.capacities} capacity figures. Took ${elapsedMs} ms.\n`,
      );
    }
    return exitCodes.ok;
  } finally {
    await close();
  }
}

/** `continuum directory export-hsds`: validated HSDS JSON or the tabular data package. */
export async function directoryExportHsds(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${exportHsdsUsage}`);
    return exitCodes.usage;
  }
  if (parsed.values.help) {
    io.stdout(exportHsdsUsage);
    return exitCodes.ok;
  }
  const format = parsed.values.format ?? 'json';
  if (!parsed.values.out || (format !== 'json' && format !== 'csv')) {
    io.stderr(exportHsdsUsage);
    return exitCodes.usage;
  }
  const out = parsed.values.out;
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    const rows = await loadHsdsRows(db);
    const organizations = organizationsFull(rows);
    const services = servicesFull(rows);
    const { taxonomies, terms } = await taxonomiesToHsds(db);
    const issues: HsdsIssue[] = [
      ...organizations.flatMap((o, i) => validateHsds('organization', o, `organizations.json/${i}`)),
      ...services.flatMap((s, i) => validateHsds('service', s, `services.json/${i}`)),
      ...taxonomies.flatMap((t, i) => validateHsds('taxonomy', t, `taxonomies.json/${i}`)),
      ...terms.flatMap((t, i) => validateHsds('taxonomy_term', t, `taxonomy_terms.json/${i}`)),
    ];
    if (issues.length > 0) {
      for (const issue of issues) io.stderr(`${issue.path}: ${issue.reason}\n`);
      io.stderr('export-hsds: the export does not validate; nothing was written.\n');
      return exitCodes.failure;
    }
    fs.mkdirSync(out, { recursive: true });
    let files: string[];
    if (format === 'csv') files = writeTabular(out, organizations);
    else {
      const write = (file: string, value: unknown) => fs.writeFileSync(path.join(out, file), `${JSON.stringify(value, null, 2)}\n`);
      write('organizations.json', organizations);
      write('services.json', services);
      write('taxonomies.json', taxonomies);
      write('taxonomy_terms.json', terms);
      files = ['organizations.json', 'services.json', 'taxonomies.json', 'taxonomy_terms.json'];
    }
    const summary = {
      format,
      out,
      files,
      organizations: organizations.length,
      services: services.length,
      locations: rows.locations.length,
    };
    io.stdout(
      parsed.values.json
        ? `${JSON.stringify(summary)}\n`
        : `Exported ${summary.organizations} organizations, ${summary.locations} locations and ${summary.services} services as HSDS 3.0 ${format.toUpperCase()} to ${out}.\n`,
    );
    return exitCodes.ok;
  } finally {
    await close();
  }
}
