import type { CapacityStatus } from '@continuum/contracts';
import type { DirectoryCapacityRow } from './directory.table.ts';
import { DAY_MS, HOUR_MS } from '@continuum/contracts';

/**
 * Capacity not confirmed within the configured hours (24 by default) is stale: shown as "not
 * confirmed recently", never as current. Stale capacity is the most common complaint about bed
 * and slot registries (`../shared/reference/referral-directory-consent.md` §3 "Capacity" and §5).
 */
export function capacityAge(updatedAt: Date, now: Date, staleHours: number): { ageMinutes: number; stale: boolean } {
  const ageMs = Math.max(0, now.getTime() - updatedAt.getTime());
  return { ageMinutes: Math.floor(ageMs / 60_000), stale: ageMs > staleHours * HOUR_MS };
}

/** "Has capacity now": fresh, accepting, and something available. */
export function hasCapacityNow(c: { status: string; available: number; stale: boolean }): boolean {
  return !c.stale && c.status === 'accepting' && c.available > 0;
}

/** A listing needs re-verification once it has not been verified for `days` (90 by default). */
export function isVerificationDue(verifiedAt: Date | null, now: Date, days: number): boolean {
  return verifiedAt === null || now.getTime() - verifiedAt.getTime() > days * DAY_MS;
}

/** A capacity row as the API shows it, with its age against the stale limit. */
export function capacityFromRow(r: DirectoryCapacityRow, now: Date, staleHours: number): CapacityStatus {
  return {
    serviceId: r.service_id,
    unit: r.unit,
    status: r.status,
    available: r.available,
    maximum: r.maximum,
    waitlistDays: r.waitlist_days,
    note: r.note,
    updatedAt: r.updated_at.toISOString(),
    updatedByLabel: r.updated_by_label,
    ...capacityAge(r.updated_at, now, staleHours),
  };
}
