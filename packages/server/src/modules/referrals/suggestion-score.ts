import type { CapacityStatusCode, SuggestionScoreParts } from '@continuum/contracts';

/*
 * Ranking of referral suggestions: each candidate (a service on a pathway open to the sender) gets
 * five parts in 0…1 and a weighted score 0…100. Pure; the weights and the curves are documented in
 * docs/referrals.md.
 */

export const SCORE_WEIGHTS: Readonly<SuggestionScoreParts> = {
  pathwayFit: 0.3,
  capacity: 0.25,
  distance: 0.2,
  eligibility: 0.15,
  payment: 0.1,
};

export interface SuggestionCandidate {
  /** The service's taxonomy codes. */
  serviceCodes: readonly string[];
  capacity: { status: CapacityStatusCode; available: number | null; stale: boolean } | null;
  distanceMiles: number | null;
  minimumAge: number | null;
  maximumAge: number | null;
}

export interface SuggestionNeed {
  /** Codes the person needs (any category except payment); empty: any service on the pathway fits. */
  codes: readonly string[];
  /** The person's way of paying, a payment code; null: not given. */
  payment: string | null;
  /** The person's age in whole years; null: unknown. */
  age: number | null;
}

const PAYMENT_CODES = new Set(['MD', 'MC', 'PI', 'SS', 'NP', 'ITU', 'MI']);

export function capacityPart(c: SuggestionCandidate['capacity']): number {
  if (c === null) return 0.5;
  let part: number;
  switch (c.status) {
    case 'accepting':
      part = c.available === null || c.available > 0 ? 1 : 0.7;
      break;
    case 'assessment_required':
      part = 0.6;
      break;
    case 'waitlist':
      part = 0.3;
      break;
    case 'not_accepting':
      part = 0;
      break;
  }
  // Not confirmed recently: halfway between what it says and "unknown".
  return c.stale ? (part + 0.5) / 2 : part;
}

/** 1 at the door, ½ at 10 miles, falling off; unknown distance ½. */
export function distancePart(miles: number | null): number {
  if (miles === null) return 0.5;
  return 1 / (1 + Math.max(0, miles) / 10);
}

export function scoreSuggestion(
  need: SuggestionNeed,
  c: SuggestionCandidate,
): { score: number; parts: SuggestionScoreParts; eligibilityNotes: string[]; acceptsPayment: boolean | null } {
  const wanted = need.codes.filter((code) => !PAYMENT_CODES.has(code));
  const pathwayFit = wanted.length === 0 ? 1 : wanted.filter((code) => c.serviceCodes.includes(code)).length / wanted.length;

  const eligibilityNotes: string[] = [];
  if (need.age !== null && c.minimumAge !== null && need.age < c.minimumAge) eligibilityNotes.push(`Minimum age ${c.minimumAge}`);
  if (need.age !== null && c.maximumAge !== null && need.age > c.maximumAge) eligibilityNotes.push(`Maximum age ${c.maximumAge}`);
  const eligibility = eligibilityNotes.length > 0 ? 0 : 1;

  const servicePayments = c.serviceCodes.filter((code) => PAYMENT_CODES.has(code));
  const acceptsPayment =
    need.payment === null || servicePayments.length === 0 ? null : servicePayments.includes(need.payment) || servicePayments.includes('NP');
  const payment = acceptsPayment === null ? 0.5 : acceptsPayment ? 1 : 0;

  const parts: SuggestionScoreParts = {
    pathwayFit,
    capacity: capacityPart(c.capacity),
    distance: distancePart(c.distanceMiles),
    eligibility,
    payment,
  };
  const raw = (Object.keys(SCORE_WEIGHTS) as (keyof SuggestionScoreParts)[]).reduce((sum, k) => sum + SCORE_WEIGHTS[k] * parts[k], 0);
  return { score: Math.round(raw * 1000) / 10, parts, eligibilityNotes, acceptsPayment };
}

/** Whole years between a birth date (YYYY-MM-DD) and a day (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
