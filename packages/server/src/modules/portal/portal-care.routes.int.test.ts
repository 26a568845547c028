import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalCare } from '@continuum/contracts';
import { createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { call, goodReferral, referralNetwork, signedConsent, type ReferralNetwork } from '../referrals/referral.fixtures.ts';
import { invitedAndSignedIn, portalGet, type Portal } from '../../test-support/portal.ts';

let t: TestApp;
let n: ReferralNetwork;
let me: Portal;
let scheduled: string;
let otherPersonsVisit: string;

/** A referral ED → OTP for a person, received, accepted and scheduled at `at`. */
async function scheduledReferral(personId: string, at: string): Promise<string> {
  const id = (await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n, { personId }), 201)).id as string;
  for (const body of [{ event: 'receive' }, { event: 'accept' }, { event: 'schedule', appointmentAt: at }])
    await call(t, n.otpClinician, 'POST', `/api/referrals/${id}/transitions`, body, 200);
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  n = await referralNetwork(t);
  await signedConsent(t, n, [n.otp.id]);
  scheduled = await scheduledReferral(n.person.id, '2026-01-17T17:00:00.000Z');
  // The ED's navigator is on the person's care team, by name.
  await call(
    t,
    n.edNavigator,
    'POST',
    `/api/people/${n.person.id}/care-team`,
    { role: 'care_navigator', userId: n.edNavigator.userId },
    201,
  );
  // Planned outreach, with a reason written for staff only.
  await call(
    t,
    n.edNavigator,
    'POST',
    '/api/worklist/tasks',
    {
      personId: n.person.id,
      dueAt: '2026-01-20T15:00:00.000Z',
      reason: 'Staff-only: ask about the housing paperwork',
    },
    201,
  );
  // A second record of the same person, merged into the first, with its own planned outreach.
  const second = await createTestPerson(t.db, t.clock, n.ed.id, { givenName: 'Avery' });
  await call(
    t,
    n.edNavigator,
    'POST',
    '/api/worklist/tasks',
    { personId: second.id, dueAt: '2026-01-22T15:00:00.000Z', reason: 'Check in' },
    201,
  );
  const privacy = await createTestUser(t.db, t.clock, { organizationId: n.ed.id, roles: ['privacy_officer'] });
  await call(
    t,
    await signIn(t.app, privacy.email),
    'POST',
    '/api/people/merge',
    { survivorId: n.person.id, mergedId: second.id, reason: 'Same person' },
    200,
  );

  // Another person, with a visit of their own.
  const other = await createTestPerson(t.db, t.clock, n.ed.id, { givenName: 'Blake' });
  await signedConsent(t, { ...n, person: other }, [n.otp.id]);
  otherPersonsVisit = await scheduledReferral(other.id, '2026-01-18T17:00:00.000Z');

  me = await invitedAndSignedIn(t, n.edNavigator, n.person.id, 'avery@example.org');
});
afterAll(async () => t?.close());

describe('my care', () => {
  it('shows my referrals, visits, care team and planned outreach — and nothing written for staff', async () => {
    const res = await portalGet(t, me, '/api/portal/care');
    expect(res.statusCode).toBe(200);
    const care = res.json() as PortalCare;
    expect(care.referrals).toEqual([
      expect.objectContaining({
        id: scheduled,
        status: 'scheduled',
        serviceName: 'Buprenorphine clinic',
        toOrganizationName: 'Tidewater Treatment',
        fromOrganizationName: 'Harbor General ED',
        appointmentAt: '2026-01-17T17:00:00.000Z',
        closed: false,
      }),
    ]);
    expect(care.appointments).toEqual([
      expect.objectContaining({
        id: scheduled,
        at: '2026-01-17T17:00:00.000Z',
        organizationName: 'Tidewater Treatment',
        phone: '555-0100',
      }),
    ]);
    expect(care.careTeam).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'care_navigator', organizationName: 'Harbor General ED', staffName: 'Nico Navigator' }),
      ]),
    );
    // Both tasks, the merged record's included, in plain kinds and days only.
    expect(care.outreach).toEqual([
      { kind: 'manual', plannedOn: '2026-01-20', organizationName: 'Harbor General ED' },
      { kind: 'manual', plannedOn: '2026-01-22', organizationName: 'Harbor General ED' },
    ]);
    expect(res.body).not.toContain('Staff-only');
    expect(res.body).not.toContain('needs continuing care');
    expect(res.body).not.toContain(otherPersonsVisit);
  });

  it('a visit downloads as a calendar file, without the reason for the referral', async () => {
    const res = await portalGet(t, me, `/api/portal/appointments/${scheduled}/calendar.ics?lang=es`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toContain('BEGIN:VEVENT');
    expect(res.body).toContain('DTSTART:20260117T170000Z');
    expect(res.body).toContain('SUMMARY:Cita: Tidewater Treatment');
    expect(res.body).not.toContain('buprenorphine in the ED');
  });

  it("another person's visit, a made-up id and a referral without a visit are all 404 with no data", async () => {
    for (const id of [otherPersonsVisit, '00000000-0000-4000-8000-000000000000']) {
      const res = await portalGet(t, me, `/api/portal/appointments/${id}/calendar.ics`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Tidewater');
    }
    expect((await portalGet(t, me, '/api/portal/appointments/not-an-id/calendar.ics')).statusCode).toBe(400);
  });

  it('staff cookies and anonymous callers get 401; every read is audited as the person', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/care', headers: n.edNavigator.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/care' })).statusCode).toBe(401);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'actor_type']).where('action', 'like', 'portal.%').execute();
    const actions = audit.map((a) => a.action);
    expect(actions).toContain('portal.care.read');
    expect(actions).toContain('portal.appointment.calendar');
  });
});
