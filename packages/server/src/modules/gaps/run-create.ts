import { gapsRunInputSchema, type GapsRun, type GapsRunInput } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { costSourceFor, costUnitOf } from './accessibility.ts';
import { requireGapsRole } from './gaps-policy.ts';
import { RoutingError } from './osrm.ts';
import { computeRun, runParameters } from './run-compute.ts';
import { gatherInputs } from './run-inputs.ts';
import { readGapsRun } from './run-read.ts';

/**
 * A needs-and-gaps run: gather the inputs (areas, OUD estimates, overdoses, the directory), compute
 * every category, and store the run with its parameters, the inputs' dates, the snapshot and one
 * result row per category and area, audited, in one transaction.
 */
export async function createGapsRun(
  db: Db,
  clock: Clock,
  access: AccessContext,
  body: GapsRunInput,
  settings: { routingUrl: string | null },
): Promise<GapsRun> {
  requireGapsRole(access);
  const input = gapsRunInputSchema.parse(body);
  const parameters = runParameters(input);
  const source = costSourceFor(settings.routingUrl);
  const now = clock.now();
  const { snapshot, dates } = await gatherInputs(db, now, parameters.overdoseDays, parameters.areaKind);
  let computed;
  try {
    computed = await computeRun(snapshot, parameters, source);
  } catch (error) {
    if (error instanceof RoutingError) throw new AppError('NOT_READY', { message: error.message });
    throw error;
  }
  const byArea = new Map(computed.need.areas.map((a) => [a.id, a]));
  const summary = computed.categories.map(({ category, gaps }) => ({
    category,
    regionalAccess: gaps.regionalAccess,
    capacityKnown: gaps.capacityKnown,
    supplyPoints: gaps.supplyPoints,
    distanceDeserts: gaps.areas.filter((g) => g.distanceDesert).length,
    capacityDeserts: gaps.areas.filter((g) => g.capacityDesert).length,
    shortfall: gaps.areas.reduce((s, g) => s + g.shortfall, 0),
  }));
  const id = await db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('gaps_runs')
      .values({
        created_at: now,
        created_by_user_id: actorUserId(access),
        parameters: JSON.stringify({ ...parameters, unit: costUnitOf(source), routing: source.kind }),
        inputs: JSON.stringify({
          ...dates,
          prevalence: computed.need.summary.prevalence,
          areasWithEstimate: computed.need.summary.areasWithEstimate,
        }),
        summary: JSON.stringify(summary),
        snapshot: JSON.stringify(snapshot),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = computed.categories.flatMap(({ category, gaps }) =>
      gaps.areas.map((g) => {
        const a = byArea.get(g.areaId)!;
        return {
          run_id: run.id,
          category,
          area_id: g.areaId,
          population: a.population,
          oud_estimate: a.oudEstimate,
          demand: g.demand,
          demand_basis: a.demandBasis,
          overdoses: a.overdosesShown,
          overdoses_suppressed: a.overdosesSuppressed,
          overdose_rate: a.overdoseRate,
          accessibility: g.accessibility,
          relative_access: g.relativeAccess,
          shortfall: g.shortfall,
          unmet_need: g.unmetNeed,
          services_in_reach: g.servicesInReach,
          nearest: g.nearest,
          distance_desert: g.distanceDesert,
          capacity_desert: g.capacityDesert,
          reasons: g.reasons,
        };
      }),
    );
    for (let start = 0; start < rows.length; start += 1000)
      await trx
        .insertInto('gaps_results')
        .values(rows.slice(start, start + 1000))
        .execute();
    await recordAudit(trx, clock, access, {
      action: 'gaps.run.create',
      entityType: 'gaps_run',
      entityId: run.id,
      details: { categories: parameters.categories.length, areas: snapshot.areas.length, routing: source.kind },
    });
    return run.id;
  });
  const { results: _results, ...run } = await readGapsRun(db, access, id, {});
  return run;
}
