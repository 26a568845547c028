import type { ExpectedTrajectory, PinExpectedTrajectory, TrajectoryMeasureId } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { AppError } from '../../errors.ts';
import { pinExpectedTrajectory } from '../learning/index.ts';
import { readScenarioRun } from './run-read.ts';

/** Which of a scenario's monthly series each learning count is. */
const seriesOf = {
  overdose_deaths: 'fatalOverdoses',
  nonfatal_overdoses: 'nonFatalOverdoses',
  people_in_moud: 'inMoud',
} as const satisfies Record<TrajectoryMeasureId, 'fatalOverdoses' | 'nonFatalOverdoses' | 'inMoud'>;

/**
 * Pins one scenario of a finished run (or its "Today" baseline) as the expected trajectory of a learning
 * count (docs/scenarios.md, "On the learning dashboard"). The learning module stores, scales and audits it.
 */
export async function pinRunAsExpected(
  db: Db,
  clock: Clock,
  access: AccessContext,
  runId: string,
  body: PinExpectedTrajectory,
): Promise<ExpectedTrajectory> {
  const run = await readScenarioRun(db, access, runId);
  if (run.status !== 'done' || !run.result)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'id', message: 'The run has not finished: pin it once it is done' }] });
  const summary = [run.result.baseline, ...run.result.scenarios].find((s) => s.name === body.scenario);
  if (!summary)
    throw new AppError('VALIDATION_FAILED', {
      fields: [
        {
          path: 'scenario',
          message: `No scenario of that name in the run (${[run.result.baseline, ...run.result.scenarios].map((s) => s.name).join(', ')})`,
        },
      ],
    });
  return pinExpectedTrajectory(db, clock, access, {
    measureId: body.measureId,
    scenarioRunId: run.id,
    runName: run.name,
    scenario: summary.name,
    startMonth: body.startMonth ?? run.createdAt.slice(0, 7),
    series: summary.monthly[seriesOf[body.measureId]],
  });
}
