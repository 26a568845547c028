import type { ComparisonName } from './comparisons.ts';
import type { Encoded } from './encode.ts';

/**
 * Blocking: only record pairs that agree on at least one rule's key are compared. Rules are unioned
 * as Splink does (splink/internals/blocking.py): a pair produced by a rule is skipped when an earlier
 * rule's key also agrees, so every pair appears once without a set of seen pairs.
 */
export interface BlockingRule {
  name: string;
  /** Comparisons the rule conditions on: they cannot be trained on the rule's pairs (Splink's round-robin). */
  uses: readonly ComparisonName[];
  /** Key per record, or -1 when the record has no key (a missing value never blocks). */
  key(e: Encoded, i: number): number;
}

const nameKey = (e: Encoded, i: number) => {
  const g = e.given.ids[i]!;
  const f = e.family.ids[i]!;
  if (g === 0 || f === 0) return -1;
  const v = e.names.length;
  return g < f ? g * v + f : f * v + g;
};

function pairKey(a: number, b: number, bSize: number): number {
  return a <= 0 || b <= 0 ? -1 : a * bSize + b;
}

/** The default rules: names (either order), birth date with either name's sound, identifiers, household, surname in town. */
export const DEFAULT_RULES: readonly BlockingRule[] = [
  { name: 'given+family (either order)', uses: ['given', 'family'], key: nameKey },
  {
    name: 'birth date+family sound',
    uses: ['birthDate', 'family'],
    key: (e, i) => pairKey(e.fields.birthDate.ids[i]!, e.phonetic1[e.family.ids[i]!]!, e.names.length + 1),
  },
  {
    name: 'birth date+given sound',
    uses: ['birthDate', 'given'],
    key: (e, i) => pairKey(e.fields.birthDate.ids[i]!, e.phonetic1[e.given.ids[i]!]!, e.names.length + 1),
  },
  { name: 'ssn', uses: ['ssn'], key: (e, i) => e.fields.ssn.ids[i]! || -1 },
  { name: 'phone', uses: ['phone'], key: (e, i) => e.fields.phone.ids[i]! || -1 },
  { name: 'email', uses: ['email'], key: (e, i) => e.fields.email.ids[i]! || -1 },
  {
    name: 'zip+street number',
    uses: ['zip', 'address'],
    key: (e, i) => pairKey(e.fields.zip.ids[i]!, e.fields.streetNumber.ids[i]!, e.fields.streetNumber.values.length),
  },
  {
    name: 'family+city',
    uses: ['family', 'city'],
    key: (e, i) => pairKey(e.family.ids[i]!, e.fields.city.ids[i]!, e.fields.city.values.length),
  },
];

/**
 * Looser rules added for small inputs (see `rulesFor`): one field alone. Cheap below ~50,000 records
 * and they catch duplicates with two corrupted fields; at a million records a single birth date
 * already means ~25M pairs (record-linkage.md §6.5), so large inputs use the default rules only.
 */
export const SMALL_INPUT_RULES: readonly BlockingRule[] = [
  { name: 'given', uses: ['given'], key: (e, i) => e.given.ids[i]! || -1 },
  { name: 'family', uses: ['family'], key: (e, i) => e.family.ids[i]! || -1 },
  { name: 'birth date', uses: ['birthDate'], key: (e, i) => e.fields.birthDate.ids[i]! || -1 },
];

export const SMALL_INPUT = 50_000;

/** The rules for an input of n records. */
export function rulesFor(n: number): readonly BlockingRule[] {
  return n <= SMALL_INPUT ? [...DEFAULT_RULES, ...SMALL_INPUT_RULES] : DEFAULT_RULES;
}

export type LinkMode = 'dedupe' | 'link' | 'link_and_dedupe';

export interface BlockingOptions {
  rules?: readonly BlockingRule[];
  /** 'link' compares only records of different sources; 'dedupe' ignores sources. */
  mode?: LinkMode;
  /** Blocks larger than this are skipped (and counted): one shared placeholder must not make n² pairs. */
  maxBlockSize?: number;
}

export interface BlockedPairs {
  left: Uint32Array;
  right: Uint32Array;
  /** Index of the rule that produced each pair. */
  rule: Uint8Array;
  count: number;
  /** Keys per rule per record (-1 = none), kept to tell which rules a pair satisfies. */
  keys: Float64Array[];
  perRule: { name: string; pairs: number; skippedBlocks: number; largestBlock: number }[];
}

