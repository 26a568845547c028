import {
  hubCodes,
  hubMethadoneCodes,
  notSpokeOrganizationTypes,
  spokeCodes,
  type Hub,
  type HubArea,
  type HubLinkBasis,
  type HubPoint,
  type HubSpoke,
} from '@continuum/contracts';
import { complementary, isSmall } from '../learning/index.ts';
import { areaOfPoint, type LocatableArea } from './area-locate.ts';
import type { AreaNeed } from './need.ts';

/*
 * Hub-and-spoke capacity (docs/gaps.md, "Hubs and spokes"), pure. Vermont's model (Brooklyn & Sigmon,
 * J Addict Med 2017;11(4):286–292): a hub is an opioid treatment program (a service coded OTP or METH;
 * 42 CFR 8.12), a spoke an office-based prescriber (a service coded BU or NU at an organization that runs
 * no hub). Per area: the hub and spoke locations, their stated MOUD slots, and the estimated people with
 * OUD, with the slots per person and the shortfall (need − slots), as Jones et al. compare treatment
 * capacity with the number of people with OUD (Am J Public Health 2015;105(8):e55–e63). A hub supports
 * a spoke when a referral pathway in force, an agreement in force or last year's referrals link the two
 * organizations. Referral counts are person counts: 1–10 hidden, with complementary suppression over
 * each hub's spokes (learning's small-cell rules, as the overdose counts in gaps).
 */

/** One MOUD service at one location, with its organization (network member id where it has one). */
export interface MoudPoint {
  readonly serviceId: string;
  readonly codes: readonly string[];
  /** The network organization (a member) the listing belongs to; null for a listing of a non-member. */
  readonly organizationId: string | null;
  /** The directory organization, which names the listing. */
  readonly listingId: string;
  readonly organizationName: string;
  readonly locationId: string;
  readonly locationName: string;
  readonly latitude: number;
  readonly longitude: number;
  /** Stated capacity at this location (the service's split over its locations); null where none is stated. */
  readonly capacity: number | null;
}

export interface PathwayLink {
  readonly receiverOrganizationId: string;
  readonly referrerOrganizationIds: readonly string[];
  readonly referrerOrganizationTypes: readonly string[];
}

export interface HubLinkInputs {
  readonly pathways: readonly PathwayLink[];
  /** Each agreement in force as its parties. */
  readonly agreements: readonly (readonly string[])[];
  readonly referralFlows: readonly { sender: string; receiver: string; referrals: number }[];
  readonly organizationTypes: ReadonlyMap<string, string>;
}

export interface HubsAnalysis {
  areas: HubArea[];
  hubs: Hub[];
  unsupportedSpokes: { organizationId: string; name: string; locations: HubPoint[] }[];
  totals: { hubs: number; prescribers: number; slots: number; need: number; shortfall: number | null };
}

const has = (codes: readonly string[], wanted: readonly string[]) => codes.some((c) => wanted.includes(c));
const keyOf = (p: MoudPoint) => p.organizationId ?? `listing:${p.listingId}`;

interface Place extends HubPoint {
  orgKey: string;
  orgName: string;
  organizationId: string | null;
  known: boolean;
}

/** MOUD locations of one side (hub or spoke), one per organization and location, slots summed over its services. */
function placesOf(points: readonly MoudPoint[], areas: readonly LocatableArea[]): Place[] {
  const byKey = new Map<string, Place>();
  for (const p of points) {
    const key = `${keyOf(p)}|${p.locationId}`;
    const held = byKey.get(key);
    if (held) {
      held.known &&= p.capacity !== null;
      held.slots = (held.slots ?? 0) + (p.capacity ?? 0);
      continue;
    }
    byKey.set(key, {
      orgKey: keyOf(p),
      orgName: p.organizationName,
      organizationId: p.organizationId,
      locationId: p.locationId,
      name: p.locationName,
      latitude: p.latitude,
      longitude: p.longitude,
      areaId: areaOfPoint(p, areas),
      slots: p.capacity ?? 0,
      known: p.capacity !== null,
    });
  }
  return [...byKey.values()].map((place) => ({ ...place, slots: place.known ? place.slots : null }));
}

const asPoint = ({ locationId, name, latitude, longitude, areaId, slots }: Place): HubPoint => ({
  locationId,
  name,
  latitude,
  longitude,
  areaId,
  slots,
});
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The ways two organizations are linked (either direction), in the contract's order. */
export function linkBases(hub: string, spoke: string, links: HubLinkInputs): { bases: HubLinkBasis[]; referrals: number } {
  const bases: HubLinkBasis[] = [];
  const opens = (p: PathwayLink, from: string) =>
    p.referrerOrganizationIds.includes(from) || p.referrerOrganizationTypes.includes(links.organizationTypes.get(from) ?? '');
  if (
    links.pathways.some(
      (p) => (p.receiverOrganizationId === hub && opens(p, spoke)) || (p.receiverOrganizationId === spoke && opens(p, hub)),
    )
  )
    bases.push('pathway');
  if (links.agreements.some((parties) => parties.includes(hub) && parties.includes(spoke))) bases.push('agreement');
  const referrals = links.referralFlows
    .filter((f) => (f.sender === hub && f.receiver === spoke) || (f.sender === spoke && f.receiver === hub))
    .reduce((sum, f) => sum + f.referrals, 0);
  if (referrals > 0) bases.push('referrals');
  return { bases, referrals };
}

