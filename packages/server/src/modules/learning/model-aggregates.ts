import type { DbOrTrx } from '../../db/database.ts';
import { monthRange, NETWORK } from './aggregate.ts';
import { areaEstimates } from './estimates.ts';
import { latestRun } from './read.ts';

/**
 * The network-wide aggregates the scenario model is calibrated to (docs/scenarios.md): the OUD estimate
 * summed over areas, MOUD treatment starts by month (the denominator of retention at 30 days) and
 * retention at 180 days over the latest finished run. True counts, no person and nothing finer than the
 * network; the scenarios module suppresses small observed counts before anything is shown.
 */
export interface ModelAggregates {
  readonly estimate: { readonly total: number; readonly low: number | null; readonly high: number | null; readonly areas: number } | null;
  readonly run: { readonly from: string; readonly to: string } | null;
  readonly moudStartsByMonth: readonly { readonly month: string; readonly starts: number }[];
  readonly retention180: { readonly numerator: number; readonly denominator: number } | null;
}

export async function modelAggregates(db: DbOrTrx): Promise<ModelAggregates> {
  const estimates = await areaEstimates(db);
  const estimate =
    estimates.length === 0
      ? null
      : {
          total: estimates.reduce((s, e) => s + e.estimated, 0),
          low: estimates.every((e) => e.low !== null) ? estimates.reduce((s, e) => s + e.low!, 0) : null,
          high: estimates.every((e) => e.high !== null) ? estimates.reduce((s, e) => s + e.high!, 0) : null,
          areas: estimates.length,
        };
  const run = await latestRun(db);
  if (!run) return { estimate, run: null, moudStartsByMonth: [], retention180: null };
  const rows = await db
    .selectFrom('learning_results')
    .select(['measure_id', 'month', 'numerator', 'denominator'])
    .where('run_id', '=', run.id)
    .where('scope', '=', NETWORK)
    .where('dimension', '=', 'all')
    .where('measure_id', 'in', ['retention_30', 'retention_180'])
    .execute();
  const starts = new Map<string, number>();
  let numerator = 0;
  let denominator = 0;
  for (const r of rows) {
    if (r.measure_id === 'retention_30') starts.set(r.month, (starts.get(r.month) ?? 0) + Number(r.denominator));
    else {
      numerator += Number(r.numerator);
      denominator += Number(r.denominator);
    }
  }
  return {
    estimate,
    run: { from: run.period_from, to: run.period_to },
    moudStartsByMonth: monthRange(run.period_from, run.period_to).map((month) => ({ month, starts: starts.get(month) ?? 0 })),
    retention180: denominator > 0 ? { numerator, denominator } : null,
  };
}
