/**
 * A per-address fixed-window limit on sign-in attempts, in memory (one process). It slows password
 * spraying across many accounts; the login throttle below slows guessing at one account.
 * Returns the seconds to wait when the address is over the limit.
 */
export function createLoginRateLimiter(perMinute: number, maxTracked = 50_000) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(address: string, now: Date): number | null {
      const t = now.getTime();
      const current = windows.get(address);
      if (!current || t - current.start >= 60_000) {
        windows.delete(address);
        evictOldest(windows, maxTracked);
        windows.set(address, { start: t, count: 1 });
        return null;
      }
      current.count += 1;
      if (current.count > perMinute) return Math.max(1, Math.ceil((current.start + 60_000 - t) / 1000));
      return null;
    },
  };
}

function evictOldest(map: Map<string, unknown>, maxTracked: number) {
  while (map.size >= maxTracked) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}

/**
 * The wait after the `failures`-th consecutive failure: none for the first `free` failures, then
 * 1 s, 2 s, 4 s … doubling up to `capSeconds`. NIST SP 800-63B §5.2.2 (rate limiting) names
 * exponentially increasing waits between attempts as the alternative to locking an account.
 */
export function progressiveDelaySeconds(failures: number, free: number, capSeconds: number): number {
  if (failures <= free) return 0;
  const exponent = Math.min(failures - free - 1, 30);
  return Math.min(capSeconds, 2 ** exponent);
}

export interface LoginThrottleOptions {
  /** Failures from one address at one email before waits begin (CONTINUUM_LOGIN_MAX_FAILURES). */
  pairFree: number;
  /** The longest wait for one address at one email (CONTINUUM_LOCKOUT_MINUTES). */
  pairCapSeconds: number;
  /** Failures at one email from all addresses together before waits begin. */
  accountFree: number;
  /**
   * The longest wait at one email from all addresses together. Kept short on purpose: a long one
   * would be a switch anyone could flip to keep the owner of the account out.
   */
  accountCapSeconds: number;
}

/** Failures are forgotten after a day without one. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

interface Entry {
  failures: number;
  lastFailureAt: number;
  nextAllowedAt: number;
}

/** The defaults the app runs with, derived from the configured login settings. */
export function loginThrottleOptions(login: { maxFailures: number; lockoutMinutes: number }): LoginThrottleOptions {
  return {
    pairFree: login.maxFailures,
    pairCapSeconds: login.lockoutMinutes * 60,
    accountFree: login.maxFailures * 4,
    accountCapSeconds: 60,
  };
}

/**
 * Throttles sign-in by the email asked for (whether or not an account has it, so the answers do not
 * tell accounts apart) and by that email from one address. There is no lockout: after the free
 * failures each further attempt must wait a doubling delay, shorter for the email as a whole than
 * for one address, so someone guessing from one address is slowed hard while the owner signing in
 * from elsewhere waits at most `accountCapSeconds`. In memory, per process; a restart forgets.
 */
export function createLoginThrottle(options: LoginThrottleOptions, maxTracked = 100_000) {
  const entries = new Map<string, Entry>();
  const accountKey = (email: string) => `a\u0000${email.toLowerCase()}`;
  const pairKey = (email: string, address: string) => `p\u0000${email.toLowerCase()}\u0000${address}`;

  function live(key: string, t: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry && t - entry.lastFailureAt > FORGET_AFTER_MS) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function bump(key: string, t: number, free: number, capSeconds: number) {
    const entry = live(key, t) ?? { failures: 0, lastFailureAt: t, nextAllowedAt: t };
    entry.failures += 1;
    entry.lastFailureAt = t;
    entry.nextAllowedAt = t + progressiveDelaySeconds(entry.failures, free, capSeconds) * 1000;
    entries.delete(key);
    evictOldest(entries, maxTracked);
    entries.set(key, entry);
  }

  return {
    /** Seconds to wait before this attempt may be tried, or null when it may go ahead. */
    check(email: string, address: string, now: Date): number | null {
      const t = now.getTime();
      const waits = [live(accountKey(email), t), live(pairKey(email, address), t)]
        .filter((e): e is Entry => e !== undefined && e.nextAllowedAt > t)
        .map((e) => Math.ceil((e.nextAllowedAt - t) / 1000));
      return waits.length > 0 ? Math.max(...waits) : null;
    },
    failed(email: string, address: string, now: Date) {
      const t = now.getTime();
      bump(accountKey(email), t, options.accountFree, options.accountCapSeconds);
      bump(pairKey(email, address), t, options.pairFree, options.pairCapSeconds);
    },
    succeeded(email: string, address: string) {
      entries.delete(accountKey(email));
      entries.delete(pairKey(email, address));
    },
    /** An administrator's unlock: every wait at this email ends. */
    clear(email: string) {
      const prefixes = [accountKey(email), `p\u0000${email.toLowerCase()}\u0000`];
      for (const key of [...entries.keys()]) if (key === prefixes[0] || key.startsWith(prefixes[1]!)) entries.delete(key);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

const throttles = new WeakMap<object, LoginThrottle>();

/** The one throttle of an app (keyed by its dependencies), shared by sign-in and the administrator's unlock. */
export function loginThrottleOf(deps: { config: { login: { maxFailures: number; lockoutMinutes: number } } }): LoginThrottle {
  let throttle = throttles.get(deps);
  if (!throttle) {
    throttle = createLoginThrottle(loginThrottleOptions(deps.config.login));
    throttles.set(deps, throttle);
  }
  return throttle;
}
