import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role, HOUR_MS, DAY_MS } from '@continuum/contracts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { remindUnverifiedListings } from './directory.jobs.ts';
import { createFixtureService } from './directory.fixtures.ts';

let t: TestApp;
let memberA: string;
let memberB: string;
const staffOfA = new Map<Role, SignedIn>();
let adminOfB: SignedIn;

beforeAll(async () => {
  t = await buildTestApp();
  memberA = (await createTestOrganization(t.db, t.clock, { name: 'Member A' })).id;
  memberB = (await createTestOrganization(t.db, t.clock, { name: 'Member B' })).id;
  for (const role of roles) {
    const user = await createTestUser(t.db, t.clock, { organizationId: memberA, roles: [role], displayName: `A ${role}` });
    staffOfA.set(role, await signIn(t.app, user.email));
  }
  adminOfB = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: memberB, roles: ['org_admin'] })).email);
});
afterAll(() => t.close());

const location = {
  name: 'Main site',
  address1: '1 Main St',
  city: 'Harbor City',
  region: 'XS',
  postalCode: '97101',
  latitude: 44.41,
  longitude: -123.05,
};

async function listing(memberOrganizationId: string | null) {
  return createFixtureService(t.db, t.clock, {
    name: 'Clinic',
    at: { latitude: 44.41, longitude: -123.05 },
    codes: ['BU'],
    memberOrganizationId,
  });
}

type Call = { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; payload?: unknown };
/** Each management endpoint, on a fresh listing owned by member A (or by `owner`). */
const writes: Record<string, (owner: string | null) => Promise<Call>> = {
  'edit organization': async (o) => ({
    method: 'PATCH',
    url: `/api/directory/organizations/${(await listing(o)).organization.id}`,
    payload: { description: 'Updated' },
  }),
  'verify listing': async (o) => ({ method: 'POST', url: `/api/directory/organizations/${(await listing(o)).organization.id}/verify` }),
  'add location': async (o) => ({
    method: 'POST',
    url: `/api/directory/organizations/${(await listing(o)).organization.id}/locations`,
    payload: location,
  }),
  'edit location': async (o) => ({
    method: 'PATCH',
    url: `/api/directory/locations/${(await listing(o)).location.id}`,
    payload: { name: 'Renamed' },
  }),
  'add service': async (o) => ({
    method: 'POST',
    url: `/api/directory/organizations/${(await listing(o)).organization.id}/services`,
    payload: { name: 'New service', codes: ['NALOXONE'] },
  }),
  'edit service': async (o) => ({
    method: 'PATCH',
    url: `/api/directory/services/${(await listing(o)).service.id}`,
    payload: { codes: ['BU', 'WALKIN'] },
  }),
  'replace hours': async (o) => ({
    method: 'PUT',
    url: `/api/directory/services/${(await listing(o)).service.id}/schedules`,
    payload: { items: [{ dayOfWeek: 1, opensAt: '09:00', closesAt: '17:00' }] },
  }),
  'update capacity': async (o) => ({
    method: 'POST',
    url: `/api/directory/services/${(await listing(o)).service.id}/capacity`,
    payload: { unit: 'bed', status: 'accepting', available: 2, maximum: 5 },
  }),
};
const editors: Role[] = ['network_admin', 'org_admin', 'clinician', 'care_navigator', 'partner_staff'];

async function send(call: Call, who: SignedIn | null) {
  const response = await t.app.inject({ method: call.method, url: call.url, payload: call.payload as object, headers: who?.headers ?? {} });
  return response.statusCode;
}

