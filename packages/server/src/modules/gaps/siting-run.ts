import { gapsSitingInputSchema, type GapsSitingInput, type GapsSitingResult } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { costSourceFor } from './accessibility.ts';
import type { TravelZone } from './e2sfca.ts';
import { requireGapsRole } from './gaps-policy.ts';
import { assessNeed } from './need.ts';
import { RoutingError } from './osrm.ts';
import { regionalOverdoseRate } from './run-compute.ts';
import { runSnapshot } from './run-read.ts';
import { siteCandidate } from './siting.ts';

/**
 * What-if siting against a stored run: its snapshot and parameters, one more service at the
 * candidate site. Reads only; nothing is stored or audited (no state changes).
 */
export async function siteOnRun(
  db: DbOrTrx,
  access: AccessContext,
  runId: string,
  body: GapsSitingInput,
  settings: { routingUrl: string | null },
): Promise<GapsSitingResult> {
  requireGapsRole(access);
  const input = gapsSitingInputSchema.parse(body);
  const { snapshot, parameters } = await runSnapshot(db, runId);
  const need = assessNeed(snapshot.areas);
  const names = new Map(snapshot.areas.map((a) => [a.id, a.name]));
  // The run's own cost source: a straight-line run is sited in miles even if routing was set up since.
  const source = parameters.routing === 'osrm' ? costSourceFor(settings.routingUrl) : costSourceFor(null);
  if (parameters.routing === 'osrm' && settings.routingUrl === null) {
    throw new AppError('NOT_READY', { message: 'This run used travel times; set CONTINUUM_ROUTING_URL to site against it.' });
  }
  let result;
  try {
    result = await siteCandidate(need.areas, snapshot.points[input.category] ?? [], input, {
      zones: parameters.zones as TravelZone[],
      desertDistance: parameters.desertDistance as number,
      source,
      regionalOverdoseRate: regionalOverdoseRate(need.areas),
    });
  } catch (error) {
    if (error instanceof RoutingError) throw new AppError('NOT_READY', { message: error.message });
    throw error;
  }
  return {
    category: input.category,
    distanceDesertsBefore: result.distanceDesertsBefore,
    distanceDesertsAfter: result.distanceDesertsAfter,
    capacityDesertsBefore: result.capacityDesertsBefore,
    capacityDesertsAfter: result.capacityDesertsAfter,
    supplyDelivered: result.supplyDelivered,
    changed: result.changed.map((c) => ({ ...c, areaName: names.get(c.areaId) ?? c.areaId })),
  };
}
