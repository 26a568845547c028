import { jaroWinkler, withinOneEdit } from './similarity.ts';

/**
 * Comparison levels per field, strongest first; level 0 is always "null" (a value missing on either
 * side: weight 0, as in Splink). Each function is pure over normalized values and returns a level
 * index. Jaro-Winkler bands 0.92/0.88/0.70 are Splink's NameComparison defaults
 * (splink/internals/comparison_library.py); Damerau-Levenshtein ≤ 1 on date strings is Splink's
 * DateOfBirthComparison level.
 */

export const GIVEN_LEVELS = ['null', 'exact', 'swapped', 'nickname', 'dl1', 'jw92', 'jw88', 'phonetic', 'jw70', 'initial', 'else'] as const;
export const FAMILY_LEVELS = ['null', 'exact', 'swapped', 'part', 'dl1', 'jw92', 'jw88', 'phonetic', 'jw70', 'else'] as const;
export const DOB_LEVELS = ['null', 'exact', 'transposed', 'dl1', 'year1', 'else'] as const;
export const SSN_LEVELS = ['null', 'exact', 'dl1', 'last4', 'else'] as const;
export const PHONE_LEVELS = ['null', 'exact', 'last7', 'dl1', 'else'] as const;
export const ADDRESS_LEVELS = ['null', 'exact', 'street', 'number_fuzzy', 'fuzzy', 'else'] as const;
export const ZIP_LEVELS = ['null', 'exact', 'dl1', 'else'] as const;
export const CITY_LEVELS = ['null', 'exact', 'jw88', 'else'] as const;
export const EMAIL_LEVELS = ['null', 'exact', 'user', 'jw88', 'else'] as const;
export const SEX_LEVELS = ['null', 'exact', 'else'] as const;
export const SUFFIX_LEVELS = ['null', 'same', 'different'] as const;

/** What a name comparison needs beyond the two strings: phonetic codes, nickname groups, compound parts. */
export interface NameFacts {
  phonetic: readonly [number, number];
  nicknames: readonly number[];
  parts: readonly string[];
}

function soundAlike(a: NameFacts, b: NameFacts): boolean {
  const [a1, a2] = a.phonetic;
  const [b1, b2] = b.phonetic;
  if (a1 === 0 || b1 === 0) return false;
  return a1 === b1 || a1 === b2 || (a2 !== 0 && (a2 === b1 || a2 === b2));
}

function nickname(a: NameFacts, b: NameFacts): boolean {
  for (const g of a.nicknames) if (b.nicknames.includes(g)) return true;
  return false;
}

/** Given names that are different strings (exact and swapped are decided by the caller on ids). */
export function givenLevel(a: string, b: string, fa: NameFacts, fb: NameFacts): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  if (nickname(fa, fb)) return 3;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 9 : 10;
  if (withinOneEdit(a, b)) return 4;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.92) return 5;
  if (jw >= 0.88) return 6;
  if (soundAlike(fa, fb)) return 7;
  if (jw >= 0.7) return 8;
  return 10;
}

/** Family names; "part" is one word of a compound name equal to the other name or one of its words (García López / García). */
export function familyLevel(a: string, b: string, fa: NameFacts, fb: NameFacts): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  if (fa.parts.length > 0 || fb.parts.length > 0) {
    const pa = fa.parts.length > 0 ? fa.parts : [a];
    const pb = fb.parts.length > 0 ? fb.parts : [b];
    for (const p of pa) if (pb.includes(p)) return 3;
  }
  if (withinOneEdit(a, b)) return 4;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.92) return 5;
  if (jw >= 0.88) return 6;
  if (soundAlike(fa, fb)) return 7;
  if (jw >= 0.7) return 8;
  return 9;
}

function c(s: string, i: number): number {
  return s.charCodeAt(i);
}

/** Dates as 'YYYYMMDD': exact, day and month swapped, one digit off or two adjacent digits swapped, year ±1 with the same day. */
export function birthDateLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  // Characters compared in place (no substrings): this runs for most compared pairs.
  const sameYear = c(a, 0) === c(b, 0) && c(a, 1) === c(b, 1) && c(a, 2) === c(b, 2) && c(a, 3) === c(b, 3);
  if (sameYear && c(a, 4) === c(b, 6) && c(a, 5) === c(b, 7) && c(a, 6) === c(b, 4) && c(a, 7) === c(b, 5)) return 2;
  if (withinOneEdit(a, b)) return 3;
  if (a.length === 8 && b.length === 8 && c(a, 4) === c(b, 4) && c(a, 5) === c(b, 5) && c(a, 6) === c(b, 6) && c(a, 7) === c(b, 7)) {
    const ya = (c(a, 0) - 48) * 1000 + (c(a, 1) - 48) * 100 + (c(a, 2) - 48) * 10 + (c(a, 3) - 48);
    const yb = (c(b, 0) - 48) * 1000 + (c(b, 1) - 48) * 100 + (c(b, 2) - 48) * 10 + (c(b, 3) - 48);
    if (ya - yb === 1 || yb - ya === 1) return 4;
  }
  return 5;
}

function sameTail(a: string, b: string, n: number): boolean {
  if (a.length < n || b.length < n) return false;
  for (let i = 1; i <= n; i++) if (a.charCodeAt(a.length - i) !== b.charCodeAt(b.length - i)) return false;
  return true;
}

/** National ids: exact, one digit off or one transposition, same last four digits (e.g. one side holds only the last four). */
export function ssnLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  if (a.length === b.length && withinOneEdit(a, b)) return 2;
  if (sameTail(a, b, 4)) return 3;
  return 4;
}

export function phoneLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  if (sameTail(a, b, 7)) return 2;
  if (withinOneEdit(a, b)) return 3;
  return 4;
}

/** Street number and name: both exact, same street, same number and street JW ≥ 0.88, street JW ≥ 0.88. */
export function addressLevel(numberA: string, streetA: string, numberB: string, streetB: string): number {
  if (streetA === '' || streetB === '') return 0;
  const sameNumber = numberA !== '' && numberA === numberB;
  if (streetA === streetB) return sameNumber ? 1 : 2;
  if (jaroWinkler(streetA, streetB) >= 0.88) return sameNumber ? 3 : 4;
  return 5;
}

export function zipLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  return a.length === b.length && withinOneEdit(a, b) ? 2 : 3;
}

export function cityLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  return jaroWinkler(a, b) >= 0.88 ? 2 : 3;
}

export function emailLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const ua = a.slice(0, a.indexOf('@'));
  if (ua !== '' && ua === b.slice(0, b.indexOf('@'))) return 2;
  return jaroWinkler(a, b) >= 0.88 ? 3 : 4;
}

export function sexLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  return a === b ? 1 : 2;
}

/** Generational suffixes: only informative when both records carry one (Jr vs Sr is a different person). */
export function suffixLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  return a === b ? 1 : 2;
}