describe('only the listing organization’s staff or a network administrator edit its listings', () => {
  const cases = Object.keys(writes).flatMap((name) => roles.map((role) => [name, role] as const));
  it.each(cases)('%s as %s of the owning organization', async (name, role) => {
    const status = await send(await writes[name]!(memberA), staffOfA.get(role)!);
    expect(status).toBe(editors.includes(role) ? (name.startsWith('add') ? 201 : 200) : 403);
  });

  it.each(Object.keys(writes))('%s by another organization’s administrator is refused', async (name) => {
    expect(await send(await writes[name]!(memberA), adminOfB)).toBe(403);
  });

  it.each(Object.keys(writes))('%s of a non-member listing: network administrators only', async (name) => {
    expect(await send(await writes[name]!(null), staffOfA.get('org_admin')!)).toBe(403);
    expect([200, 201]).toContain(await send(await writes[name]!(null), staffOfA.get('network_admin')!));
  });

  it.each(Object.keys(writes))('%s without signing in is 401', async (name) => {
    expect(await send(await writes[name]!(memberA), null)).toBe(401);
  });

  it('staff create listings for their own organization only; network administrators for anyone', async () => {
    const create = (who: SignedIn, memberOrganizationId: string | null) =>
      t.app.inject({
        method: 'POST',
        url: '/api/directory/organizations',
        headers: who.headers,
        payload: { name: 'Listing', memberOrganizationId },
      });
    expect((await create(staffOfA.get('org_admin')!, memberA)).statusCode).toBe(201);
    expect((await create(staffOfA.get('org_admin')!, memberB)).statusCode).toBe(403);
    expect((await create(staffOfA.get('org_admin')!, null)).statusCode).toBe(403);
    expect((await create(staffOfA.get('network_admin')!, null)).statusCode).toBe(201);
    expect((await create(staffOfA.get('analyst')!, memberA)).statusCode).toBe(403);
  });

  it('every signed-in role reads the directory', async () => {
    const { organization } = await listing(memberB);
    for (const role of roles) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/directory/organizations/${organization.id}/services`,
        headers: staffOfA.get(role)!.headers,
      });
      expect(response.statusCode, role).toBe(200);
    }
  });
});

describe('validation names the field and changes nothing', () => {
  it.each([
    ['service with an unknown taxonomy code', 'services', { name: 'S', codes: ['NOPE'] }, 'body.codes.0'],
    [
      'service with a location of another organization',
      'services',
      { name: 'S', locationIds: ['00000000-0000-4000-8000-000000000000'] },
      'body.locationIds',
    ],
    ['service with minimum age above maximum', 'services', { name: 'S', minimumAge: 30, maximumAge: 18 }, 'body.maximumAge'],
    ['location with a bad postal code', 'locations', { ...location, postalCode: '9710' }, 'body.postalCode'],
    ['location with an unknown time zone', 'locations', { ...location, timeZone: 'Mars/Olympus' }, 'body.timeZone'],
  ])('%s', async (_name, kind, payload, path) => {
    const { organization } = await listing(memberA);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/directory/organizations/${organization.id}/${kind}`,
      headers: staffOfA.get('org_admin')!.headers,
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe(path);
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/directory/organizations/${organization.id}`,
      headers: staffOfA.get('org_admin')!.headers,
    });
    expect(after.json()).toMatchObject({ serviceCount: 1, locationCount: 1 });
  });

  it('refuses capacity above the maximum, naming the field', async () => {
    const { service } = await listing(memberA);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/directory/services/${service.id}/capacity`,
      headers: staffOfA.get('clinician')!.headers,
      payload: { unit: 'bed', status: 'accepting', available: 6, maximum: 5 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe('body.available');
  });
});

describe('capacity', () => {
  it('updates in one action, keeps history, and goes stale after 24 hours', async () => {
    const { service } = await listing(memberA);
    const who = staffOfA.get('care_navigator')!;
    const update = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/directory/services/${service.id}/capacity`, headers: who.headers, payload });
    const first = await update({ unit: 'bed', status: 'accepting', available: 2, maximum: 5 });
    expect(first.json()).toMatchObject({ available: 2, stale: false, ageMinutes: 0, updatedByLabel: 'A care_navigator' });
    t.clock.advance(30 * 60_000);
    const second = await update({ unit: 'bed', status: 'waitlist', available: 0, maximum: 5, waitlistDays: 7 });
    expect(second.statusCode).toBe(200);
    t.clock.advance(25 * HOUR_MS);
    // Sessions end after 12 hours; sign in again as staff of the same organization.
    const later = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: memberA, roles: ['care_navigator'] })).email);
    const read = await t.app.inject({ method: 'GET', url: `/api/directory/services/${service.id}`, headers: later.headers });
    expect(read.json().capacities).toEqual([
      expect.objectContaining({ status: 'waitlist', waitlistDays: 7, stale: true, ageMinutes: 25 * 60 }),
    ]);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/directory/services/${service.id}/capacity/history`,
      headers: later.headers,
    });
    expect(history.json().items.map((h: { status: string }) => h.status)).toEqual(['waitlist', 'accepting']);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', service.id)
      .where('action', '=', 'directory.capacity.update')
      .execute();
    expect(audit).toHaveLength(2);
  });
});

