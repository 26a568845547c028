import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '@continuum/contracts';
import { buildTestApp, sessionCookieFrom, signIn, type TestApp } from '../../test-support/test-app.ts';
import { createTestOrganization, createTestUser, TEST_PASSWORD } from '../../test-support/factories.ts';

let t: TestApp;
let orgId: string;

beforeAll(async () => {
  t = await buildTestApp({
    CONTINUUM_LOGIN_MAX_FAILURES: '3',
    CONTINUUM_LOCKOUT_MINUTES: '15',
    CONTINUUM_SESSION_IDLE_MINUTES: '30',
    CONTINUUM_SESSION_MAX_HOURS: '8',
  });
  orgId = (await createTestOrganization(t.db, t.clock)).id;
});
afterAll(() => t.close());

const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('sign-in', () => {
  it('answers with the session and an HttpOnly, SameSite=Strict cookie', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
    const response = await login(user.email, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.path).toBe('/');
    expect(cookie?.expires).toBeInstanceOf(Date);
    const body = response.json();
    expect(body.user.email).toBe(user.email);
    expect(body.activeOrganizationId).toBe(orgId);
    expect(body.roles).toEqual(['clinician']);
    expect(body).not.toHaveProperty('user.passwordHash');
    expect(response.body).not.toContain('password');
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
    const wrong = await login(user.email, 'not-the-password');
    const unknown = await login('nobody@test.continuum.example', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(sessionCookieFrom(wrong)).toBeUndefined();
    expect(wrong.body).not.toContain(user.email);
  });

  it('refuses a disabled account', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
    await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    expect((await login(user.email, TEST_PASSWORD)).json().error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('sessions', () => {
  it('reads the session with the cookie, answers 204 without one and refuses a forged one', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['analyst'] });
    const s = await signIn(t.app, user.email);
    const ok = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(['analyst']);
    const none = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    // No cookie at all: nobody is signed in, which is an answer, not an error (public pages ask).
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
    const forged = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `${SESSION_COOKIE}=forged` } });
    expect(forged.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('expires after the idle time, and activity slides the expiry', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['analyst'] });
    const s = await signIn(t.app, user.email);
    t.clock.advance(20 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    t.clock.advance(20 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires at the absolute lifetime however active', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['analyst'] });
    const s = await signIn(t.app, user.email);
    for (let i = 0; i < 20; i++) {
      t.clock.advance(25 * 60_000);
      const r = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } });
      // 8 hours = 480 minutes: the 19th step lands at 475, the 20th at 500.
      if (i < 19) expect(r.statusCode).toBe(200);
      else expect(r.json().error.code).toBe('SESSION_EXPIRED');
    }
  });

  it('logs out: the cookie no longer works', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['analyst'] });
    const s = await signIn(t.app, user.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers, payload: {} });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without the token, or with a wrong one, and changes nothing', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['analyst'] });
    const s = await signIn(t.app, user.email);
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie }, payload: {} });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, [CSRF_HEADER]: 'x'.repeat(43) },
      payload: {},
    });
    expect(wrong.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const still = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } });
    expect(still.statusCode).toBe(200);
  });

  it('does not ask for the token on reads', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['analyst'] });
    const s = await signIn(t.app, user.email);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });
});

describe('organization switching', () => {
  it('switches to an organization the person belongs to, and refuses others', async () => {
    const other = await createTestOrganization(t.db, t.clock, { name: 'Second Organization' });
    const stranger = await createTestOrganization(t.db, t.clock, { name: 'Stranger Organization' });
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['care_navigator'] });
    await t.db
      .insertInto('memberships')
      .values({ user_id: user.id, organization_id: other.id, roles: ['partner_staff'], created_at: t.clock.now() })
      .execute();
    const s = await signIn(t.app, user.email);
    expect(s.session.memberships).toHaveLength(2);
    const switched = await t.app.inject({
      method: 'POST',
      url: '/api/auth/organization',
      headers: s.headers,
      payload: { organizationId: other.id },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().activeOrganizationId).toBe(other.id);
    expect(switched.json().roles).toEqual(['partner_staff']);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    expect(me.json().roles).toEqual(['partner_staff']);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/organization',
      headers: s.headers,
      payload: { organizationId: stranger.id },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('NOT_A_MEMBER');
    const viaHeader = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: s.cookie, 'x-continuum-organization': stranger.id },
    });
    expect(viaHeader.json().error.code).toBe('NOT_A_MEMBER');
  });
});

describe('password change', () => {
  it('applies the password policy and ends other sessions', async () => {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['analyst'] });
    const a = await signIn(t.app, user.email);
    const b = await signIn(t.app, user.email);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY_VIOLATION');
    expect(weak.json().error.details.fields[0].path).toBe('body.newPassword');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: b.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: a.cookie } })).statusCode).toBe(200);
    expect((await login(user.email, 'another long passphrase')).statusCode).toBe(200);
  });
});
