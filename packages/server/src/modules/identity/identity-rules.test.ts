import { describe, expect, it } from 'vitest';
import { roles, type Role } from '@continuum/contracts';
import { loadConfig } from '../../config.ts';
import { adminActions, canGrantRoles, decideAdmin } from '../../core/admin-policy.ts';
import { afterFailedAttempt } from './login.ts';
import { createLoginRateLimiter } from './login-rate-limit.ts';
import { checkPassword } from './password-policy.ts';
import { sessionExpiry, sessionState } from './session.ts';

const user = { type: 'user' as const, userId: 'u', sessionId: 's' };

describe('checkPassword', () => {
  it.each([
    ['short', 'person@x.org', 'too-short'],
    ['password1234', 'person@x.org', 'common'],
    ['PASSWORD1234', 'person@x.org', 'common'],
    ['zzzzzzzzzzzzzz', 'person@x.org', 'repetitive'],
    ['my name is jordan.lee!', 'jordan.lee@x.org', 'contains-email'],
    ['x'.repeat(257), 'person@x.org', 'too-long'],
  ])('refuses %j', (password, email, problem) => {
    expect(checkPassword(password, email)).toMatchObject({ ok: false, problem });
  });
  it.each(['continuum-demo', 'correct horse battery staple', 'a-long-test-passphrase'])('accepts %j', (password) => {
    expect(checkPassword(password, 'person@x.org')).toEqual({ ok: true });
  });
});

describe('afterFailedAttempt', () => {
  const login = loadConfig({ CONTINUUM_LOGIN_MAX_FAILURES: '3', CONTINUUM_LOCKOUT_MINUTES: '10' }).login;
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    [0, 1, null],
    [1, 2, null],
    [2, 0, new Date('2026-01-01T00:10:00Z')],
  ])('after %i failures counts %i and locks until %s', (before, after, lockedUntil) => {
    expect(afterFailedAttempt(before, now, login)).toEqual({ failedCount: after, lockedUntil });
  });
});

describe('login rate limiter', () => {
  it('allows N per minute per address, then asks to wait', () => {
    const limiter = createLoginRateLimiter(2);
    const t0 = new Date('2026-01-01T00:00:00Z');
    expect(limiter.hit('a', t0)).toBeNull();
    expect(limiter.hit('a', t0)).toBeNull();
    expect(limiter.hit('a', new Date(t0.getTime() + 20_000))).toBe(40);
    expect(limiter.hit('b', t0)).toBeNull();
    expect(limiter.hit('a', new Date(t0.getTime() + 60_000))).toBeNull();
  });
});

describe('session expiry', () => {
  const session = { idleMinutes: 30, maxHours: 8, cookieSecure: false };
  const created = new Date('2026-01-01T00:00:00Z');
  it('slides with activity but never past the absolute lifetime', () => {
    expect(sessionExpiry(created, created, session).expiresAt).toEqual(new Date('2026-01-01T00:30:00Z'));
    expect(sessionExpiry(new Date('2026-01-01T07:50:00Z'), created, session).expiresAt).toEqual(new Date('2026-01-01T08:00:00Z'));
  });
  it.each([
    [{ revoked_at: new Date(0) }, 'revoked'],
    [{ expires_at: new Date('2026-01-01T00:00:00Z') }, 'expired'],
    [{ absolute_expires_at: new Date('2026-01-01T00:00:00Z') }, 'expired'],
    [{}, 'active'],
  ])('%o is %s', (override, state) => {
    const far = new Date('2030-01-01T00:00:00Z');
    expect(
      sessionState({ expires_at: far, absolute_expires_at: far, revoked_at: null, ...override }, new Date('2026-01-01T00:00:00Z')),
    ).toBe(state);
  });
});

describe('decideAdmin', () => {
  const cases = roles.flatMap((role) =>
    adminActions.flatMap((action) => [[role, action, 'own'] as const, [role, action, 'other'] as const]),
  );
  function expected(role: Role, action: string, target: 'own' | 'other'): boolean {
    if (role === 'network_admin') return true;
    if (role === 'org_admin')
      return (
        !['organization.create', 'audit.read', 'audit.verify', 'ehr-connection.read', 'ehr-connection.write'].includes(action) &&
        target === 'own'
      );
    if (role === 'privacy_officer') return action === 'audit.read' && target === 'own';
    return false;
  }
  it.each(cases)('%s %s on %s organization', (role, action, target) => {
    const access = { actor: user, organizationId: 'A', roles: [role] };
    expect(decideAdmin(access, action, target === 'own' ? 'A' : 'B').allowed).toBe(expected(role, action, target));
  });
  it('never lets an API token administer', () => {
    expect(
      decideAdmin({ actor: { type: 'token', tokenId: 't' }, organizationId: 'A', roles: ['network_admin'] }, 'organization.list').allowed,
    ).toBe(false);
  });
  it('lets only network administrators grant network administration', () => {
    expect(canGrantRoles({ roles: ['org_admin'] }, ['clinician'])).toBe(true);
    expect(canGrantRoles({ roles: ['org_admin'] }, ['network_admin'])).toBe(false);
    expect(canGrantRoles({ roles: ['network_admin'] }, ['network_admin'])).toBe(true);
  });
});