class PairBuffer {
  left = new Uint32Array(1 << 16);
  right = new Uint32Array(1 << 16);
  rule = new Uint8Array(1 << 16);
  count = 0;
  push(a: number, b: number, r: number) {
    if (this.count === this.left.length) {
      const grow = <T extends Uint32Array | Uint8Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      this.left = grow(this.left, (n) => new Uint32Array(n));
      this.right = grow(this.right, (n) => new Uint32Array(n));
      this.rule = grow(this.rule, (n) => new Uint8Array(n));
    }
    this.left[this.count] = a;
    this.right[this.count] = b;
    this.rule[this.count] = r;
    this.count++;
  }
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * Groups records by key (keys < 0 are left out) with an open-addressing table on typed arrays: group
 * ids in order of first appearance, members in record order (deterministic). A Map keyed by numbers
 * above 2^31 was the slowest part of blocking a million records.
 */
export function groupByKey(keys: Float64Array): { order: Int32Array; start: Int32Array; groups: number } {
  const n = keys.length;
  let size = 1024;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const tableKey = new Float64Array(size);
  const tableId = new Int32Array(size).fill(-1);
  const group = new Int32Array(n);
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key < 0) {
      group[i] = -1;
      continue;
    }
    f64[0] = key;
    let h = (Math.imul(u32[0]!, 0x9e3779b1) ^ Math.imul(u32[1]!, 0x85ebca77)) & mask;
    while (tableId[h] !== -1 && tableKey[h] !== key) h = (h + 1) & mask;
    if (tableId[h] === -1) {
      tableId[h] = counts.length;
      tableKey[h] = key;
      counts.push(0);
    }
    const g = tableId[h]!;
    group[i] = g;
    counts[g]! += 1;
  }
  const groups = counts.length;
  const start = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) start[g + 1] = start[g]! + counts[g]!;
  const fill = start.slice(0, groups);
  const order = new Int32Array(start[groups]!);
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    if (g >= 0) order[fill[g]!++] = i;
  }
  return { order, start, groups };
}

/** Candidate pairs (left < right by record index), in rule order then block order: deterministic. */
export function blockPairs(e: Encoded, options: BlockingOptions = {}): BlockedPairs {
  const rules = options.rules ?? rulesFor(e.n);
  const mode = options.mode ?? 'dedupe';
  const maxBlock = options.maxBlockSize ?? 1000;
  const n = e.n;
  const keys = rules.map((rule) => {
    const k = new Float64Array(n);
    for (let i = 0; i < n; i++) k[i] = rule.key(e, i);
    return k;
  });
  const out = new PairBuffer();
  const perRule: BlockedPairs['perRule'] = [];
  for (let r = 0; r < rules.length; r++) {
    const k = keys[r]!;
    const { order, start, groups } = groupByKey(k);
    let pairs = 0;
    let skipped = 0;
    let largest = 0;
    for (let g = 0; g < groups; g++) {
      const from = start[g]!;
      const to = start[g + 1]!;
      const s = to - from;
      if (s < 2) continue;
      if (s > maxBlock) {
        // A skipped block's key no longer counts as agreement, so later rules still produce its pairs.
        for (let x = from; x < to; x++) k[order[x]!] = -1;
        skipped++;
        continue;
      }
      if (s > largest) largest = s;
      for (let x = from; x < to; x++) {
        const a = order[x]!;
        for (let y = x + 1; y < to; y++) {
          const b = order[y]!;
          if (mode === 'link' && e.source[a] === e.source[b]) continue;
          let earlier = false;
          for (let q = 0; q < r; q++) {
            const kq = keys[q]!;
            if (kq[a]! >= 0 && kq[a] === kq[b]) {
              earlier = true;
              break;
            }
          }
          if (earlier) continue;
          out.push(a, b, r);
          pairs++;
        }
      }
    }
    perRule.push({ name: rules[r]!.name, pairs, skippedBlocks: skipped, largestBlock: largest });
  }
  return { left: out.left, right: out.right, rule: out.rule, count: out.count, keys, perRule };
}

/** Bit mask of the rules whose keys agree for records a and b. */
export function ruleMask(keys: readonly Float64Array[], a: number, b: number): number {
  let mask = 0;
  for (let r = 0; r < keys.length; r++) {
    const k = keys[r]!;
    if (k[a]! >= 0 && k[a] === k[b]) mask |= 1 << r;
  }
  return mask;
}
