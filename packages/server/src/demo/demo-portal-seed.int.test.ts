import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalConsent } from '@continuum/contracts';
import { buildTestApp, type TestApp } from '../test-support/test-app.ts';
import { seedDemoCommunity } from './demo-seed.ts';
import { demoPortalPeople, seedDemoPortal } from './demo-portal-seed.ts';
import { DEMO_EMAIL_DOMAIN } from './synthetic-staff.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoCommunity(t.db, t.clock, { seed: 7, people: 400 });
});
afterAll(async () => t?.close());

/** Signs in as the person with the code from the outbox, as the README tells a demo visitor to. */
async function signInToPortal(address: string) {
  expect((await t.app.inject({ method: 'POST', url: '/api/portal/auth/code', payload: { address } })).statusCode).toBe(202);
  const mail = await t.db
    .selectFrom('email_outbox')
    .select('text_body')
    .where('to_address', '=', address)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const code = /\b(\d{6})\b/.exec(mail.text_body)![1]!;
  const verified = await t.app.inject({ method: 'POST', url: '/api/portal/auth/verify', payload: { address, code } });
  expect(verified.statusCode).toBe(200);
  const cookie = verified.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, session: verified.json<{ language: string }>() };
}

describe('seedDemoPortal', () => {
  it('gives two people on the demo navigator’s care team a portal: English with consents to stop, then Spanish', async () => {
    const accounts = await t.db
      .selectFrom('portal_accounts as a')
      .innerJoin('organizations as o', 'o.id', 'a.invited_by_organization_id')
      .innerJoin('users as u', 'u.id', 'a.invited_by_user_id')
      .select(['a.email', 'a.language', 'a.person_id', 'o.type', 'u.email as invitedBy'])
      .orderBy('a.email')
      .execute();
    expect(accounts.map((a) => [a.email, a.language])).toEqual(demoPortalPeople.map((p) => [p.email, p.language]));
    expect(new Set(accounts.map((a) => a.person_id)).size).toBe(2);
    expect(accounts.every((a) => a.type === 'peer_recovery' && a.invitedBy === `navigator@${DEMO_EMAIL_DOMAIN}`)).toBe(true);

    const english = await signInToPortal(demoPortalPeople[0]!.email);
    expect(english.session.language).toBe('en');
    const consents = await t.app.inject({ method: 'GET', url: '/api/portal/consents', headers: { cookie: english.cookie } });
    expect(consents.statusCode).toBe(200);
    expect(consents.json<{ items: PortalConsent[] }>().items.filter((c) => c.status === 'signed').length).toBeGreaterThanOrEqual(2);
    expect((await signInToPortal(demoPortalPeople[1]!.email)).session.language).toBe('es');
  });

  it('makes nothing when run again', async () => {
    expect(await seedDemoPortal(t.db, t.clock)).toBe(0);
    expect((await t.db.selectFrom('portal_accounts').select('id').execute()).length).toBe(2);
  });
});
