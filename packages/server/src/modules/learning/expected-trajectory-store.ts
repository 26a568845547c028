import {
  expectedPointSchema,
  scenarioRoles,
  type ChartExpected,
  type ExpectedTrajectory,
  type TrajectoryMeasureId,
} from '@continuum/contracts';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { actorUserId, hasRole, type AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';
import { userDisplayNameOf } from '../identity/index.ts';
import { compareWithExpected, lastShownBefore, projectionPoints, trajectoryScale } from './expected-trajectory.ts';
import { requireStaff } from './learning-policy.ts';
import { latestRun, readResults } from './read.ts';

/*
 * Expected trajectories (docs/analytics.md, "Expected trajectory"): a scenario run's projection of one
 * monthly count, stored scaled and placed on the calendar, listed, removed, and compared on the chart with
 * the observed months. Pinned and removed by the roles that run scenarios; audited. Not person-level.
 */

/** Pinning and removing: the roles that run scenarios (network administrators, analysts, care coordinators). */
export function requirePinTrajectory(access: AccessContext): void {
  if (!scenarioRoles.some((role) => hasRole(access, role))) throw new AppError('FORBIDDEN');
}

export interface PinInput {
  measureId: TrajectoryMeasureId;
  scenarioRunId: string;
  runName: string;
  scenario: string;
  startMonth: string;
  /** The model's monthly series (month 1 = the first projected month), unscaled. */
  series: readonly { month: number; median: number; low: number; high: number }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pointsSchema = z.array(expectedPointSchema);

type Row = {
  id: string;
  measure_id: TrajectoryMeasureId;
  scenario_run_id: string;
  run_name: string;
  scenario: string;
  start_month: string;
  scale: number;
  scale_note: string;
  points: unknown;
  created_at: unknown;
  created_by: string | null;
};

function toTrajectory(r: Row): ExpectedTrajectory {
  return {
    id: r.id,
    measureId: r.measure_id,
    scenarioRunId: r.scenario_run_id,
    runName: r.run_name,
    scenario: r.scenario,
    startMonth: r.start_month,
    scale: Number(r.scale),
    scaleNote: r.scale_note,
    points: pointsSchema.parse(typeof r.points === 'string' ? JSON.parse(r.points) : r.points),
    createdAt: new Date(String(r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at)).toISOString(),
    createdByName: r.created_by,
  };
}

const selectRows = (db: DbOrTrx) =>
  db
    .selectFrom('learning_expected_trajectories')
    .select([
      'id',
      'measure_id',
      'scenario_run_id',
      'run_name',
      'scenario',
      'start_month',
      'scale',
      'scale_note',
      'points',
      'created_at',
      userDisplayNameOf('learning_expected_trajectories.created_by_user_id').as('created_by'),
    ]);

/** Stores a projection as the expected trajectory of a monthly count; audited. The caller checks the run. */
export async function pinExpectedTrajectory(db: Db, clock: Clock, access: AccessContext, input: PinInput): Promise<ExpectedTrajectory> {
  requirePinTrajectory(access);
  const run = await latestRun(db);
  const observed = run
    ? ((await readResults(db, { from: run.period_from, to: run.period_to }, [input.measureId])).results[0]?.months ?? [])
    : [];
  const { scale, note } = trajectoryScale(input.measureId, lastShownBefore(observed, input.startMonth), input.series[0]?.median ?? null);
  const points = projectionPoints(input.series, input.startMonth, scale);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('learning_expected_trajectories')
      .values({
        measure_id: input.measureId,
        scenario_run_id: input.scenarioRunId,
        run_name: input.runName,
        scenario: input.scenario,
        start_month: input.startMonth,
        scale,
        scale_note: note,
        points: JSON.stringify(points),
        created_by_user_id: actorUserId(access),
        created_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'learning.expected-trajectory.pin',
      entityType: 'learning_expected_trajectory',
      entityId: row.id,
      details: { measureId: input.measureId, scenarioRunId: input.scenarioRunId, startMonth: input.startMonth, scale },
    });
    return row.id;
  });
  return toTrajectory((await selectRows(db).where('id', '=', id).executeTakeFirstOrThrow()) as Row);
}

/** Pinned trajectories, newest first (for one measure, or all). Every staff member, as the network charts. */
export async function listExpectedTrajectories(
  db: DbOrTrx,
  access: AccessContext,
  measureId?: TrajectoryMeasureId,
): Promise<ExpectedTrajectory[]> {
  requireStaff(access);
  const rows = await selectRows(db)
    .$if(measureId !== undefined, (qb) => qb.where('measure_id', '=', measureId!))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => toTrajectory(r as Row));
}

export async function removeExpectedTrajectory(db: Db, clock: Clock, access: AccessContext, id: string): Promise<void> {
  requirePinTrajectory(access);
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', { message: 'No such expected trajectory.' });
  await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('learning_expected_trajectories').where('id', '=', id).returning(['measure_id']).executeTakeFirst();
    if (!gone) throw new AppError('NOT_FOUND', { message: 'No such expected trajectory.' });
    await recordAudit(trx, clock, access, {
      action: 'learning.expected-trajectory.remove',
      entityType: 'learning_expected_trajectory',
      entityId: id,
      details: { measureId: gone.measure_id },
    });
  });
}

/**
 * The latest pinned trajectory of a count on its network chart, with where each shown month fell and the
 * reading. Network-wide only: the model is the whole community.
 */
export async function expectedForChart(
  db: DbOrTrx,
  access: AccessContext,
  measureId: TrajectoryMeasureId,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<ChartExpected | null> {
  const [latest] = await listExpectedTrajectories(db, access, measureId);
  if (!latest) return null;
  const observed = (await readResults(db, q, [measureId])).results[0]?.months ?? [];
  return { trajectory: latest, ...compareWithExpected(observed, latest.points) };
}
