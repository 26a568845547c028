import { createHmac, randomInt } from 'node:crypto';
import { MINUTE_MS, PORTAL_CODE_LENGTH, addHours, type PortalChannel } from '@continuum/contracts';

/*
 * The portal's sign-in rules, as pure functions (docs/portal.md, decision 0023).
 *
 * Sources: NIST SP 800-63B rev. 3 §5.1.3.2 (an out-of-band secret is valid for at most 10 minutes
 * and used once), §5.2.2 (rate limiting: at most 100 consecutive failures on one account; we allow
 * far fewer), OWASP Session Management Cheat Sheet (idle and absolute timeouts; 15–30 minutes idle
 * for a high-value application).
 */

/** A code is good for 10 minutes (NIST SP 800-63B §5.1.3.2). */
export const CODE_TTL_MINUTES = 10;
/** Wrong tries before a code is spent: a new one must be asked for. */
export const MAX_CODE_ATTEMPTS = 5;
/** A portal session ends after 15 minutes without activity… */
export const PORTAL_IDLE_MINUTES = 15;
/** …and after 2 hours in any case (shorter than staff sessions: phones are shared and lost). */
export const PORTAL_MAX_HOURS = 2;

/** Codes asked for one address, and from one network address, within the window. */
export const CODE_REQUESTS_PER_ADDRESS = 3;
export const CODE_REQUESTS_PER_IP = 10;
/** Code checks from one network address within the window. */
export const CODE_CHECKS_PER_IP = 20;
export const RATE_WINDOW_MINUTES = 15;

export type NormalizedAddress = { channel: PortalChannel; value: string };

/**
 * The one form an address is stored and looked up in: an email lowercased; a phone number as "+"
 * and its digits, a 10-digit number taken as North American (+1). Null when it is neither.
 */
export function normalizeAddress(raw: string): NormalizedAddress | null {
  const text = raw.trim();
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? { channel: 'email', value: email } : null;
  }
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? { channel: 'sms', value: `+${digits}` } : null;
  if (digits.length === 10) return { channel: 'sms', value: `+1${digits}` };
  if (digits.length === 11 && digits.startsWith('1')) return { channel: 'sms', value: `+${digits}` };
  return null;
}

/** A uniformly random numeric code of PORTAL_CODE_LENGTH digits. */
export function newCode(): string {
  return String(randomInt(0, 10 ** PORTAL_CODE_LENGTH)).padStart(PORTAL_CODE_LENGTH, '0');
}

/** Codes are stored only as a keyed hash bound to the account: a stolen table gives nothing to type. */
export function codeHash(secret: string, accountId: string, code: string): string {
  return createHmac('sha256', secret).update(`portal-code\u0000${accountId}\u0000${code}`).digest('hex');
}

export type CodeVerdict = 'ok' | 'none' | 'used' | 'expired' | 'spent' | 'wrong';

/** Whether a typed code signs in, given the account's latest code (null: none asked for). */
export function judgeCode(
  code: { expires_at: Date; used_at: Date | null; attempts: number } | null,
  matches: boolean,
  now: Date,
): CodeVerdict {
  if (code === null) return 'none';
  if (code.used_at !== null) return 'used';
  if (now >= code.expires_at) return 'expired';
  if (code.attempts >= MAX_CODE_ATTEMPTS) return 'spent';
  return matches ? 'ok' : 'wrong';
}

export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + CODE_TTL_MINUTES * MINUTE_MS);
}

/** Sliding idle expiry capped by the absolute lifetime. */
export function portalSessionExpiry(now: Date, createdAt: Date): { expiresAt: Date; absoluteExpiresAt: Date } {
  const absoluteExpiresAt = addHours(createdAt, PORTAL_MAX_HOURS);
  const idle = new Date(now.getTime() + PORTAL_IDLE_MINUTES * MINUTE_MS);
  return { expiresAt: idle < absoluteExpiresAt ? idle : absoluteExpiresAt, absoluteExpiresAt };
}

/**
 * A fixed-window counter per key, in memory (one process; a restart forgets): `hit` answers the
 * seconds to wait when the key is over its limit, else null.
 */
export function createWindowLimiter(limit: number, windowMinutes: number, maxTracked = 50_000) {
  const windowMs = windowMinutes * MINUTE_MS;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key: string, now: Date): number | null {
      const t = now.getTime();
      const current = windows.get(key);
      if (!current || t - current.start >= windowMs) {
        windows.delete(key);
        while (windows.size >= maxTracked) {
          const oldest = windows.keys().next();
          if (oldest.done) break;
          windows.delete(oldest.value);
        }
        windows.set(key, { start: t, count: 1 });
        return null;
      }
      current.count += 1;
      return current.count > limit ? Math.max(1, Math.ceil((current.start + windowMs - t) / 1000)) : null;
    },
  };
}
export type WindowLimiter = ReturnType<typeof createWindowLimiter>;
