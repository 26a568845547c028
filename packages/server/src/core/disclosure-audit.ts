/*
 * Exact disclosure audit of published sums (docs/privacy.md, "Suppression that survives
 * differencing"). Every published figure is a sum of unknown counts ("atoms": the events of one
 * area in one week, the people of one stratum in one month…). An attacker who collects every
 * figure the offered queries can return knows the linear system `A x = b`. A linear combination
 * `c·x` follows from it exactly when `c` lies in the row space of `A`, whatever the data; any
 * other combination has more than one solution. This is the test an attacker would run (solving
 * the system, which covers every difference of totals, windows and ranges at once), done in exact
 * integer arithmetic (fraction-free elimination with BigInt), so there is no rounding to doubt.
 *
 * Source: the "audit" step of cell suppression, Hundepool et al., Statistical Disclosure Control
 * (Wiley 2012), §5.2–5.3 (a suppressed cell is protected when it cannot be derived from the
 * published table and its margins).
 */

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

function normalize(v: bigint[]): bigint[] {
  let g = 0n;
  for (const x of v) if (x !== 0n) g = gcd(g, x);
  if (g <= 1n) return v;
  return v.map((x) => x / g);
}

/** The row space of the published sums, kept in echelon form. */
export class PublishedSums {
  private readonly pivots = new Map<number, bigint[]>();
  constructor(readonly atoms: number) {}

  private vector(cells: Iterable<number>, coefficient = 1n, into?: bigint[]): bigint[] {
    const v = into ?? new Array<bigint>(this.atoms).fill(0n);
    for (const c of cells) {
      if (!Number.isInteger(c) || c < 0 || c >= this.atoms) throw new RangeError(`No atom ${c}`);
      v[c]! += coefficient;
    }
    return v;
  }

  private reduce(input: bigint[]): bigint[] {
    let v = input;
    for (let col = 0; col < this.atoms; col++) {
      const a = v[col]!;
      if (a === 0n) continue;
      const row = this.pivots.get(col);
      if (!row) continue;
      const p = row[col]!;
      v = normalize(v.map((x, i) => x * p - row[i]! * a));
    }
    return v;
  }

  /** Records that the sum of these atoms is published. */
  publish(cells: Iterable<number>): void {
    const v = this.reduce(this.vector(cells));
    const lead = v.findIndex((x) => x !== 0n);
    if (lead >= 0) this.pivots.set(lead, v[lead]! < 0n ? v.map((x) => -x) : v);
  }

  /** Records that the difference of two sums is known (e.g. a shown figure before and after). */
  publishDifference(plus: Iterable<number>, minus: Iterable<number>): void {
    const v = this.vector(minus, -1n, this.vector(plus));
    const r = this.reduce(v);
    const lead = r.findIndex((x) => x !== 0n);
    if (lead >= 0) this.pivots.set(lead, r[lead]! < 0n ? r.map((x) => -x) : r);
  }

  /** Whether the sum of these atoms follows exactly from what is published. */
  determines(cells: Iterable<number>): boolean {
    return this.reduce(this.vector(cells)).every((x) => x === 0n);
  }

  /** The number of independent published sums. */
  get rank(): number {
    return this.pivots.size;
  }
}

/** A published figure: the sum of `cells` (atom indexes), its true value, and whether it is hidden. */
export interface AuditedFigure {
  cells: readonly number[];
  value: number;
  hidden: boolean;
}

/**
 * The hidden figures (and atoms) with a value of 1 to `threshold - 1` that the shown figures
 * determine exactly: empty when the publication is safe.
 */
export function disclosedFigures(atoms: readonly number[], figures: readonly AuditedFigure[], threshold: number): AuditedFigure[] {
  const sums = new PublishedSums(atoms.length);
  for (const f of figures) if (!f.hidden) sums.publish(f.cells);
  const small = (n: number) => n >= 1 && n < threshold;
  const candidates: AuditedFigure[] = [
    ...figures.filter((f) => f.hidden),
    ...atoms.map((value, i) => ({ cells: [i], value, hidden: true })),
  ];
  return candidates.filter((f) => small(f.value) && sums.determines(f.cells));
}

/**
 * Suppression within one table whose cells add up to a shown total: cells already hidden stay
 * hidden, and while the hidden cells together hold 1 to `threshold - 1` (so that the total minus
 * the shown cells would give a small number, or a single hidden cell its exact value), the
 * smallest other non-zero cell is hidden too; with none left, every cell is hidden. A total that
 * is itself hidden needs nothing more here.
 */
export function protectTable(values: readonly number[], hidden: readonly boolean[], threshold: number): boolean[] {
  const out = [...hidden];
  for (;;) {
    const hiddenCells = values.filter((_, i) => out[i]);
    const sum = hiddenCells.reduce((a, b) => a + b, 0);
    const nonZeroHidden = hiddenCells.filter((v) => v > 0).length;
    if (sum === 0 || (sum >= threshold && nonZeroHidden !== 1)) return out;
    let best = -1;
    for (let i = 0; i < values.length; i++) {
      if (out[i] || values[i]! <= 0) continue;
      if (best < 0 || values[i]! < values[best]!) best = i;
    }
    if (best < 0) return out.fill(true);
    out[best] = true;
  }
}
