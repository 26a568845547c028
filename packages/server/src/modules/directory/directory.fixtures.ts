import type { TaxonomyCode } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { writeCapacity } from './capacity.ts';
import { createDirectoryLocation } from './directory-locations.ts';
import { createDirectoryOrganization } from './directory-organizations.ts';
import { createDirectoryService, replaceServiceSchedules } from './directory-services.ts';

/** A privileged context that passes the listing policy, for fixtures. */
export const fixtureAccess: AccessContext = {
  actor: { type: 'system', reason: 'test fixture' },
  organizationId: null,
  roles: ['network_admin'],
  requestId: null,
};

/** A point `miles` due north of a place (one degree of latitude ≈ 69.05 miles at 44° N). */
export const northOf = (p: { latitude: number; longitude: number }, miles: number) => ({
  latitude: p.latitude + miles / 69.05,
  longitude: p.longitude,
});

export interface FixtureService {
  name: string;
  at: { latitude: number; longitude: number };
  codes?: TaxonomyCode[];
  languages?: ('en' | 'es' | 'ru' | 'vi')[];
  status?: 'active' | 'inactive';
  hours?: { dayOfWeek: number; opensAt: string; closesAt: string }[];
  memberOrganizationId?: string | null;
  postalCode?: string;
}

/** One organization, location and service, through the same domain functions the API uses. */
export async function createFixtureService(db: Db, clock: Clock, f: FixtureService) {
  const opts = { now: clock.now(), staleHours: 24 };
  const org = await createDirectoryOrganization(db, clock, fixtureAccess, {
    name: `${f.name} organization`,
    memberOrganizationId: f.memberOrganizationId ?? null,
  });
  const location = await createDirectoryLocation(db, clock, fixtureAccess, org.id, {
    name: `${f.name} site`,
    address1: '1 Main St',
    city: 'Harbor City',
    region: 'XS',
    postalCode: f.postalCode ?? '97101',
    latitude: f.at.latitude,
    longitude: f.at.longitude,
  });
  const service = await createDirectoryService(
    db,
    clock,
    fixtureAccess,
    org.id,
    { name: f.name, status: f.status ?? 'active', codes: f.codes ?? [], languages: f.languages ?? ['en'], locationIds: [location.id] },
    opts,
  );
  if (f.hours) await replaceServiceSchedules(db, clock, fixtureAccess, service.id, { items: f.hours }, opts);
  return { organization: org, location, service };
}

export async function setFixtureCapacity(
  db: Db,
  clock: Clock,
  serviceId: string,
  input: { status: 'accepting' | 'waitlist' | 'not_accepting'; available: number },
  at: Date,
) {
  await db.transaction().execute((trx) => writeCapacity(trx, clock, fixtureAccess, serviceId, { unit: 'slot', maximum: 10, ...input }, at));
}