describe('listing verification', () => {
  it('records who verified and when; the job reminds listings unverified for 90 days, once', async () => {
    const { organization } = await listing(memberA);
    let admin = staffOfA.get('org_admin')!;
    const fresh = await listing(memberA);
    await t.app.inject({ method: 'POST', url: `/api/directory/organizations/${fresh.organization.id}/verify`, headers: admin.headers });
    t.clock.advance(91 * DAY_MS);
    admin = await signIn(
      t.app,
      (await createTestUser(t.db, t.clock, { organizationId: memberA, roles: ['org_admin'], displayName: 'A org_admin' })).email,
    );
    const otherAdmin = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: memberB, roles: ['org_admin'] })).email);
    const verifiedNow = await listing(memberA);
    await t.app.inject({
      method: 'POST',
      url: `/api/directory/organizations/${verifiedNow.organization.id}/verify`,
      headers: admin.headers,
    });

    expect(await remindUnverifiedListings(t.db, t.clock, 90)).toBeGreaterThanOrEqual(2);
    expect(await remindUnverifiedListings(t.db, t.clock, 90)).toBe(0);
    const reminders = await t.app.inject({ method: 'GET', url: '/api/directory/verification-reminders', headers: admin.headers });
    const remindedIds = reminders.json().items.map((r: { directoryOrganizationId: string }) => r.directoryOrganizationId);
    expect(remindedIds).toEqual(expect.arrayContaining([organization.id, fresh.organization.id]));
    expect(remindedIds).not.toContain(verifiedNow.organization.id);
    const otherOrg = await t.app.inject({ method: 'GET', url: '/api/directory/verification-reminders', headers: otherAdmin.headers });
    expect(otherOrg.json().items.map((r: { directoryOrganizationId: string }) => r.directoryOrganizationId)).not.toContain(organization.id);

    const verified = await t.app.inject({
      method: 'POST',
      url: `/api/directory/organizations/${organization.id}/verify`,
      headers: admin.headers,
    });
    expect(verified.json()).toMatchObject({ verifiedByLabel: 'A org_admin', verifiedAt: t.clock.now().toISOString() });
    const after = await t.app.inject({ method: 'GET', url: '/api/directory/verification-reminders', headers: admin.headers });
    expect(after.json().items.map((r: { directoryOrganizationId: string }) => r.directoryOrganizationId)).not.toContain(organization.id);
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'directory.verification.remind').execute();
    expect(audit).toHaveLength(1);
    // The organization's administrators get one inbox notification for the day's reminders.
    const inbox = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: admin.headers });
    expect(inbox.json().items).toEqual([
      expect.objectContaining({
        kind: 'directory.verification-due',
        title: 'Listings to verify',
        link: '/directory',
        organizationId: memberA,
      }),
    ]);
    // Another organization's administrators hear only about their own listings.
    const otherInbox = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: otherAdmin.headers });
    expect(otherInbox.json().items.every((n: { organizationId: string }) => n.organizationId === memberB)).toBe(true);
  });
});
