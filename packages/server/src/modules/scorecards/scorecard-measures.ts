import { DAY_MS, HOUR_MS, type ScorecardMeasureId } from '@continuum/contracts';
import type { ScorecardReferralRow } from '../referrals/index.ts';

/*
 * The partner scorecard's measures as pure functions (docs/network.md, "Partner scorecards").
 * Referral measures read the referral's timestamps and state (modules/referrals: `created_at` is the
 * day sent, `acknowledged_at` the receiver's first step, the first `accept` and `schedule`
 * transitions, an `attend` transition, and the closing state with its reason — `failed` with
 * `no_show` is a missed appointment). Capacity and verification read the directory's confirmation
 * and verification instants. Suppression is applied afterwards (scorecard-suppression.ts).
 */

export type ScorecardReferral = ScorecardReferralRow;

/** A measure's raw result over one period: counts for rates and volumes, the values for times. */
export type RawMeasure =
  | { kind: 'count'; count: number }
  | { kind: 'proportion'; numerator: number; denominator: number }
  | { kind: 'time'; values: readonly number[] };

/** The referral measures, over referrals already limited to the period and, if asked, the pathway. */
export function referralMeasures(
  referrals: readonly ScorecardReferral[],
  organizationId: string,
  now: Date,
): Record<Exclude<ScorecardMeasureId, 'capacity_on_time' | 'verified_on_time'>, RawMeasure> {
  const received = referrals.filter((r) => r.receiverOrganizationId === organizationId);
  const sent = referrals.filter((r) => r.senderOrganizationId === organizationId);

  const ackHours = received.flatMap((r) => (r.acknowledgedAt ? [(r.acknowledgedAt.getTime() - r.sentAt.getTime()) / HOUR_MS] : []));
  // On time: acknowledged by the deadline. Not yet due and unacknowledged, or cancelled by the sender
  // before the receiver saw it: not counted either way.
  const ackCounted = received.filter(
    (r) => r.acknowledgedAt !== null || (r.status !== 'cancelled' && r.ackDueAt.getTime() <= now.getTime()),
  );
  const ackOnTime = ackCounted.filter((r) => r.acknowledgedAt !== null && r.acknowledgedAt.getTime() <= r.ackDueAt.getTime());

  const appointmentDays = received.flatMap((r) =>
    r.firstAppointmentAt ? [Math.max(0, (r.firstAppointmentAt.getTime() - r.sentAt.getTime()) / DAY_MS)] : [],
  );
  const decided = received.filter((r) => r.acceptedAt !== null || r.status === 'rejected');
  const accepted = decided.filter((r) => r.acceptedAt !== null);
  const noShow = (r: ScorecardReferral) => r.status === 'failed' && r.statusReason === 'no_show';
  const appointmentOutcome = received.filter((r) => r.attended || noShow(r));
  const closedAfterAccept = received.filter((r) => r.acceptedAt !== null && (r.status === 'completed' || r.status === 'failed'));

  return {
    referrals_sent: { kind: 'count', count: sent.length },
    referrals_received: { kind: 'count', count: received.length },
    ack_hours: { kind: 'time', values: ackHours },
    ack_on_time: { kind: 'proportion', numerator: ackOnTime.length, denominator: ackCounted.length },
    appointment_days: { kind: 'time', values: appointmentDays },
    acceptance: { kind: 'proportion', numerator: accepted.length, denominator: decided.length },
    no_show: { kind: 'proportion', numerator: appointmentOutcome.filter(noShow).length, denominator: appointmentOutcome.length },
    completion: {
      kind: 'proportion',
      numerator: closedAfterAccept.filter((r) => r.status === 'completed').length,
      denominator: closedAfterAccept.length,
    },
  };
}

/**
 * Capacity updates on time: of the service-days from `fromDay` to `toDay` (epoch days, inclusive)
 * that have ended by `now`, counting each service from the day of its first confirmation, those
 * whose latest confirmation at the end of the day was within `staleHours`.
 */
export function capacityOnTime(
  services: readonly { confirmations: readonly Date[] }[],
  fromDay: number,
  toDay: number,
  now: Date,
  staleHours: number,
): { numerator: number; denominator: number } {
  let numerator = 0;
  let denominator = 0;
  for (const service of services) {
    const times = service.confirmations.map((d) => d.getTime()).sort((a, b) => a - b);
    if (times.length === 0) continue;
    const firstDay = Math.floor(times[0]! / DAY_MS);
    let k = 0;
    for (let day = Math.max(fromDay, firstDay); day <= toDay; day++) {
      const end = (day + 1) * DAY_MS;
      if (end > now.getTime()) break;
      while (k < times.length && times[k]! < end) k++;
      const latest = k > 0 ? times[k - 1]! : null;
      denominator++;
      if (latest !== null && end - latest <= staleHours * HOUR_MS) numerator++;
    }
  }
  return { numerator, denominator };
}

/**
 * Directory records verified on time at the instant `at` (a period's end): records that existed
 * then, verified within `days` before it. A record verified again after `at` is left out: only its
 * latest verification is kept, so its state at `at` is not known.
 */
export function verifiedOnTime(
  records: readonly { createdAt: Date; verifiedAt: Date | null }[],
  at: Date,
  days: number,
): { numerator: number; denominator: number } {
  const known = records.filter(
    (r) => r.createdAt.getTime() <= at.getTime() && (r.verifiedAt === null || r.verifiedAt.getTime() <= at.getTime()),
  );
  const numerator = known.filter((r) => r.verifiedAt !== null && at.getTime() - r.verifiedAt.getTime() <= days * DAY_MS).length;
  return { numerator, denominator: known.length };
}

/** The p-th quantile (0–1) by linear interpolation between closest ranks (Hyndman & Fan type 7). */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}

/** Bins for the distribution of a time measure: upper bounds (exclusive) and their labels. */
export const timeBins: Record<'hours' | 'days', { below: number; label: string }[]> = {
  hours: [
    { below: 4, label: 'under 4 hours' },
    { below: 24, label: '4–24 hours' },
    { below: 48, label: '1–2 days' },
    { below: 72, label: '2–3 days' },
    { below: Infinity, label: '3 days or more' },
  ],
  days: [
    { below: 3, label: 'under 3 days' },
    { below: 8, label: '3–7 days' },
    { below: 15, label: '8–14 days' },
    { below: 31, label: '15–30 days' },
    { below: Infinity, label: 'over 30 days' },
  ],
};

export function binCounts(values: readonly number[], unit: 'hours' | 'days'): { label: string; count: number }[] {
  const bins = timeBins[unit].map((b) => ({ label: b.label, count: 0 }));
  for (const v of values) {
    const i = timeBins[unit].findIndex((b) => v < b.below);
    bins[i]!.count++;
  }
  return bins;
}

/** Whether a value meets its target, in the measure's better direction (null: nothing to compare). */
export function meetsTarget(value: number | null, target: number | null, better: 'higher' | 'lower'): boolean | null {
  if (value === null || target === null) return null;
  return better === 'higher' ? value >= target : value <= target;
}
