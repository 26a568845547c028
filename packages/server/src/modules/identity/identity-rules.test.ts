import { describe, expect, it } from 'vitest';
import { roles, type Role } from '@continuum/contracts';
import { adminActions, canGrantRoles, decideAdmin, rolesNeedingSecondApproval } from '../../core/admin-policy.ts';
import { createLoginRateLimiter, createLoginThrottle, progressiveDelaySeconds } from './login-rate-limit.ts';
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

describe('progressiveDelaySeconds', () => {
  it.each([
    [1, 3, 900, 0],
    [3, 3, 900, 0],
    [4, 3, 900, 1],
    [5, 3, 900, 2],
    [8, 3, 900, 16],
    [13, 3, 900, 512],
    [14, 3, 900, 900],
    [1_000, 3, 900, 900],
    [30, 20, 60, 60],
  ])('after %i failures with %i free (cap %i s) waits %i s', (failures, free, cap, wait) => {
    expect(progressiveDelaySeconds(failures, free, cap)).toBe(wait);
  });
});

describe('login throttle', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const options = { pairFree: 3, pairCapSeconds: 900, accountFree: 6, accountCapSeconds: 60 };

  it('lets the free failures through, then asks one address to wait ever longer, never refusing outright', () => {
    const throttle = createLoginThrottle(options);
    for (let i = 0; i < 3; i++) {
      expect(throttle.check('a@x.org', '10.0.0.1', t0)).toBeNull();
      throttle.failed('a@x.org', '10.0.0.1', t0);
    }
    expect(throttle.check('a@x.org', '10.0.0.1', t0)).toBeNull();
    throttle.failed('a@x.org', '10.0.0.1', t0);
    expect(throttle.check('a@x.org', '10.0.0.1', t0)).toBe(1);
    expect(throttle.check('a@x.org', '10.0.0.1', at(1))).toBeNull();
    throttle.failed('a@x.org', '10.0.0.1', at(1));
    expect(throttle.check('a@x.org', '10.0.0.1', at(1))).toBe(2);
    expect(throttle.check('A@X.org', '10.0.0.1', at(2))).toBe(1);
  });

  it('keeps the owner of the account waiting at most the short account-wide cap, whatever another address does', () => {
    const throttle = createLoginThrottle(options);
    for (let i = 0; i < 200; i++) throttle.failed('victim@x.org', '192.0.2.66', at(i * 1000));
    const end = at(199 * 1000);
    expect(throttle.check('victim@x.org', '192.0.2.66', end)).toBe(900);
    expect(throttle.check('victim@x.org', '198.51.100.7', end)).toBe(60);
    expect(throttle.check('victim@x.org', '198.51.100.7', new Date(end.getTime() + 60_000))).toBeNull();
  });

  it('treats an email no account has exactly like one an account has', () => {
    const throttle = createLoginThrottle(options);
    for (let i = 0; i < 5; i++) {
      throttle.failed('exists@x.org', '10.0.0.1', t0);
      throttle.failed('nobody@x.org', '10.0.0.1', t0);
    }
    expect(throttle.check('exists@x.org', '10.0.0.1', t0)).toBe(throttle.check('nobody@x.org', '10.0.0.1', t0));
  });

  it("forgets on success, on an administrator's unlock, and after a quiet day", () => {
    const throttle = createLoginThrottle(options);
    for (let i = 0; i < 5; i++) throttle.failed('a@x.org', '10.0.0.1', t0);
    throttle.succeeded('a@x.org', '10.0.0.1');
    expect(throttle.check('a@x.org', '10.0.0.1', t0)).toBeNull();
    for (let i = 0; i < 10; i++) throttle.failed('a@x.org', '10.0.0.2', t0);
    throttle.clear('A@x.org');
    expect(throttle.check('a@x.org', '10.0.0.2', t0)).toBeNull();
    for (let i = 0; i < 20; i++) throttle.failed('a@x.org', '10.0.0.3', t0);
    expect(throttle.check('a@x.org', '10.0.0.3', at(60))).not.toBeNull();
    expect(throttle.check('a@x.org', '10.0.0.3', at(24 * 3600 + 1))).toBeNull();
  });

  it('stays within its memory bound', () => {
    const throttle = createLoginThrottle(options, 10);
    for (let i = 0; i < 100; i++) throttle.failed(`p${i}@x.org`, '10.0.0.1', t0);
    for (let i = 0; i < 5; i++) throttle.failed('last@x.org', '10.0.0.1', t0);
    expect(throttle.check('last@x.org', '10.0.0.1', t0)).toBe(2);
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

describe('rolesNeedingSecondApproval', () => {
  it.each([
    ['a clinical role to oneself', true, ['clinician'], ['clinician']],
    ['navigator and analyst to oneself: only the person-level role waits', true, ['care_navigator', 'analyst'], ['care_navigator']],
    ['partner staff to oneself', true, ['partner_staff'], ['partner_staff']],
    ['privacy officer to oneself', true, ['privacy_officer'], ['privacy_officer']],
    ['aggregate and administrative roles to oneself', true, ['analyst', 'org_admin', 'network_admin'], []],
    ['a clinical role to someone else', false, ['clinician', 'privacy_officer'], []],
  ] as const)('%s', (_name, toSelf, roles, expected) => {
    expect(rolesNeedingSecondApproval({ toSelf, roles })).toEqual(expected);
  });
});
