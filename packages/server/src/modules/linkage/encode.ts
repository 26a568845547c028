import { doubleMetaphone } from 'double-metaphone';
import type { LinkRecord } from './records.ts';
import type { NicknameGroups } from './nicknames.ts';

/**
 * Columnar, integer-coded records: every text field interned to an id (0 = missing), so comparisons
 * and blocking compare integers and compute string similarity once per distinct value pair. Plain
 * data only (typed arrays, string arrays), so it can be handed to worker threads as is.
 */
export interface EncodedField {
  /** Value id per record; 0 means missing. */
  ids: Int32Array;
  /** Distinct values; values[0] is ''. */
  values: string[];
  /** Share of non-missing records holding each value (term frequency; Splink's tf). */
  tf: Float64Array;
}

export const TEXT_FIELDS = ['birthDate', 'ssn', 'phone', 'streetNumber', 'street', 'city', 'zip', 'email', 'sex', 'suffix'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface Encoded {
  n: number;
  /** Source index per record (0 when there is one source) and the source labels. */
  source: Int32Array;
  sources: string[];
  /** Given and family names share one vocabulary (so swapped names compare as ids); each has its own ids and tf. */
  names: string[];
  given: EncodedField;
  family: EncodedField;
  fields: Record<TextField, EncodedField>;
  /** Per name id: primary and alternate Double Metaphone code ids (0 = none). */
  phonetic1: Int32Array;
  phonetic2: Int32Array;
  /** Per name id: nickname group ids. */
  nicknameGroups: number[][];
  /** Per name id: words of a compound family name. */
  nameParts: string[][];
}

class Interner {
  readonly values: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  id(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.index.set(value, id);
    }
    return id;
  }
}

function termFrequencies(ids: Int32Array, vocabulary: number): Float64Array {
  const counts = new Float64Array(vocabulary);
  let nonNull = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id !== 0) {
      counts[id]! += 1;
      nonNull++;
    }
  }
  if (nonNull > 0) for (let k = 0; k < counts.length; k++) counts[k]! /= nonNull;
  return counts;
}

/** Interns and codes a set of normalized records. */
export function encodeRecords(records: readonly LinkRecord[], nicknames: NicknameGroups): Encoded {
  const n = records.length;
  const names = new Interner();
  const sources = new Interner();
  const givenIds = new Int32Array(n);
  const familyIds = new Int32Array(n);
  const source = new Int32Array(n);
  const fieldInterners = Object.fromEntries(TEXT_FIELDS.map((f) => [f, new Interner()])) as Record<TextField, Interner>;
  const fieldIds = Object.fromEntries(TEXT_FIELDS.map((f) => [f, new Int32Array(n)])) as Record<TextField, Int32Array>;
  const parts = new Map<number, readonly string[]>();
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    givenIds[i] = names.id(r.given);
    const fam = names.id(r.family);
    familyIds[i] = fam;
    if (r.familyParts.length > 0) parts.set(fam, r.familyParts);
    source[i] = sources.id(r.source) - 1;
  }
  // One field at a time: each loop reads one property of every record (monomorphic, cache-friendly).
  for (const f of TEXT_FIELDS) {
    const ids = fieldIds[f];
    const interner = fieldInterners[f];
    for (let i = 0; i < n; i++) {
      const value = records[i]![f];
      ids[i] = value === '' ? 0 : interner.id(value);
    }
  }
  const vocabulary = names.values.length;
  const codes = new Interner();
  const phonetic1 = new Int32Array(vocabulary);
  const phonetic2 = new Int32Array(vocabulary);
  const nicknameGroups: number[][] = new Array<number[]>(vocabulary);
  const nameParts: string[][] = new Array<string[]>(vocabulary);
  for (let id = 0; id < vocabulary; id++) {
    const name = names.values[id]!;
    nicknameGroups[id] = [...(nicknames.get(name) ?? [])];
    nameParts[id] = [...(parts.get(id) ?? [])];
    if (name.length < 2) continue;
    const [p, s] = doubleMetaphone(name);
    phonetic1[id] = p ? codes.id(p) : 0;
    phonetic2[id] = s ? codes.id(s) : 0;
  }
  const fields = {} as Record<TextField, EncodedField>;
  for (const f of TEXT_FIELDS) {
    const values = fieldInterners[f].values;
    fields[f] = { ids: fieldIds[f], values, tf: termFrequencies(fieldIds[f], values.length) };
  }
  return {
    n,
    source,
    sources: sources.values.slice(1),
    names: names.values,
    given: { ids: givenIds, values: names.values, tf: termFrequencies(givenIds, vocabulary) },
    family: { ids: familyIds, values: names.values, tf: termFrequencies(familyIds, vocabulary) },
    fields,
    phonetic1,
    phonetic2,
    nicknameGroups,
    nameParts,
  };
}
