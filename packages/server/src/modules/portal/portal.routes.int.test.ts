import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, MINUTE_MS, PORTAL_SESSION_COOKIE, type PortalConsent, type PortalSession } from '@continuum/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';

let t: TestApp;
let otp: { id: string };
let ed: { id: string };
let navigator: SignedIn & { userId: string };
let clinician: SignedIn;
let partner: SignedIn;
let rosa: { id: string };
let ben: { id: string };
let rosaConsent: string;
let benConsent: string;
const emails = { navigator: '', clinician: '' };
/** Staff sessions end after an idle hour, and the scenarios move the clock: sign the staff in again. */
async function staffAgain() {
  navigator = { ...(await signIn(t.app, emails.navigator)), userId: navigator.userId };
  clinician = await signIn(t.app, emails.clinician);
}

interface Portal {
  cookie: string;
  csrf: string;
}

const get = (who: { cookie: string }, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const staffPost = (who: SignedIn, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
const portalPost = (who: Portal, url: string, payload: object = {}, csrf = true) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, ...(csrf ? { [CSRF_HEADER]: who.csrf } : {}) }, payload });
const anonymousPost = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
/** Rate windows are 15 minutes: step past one between scenarios. */
const nextWindow = () => t.clock.advance(16 * MINUTE_MS);

async function outbox(to: string) {
  return t.db.selectFrom('email_outbox').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').execute();
}

