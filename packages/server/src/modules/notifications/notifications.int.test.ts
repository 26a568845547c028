import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_SIGNATURE_HEADER } from '@continuum/contracts';
import { drainJobs } from '../../jobs/job-queue.ts';
import { jobRegistry } from '../../jobs/registry.ts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { notify } from './notifications.ts';
import { verifyWebhook } from './webhook-signature.ts';

let t: TestApp;
let orgId: string;
let navigator: SignedIn;
let navigatorId: string;
let admin: SignedIn;
let clinician: SignedIn;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let answer = 200;
let server: http.Server;
let hookUrl: string;

beforeAll(async () => {
  t = await buildTestApp();
  orgId = (await createTestOrganization(t.db, t.clock, { type: 'peer_recovery' })).id;
  const nav = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['care_navigator'] });
  navigatorId = nav.id;
  navigator = await signIn(t.app, nav.email);
  admin = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['org_admin'] })).email);
  clinician = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] })).email);
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = (who: SignedIn, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });

describe('notifications', () => {
  it('notifies the members of an organization with a role, once per dedupe key, with email in the development mailbox', async () => {
    const first = await t.db.transaction().execute((trx) =>
      notify(trx, t.clock, {
        kind: 'referral.received',
        title: 'New referral received',
        link: '/referrals/abc',
        organizations: [{ organizationId: orgId, roles: ['care_navigator'] }],
        dedupeKey: 'referral:abc:received',
      }),
    );
    expect(first.notified).toBe(1);
    const again = await t.db.transaction().execute((trx) =>
      notify(trx, t.clock, {
        kind: 'referral.received',
        title: 'New referral received',
        organizations: [{ organizationId: orgId, roles: ['care_navigator'] }],
        dedupeKey: 'referral:abc:received',
      }),
    );
    expect(again.notified).toBe(0);

    const inbox = (await get(navigator, '/api/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      kind: 'referral.received',
      title: 'New referral received',
      link: '/referrals/abc',
      readAt: null,
    });
    expect((await get(clinician, '/api/notifications')).json().items).toEqual([]);

    await drainJobs(t.db, t.clock, jobRegistry, t.config);
    const mailbox = (await get(navigator, '/api/dev/mailbox')).json();
    expect(mailbox.items).toEqual([
      expect.objectContaining({ subject: 'Continuum: New referral received', text: expect.stringContaining('/referrals/abc') }),
    ]);
    expect((await get(clinician, '/api/dev/mailbox')).json().items).toEqual([]);

    expect((await post(navigator, `/api/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(200);
    expect((await get(navigator, '/api/notifications?unread=true')).json()).toEqual({ items: [], unread: 0 });
    expect((await post(clinician, `/api/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(404);
  });

  it('notifies named people and marks all read', async () => {
    await t.db.transaction().execute((trx) => notify(trx, t.clock, { kind: 'system.message', title: 'One', userIds: [navigatorId] }));
    await t.db.transaction().execute((trx) => notify(trx, t.clock, { kind: 'system.message', title: 'Two', userIds: [navigatorId] }));
    expect((await get(navigator, '/api/notifications?unread=true')).json().unread).toBe(2);
    await post(navigator, '/api/notifications/read-all');
    expect((await get(navigator, '/api/notifications?unread=true')).json().unread).toBe(0);
  });
});

describe('webhooks', () => {
  let secret: string;
  let subscriptionId: string;

  it('lets an organization administrator subscribe, showing the secret once', async () => {
    expect((await post(navigator, '/api/admin/webhooks', { url: hookUrl, kinds: ['referral.received'] })).statusCode).toBe(403);
    expect((await post(admin, '/api/admin/webhooks', { url: 'ftp://example.org/x', kinds: ['referral.received'] })).statusCode).toBe(400);
    const created = await post(admin, '/api/admin/webhooks', { url: hookUrl, kinds: ['referral.received'] });
    expect(created.statusCode).toBe(201);
    secret = created.json().secret;
    subscriptionId = created.json().id;
    expect(secret).toMatch(/^whsec_/);
    const list = (await get(admin, '/api/admin/webhooks')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: subscriptionId, url: hookUrl, active: true })]);
    expect(JSON.stringify(list)).not.toContain(secret);
  });

  it('delivers a signed POST with ids only, retrying after a failure', async () => {
    answer = 503;
    await t.db.transaction().execute((trx) =>
      notify(trx, t.clock, {
        kind: 'referral.received',
        title: 'New referral received',
        webhook: { organizationIds: [orgId], payload: { referralId: 'r-1' } },
      }),
    );
    await drainJobs(t.db, t.clock, jobRegistry, t.config);
    expect(received).toHaveLength(1);
    let delivery = await t.db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'queued', attempts: 1, response_status: 503 });

    answer = 200;
    t.clock.advance(60_000);
    await drainJobs(t.db, t.clock, jobRegistry, t.config);
    expect(received).toHaveLength(2);
    delivery = await t.db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, response_status: 200 });

    const last = received.at(-1)!;
    expect(JSON.parse(last.body)).toMatchObject({ kind: 'referral.received', data: { referralId: 'r-1' } });
    const signature = String(last.headers[WEBHOOK_SIGNATURE_HEADER]);
    expect(verifyWebhook(secret, last.body, signature, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
    expect(last.headers['x-continuum-event']).toBe('referral.received');
  });

  it('does not deliver kinds the subscription did not ask for, nor after unsubscribing', async () => {
    const before = received.length;
    await t.db
      .transaction()
      .execute((trx) =>
        notify(trx, t.clock, { kind: 'overdose.spike', title: 'Spike', webhook: { organizationIds: [orgId], payload: {} } }),
      );
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${subscriptionId}`, headers: admin.headers })).statusCode,
    ).toBe(200);
    await t.db
      .transaction()
      .execute((trx) =>
        notify(trx, t.clock, { kind: 'referral.received', title: 'x', webhook: { organizationIds: [orgId], payload: {} } }),
      );
    await drainJobs(t.db, t.clock, jobRegistry, t.config);
    expect(received.length).toBe(before);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${subscriptionId}`, headers: admin.headers })).statusCode,
    ).toBe(404);
  });
});
