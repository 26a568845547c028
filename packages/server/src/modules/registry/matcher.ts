import { jaroWinkler } from '@skyra/jaro-winkler';
import type { DuplicateCandidate } from '@continuum/contracts';
import { normalizeName, phoneticCodes } from './phonetic.ts';

/** What registration knows about the person being registered. */
export interface MatchInput {
  givenName: string;
  familyName: string;
  birthDate: string;
  phone?: string | null | undefined;
}

/** A stored person as the matcher sees them. */
export interface MatchRecord {
  personId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  phone: string | null;
  previousNames: readonly { given: string; family: string }[];
}

export type MatchReason = DuplicateCandidate['reasons'][number];
export interface MatchScore {
  score: number;
  reasons: MatchReason[];
}

/** Candidates at or above this score are shown before registering. */
export const DUPLICATE_THRESHOLD = 0.7;

function soundsAlike(a: string, b: string): boolean {
  const [a1, a2] = phoneticCodes(a);
  const [b1, b2] = phoneticCodes(b);
  if (a1 === '' || b1 === '') return false;
  return a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2;
}

/** Name agreement in [0, 1]: Jaro-Winkler on normalized names, raised to 0.92 when they sound alike. */
function nameAgreement(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na === '' || nb === '') return 0;
  if (na === nb) return 1;
  const jw = jaroWinkler(na, nb);
  return soundsAlike(a, b) ? Math.max(jw, 0.92) : jw;
}

function digitsOnly(phone: string | null | undefined): string {
  return (phone ?? '').replace(/\D/g, '').slice(-10);
}

/** Day and month swapped (a common entry error): 1990-03-04 vs 1990-04-03. */
export function birthDateTransposed(a: string, b: string): boolean {
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  return ya === yb && ma === db && da === mb && ma !== da;
}

/** One digit different in the date (a typing error): 1990-03-14 vs 1990-03-15. */
function birthDateOneDigitOff(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

/**
 * How likely a stored record is the same person: a weighted agreement of names (0.55), birth date
 * (0.35) and phone (0.10), with the better of the current and previous names, and names swapped.
 * A pure function so the rule is table-tested; the record-linkage engine replaces this whole
 * matcher behind `PersonMatcher`.
 */
export function scoreMatch(input: MatchInput, record: MatchRecord): MatchScore {
  const reasons = new Set<MatchReason>();
  const nameSets = [
    { given: record.givenName, family: record.familyName, previous: false },
    ...record.previousNames.map((n) => ({ ...n, previous: true })),
  ];
  let bestName = 0;
  for (const n of nameSets) {
    const straight = (nameAgreement(input.givenName, n.given) + nameAgreement(input.familyName, n.family)) / 2;
    const swapped = (nameAgreement(input.givenName, n.family) + nameAgreement(input.familyName, n.given)) / 2;
    const best = Math.max(straight, swapped * 0.95);
    if (best > bestName) {
      bestName = best;
      reasons.delete('previous_name');
      reasons.delete('names_swapped');
      if (n.previous) reasons.add('previous_name');
      if (swapped * 0.95 > straight) reasons.add('names_swapped');
    }
  }
  if (soundsAlike(input.familyName, record.familyName) && soundsAlike(input.givenName, record.givenName)) reasons.add('name_sounds_alike');
  else if (bestName >= 0.85) reasons.add('similar_name');

  let dob = 0;
  if (input.birthDate === record.birthDate) {
    dob = 1;
    reasons.add('same_birth_date');
  } else if (birthDateTransposed(input.birthDate, record.birthDate)) {
    dob = 0.75;
    reasons.add('birth_date_transposed');
  } else if (birthDateOneDigitOff(input.birthDate, record.birthDate)) {
    dob = 0.6;
  }

  const phoneIn = digitsOnly(input.phone);
  const phone = phoneIn.length >= 7 && phoneIn === digitsOnly(record.phone) ? 1 : 0;
  if (phone) reasons.add('same_phone');

  const score = Math.round((0.55 * bestName + 0.35 * dob + 0.1 * phone) * 1000) / 1000;
  return { score: Math.min(1, score), reasons: [...reasons] };
}

/**
 * Finds likely duplicates of a registration among the people the caller may see. One interface, so
 * the record-linkage engine can replace this implementation without touching registration.
 */
export interface PersonMatcher {
  /** Scores the records (already restricted to what the caller may see) and returns those above threshold, best first. */
  rank(input: MatchInput, records: readonly MatchRecord[], limit: number): { personId: string; score: number; reasons: MatchReason[] }[];
}

export const simpleMatcher: PersonMatcher = {
  rank(input, records, limit) {
    return records
      .map((r) => ({ personId: r.personId, ...scoreMatch(input, r) }))
      .filter((c) => c.score >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  },
};
