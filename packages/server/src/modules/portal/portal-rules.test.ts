import { describe, expect, it } from 'vitest';
import {
  CODE_TTL_MINUTES,
  MAX_CODE_ATTEMPTS,
  PORTAL_IDLE_MINUTES,
  PORTAL_MAX_HOURS,
  codeExpiry,
  codeHash,
  createWindowLimiter,
  judgeCode,
  newCode,
  normalizeAddress,
  portalSessionExpiry,
} from './portal-rules.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('normalizeAddress', () => {
  it.each([
    ['  Ana.Lopez@Example.ORG ', { channel: 'email', value: 'ana.lopez@example.org' }],
    ['(541) 555-0134', { channel: 'sms', value: '+15415550134' }],
    ['541.555.0134', { channel: 'sms', value: '+15415550134' }],
    ['1 541 555 0134', { channel: 'sms', value: '+15415550134' }],
    ['+52 55 1234 5678', { channel: 'sms', value: '+525512345678' }],
    ['555-0134', null],
    ['not an address', null],
    ['ana@', null],
  ])('%s', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual(expected);
  });
});

describe('codes', () => {
  it('are six digits, and not all the same', () => {
    const codes = Array.from({ length: 50 }, newCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(40);
  });

  it('are hashed with the secret and bound to the account', () => {
    const h = codeHash('secret', 'account-1', '123456');
    expect(h).not.toContain('123456');
    expect(codeHash('secret', 'account-2', '123456')).not.toBe(h);
    expect(codeHash('other', 'account-1', '123456')).not.toBe(h);
    expect(codeHash('secret', 'account-1', '123456')).toBe(h);
  });

  it(`last ${CODE_TTL_MINUTES} minutes`, () => {
    expect(codeExpiry(NOW)).toEqual(later(10));
  });

  const fresh = { expires_at: later(10), used_at: null, attempts: 0 };
  it.each([
    ['the right code, in time', fresh, true, NOW, 'ok'],
    ['a wrong code', fresh, false, NOW, 'wrong'],
    ['no code asked for', null, true, NOW, 'none'],
    ['a code used once already', { ...fresh, used_at: NOW }, true, NOW, 'used'],
    ['the right code, a second too late', fresh, true, later(10), 'expired'],
    ['the right code after too many wrong ones', { ...fresh, attempts: MAX_CODE_ATTEMPTS }, true, NOW, 'spent'],
    ['the right code on the last allowed try', { ...fresh, attempts: MAX_CODE_ATTEMPTS - 1 }, true, NOW, 'ok'],
  ] as const)('%s', (_name, code, matches, now, expected) => {
    expect(judgeCode(code, matches, now)).toBe(expected);
  });
});

describe('portalSessionExpiry', () => {
  it(`slides ${PORTAL_IDLE_MINUTES} minutes with activity`, () => {
    expect(portalSessionExpiry(NOW, NOW).expiresAt).toEqual(later(15));
    expect(portalSessionExpiry(later(60), NOW).expiresAt).toEqual(later(75));
  });
  it(`never past ${PORTAL_MAX_HOURS} hours from sign-in`, () => {
    const { expiresAt, absoluteExpiresAt } = portalSessionExpiry(later(110), NOW);
    expect(absoluteExpiresAt).toEqual(later(120));
    expect(expiresAt).toEqual(later(120));
  });
});

describe('createWindowLimiter', () => {
  it('lets the limit through, refuses the next, and forgets after the window', () => {
    const limiter = createWindowLimiter(3, 15);
    expect([1, 2, 3].map(() => limiter.hit('a', NOW))).toEqual([null, null, null]);
    expect(limiter.hit('a', later(1))).toBe(14 * 60);
    expect(limiter.hit('b', later(1))).toBeNull();
    expect(limiter.hit('a', later(15))).toBeNull();
  });
  it('keeps at most maxTracked keys', () => {
    const limiter = createWindowLimiter(1, 15, 2);
    limiter.hit('a', NOW);
    limiter.hit('a', NOW);
    limiter.hit('b', NOW);
    limiter.hit('c', NOW);
    // "a" was forgotten to make room: its count starts again.
    expect(limiter.hit('a', NOW)).toBeNull();
  });
});
