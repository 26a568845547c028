import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestPart2Note, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { remindExpiringTraining } from './training-reminders.ts';

/*
 * Training end to end: courses, completions entered and imported from a learning-management CSV
 * (all or nothing), coverage by organization and role, expiry reminders, and the setting by which
 * lacking current Part 2 privacy training blocks Part 2 records in the chokepoint.
 */

let t: TestApp;
let admin: SignedIn;
let otp: { id: string };
let otpAdmin: SignedIn;
let clinician: SignedIn;
let clinicianId: string;
let clinicianEmail: string;
let personId: string;
let courseId: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-15T12:00:00Z'));
  admin = await signedInAs(t, ['network_admin']);
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  otpAdmin = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['org_admin'] })).email);
  const user = await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['clinician'] });
  clinicianId = user.id;
  clinicianEmail = user.email;
  clinician = await signIn(t.app, user.email);
  personId = (await createTestPerson(t.db, t.clock, otp.id)).id;
  await createTestPart2Note(t.db, personId, otp.id);
});
afterAll(async () => t?.close());

const timeline = async () =>
  (await t.app.inject({ method: 'GET', url: `/api/people/${personId}/timeline`, headers: { cookie: clinician.cookie } })).json() as {
    entries: { title: string }[];
    restricted: { reason: string; count: number }[];
  };

describe('training', () => {
  it('adds a course (network administrators only)', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/network/courses',
      headers: otpAdmin.headers,
      payload: { topic: 'part2_privacy', title: 'Part 2 privacy', validMonths: 12 },
    });
    expect(refused.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/network/courses',
      headers: admin.headers,
      payload: { topic: 'part2_privacy', title: 'Part 2 privacy', validMonths: 12 },
    });
    expect(res.statusCode).toBe(201);
    courseId = res.json().id;
  });

  it('with the setting on, a clinician without current Part 2 training sees no Part 2 record, even their own organization’s', async () => {
    expect((await timeline()).entries.map((e) => e.title)).toEqual(['Program visit']);
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/network/training/settings',
      headers: otpAdmin.headers,
      payload: { part2TrainingRequired: true },
    });
    expect(refused.statusCode).toBe(403);
    const on = await t.app.inject({
      method: 'PUT',
      url: '/api/network/training/settings',
      headers: admin.headers,
      payload: { part2TrainingRequired: true },
    });
    expect(on.json()).toEqual({ part2TrainingRequired: true });
    const gated = await timeline();
    expect(gated.entries).toEqual([]);
    expect(gated.restricted).toEqual([expect.objectContaining({ reason: 'PART2_TRAINING_REQUIRED', count: 1 })]);
  });

  it('an import with a bad line changes nothing and names the line; a good one records the completion and lifts the gate', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/network/training/import',
      headers: otpAdmin.headers,
      payload: {
        csv: `email,course,completed_on\n${clinicianEmail},Part 2 privacy,2026-06-01\nnobody@example.org,Part 2 privacy,June 1\n`,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['csv.line3.completed_on', 'csv.line3.email']);
    expect((await timeline()).entries).toEqual([]);
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/network/training/import',
      headers: otpAdmin.headers,
      payload: { csv: `Email,Course,Completed_On\n${clinicianEmail},Part 2 privacy,2025-07-01\n` },
    });
    expect(good.json()).toEqual({ imported: 1, alreadyPresent: 0 });
    expect((await timeline()).entries.map((e) => e.title)).toEqual(['Program visit']);
    const mine = await t.app.inject({ method: 'GET', url: '/api/network/training', headers: { cookie: clinician.cookie } });
    expect(mine.json().items).toEqual([
      expect.objectContaining({
        userId: clinicianId,
        completedOn: '2025-07-01',
        expiresOn: '2026-07-01',
        current: true,
        source: 'imported',
      }),
    ]);
  });

  it('reminds the staff member once before the completion expires, and the gate closes again after it', async () => {
    expect(await remindExpiringTraining(t.db, t.clock)).toBe(1);
    expect(await remindExpiringTraining(t.db, t.clock)).toBe(0);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: clinician.cookie } });
    expect(inbox.json().items.map((n: { kind: string }) => n.kind)).toContain('training.expiring');
    const coverage = await t.app.inject({ method: 'GET', url: '/api/network/training/coverage', headers: { cookie: otpAdmin.cookie } });
    expect(coverage.json().items).toContainEqual(
      expect.objectContaining({ courseId, organizationId: otp.id, role: 'clinician', staff: 1, current: 1, share: 1 }),
    );
    t.clock.set(new Date('2026-07-02T12:00:00Z'));
    clinician = await signIn(t.app, clinicianEmail);
    expect((await timeline()).restricted).toEqual([expect.objectContaining({ reason: 'PART2_TRAINING_REQUIRED' })]);
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'network.%').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['network.course.create', 'network.training.settings', 'network.training.import', 'network.training.remind']),
    );
  });
});
