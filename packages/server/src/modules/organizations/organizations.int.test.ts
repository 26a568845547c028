import type { Role } from '@continuum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { systemAccess } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import {
  createLocation,
  createOrganization,
  getOrganization,
  listLocations,
  listOrganizations,
  readOrganization,
  updateLocation,
  updateOrganization,
} from './organizations.ts';

let db: Db;
let close: () => Promise<void>;
const clock: Clock = { now: () => new Date('2026-03-02T15:00:00Z') };
let home: { id: string };
let other: { id: string };

beforeAll(async () => {
  const opened = await createTestDatabase();
  db = opened.db;
  close = opened.close;
  home = await createTestOrganization(db, clock, { name: 'Harbor Clinic' });
  other = await createTestOrganization(db, clock, { name: 'Northside Recovery' });
});
afterAll(async () => close?.());

/** A signed-in member of `organizationId` with these roles (a real user, so the audit trail names them). */
async function member(organizationId: string, roles: Role[]): Promise<AccessContext> {
  const user = await createTestUser(db, clock, { organizationId, roles });
  return { actor: { type: 'user', userId: user.id, sessionId: 'test-session' }, organizationId, roles, requestId: null };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

const auditFor = (entityId: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'actor_user_id', 'organization_id', 'details'])
    .where('entity_id', '=', entityId)
    .execute();

describe('organizations: the admin policy is checked in the domain functions', () => {
  it('a network administrator creates and updates any organization; each change is audited with field names only', async () => {
    const admin = await member(home.id, ['network_admin']);
    const created = await createOrganization(db, clock, admin, { name: 'Eastside Harm Reduction', type: 'harm_reduction' });
    expect(created).toMatchObject({ name: 'Eastside Harm Reduction', type: 'harm_reduction', active: true });
    const updated = await updateOrganization(db, clock, admin, created.id, { phone: '555-0100', active: false });
    expect(updated).toMatchObject({ phone: '555-0100', active: false });
    const actorId = admin.actor.type === 'user' ? admin.actor.userId : null;
    expect(await auditFor(created.id)).toEqual([
      { action: 'organization.create', actor_user_id: actorId, organization_id: created.id, details: {} },
      { action: 'organization.update', actor_user_id: actorId, organization_id: created.id, details: { fields: ['active', 'phone'] } },
    ]);
  });

  it('an organization administrator reads and updates only the active organization and may not create one', async () => {
    const orgAdmin = await member(home.id, ['org_admin']);
    expect((await readOrganization(db, orgAdmin, home.id)).name).toBe('Harbor Clinic');
    expect(await errorCode(readOrganization(db, orgAdmin, other.id))).toBe('FORBIDDEN');
    expect(await errorCode(updateOrganization(db, clock, orgAdmin, other.id, { phone: '555-0199' }))).toBe('FORBIDDEN');
    expect(await errorCode(createOrganization(db, clock, orgAdmin, { name: 'Not Allowed', type: 'other' }))).toBe('FORBIDDEN');
    expect((await getOrganization(db, other.id)).phone).toBeNull();
  });

  it('lists the whole network for a network administrator and only the active organization for an organization administrator', async () => {
    const admin = await member(home.id, ['network_admin']);
    const orgAdmin = await member(home.id, ['org_admin']);
    const all = await listOrganizations(db, admin, { limit: 100, offset: 0 });
    expect(all.items.map((o) => o.id)).toEqual(expect.arrayContaining([home.id, other.id]));
    const own = await listOrganizations(db, orgAdmin, { limit: 100, offset: 0 });
    expect(own).toEqual({ items: [expect.objectContaining({ id: home.id })], total: 1 });
    const named = await listOrganizations(db, admin, { q: 'northside', limit: 100, offset: 0 });
    expect(named.items.map((o) => o.id)).toEqual([other.id]);
  });

  it('refuses clinicians, API tokens and jobs: administration is for signed-in administrators', async () => {
    const clinician = await member(home.id, ['clinician']);
    const token: AccessContext = {
      actor: { type: 'token', tokenId: 't' },
      organizationId: home.id,
      roles: ['network_admin'],
      requestId: null,
    };
    for (const access of [clinician, token, systemAccess('test')])
      expect(await errorCode(listOrganizations(db, access, { limit: 10, offset: 0 }))).toBe('FORBIDDEN');
  });

  it('answers 404 ORGANIZATION_NOT_FOUND for an unknown organization', async () => {
    const admin = await member(home.id, ['network_admin']);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await errorCode(readOrganization(db, admin, unknown))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await errorCode(updateOrganization(db, clock, admin, unknown, { phone: '555-0100' }))).toBe('ORGANIZATION_NOT_FOUND');
  });
});

describe('locations', () => {
  it("an organization administrator adds, lists and updates the active organization's locations, audited", async () => {
    const orgAdmin = await member(home.id, ['org_admin']);
    const location = await createLocation(db, clock, orgAdmin, home.id, {
      name: 'Harbor Clinic Main',
      address1: '1 Harbor Way',
      city: 'Port Town',
      region: 'ME',
      postalCode: '04101',
    });
    const moved = await updateLocation(db, clock, orgAdmin, location.id, { address1: '2 Harbor Way', postalCode: '04102' });
    expect(moved).toMatchObject({ address1: '2 Harbor Way', postalCode: '04102' });
    expect((await listLocations(db, orgAdmin, home.id)).items.map((l) => l.id)).toContain(location.id);
    expect((await auditFor(location.id)).map((a) => [a.action, a.organization_id, a.details])).toEqual([
      ['location.create', home.id, {}],
      ['location.update', home.id, { fields: ['address1', 'postalCode'] }],
    ]);
  });

  it("refuses another organization's locations and answers LOCATION_NOT_FOUND for an unknown one", async () => {
    const admin = await member(home.id, ['network_admin']);
    const orgAdmin = await member(home.id, ['org_admin']);
    const theirs = await createLocation(db, clock, admin, other.id, {
      name: 'Northside',
      address1: '9 North St',
      city: 'Port Town',
      region: 'ME',
      postalCode: '04103',
    });
    expect(await errorCode(listLocations(db, orgAdmin, other.id))).toBe('FORBIDDEN');
    expect(await errorCode(updateLocation(db, clock, orgAdmin, theirs.id, { name: 'Renamed' }))).toBe('FORBIDDEN');
    expect(
      await errorCode(
        createLocation(db, clock, orgAdmin, other.id, {
          name: 'Second',
          address1: '10 North St',
          city: 'Port Town',
          region: 'ME',
          postalCode: '04103',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await errorCode(updateLocation(db, clock, admin, '00000000-0000-4000-8000-000000000000', { name: 'x' }))).toBe(
      'LOCATION_NOT_FOUND',
    );
    expect((await listLocations(db, admin, other.id)).items.map((l) => l.name)).toEqual(['Northside']);
  });
});
