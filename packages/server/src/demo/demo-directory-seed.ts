import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { DbOrTrx } from '../db/database.ts';
import { recordAudit } from '../modules/audit/index.ts';
import type { AccessContext } from '../core/access-context.ts';
import type { SyntheticOrganization } from './synthetic-organizations.ts';
import type { SyntheticRegion } from './synthetic-region.ts';
import { generateCapacityHistory, generateDirectory } from './synthetic-directory.ts';
import { HOUR_MS, addHours } from '@continuum/contracts';

export interface DemoDirectorySummary {
  organizations: number;
  locations: number;
  services: number;
  capacityUpdates: number;
}

/**
 * Writes the demo directory in the seed's transaction: listings linked to their member
 * organizations, hours, and capacity with two weeks of history. One audit entry with counts.
 */
export async function writeDemoDirectory(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  options: {
    seed: number;
    region: SyntheticRegion;
    organizations: readonly SyntheticOrganization[];
    organizationIds: ReadonlyMap<string, string>;
  },
): Promise<DemoDirectorySummary> {
  const now = clock.now();
  const listings = generateDirectory(options.seed, options.region, options.organizations);
  const summary: DemoDirectorySummary = { organizations: 0, locations: 0, services: 0, capacityUpdates: 0 };
  let capacityIndex = 0;
  for (const listing of listings) {
    const orgId = randomUUID();
    const verifiedAt = listing.verifiedDaysAgo === null ? null : new Date(now.getTime() - listing.verifiedDaysAgo * 24 * HOUR_MS);
    const verified = { verified_at: verifiedAt, verified_by_user_id: null, verified_by_label: verifiedAt ? 'demo seed' : null };
    await trx
      .insertInto('directory_organizations')
      .values({
        id: orgId,
        member_organization_id: listing.memberKey ? (options.organizationIds.get(listing.memberKey) ?? null) : null,
        name: listing.name,
        description: listing.description,
        website: listing.website,
        email: null,
        phone: listing.phone,
        is_demo: true,
        ...verified,
        created_at: now,
        updated_at: now,
      })
      .execute();
    summary.organizations++;
    const locationIds = listing.locations.map(() => randomUUID());
    await trx
      .insertInto('directory_locations')
      .values(
        listing.locations.map((l, i) => ({
          id: locationIds[i]!,
          organization_id: orgId,
          name: l.name,
          address1: l.address1,
          address2: l.address2,
          city: l.city,
          region: l.region,
          postal_code: l.postalCode,
          latitude: l.latitude,
          longitude: l.longitude,
          phone: null,
          time_zone: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    summary.locations += locationIds.length;
    for (const s of listing.services) {
      const serviceId = randomUUID();
      await trx
        .insertInto('directory_services')
        .values({
          id: serviceId,
          organization_id: orgId,
          name: s.name,
          description: s.description,
          status: 'active',
          url: listing.website,
          email: null,
          phone: listing.phone,
          eligibility_description: s.eligibility,
          minimum_age: s.minimumAge,
          maximum_age: s.maximumAge,
          fees_description: s.fees,
          codes: [...new Set(s.codes)],
          languages: [...s.languages],
          schedule_note: s.hoursNote,
          ...verified,
          created_at: now,
          updated_at: now,
        })
        .execute();
      summary.services++;
      await trx
        .insertInto('directory_service_at_locations')
        .values(locationIds.map((location_id) => ({ service_id: serviceId, location_id })))
        .execute();
      const hours = s.hours.flatMap((h) =>
        h.days.map((day) => ({ service_id: serviceId, location_id: null, day_of_week: day, opens_at: h.opensAt, closes_at: h.closesAt })),
      );
      if (hours.length > 0) await trx.insertInto('directory_schedules').values(hours).execute();
      if (s.capacity) {
        const history = generateCapacityHistory(options.seed, capacityIndex++, s.capacity.maximum);
        const rows = history.map((p) => ({
          service_id: serviceId,
          unit: s.capacity!.unit,
          status: p.status,
          available: p.available,
          maximum: s.capacity!.maximum,
          waitlist_days: p.waitlistDays,
          recorded_at: addHours(now, -p.hoursAgo),
          recorded_by_user_id: null,
          recorded_by_label: 'demo seed',
        }));
        await trx.insertInto('directory_capacity_history').values(rows).execute();
        const last = rows[rows.length - 1]!;
        await trx
          .insertInto('directory_capacities')
          .values({
            service_id: serviceId,
            unit: last.unit,
            status: last.status,
            available: last.available,
            maximum: last.maximum,
            waitlist_days: last.waitlist_days,
            note: null,
            updated_at: last.recorded_at,
            updated_by_user_id: null,
            updated_by_label: 'demo seed',
          })
          .execute();
        summary.capacityUpdates += rows.length;
      }
    }
  }
  await recordAudit(trx, clock, access, { action: 'directory.bulk-create', entityType: 'directory_organization', details: { ...summary } });
  return summary;
}
