import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { createTestOrganization, createTestUser, TEST_PASSWORD } from '../../test-support/factories.ts';

let t: TestApp;
let orgId: string;

beforeAll(async () => {
  t = await buildTestApp({ CONTINUUM_LOGIN_MAX_FAILURES: '3', CONTINUUM_LOCKOUT_MINUTES: '15', CONTINUUM_LOGIN_RATE_PER_MINUTE: '12' });
  orgId = (await createTestOrganization(t.db, t.clock)).id;
});
afterAll(() => t.close());

const login = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

/** What an outsider sees of an answer: status, body without the request id, and the wait. */
const seen = (r: Awaited<ReturnType<typeof login>>) => {
  const body = r.json();
  delete body.error.details.requestId;
  return { status: r.statusCode, body, retryAfter: r.headers['retry-after'] };
};

describe('sign-in throttling', () => {
  it('answers an existing email and an unknown one identically through repeated failures, with no lockout', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
    const forExisting = [];
    const forUnknown = [];
    for (let i = 0; i < 6; i++) {
      forExisting.push(seen(await login(user.email, `wrong-${i}`, '10.1.0.1')));
      forUnknown.push(seen(await login('nobody-here@test.continuum.example', `wrong-${i}`, '10.1.0.2')));
      t.clock.advance(1_000);
    }
    expect(forUnknown).toEqual(forExisting);
    expect(forExisting.map((a) => a.status)).not.toContain(423);
    expect(forExisting.slice(0, 3).map((a) => a.body.error.code)).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
    ]);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'auth.login-failed').execute();
    expect(audit.filter((a) => a.entity_id === user.id).length).toBeGreaterThan(0);
    expect(audit.filter((a) => a.entity_id === null).length).toBeGreaterThan(0);
  });

  it('makes one address wait ever longer at one account, and lets the right password in once the wait passes', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
    for (let i = 0; i < 3; i++) expect((await login(user.email, `wrong-${i}`, '10.2.0.1')).statusCode).toBe(401);
    expect((await login(user.email, 'wrong-3', '10.2.0.1')).statusCode).toBe(401);
    const waiting = await login(user.email, TEST_PASSWORD, '10.2.0.1');
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json().error.code).toBe('RATE_LIMITED');
    expect(waiting.json().error.details.retryAfterSeconds).toBe(1);
    expect(waiting.headers['retry-after']).toBe('1');
    t.clock.advance(1_000);
    expect((await login(user.email, 'wrong-4', '10.2.0.1')).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD, '10.2.0.1')).headers['retry-after']).toBe('2');
    t.clock.advance(2_000);
    expect((await login(user.email, TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it('does not hand an attacker a lockout switch: the owner from another address waits at most a minute', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
    for (let i = 0; i < 40; i++) {
      const r = await login(user.email, `guess-${i}`, `10.3.0.${i}`);
      expect(r.statusCode).not.toBe(423);
      t.clock.advance(61_000);
    }
    const owner = await login(user.email, TEST_PASSWORD, '10.3.1.1');
    expect(owner.statusCode === 200 || Number(owner.headers['retry-after']) <= 60).toBe(true);
    t.clock.advance(60_000);
    expect((await login(user.email, TEST_PASSWORD, '10.3.1.1')).statusCode).toBe(200);
  });

  it('limits sign-in attempts per address per minute, whatever the emails', async () => {
    const codes = [];
    for (let i = 0; i < 14; i++) codes.push((await login(`spray-${i}@test.continuum.example`, 'Summer2026!', '10.4.0.1')).statusCode);
    expect(codes.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(codes.slice(12)).toEqual([429, 429]);
    expect((await login('spray-x@test.continuum.example', 'Summer2026!', '10.4.0.2')).statusCode).toBe(401);
    t.clock.advance(60_000);
    expect((await login('spray-y@test.continuum.example', 'Summer2026!', '10.4.0.1')).statusCode).toBe(401);
  });

  it('an administrator unlock ends the wait', async () => {
    const admin = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['org_admin'] });
    const s = await signIn(t.app, admin.email);
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
    for (let i = 0; i < 8; i++) await login(user.email, `wrong-${i}`, '10.5.0.1');
    expect((await login(user.email, TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(429);
    const r = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${user.id}`, headers: s.headers, payload: { unlock: true } });
    expect(r.statusCode).toBe(200);
    expect((await login(user.email, TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(200);
  });
});