async function latestCode(to: string): Promise<string> {
  const [message] = await outbox(to);
  const code = /\b(\d{6})\b/.exec(message?.text_body ?? '')?.[1];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

function portalFrom(response: LightMyRequestResponse): Portal {
  const cookie = response.cookies.find((c) => c.name === PORTAL_SESSION_COOKIE);
  if (!cookie) throw new Error(`no portal cookie: ${response.statusCode} ${response.body}`);
  return { cookie: `${PORTAL_SESSION_COOKIE}=${cookie.value}`, csrf: (response.json() as PortalSession).csrfToken };
}

async function signInToPortal(address: string, to: string): Promise<Portal> {
  expect((await anonymousPost('/api/portal/auth/code', { address })).statusCode).toBe(202);
  return portalFrom(await anonymousPost('/api/portal/auth/verify', { address, code: await latestCode(to) }));
}

async function signedConsent(personId: string): Promise<string> {
  const draft = await staffPost(navigator, `/api/people/${personId}/consents`, {
    type: 'standard',
    disclosers: { type: 'organizations', organizationIds: [otp.id] },
    recipients: { type: 'organizations', organizationIds: [ed.id] },
    purposes: ['treatment'],
    kinds: ['sud_treatment'],
    informationDescription: 'My substance use treatment record',
    expiresOn: '2027-01-31',
    language: 'en',
  });
  expect(draft.statusCode).toBe(201);
  const id = draft.json().id as string;
  const signed = await staffPost(navigator, `/api/consents/${id}/sign`, {
    signerName: 'The person',
    signatureMethod: 'attested',
    acknowledged: true,
  });
  expect(signed.statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  const housing = await createTestOrganization(t.db, t.clock, { name: 'Anchor House', type: 'recovery_housing' });
  const nav = await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['care_navigator'] });
  navigator = { ...(await signIn(t.app, nav.email)), userId: nav.id };
  const cli = await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: ['clinician'] });
  clinician = await signIn(t.app, cli.email);
  Object.assign(emails, { navigator: nav.email, clinician: cli.email });
  partner = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: housing.id, roles: ['partner_staff'] })).email);
  rosa = await createTestPerson(t.db, t.clock, otp.id, { givenName: 'Rosa' });
  ben = await createTestPerson(t.db, t.clock, otp.id, { givenName: 'Ben' });
  rosaConsent = await signedConsent(rosa.id);
  benConsent = await signedConsent(ben.id);
  // The ED reads Rosa's record under her consent: a disclosure she will see.
  expect((await get(clinician, `/api/people/${rosa.id}`)).statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe('invitation', () => {
  it('a navigator of the organization holding the record invites by email and by text message', async () => {
    const invited = await staffPost(navigator, `/api/people/${rosa.id}/portal-invitation`, {
      channel: 'email',
      address: ' Rosa@Example.org ',
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ personId: rosa.id, channel: 'email' });
    const [message] = await outbox('rosa@example.org');
    expect(message!.text_body).toContain('/portal');
    expect(message!.text_body).not.toContain('Rosa');

    const texted = await staffPost(navigator, `/api/people/${ben.id}/portal-invitation`, {
      channel: 'sms',
      address: '(541) 555-0100',
      language: 'es',
    });
    expect(texted.statusCode).toBe(201);
    const [sms] = await outbox('sms:+15415550100');
    expect(sms).toMatchObject({ status: 'local' });
    expect(sms!.text_body).toMatch(/Le invitamos/);
  });

  it('refuses an organization that sees the person only through a consent, a role without the right, and a wrong address', async () => {
    expect(
      (await staffPost(clinician, `/api/people/${rosa.id}/portal-invitation`, { channel: 'email', address: 'x@example.org' })).statusCode,
    ).toBe(403);
    expect(
      (await staffPost(partner, `/api/people/${rosa.id}/portal-invitation`, { channel: 'email', address: 'x@example.org' })).statusCode,
    ).toBe(403);
    const bad = await staffPost(navigator, `/api/people/${rosa.id}/portal-invitation`, { channel: 'sms', address: 'rosa@example.org' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('body.address');
    const taken = await staffPost(navigator, `/api/people/${ben.id}/portal-invitation`, { channel: 'email', address: 'rosa@example.org' });
    expect(taken.statusCode).toBe(400);
  });
});

describe('sign-in with a one-time code', () => {
  it('answers the same for an unknown address and sends nothing', async () => {
    nextWindow();
    const unknown = await anonymousPost('/api/portal/auth/code', { address: 'nobody@example.org' });
    const known = await anonymousPost('/api/portal/auth/code', { address: 'rosa@example.org' });
    expect([unknown.statusCode, unknown.body]).toEqual([known.statusCode, known.body]);
    expect(await outbox('nobody@example.org')).toEqual([]);
    const wrongForUnknown = await anonymousPost('/api/portal/auth/verify', { address: 'nobody@example.org', code: '123456' });
    const wrongForKnown = await anonymousPost('/api/portal/auth/verify', { address: 'rosa@example.org', code: '000000' });
    expect(wrongForUnknown.statusCode).toBe(401);
    expect(wrongForUnknown.json().error.message).toBe(wrongForKnown.json().error.message);
  });

  it('stores only a keyed hash of the code, and a code works once', async () => {
    nextWindow();
    await anonymousPost('/api/portal/auth/code', { address: 'rosa@example.org' });
    const code = await latestCode('rosa@example.org');
    const stored = await t.db.selectFrom('portal_codes').select('code_hash').execute();
    expect(stored.some((s) => s.code_hash.includes(code))).toBe(false);
    const first = await anonymousPost('/api/portal/auth/verify', { address: 'rosa@example.org', code });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ givenName: 'Rosa', language: 'en' });
    const again = await anonymousPost('/api/portal/auth/verify', { address: 'rosa@example.org', code });
    expect(again.statusCode).toBe(401);
  });

  it('a code expires after 10 minutes, and a new code replaces the old one', async () => {
    nextWindow();
    await anonymousPost('/api/portal/auth/code', { address: 'rosa@example.org' });
    const old = await latestCode('rosa@example.org');
    await anonymousPost('/api/portal/auth/code', { address: 'rosa@example.org' });
    const fresh = await latestCode('rosa@example.org');
    if (old !== fresh)
      expect((await anonymousPost('/api/portal/auth/verify', { address: 'rosa@example.org', code: old })).statusCode).toBe(401);
    t.clock.advance(10 * MINUTE_MS);
    expect((await anonymousPost('/api/portal/auth/verify', { address: 'rosa@example.org', code: fresh })).statusCode).toBe(401);
  });

  it('a code is spent after five wrong tries', async () => {
    nextWindow();
    await anonymousPost('/api/portal/auth/code', { address: '541 555 0100' });
    const code = await latestCode('sms:+15415550100');
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) await anonymousPost('/api/portal/auth/verify', { address: '5415550100', code: wrong });
    expect((await anonymousPost('/api/portal/auth/verify', { address: '5415550100', code })).statusCode).toBe(401);
  });

  it('limits code requests per address and per network address', async () => {
    nextWindow();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await anonymousPost('/api/portal/auth/code', { address: 'rosa@example.org' })).statusCode);
    expect(answers).toEqual([202, 202, 202, 429]);
    nextWindow();
    const fromOneIp = [];
    for (let i = 0; i < 11; i++)
      fromOneIp.push((await anonymousPost('/api/portal/auth/code', { address: `p${i}@example.org` })).statusCode);
    expect(fromOneIp.at(-1)).toBe(429);
    expect(fromOneIp.slice(0, 10).every((s) => s === 202)).toBe(true);
  });
});

