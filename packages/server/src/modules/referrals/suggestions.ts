import type { ReferralSuggestion, ReferralSuggestionQuery, TaxonomyCode } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { capacityAge, distanceMiles, findServices, roundMiles, serviceCapacities, serviceLocations } from '../directory/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { openPerson, readContext, decideReferralConsent, recordSensitivity } from '../registry/index.ts';
import { callerOrganization, termsOf } from './pathways.ts';
import { mayReferOn, pathwayActiveOn, serviceKindOf } from './referral-rules.ts';
import { requireReferralRole } from './referrals.ts';
import { ageOn, scoreSuggestion } from './suggestion-score.ts';
import { localDay } from '@continuum/contracts';
import { organizationNames } from '../organizations/index.ts';

/** Capacity of a service in the order it matters for a referral: a place now before a waitlist. */
const CAPACITY_RANK = { accepting: 0, assessment_required: 1, waitlist: 2, not_accepting: 3 } as const;

/**
 * Suggestions for a referral: every active service on an active pathway the caller's organization
 * may refer on, at its nearest location to the person's area, scored by pathway fit, live capacity,
 * distance, eligibility and payment (suggestion-score.ts), best first. The person is opened through
 * the chokepoint (the caller must be able to see them); each suggestion says whether a consent
 * already covers sending there, so the composer can lead to consent capture first.
 */
export async function suggestReferrals(
  db: Db,
  clock: Clock,
  access: AccessContext,
  query: ReferralSuggestionQuery,
  timeZone: string,
  staleHours: number,
): Promise<ReferralSuggestion[]> {
  const senderId = requireReferralRole(access);
  const now = clock.now();
  const today = localDay(now, timeZone);
  return db.transaction().execute(async (trx) => {
    const { person, facts } = await openPerson(trx, readContext(access, clock, 'treatment'), query.personId);
    const sender = (await callerOrganization(trx, access))!;
    const area = person.row.area_id
      ? await trx.selectFrom('areas').select(['latitude', 'longitude']).where('id', '=', person.row.area_id).executeTakeFirst()
      : undefined;

    const pathways = (
      await trx
        .selectFrom('referral_pathway_versions as v')
        .innerJoin('referral_pathways as p', (j) => j.onRef('p.id', '=', 'v.pathway_id').onRef('p.current_version', '=', 'v.version'))
        .selectAll('v')
        .execute()
    ).filter((v) => pathwayActiveOn(termsOf(v), today) && mayReferOn(termsOf(v), sender));
    if (pathways.length === 0) return [];
    const serviceIds = [...new Set(pathways.flatMap((p) => p.service_ids))];
    const [services, locations, capacities, receiverName] = await Promise.all([
      findServices(trx, serviceIds).then((all) => all.filter((s) => s.status === 'active')),
      serviceLocations(trx, serviceIds),
      serviceCapacities(trx, serviceIds),
      organizationNames(trx, [...new Set(pathways.map((p) => p.receiver_organization_id))]),
    ]);
    const serviceById = new Map(services.map((s) => [s.id, s]));
    const sensitivity = recordSensitivity(sender.type, 'referrals', undefined);
    const consentAnswers = pathways.map((p) =>
      decideReferralConsent(facts, {
        senderOrganizationId: senderId,
        receiverOrganizationId: p.receiver_organization_id,
        purpose: 'treatment',
        sensitivity,
        now,
      }),
    );
    const consentByReceiver = new Map(pathways.map((p, i) => [p.receiver_organization_id, consentAnswers[i]!.covered]));
    const codes = (query.codes ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c.length > 0);
    const age = ageOn(person.row.birth_date, today);

    const out: ReferralSuggestion[] = [];
    for (const p of pathways) {
      for (const serviceId of p.service_ids) {
        const s = serviceById.get(serviceId);
        if (!s) continue;
        const locs = locations.filter((l) => l.service_id === serviceId);
        const nearest = area
          ? locs
              .map((l) => ({
                l,
                miles: distanceMiles(
                  { latitude: area.latitude, longitude: area.longitude },
                  { latitude: l.latitude, longitude: l.longitude },
                ),
              }))
              .sort((a, b) => a.miles - b.miles)[0]
          : locs[0]
            ? { l: locs[0], miles: null }
            : undefined;
        const cap = capacities
          .filter((c) => c.service_id === serviceId)
          .sort((a, b) => CAPACITY_RANK[a.status] - CAPACITY_RANK[b.status] || b.available - a.available)[0];
        const capacity = cap
          ? { status: cap.status, available: cap.available, stale: capacityAge(cap.updated_at, now, staleHours).stale }
          : null;
        const miles = nearest?.miles ?? null;
        const scored = scoreSuggestion(
          { codes, payment: (query.payment as TaxonomyCode | undefined) ?? null, age },
          { serviceCodes: s.codes, capacity, distanceMiles: miles, minimumAge: s.minimum_age, maximumAge: s.maximum_age },
        );
        out.push({
          pathwayId: p.pathway_id,
          pathwayVersion: p.version,
          pathwayName: p.name,
          serviceId,
          serviceName: s.name,
          serviceKind: serviceKindOf(s.codes),
          organizationId: p.receiver_organization_id,
          organizationName: receiverName.get(p.receiver_organization_id) ?? '',
          locationId: nearest?.l.id ?? null,
          locationName: nearest?.l.name ?? null,
          distanceMiles: miles === null ? null : roundMiles(miles),
          capacity,
          eligibilityNotes: scored.eligibilityNotes,
          acceptsPayment: scored.acceptsPayment,
          score: scored.score,
          parts: scored.parts,
          consentCovers: consentByReceiver.get(p.receiver_organization_id) ?? false,
        });
      }
    }
    out.sort(
      (a, b) =>
        b.score - a.score || (a.distanceMiles ?? Infinity) - (b.distanceMiles ?? Infinity) || a.serviceName.localeCompare(b.serviceName),
    );
    return out.slice(0, query.limit);
  });
}
