import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { boundaryKinds, type BoundaryImportResult, type BoundaryKind } from '@continuum/contracts';
import { systemAccess } from '../core/access-context.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { importAreaBoundaries, importUsCounties } from '../modules/geography/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

export const areasImportUsage = `Usage: continuum areas import <file.geojson|file.topojson> --kind <county|tract|zcta|service_area> --source <text>
         [--id <property>] [--name <property>] [--population <property>] [--postal-code <property>]
         [--attribute <property>]... [--object <topojson object>] [--populations <file.csv>] [--simplify <deg²>] [--json]

Imports areas and their boundaries from a GeoJSON FeatureCollection or a TopoJSON Topology (WGS 84
longitude/latitude). Every ring must be closed; rings are wound per RFC 7946; each problem names the
feature and nothing is changed. --populations reads a CSV with the columns id,population (the file's
own ids). Area ids become <kind>-<id>.
`;

export const areasCountiesUsage = `Usage: continuum areas import-counties --states <FIPS,FIPS,...> --populations <file.csv> [--json]

Imports US counties from the boundaries shipped with Continuum (us-atlas, US Census Bureau 1:10,000,000)
for the given two-digit state FIPS codes. --populations is a CSV with the columns id,population, id the
five-digit county FIPS code (e.g. from the Census Bureau's county population estimates).
`;

function readPopulations(file: string): Record<string, number> {
  const rows = parseCsv(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const out: Record<string, number> = {};
  for (const [i, row] of rows.entries()) {
    const id = row['id'];
    const population = row['population'];
    if (!id || !population || !/^\d+$/.test(population)) throw new Error(`${file}: row ${i + 2} needs an id and a whole-number population`);
    out[id] = Number(population);
  }
  return out;
}

function report(io: CliIo, result: BoundaryImportResult, json: boolean | undefined): void {
  if (json) io.stdout(`${JSON.stringify(result)}\n`);
  else
    io.stdout(
      `Imported ${result.imported} ${result.kind} areas (${result.created} new, ${result.updated} updated); ` +
        `${result.rewoundRings} rings rewound; ${result.verticesBefore} vertices, ${result.verticesAfter} kept for display.\n`,
    );
}

async function runImport(
  io: CliIo,
  work: (db: Parameters<typeof importAreaBoundaries>[0]) => Promise<BoundaryImportResult>,
  json?: boolean,
) {
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    report(io, await work(db), json);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    for (const field of error.fields ?? []) io.stderr(`${field.message}\n`);
    io.stderr(`areas: ${error.message}\n`);
    return exitCodes.failure;
  } finally {
    await close();
  }
}

/** `continuum areas import`: a GeoJSON or TopoJSON file of areas, all or nothing. */
export async function areasImport(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        kind: { type: 'string' },
        source: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        population: { type: 'string' },
        'postal-code': { type: 'string' },
        attribute: { type: 'string', multiple: true },
        object: { type: 'string' },
        populations: { type: 'string' },
        simplify: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${areasImportUsage}`);
    return exitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(areasImportUsage);
    return exitCodes.ok;
  }
  const [file, ...extra] = parsed.positionals;
  const kind = boundaryKinds.filter((k): k is Exclude<BoundaryKind, 'demo'> => k !== 'demo').find((k) => k === v.kind);
  if (!file || extra.length > 0 || !kind || !v.source || (v.simplify !== undefined && !Number.isFinite(Number(v.simplify)))) {
    io.stderr(areasImportUsage);
    return exitCodes.usage;
  }
  let data: Record<string, unknown>;
  let populations: Record<string, number> | undefined;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    populations = v.populations ? readPopulations(v.populations) : undefined;
  } catch (error) {
    io.stderr(`areas import: cannot read ${file}: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    return exitCodes.failure;
  }
  return runImport(
    io,
    (db) =>
      importAreaBoundaries(db, io.clock, systemAccess('area import'), {
        kind,
        data,
        source: v.source!,
        ...(v.id ? { idProperty: v.id } : {}),
        ...(v.name ? { nameProperty: v.name } : {}),
        ...(v.population ? { populationProperty: v.population } : {}),
        ...(v['postal-code'] ? { postalCodeProperty: v['postal-code'] } : {}),
        ...(v.object ? { object: v.object } : {}),
        ...(v.simplify !== undefined ? { simplify: Number(v.simplify) } : {}),
        attributes: v.attribute ?? [],
        ...(populations ? { populations } : {}),
      }),
    v.json,
  );
}

/** `continuum areas import-counties`: the shipped US counties of some states, with populations. */
export async function areasImportCounties(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        states: { type: 'string' },
        populations: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${areasCountiesUsage}`);
    return exitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(areasCountiesUsage);
    return exitCodes.ok;
  }
  if (!v.states || !v.populations) {
    io.stderr(areasCountiesUsage);
    return exitCodes.usage;
  }
  let populations: Record<string, number>;
  try {
    populations = readPopulations(v.populations);
  } catch (error) {
    io.stderr(`areas import-counties: ${error instanceof Error ? error.message : 'cannot read the populations'}\n`);
    return exitCodes.failure;
  }
  const states = v.states.split(',').map((s) => s.trim());
  return runImport(io, (db) => importUsCounties(db, io.clock, systemAccess('county import'), { states, populations }), v.json);
}