describe("the person's own record, and nobody else's", () => {
  let me: Portal;
  beforeAll(async () => {
    nextWindow();
    me = await signInToPortal('rosa@example.org', 'rosa@example.org');
  });

  it('lists exactly my consents', async () => {
    const list = await get(me, '/api/portal/consents');
    expect(list.statusCode).toBe(200);
    expect((list.json().items as PortalConsent[]).map((c) => c.id)).toEqual([rosaConsent]);
    expect(list.json().items[0]).toMatchObject({ status: 'signed', toOrganizations: ['Harbor General ED'], expiresOn: '2027-01-31' });
  });

  it("cannot revoke another person's consent by changing the id (404), nor reach staff routes (401)", async () => {
    expect((await portalPost(me, `/api/portal/consents/${benConsent}/revoke`)).statusCode).toBe(404);
    expect((await t.db.selectFrom('consents').select('status').where('id', '=', benConsent).executeTakeFirstOrThrow()).status).toBe(
      'signed',
    );
    for (const url of [
      `/api/people/${rosa.id}`,
      `/api/people/${ben.id}`,
      `/api/people/${rosa.id}/consents`,
      '/api/worklist/tasks',
      '/api/people?q=Ben',
    ])
      expect((await get(me, url)).statusCode, url).toBe(401);
    expect((await get(me, '/api/portal/consents')).json().items).toHaveLength(1);
  });

  it('shows who saw my record in plain words, and as a CSV file', async () => {
    const list = await get(me, '/api/portal/disclosures');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        organizationName: 'Harbor General ED',
        fromOrganizationName: 'Tidewater Treatment',
        purpose: 'treatment',
        emergency: false,
      }),
    ]);
    const csv = await get(me, '/api/portal/disclosures.csv?lang=es');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="who-saw-my-record-/);
    expect(csv.body.split('\n')[0]).toBe('fecha,quién lo vio,de,qué,para qué,emergencia');
    expect(csv.body).toContain('Harbor General ED');
  });

  it('revokes my consent at once: the organization it named can no longer see me', async () => {
    expect((await portalPost(me, `/api/portal/consents/${rosaConsent}/revoke`, {}, false)).statusCode).toBe(403);
    const revoked = await portalPost(me, `/api/portal/consents/${rosaConsent}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: rosaConsent, status: 'revoked' });
    await staffAgain();
    expect((await get(clinician, `/api/people/${rosa.id}`)).statusCode).toBe(404);
    const history = await t.db.selectFrom('consents').select(['revocation_method']).where('id', '=', rosaConsent).executeTakeFirstOrThrow();
    expect(history.revocation_method).toBe('electronic');
  });

  it('"I need help today" puts an urgent task on my navigator\'s worklist, once an hour', async () => {
    const first = await portalPost(me, '/api/portal/help');
    expect(first.json()).toEqual({ created: true });
    expect((await portalPost(me, '/api/portal/help')).json()).toEqual({ created: false });
    await staffAgain();
    const tasks = await get(navigator, '/api/worklist/tasks?scope=team');
    expect(tasks.statusCode).toBe(200);
    const task = tasks.json().items.find((i: { person: { id: string } }) => i.person.id === rosa.id);
    expect(task).toMatchObject({ kind: 'manual' });
    expect(new Date(task.dueAt).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(60 * MINUTE_MS);
  });

  it('audits every portal action as the person', async () => {
    const rows = await t.db.selectFrom('audit_events').select(['action', 'actor_type']).where('actor_type', '=', 'person').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'portal.sign-in',
      'portal.consents.read',
      'portal.disclosures.read',
      'portal.disclosures.download',
      'consent.revoke',
      'portal.help.request',
      'worklist.task.create',
    ])
      expect(actions, action).toContain(action);
  });

  it('signs out everywhere, and a session ends after 15 idle minutes', async () => {
    nextWindow();
    const phone = await signInToPortal('rosa@example.org', 'rosa@example.org');
    nextWindow();
    const laptop = await signInToPortal('rosa@example.org', 'rosa@example.org');
    expect((await portalPost(laptop, '/api/portal/auth/logout-everywhere')).statusCode).toBe(200);
    expect((await get(phone, '/api/portal/consents')).statusCode).toBe(401);
    expect((await get(laptop, '/api/portal/consents')).statusCode).toBe(401);
    nextWindow();
    const idle = await signInToPortal('rosa@example.org', 'rosa@example.org');
    t.clock.advance(16 * MINUTE_MS);
    const expired = await get(idle, '/api/portal/consents');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });
});
