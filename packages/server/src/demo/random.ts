/**
 * A small seeded PRNG for synthetic data: sfc32 (Chris Doty-Humphrey's "small fast chaotic"
 * generator, PractRand-clean, 128-bit state). Only 32-bit integer arithmetic is used, so a seed
 * gives the same sequence on every machine and Node version; Math.random is never touched.
 *
 * A 128-bit state matters: seeding a 32-bit generator (mulberry32) per person would give only 2^32
 * distinct streams, and a million people would then hold about a hundred exact duplicate records
 * by the birthday bound, which would mislead the record-linkage work that uses this data.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // sfc32's recommended warm-up, so nearby seeds (index 41 and 42) diverge at once.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A generator for one seed and one named stream ('organizations', 'people', ...). */
  static fromSeed(seed: number, stream = ''): Random {
    return Random.forIndex(seed, stream, 0);
  }

  /**
   * A generator for item `index` of a stream: items are a pure function of (seed, stream, index),
   * so item K is the same whether 10 or a million items are generated, and any range can be
   * generated without the ones before it.
   */
  static forIndex(seed: number, stream: string, index: number): Random {
    const s = hashString(stream);
    return new Random(
      mix32(seed >>> 0),
      mix32((Math.floor(seed / 2 ** 32) ^ s) >>> 0),
      index >>> 0,
      Math.floor(index / 2 ** 32) ^ 0x9e3779b9,
    );
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Roughly normal (Irwin-Hall sum of four uniforms): cheap, bounded at mean ± 3.46 sd. */
  normal(mean: number, sd: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 2) * sd * 1.7320508075688772;
  }

  /** A new array in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}

/**
 * Precomputes a cumulative table once, so each draw is a short scan instead of re-summing the
 * weights; built at module load or once per generator, never per item.
 */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (rng: Random) => T {
  if (entries.length === 0) throw new RangeError('weightedPicker needs at least one entry');
  const values = entries.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    if (!(w >= 0)) throw new RangeError('weights must be non-negative');
    total += w;
    cumulative.push(total);
  }
  if (total <= 0) throw new RangeError('weights must not all be zero');
  const last = values.length - 1;
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as T;
  };
}

/** MurmurHash3's 32-bit finalizer: spreads nearby seeds across the whole state. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalized with mix32. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}
