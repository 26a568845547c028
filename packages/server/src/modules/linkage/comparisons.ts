import type { Encoded, EncodedField } from './encode.ts';
import {
  ADDRESS_LEVELS,
  addressLevel,
  birthDateLevel,
  CITY_LEVELS,
  cityLevel,
  DOB_LEVELS,
  EMAIL_LEVELS,
  emailLevel,
  FAMILY_LEVELS,
  familyLevel,
  GIVEN_LEVELS,
  givenLevel,
  PHONE_LEVELS,
  phoneLevel,
  SEX_LEVELS,
  sexLevel,
  SSN_LEVELS,
  ssnLevel,
  SUFFIX_LEVELS,
  suffixLevel,
  ZIP_LEVELS,
  zipLevel,
  type NameFacts,
} from './levels.ts';

export type ComparisonName = 'given' | 'family' | 'birthDate' | 'ssn' | 'phone' | 'address' | 'zip' | 'city' | 'email' | 'sex' | 'suffix';

/** One comparison over record pairs of an encoded set: its levels and the level of a pair (by record index). */
export interface Comparison {
  name: ComparisonName;
  levels: readonly string[];
  /** Level index whose weight gets a term-frequency adjustment (the exact level), or -1. */
  tfLevel: number;
  /** Value ids used for the term-frequency adjustment. */
  tf?: EncodedField;
  level(a: number, b: number): number;
}

/**
 * Caches a level per distinct value pair (names and streets repeat, so similarity runs once per pair
 * of values): an open-addressing table on typed arrays, cleared when 70% full. A Map keyed by
 * x·V + y was several times slower (keys above 2^31 are heap numbers).
 */
class PairCache {
  private readonly mask: number;
  private readonly kx: Int32Array;
  private readonly ky: Int32Array;
  private readonly level: Int8Array;
  private used = 0;
  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
    this.kx = new Int32Array(1 << bits).fill(-1);
    this.ky = new Int32Array(1 << bits);
    this.level = new Int8Array(1 << bits);
  }
  get(x: number, y: number, compute: (x: number, y: number) => number): number {
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & this.mask;
    for (;;) {
      const k = this.kx[h]!;
      if (k === -1) break;
      if (k === x && this.ky[h] === y) return this.level[h]!;
      h = (h + 1) & this.mask;
    }
    const level = compute(x, y);
    if (this.used > this.mask * 0.7) {
      this.kx.fill(-1);
      this.used = 0;
      return level;
    }
    this.kx[h] = x;
    this.ky[h] = y;
    this.level[h] = level;
    this.used++;
    return level;
  }
}

function cached(compute: (x: number, y: number) => number, enabled: boolean, records: number): (x: number, y: number) => number {
  if (!enabled) return compute;
  // About four slots per record, between 4,096 and 2 million (18 MB).
  const cache = new PairCache(Math.min(21, Math.max(12, Math.ceil(Math.log2(records * 4 + 1)))));
  return (x, y) => cache.get(x, y, compute);
}

function present(field: EncodedField): boolean {
  for (let i = 0; i < field.ids.length; i++) if (field.ids[i] !== 0) return true;
  return false;
}

/**
 * The comparisons that apply to an encoded set: a field missing from every record is left out.
 * `cache` keeps levels per value pair (right for blocked pairs, which repeat values; random pairs rarely do).
 */
export function buildComparisons(e: Encoded, options: { cache?: boolean } = {}): Comparison[] {
  const useCache = options.cache ?? true;
  const facts: NameFacts[] = e.names.map((_, id) => ({
    phonetic: [e.phonetic1[id]!, e.phonetic2[id]!],
    nicknames: e.nicknameGroups[id]!,
    parts: e.nameParts[id]!,
  }));
  const givenByValue = cached((x, y) => givenLevel(e.names[x]!, e.names[y]!, facts[x]!, facts[y]!), useCache, e.n);
  const familyByValue = cached((x, y) => familyLevel(e.names[x]!, e.names[y]!, facts[x]!, facts[y]!), useCache, e.n);
  const g = e.given.ids;
  const f = e.family.ids;
  /** Given and family names swapped between the records (both exact across, not exact straight). */
  const swapped = (a: number, b: number) => g[a] !== g[b] && g[a] !== 0 && g[a] === f[b] && f[a] === g[b];
  const out: Comparison[] = [
    {
      name: 'given',
      levels: GIVEN_LEVELS,
      tfLevel: 1,
      tf: e.given,
      level: (a, b) => (g[a] === 0 || g[b] === 0 ? 0 : g[a] === g[b] ? 1 : swapped(a, b) ? 2 : givenByValue(g[a]!, g[b]!)),
    },
    {
      name: 'family',
      levels: FAMILY_LEVELS,
      tfLevel: 1,
      tf: e.family,
      level: (a, b) => (f[a] === 0 || f[b] === 0 ? 0 : f[a] === f[b] ? 1 : swapped(a, b) ? 2 : familyByValue(f[a]!, f[b]!)),
    },
  ];
  const simple = (
    name: ComparisonName,
    field: EncodedField,
    levels: readonly string[],
    fn: (x: string, y: string) => number,
    cache: boolean,
    tfLevel = -1,
  ) => {
    if (!present(field)) return;
    const ids = field.ids;
    const values = field.values;
    const byValue = cached((x, y) => fn(values[x]!, values[y]!), cache && useCache, e.n);
    out.push({
      name,
      levels,
      tfLevel,
      ...(tfLevel > 0 ? { tf: field } : {}),
      level: (a, b) => (ids[a] === 0 || ids[b] === 0 ? 0 : ids[a] === ids[b] ? 1 : byValue(ids[a]!, ids[b]!)),
    });
  };
  const fields = e.fields;
  simple('birthDate', fields.birthDate, DOB_LEVELS, birthDateLevel, false);
  simple('ssn', fields.ssn, SSN_LEVELS, ssnLevel, false, 1);
  simple('phone', fields.phone, PHONE_LEVELS, phoneLevel, false);
  if (present(fields.street)) {
    const num = fields.streetNumber;
    const street = fields.street;
    const streetLevel = cached((x, y) => addressLevel('', street.values[x]!, '', street.values[y]!), useCache, e.n);
    out.push({
      name: 'address',
      levels: ADDRESS_LEVELS,
      tfLevel: -1,
      level: (a, b) => {
        const sa = street.ids[a]!;
        const sb = street.ids[b]!;
        if (sa === 0 || sb === 0) return 0;
        const sameNumber = num.ids[a] !== 0 && num.ids[a] === num.ids[b];
        if (sa === sb) return sameNumber ? 1 : 2;
        // streetLevel with empty numbers yields 4 (fuzzy) or 5 (else).
        const lvl = streetLevel(sa, sb);
        return lvl === 4 && sameNumber ? 3 : lvl;
      },
    });
  }
  simple('zip', fields.zip, ZIP_LEVELS, zipLevel, false);
  simple('city', fields.city, CITY_LEVELS, cityLevel, true);
  simple('email', fields.email, EMAIL_LEVELS, emailLevel, true);
  simple('sex', fields.sex, SEX_LEVELS, sexLevel, false);
  simple('suffix', fields.suffix, SUFFIX_LEVELS, suffixLevel, false);
  return out;
}
