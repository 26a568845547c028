import { capacityStatusLabels, capacityUnitLabels, type CapacityStatus } from '@continuum/contracts';
import { formatDateTime } from '../../ui/format.ts';

/** "Verified Mar 4, 2026, 3:00 PM by Dana Lee", or "Never verified". */
export function verificationText(verifiedAt: string | null, verifiedByLabel: string | null): string {
  if (!verifiedAt) return 'Never verified';
  return `Verified ${formatDateTime(verifiedAt)}${verifiedByLabel ? ` by ${verifiedByLabel}` : ''}`;
}

/** One line for staff: "Accepting new people · 3 of 10 slots · updated Mar 4, 2026, 3:00 PM by Dana Lee". */
export function capacitySummary(capacity: CapacityStatus): string {
  const unit = capacityUnitLabels[capacity.unit].en;
  const counts = capacity.maximum !== null ? `${capacity.available} of ${capacity.maximum} ${unit}` : `${capacity.available} ${unit}`;
  const wait = capacity.status === 'waitlist' && capacity.waitlistDays !== null ? ` · about ${capacity.waitlistDays} days' wait` : '';
  const by = capacity.updatedByLabel ? ` by ${capacity.updatedByLabel}` : '';
  return `${capacityStatusLabels[capacity.status].en} · ${counts}${wait} · updated ${formatDateTime(capacity.updatedAt)}${by}`;
}
