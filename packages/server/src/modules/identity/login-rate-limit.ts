/**
 * A per-address fixed-window limit on sign-in attempts, in memory (one process). It slows password
 * spraying across many accounts; the per-account lockout stops guessing at one account.
 * Returns the seconds to wait when the address is over the limit.
 */
export function createLoginRateLimiter(perMinute: number, maxTracked = 50_000) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(address: string, now: Date): number | null {
      const t = now.getTime();
      const current = windows.get(address);
      if (!current || t - current.start >= 60_000) {
        if (windows.size >= maxTracked) windows.clear();
        windows.set(address, { start: t, count: 1 });
        return null;
      }
      current.count += 1;
      if (current.count > perMinute) return Math.max(1, Math.ceil((current.start + 60_000 - t) / 1000));
      return null;
    },
  };
}
