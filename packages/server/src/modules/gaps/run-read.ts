import { csvField } from '../../core/csv.ts';
import { gapsRunSchema, type GapCategory, type GapsAreaResult, type GapsRun, type GapsRunDetail } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { userDisplayNameOf } from '../identity/index.ts';
import { requireGapsRole } from './gaps-policy.ts';
import type { GapsRunRow } from './gaps.table.ts';
import type { GapsSnapshot } from './run-inputs.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRun(row: Omit<GapsRunRow, 'snapshot'> & { created_by: string | null }): GapsRun {
  const p = row.parameters as Record<string, unknown>;
  return gapsRunSchema.parse({
    id: row.id,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    unit: p.unit,
    routing: p.routing,
    zones: p.zones,
    desertDistance: p.desertDistance,
    categories: p.categories,
    areaKind: p.areaKind ?? null,
    inputs: row.inputs,
    summary: row.summary,
  });
}

const runColumns = ['id', 'created_at', 'created_by_user_id', 'parameters', 'inputs', 'summary'] as const;

/** The latest runs, newest first. */
export async function listGapsRuns(db: DbOrTrx, access: AccessContext, limit = 50): Promise<GapsRun[]> {
  requireGapsRole(access);
  const rows = await db
    .selectFrom('gaps_runs')
    .select([...runColumns, userDisplayNameOf('gaps_runs.created_by_user_id').as('created_by')])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

/** A run with its results (one category, or all), worst-served first within each category. */
export async function readGapsRun(
  db: DbOrTrx,
  access: AccessContext,
  id: string,
  query: { category?: GapCategory },
): Promise<GapsRunDetail> {
  requireGapsRole(access);
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', { message: 'No such run.' });
  const row = await db
    .selectFrom('gaps_runs')
    .select([...runColumns, userDisplayNameOf('gaps_runs.created_by_user_id').as('created_by')])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { message: 'No such run.' });
  let q = db
    .selectFrom('gaps_results as r')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .selectAll('r')
    .select('a.name as area_name')
    .where('r.run_id', '=', id);
  if (query.category) q = q.where('r.category', '=', query.category);
  const results = await q.orderBy('r.category').orderBy('r.shortfall', 'desc').orderBy('r.accessibility').orderBy('r.area_id').execute();
  return {
    ...toRun(row),
    results: results.map((r): GapsAreaResult => ({
      category: r.category as GapCategory,
      areaId: r.area_id,
      areaName: r.area_name,
      population: r.population,
      oudEstimate: r.oud_estimate,
      demand: r.demand,
      demandBasis: r.demand_basis,
      overdoses: r.overdoses,
      overdosesSuppressed: r.overdoses_suppressed,
      overdoseRate: r.overdose_rate,
      accessibility: r.accessibility,
      relativeAccess: r.relative_access,
      shortfall: r.shortfall,
      unmetNeed: r.unmet_need,
      servicesInReach: r.services_in_reach,
      nearest: r.nearest,
      distanceDesert: r.distance_desert,
      capacityDesert: r.capacity_desert,
      reasons: r.reasons as GapsAreaResult['reasons'],
    })),
  };
}

/** The stored inputs of a run, for siting and recomputation (trusted callers in this module). */
export async function runSnapshot(db: DbOrTrx, id: string): Promise<{ snapshot: GapsSnapshot; parameters: Record<string, unknown> }> {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', { message: 'No such run.' });
  const row = await db.selectFrom('gaps_runs').select(['snapshot', 'parameters']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { message: 'No such run.' });
  return { snapshot: row.snapshot as unknown as GapsSnapshot, parameters: row.parameters };
}

// Every value written by the shared CSV helper: quoted when needed, a leading formula character escaped.
const csvCell = (v: unknown): string =>
  csvField(v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : typeof v === 'number' ? v : String(v));

export const CSV_COLUMNS = [
  'category',
  'areaId',
  'areaName',
  'population',
  'oudEstimate',
  'demand',
  'demandBasis',
  'overdoses',
  'overdosesSuppressed',
  'overdoseRate',
  'accessibility',
  'relativeAccess',
  'shortfall',
  'unmetNeed',
  'servicesInReach',
  'nearest',
  'distanceDesert',
  'capacityDesert',
  'reasons',
] as const satisfies readonly (keyof GapsAreaResult)[];

/** The run's results as CSV (suppressed overdose counts stay empty). */
export async function gapsRunCsv(db: DbOrTrx, access: AccessContext, id: string, query: { category?: GapCategory }): Promise<string> {
  const run = await readGapsRun(db, access, id, query);
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of run.results) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
