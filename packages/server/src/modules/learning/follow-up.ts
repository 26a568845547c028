/*
 * Follow-up after an emergency department visit for substance use (HEDIS FUA MY 2025, adapted to
 * the network's own events; reference §2.4): the unit is the ED visit; visits followed by an
 * inpatient admission or residential treatment on the visit day or within 30 days are excluded;
 * then only the first visit in any 31 days counts; a follow-up on the visit day itself counts.
 *   7-day rate:  a follow-up on day v … v + 7  (8 calendar days)
 *   30-day rate: a follow-up on day v … v + 30 (31 calendar days)
 * The same shape gives the network's ED-to-MOUD conversion (a MOUD start within 7 days).
 */

export interface FollowUpInput {
  /** Days (numbers since the epoch) of eligible ED visits for one person. */
  edVisits: readonly number[];
  /** Days of qualifying follow-up events (visits, peer support, OTP services, MOUD events). */
  followUps: readonly number[];
  /** Days of inpatient admissions or residential treatment starts (exclusions). */
  admissions: readonly number[];
}

export interface FollowUpVisit {
  day: number;
  within7: boolean;
  within30: boolean;
}

export const FUA_DEDUP_DAYS = 31;
export const FUA_EXCLUSION_DAYS = 30;

/** The denominator visits of one person, with their 7- and 30-day numerators. */
export function followUpVisits(input: FollowUpInput): FollowUpVisit[] {
  const eligible = [...new Set(input.edVisits)]
    .sort((a, b) => a - b)
    // Exclusions first, then the 31-day de-duplication (the measure's order).
    .filter((v) => !input.admissions.some((a) => a >= v && a <= v + FUA_EXCLUSION_DAYS));
  const kept: number[] = [];
  for (const v of eligible) {
    const last = kept.at(-1);
    if (last === undefined || v >= last + FUA_DEDUP_DAYS) kept.push(v);
  }
  return kept.map((v) => ({
    day: v,
    within7: input.followUps.some((f) => f >= v && f <= v + 7),
    within30: input.followUps.some((f) => f >= v && f <= v + 30),
  }));
}
