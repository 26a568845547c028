import { straightLineLinks, type GeoPoint } from './catchment-links.ts';
import {
  catchmentOf,
  e2sfca,
  LUO_QI_ZONES,
  validateZones,
  type AccessibilityResult,
  type CatchmentLinks,
  type TravelZone,
} from './e2sfca.ts';
import { travelTimeLinks, type OsrmOptions } from './osrm.ts';

/**
 * E2SFCA over places: areas (centroid + demand) and services (point + supply). Costs are
 * straight-line miles unless a routing server is given, then OSRM driving minutes; the zones are
 * read in that unit.
 */
export type CostSource = { readonly kind: 'straight_line' } | { readonly kind: 'osrm'; readonly options: OsrmOptions };

export interface DemandPoint extends GeoPoint {
  readonly demand: number;
}
export interface SupplyPoint extends GeoPoint {
  readonly supply: number;
}

export const costUnitOf = (source: CostSource): 'miles' | 'minutes' => (source.kind === 'osrm' ? 'minutes' : 'miles');

/** The cost source a deployment configured: OSRM when CONTINUUM_ROUTING_URL is set, else straight lines. */
export function costSourceFor(routingUrl: string | null | undefined): CostSource {
  return routingUrl ? { kind: 'osrm', options: { baseUrl: routingUrl } } : { kind: 'straight_line' };
}

export async function catchmentLinks(
  areas: readonly GeoPoint[],
  services: readonly GeoPoint[],
  zones: readonly TravelZone[],
  source: CostSource,
): Promise<CatchmentLinks> {
  const problems = validateZones(zones);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const reach = catchmentOf(zones);
  return source.kind === 'osrm' ? travelTimeLinks(areas, services, reach, source.options) : straightLineLinks(areas, services, reach);
}

export interface PlaceAccessibility extends AccessibilityResult {
  readonly links: CatchmentLinks;
  readonly unit: 'miles' | 'minutes';
}

export async function accessibilityOfPlaces(
  areas: readonly DemandPoint[],
  services: readonly SupplyPoint[],
  zones: readonly TravelZone[] = LUO_QI_ZONES,
  source: CostSource = { kind: 'straight_line' },
): Promise<PlaceAccessibility> {
  const links = await catchmentLinks(areas, services, zones, source);
  const result = e2sfca({
    demand: areas.map((a) => a.demand),
    supply: services.map((s) => s.supply),
    links,
    zones,
  });
  return { ...result, links, unit: costUnitOf(source) };
}