export function analyzeHubs(
  points: readonly MoudPoint[],
  needs: readonly AreaNeed[],
  shapes: readonly LocatableArea[],
  links: HubLinkInputs,
): HubsAnalysis {
  const typeOf = (p: MoudPoint) => (p.organizationId ? links.organizationTypes.get(p.organizationId) : undefined);
  const isHub = (p: MoudPoint) => has(p.codes, hubCodes) || (has(p.codes, hubMethadoneCodes) && typeOf(p) === 'opioid_treatment_program');
  const mayBeSpoke = (p: MoudPoint) => !(notSpokeOrganizationTypes as readonly string[]).includes(typeOf(p) ?? '');
  const hubOrgs = new Set(points.filter(isHub).map(keyOf));
  const moud = [...hubCodes, ...hubMethadoneCodes, ...spokeCodes];
  const hubPlaces = placesOf(
    points.filter((p) => hubOrgs.has(keyOf(p)) && has(p.codes, moud)),
    shapes,
  );
  const spokePlaces = placesOf(
    points.filter((p) => !hubOrgs.has(keyOf(p)) && mayBeSpoke(p) && has(p.codes, spokeCodes)),
    shapes,
  );

  const groups = (places: Place[]) => {
    const m = new Map<string, Place[]>();
    for (const p of places) m.set(p.orgKey, [...(m.get(p.orgKey) ?? []), p]);
    return [...m.values()];
  };
  const supported = new Set<string>();
  const hubs: Hub[] = groups(hubPlaces).map((hubLocations) => {
    const hub = hubLocations[0]!;
    const linked = groups(spokePlaces)
      .map((spokeLocations) => {
        const spoke = spokeLocations[0]!;
        const link =
          hub.organizationId && spoke.organizationId
            ? linkBases(hub.organizationId, spoke.organizationId, links)
            : { bases: [], referrals: 0 };
        return { spoke, spokeLocations, ...link };
      })
      .filter((l) => l.bases.length > 0);
    const counts = linked.map((l) => l.referrals);
    const hidden = complementary(counts, counts.map(isSmall));
    const spokes: HubSpoke[] = linked.map((l, i) => {
      supported.add(l.spoke.orgKey);
      return {
        organizationId: l.spoke.organizationId!,
        name: l.spoke.orgName,
        bases: l.bases,
        referrals: hidden[i] ? null : l.referrals,
        referralsSuppressed: hidden[i]!,
        locations: l.spokeLocations.map(asPoint).sort(byName),
      };
    });
    return {
      organizationId: hub.organizationId ?? hub.orgKey,
      name: hub.orgName,
      locations: hubLocations.map(asPoint).sort(byName),
      spokes: spokes.sort(byName),
    };
  });

  const areas: HubArea[] = needs.map((need) => {
    const here = (places: Place[]) => places.filter((p) => p.areaId === need.id);
    const [hubsHere, spokesHere] = [here(hubPlaces), here(spokePlaces)];
    const all = [...hubsHere, ...spokesHere];
    const slots = all.reduce((sum, p) => sum + (p.slots ?? 0), 0);
    const slotsUnknown = all.filter((p) => p.slots === null).length;
    return {
      areaId: need.id,
      name: need.name,
      population: need.population,
      hubs: hubsHere.length,
      prescribers: spokesHere.length,
      slots,
      slotsUnknown,
      need: need.demand,
      needBasis: need.demandBasis,
      slotsPerNeed: need.demand > 0 ? slots / need.demand : null,
      shortfall: slotsUnknown > 0 ? null : Math.max(0, need.demand - slots),
      unsupportedPrescribers: spokesHere.filter((p) => !supported.has(p.orgKey)).length,
    };
  });
  // Worst first: the largest shortfall (unknown after known), then fewest slots per person.
  areas.sort(
    (a, b) =>
      (b.shortfall ?? -1) - (a.shortfall ?? -1) ||
      (a.slotsPerNeed ?? Infinity) - (b.slotsPerNeed ?? Infinity) ||
      a.name.localeCompare(b.name),
  );

  const unsupportedSpokes = groups(spokePlaces.filter((p) => !supported.has(p.orgKey)))
    .map((locations) => ({
      organizationId: locations[0]!.organizationId ?? locations[0]!.orgKey,
      name: locations[0]!.orgName,
      locations: locations.map(asPoint).sort(byName),
    }))
    .sort(byName);

  return {
    areas,
    hubs: hubs.sort(byName),
    unsupportedSpokes,
    totals: {
      hubs: hubPlaces.length,
      prescribers: spokePlaces.length,
      slots: areas.reduce((s, a) => s + a.slots, 0),
      need: areas.reduce((s, a) => s + a.need, 0),
      shortfall: areas.some((a) => a.shortfall === null) ? null : areas.reduce((s, a) => s + a.shortfall!, 0),
    },
  };
}
