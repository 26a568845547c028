import { csvField } from '../../core/csv.ts';
import { scenarioRunDetailSchema, scenarioRunSchema, type ScenarioRun, type ScenarioRunDetail } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { userDisplayNameOf } from '../identity/index.ts';
import { requireScenarioRole } from './scenarios-policy.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const runColumns = ['id', 'name', 'status', 'progress_done', 'progress_total', 'input', 'error', 'created_at', 'finished_at'] as const;

type RunRow = {
  id: string;
  name: string;
  status: ScenarioRun['status'];
  progress_done: number;
  progress_total: number;
  input: Record<string, unknown>;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
  created_by: string | null;
};

const toRun = (r: RunRow): ScenarioRun =>
  scenarioRunSchema.parse({
    id: r.id,
    name: r.name,
    status: r.status,
    progress: { done: r.progress_done, total: r.progress_total },
    createdAt: iso(r.created_at),
    createdByName: r.created_by,
    finishedAt: iso(r.finished_at),
    error: r.error,
    input: r.input,
  });

/** Every stored run, newest first: runs are shared by everyone who may run scenarios. */
export async function listScenarioRuns(db: DbOrTrx, access: AccessContext, limit = 50): Promise<ScenarioRun[]> {
  requireScenarioRole(access);
  const rows = await db
    .selectFrom('scenario_runs')
    .select([...runColumns, userDisplayNameOf('scenario_runs.created_by_user_id').as('created_by')])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

export async function readScenarioRun(db: DbOrTrx, access: AccessContext, id: string): Promise<ScenarioRunDetail> {
  requireScenarioRole(access);
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', { message: 'No such scenario run.' });
  const row = await db
    .selectFrom('scenario_runs')
    .select([
      ...runColumns,
      'community',
      'calibration',
      'result',
      'tornado',
      'summary',
      userDisplayNameOf('scenario_runs.created_by_user_id').as('created_by'),
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { message: 'No such scenario run.' });
  return scenarioRunDetailSchema.parse({
    ...toRun(row),
    community: row.community,
    calibration: row.calibration,
    result: row.result,
    tornado: row.tornado,
    summary: row.summary,
  });
}

// The shared CSV helper: a scenario's name is typed by a person, so a leading formula character is escaped.
const csvCell = (v: string | number) => csvField(typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);

/** A finished run's monthly projections as CSV: one row per scenario, measure and month with the median and 90% interval. */
export async function scenarioRunCsv(db: DbOrTrx, access: AccessContext, id: string): Promise<string> {
  const run = await readScenarioRun(db, access, id);
  if (!run.result) throw new AppError('CONFLICT', { message: 'The run has not finished.' });
  const lines = ['scenario,measure,month,median,low_5,high_95'];
  for (const s of [run.result.baseline, ...run.result.scenarios])
    for (const [measure, series] of Object.entries(s.monthly))
      for (const p of series) lines.push([csvCell(s.name), measure, p.month, csvCell(p.median), csvCell(p.low), csvCell(p.high)].join(','));
  return `${lines.join('\n')}\n`;
}
