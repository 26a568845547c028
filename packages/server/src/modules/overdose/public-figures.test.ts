import { describe, expect, it } from 'vitest';
import { OVERDOSE_SMALL_CELL } from '@continuum/contracts';
import { PublishedSums } from '../../core/disclosure-audit.ts';
import {
  lastCompletePeriod,
  lastCompleteWeek,
  periodFigures,
  publishPeriod,
  publishWeek,
  weekEnd,
  weekOf,
  weekStart,
  type TablePattern,
} from './public-figures.ts';

const T = OVERDOSE_SMALL_CELL;

/** A small deterministic generator (mulberry32), so every run attacks the same datasets. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weekly counts per area: many small areas (0–14), some large ones, like a county's neighbourhoods. */
function dataset(seed: number, areas: number, weeks: number): number[][] {
  const r = rng(seed);
  const scale = Array.from({ length: areas }, () => (r() < 0.3 ? 10 + Math.floor(r() * 30) : Math.floor(r() * 9)));
  return Array.from({ length: weeks }, () => scale.map((s) => Math.max(0, Math.round(s + (r() - 0.5) * 8))));
}

/** Everything an outsider can collect for one four-week period: the four weekly maps and the period map. */
function publish(weeks: number[][]): { patterns: TablePattern[]; period: TablePattern } {
  const patterns = weeks.map((w) => publishWeek(w, T));
  return { patterns, period: publishPeriod(weeks, patterns, T) };
}

/**
 * The attacker: every shown figure of every offered query (weekly area counts and totals = the
 * 7-day map of each week; period area counts and total = the 30-day map) into one linear system,
 * solved exactly; then every hidden figure and every single week×area count with 1–10 events is
 * tried. Returns what they learn.
 */
function attack(weeks: number[][], patterns: TablePattern[], period: TablePattern): string[] {
  const areas = weeks[0]!.length;
  const sums = new PublishedSums(weeks.length * areas);
  const figures = periodFigures(weeks, patterns, period);
  for (const f of figures) if (!f.hidden) sums.publish(f.cells);
  const learned: string[] = [];
  for (const f of figures)
    if (f.hidden && f.value >= 1 && f.value < T && sums.determines(f.cells)) learned.push(`figure ${f.cells.join('+')}=${f.value}`);
  weeks.forEach((w, k) =>
    w.forEach((n, i) => {
      if (n >= 1 && n < T && sums.determines([k * areas + i])) learned.push(`week ${k} area ${i}=${n}`);
    }),
  );
  return learned;
}

/** An independent, naive attacker: differences of nested shown figures, and totals minus everything shown inside them. */
function naiveAttack(weeks: number[][], patterns: TablePattern[], period: TablePattern): string[] {
  const figures = periodFigures(weeks, patterns, period);
  const shown = figures.filter((f) => !f.hidden).map((f) => ({ set: new Set(f.cells), value: f.value }));
  const learned: string[] = [];
  const small = (n: number) => n >= 1 && n < T;
  for (const a of shown)
    for (const b of shown) {
      if (a === b || ![...b.set].every((c) => a.set.has(c))) continue;
      const rest = [...a.set].filter((c) => !b.set.has(c));
      const v = a.value - b.value;
      if (
        rest.length > 0 &&
        small(v) &&
        figures.some((f) => f.hidden && f.cells.length === rest.length && f.cells.every((c) => rest.includes(c)))
      )
        learned.push(`${[...a.set].length}-${[...b.set].length}`);
    }
  // A shown total minus every shown figure disjoint inside it: what is left over, if it is one hidden cell.
  for (const a of shown) {
    const inside = shown.filter((b) => b !== a && [...b.set].every((c) => a.set.has(c)));
    const covered = new Set<number>();
    let value = a.value;
    for (const b of inside.sort((x, y) => y.set.size - x.set.size))
      if ([...b.set].every((c) => !covered.has(c))) {
        for (const c of b.set) covered.add(c);
        value -= b.value;
      }
    const rest = [...a.set].filter((c) => !covered.has(c));
    if (rest.length === 1 && small(value)) learned.push(`total-minus-shown ${rest[0]}=${value}`);
  }
  return learned;
}

describe('reporting periods', () => {
  it('weeks run Monday to Sunday from the epoch, and periods are four aligned weeks', () => {
    expect(weekStart(0)).toBe('2024-01-01');
    expect(weekEnd(0)).toBe('2024-01-07');
    expect(weekOf('2026-12-07')).toBe(153); // a Monday
    expect(weekStart(153)).toBe('2026-12-07');
    expect(lastCompleteWeek('2026-12-07')).toBe(152);
    expect(lastCompleteWeek('2026-12-13')).toBe(152);
    // Week 153 is in period 38 (weeks 152–155); the last complete one is 37 (weeks 148–151).
    expect(lastCompletePeriod('2026-12-13')).toEqual([148, 149, 150, 151]);
    expect(lastCompletePeriod('2026-12-27')).toEqual([148, 149, 150, 151]);
    // 2026-12-28 opens week 156, so period 38 (weeks 152–155) has just closed.
    expect(lastCompletePeriod('2026-12-28')).toEqual([152, 153, 154, 155]);
  });
});

describe('the public map under differencing', () => {
  it('without complementary suppression the region total minus the shown areas gives the hidden one (the defect)', () => {
    const week = [4, 30, 25];
    const naive: TablePattern = { hidden: week.map((n) => n < T), totalHidden: false };
    expect(attack([week], [naive], { hidden: [false, false, false].map((_, i) => week[i]! < T), totalHidden: false })).toContain(
      'week 0 area 0=4',
    );
  });

  it('a week keeps every hidden area and every small group of areas safe', () => {
    const p = publishWeek([4, 30, 25, 0, 3], T);
    expect(p.hidden).toEqual([true, false, true, true, true]);
    expect(p.totalHidden).toBe(false);
    expect(publishWeek([3, 2, 1], T)).toEqual({ hidden: [true, true, true], totalHidden: true });
  });

  it('the 30-day period minus the 7-day week (the 23-day remainder) reveals nothing', () => {
    // Area 0 has 12 in the period, so its period figure would be shown; with the last week's hidden 9
    // and the earlier weeks' hidden 1s, shown figures would difference to them: the audit prevents it.
    const weeks = [
      [1, 20, 15],
      [1, 22, 16],
      [1, 21, 14],
      [9, 25, 18],
    ];
    const { patterns, period } = publish(weeks);
    expect(attack(weeks, patterns, period)).toEqual([]);
    expect(naiveAttack(weeks, patterns, period)).toEqual([]);
  });

  it('tries every offered query on 300 generated regions and no count under 11 can be derived', () => {
    let hiddenSmall = 0;
    let extra = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const areas = 3 + (seed % 10);
      const weeks = dataset(seed, areas, 4);
      const { patterns, period } = publish(weeks);
      expect(attack(weeks, patterns, period), `seed ${seed}`).toEqual([]);
      expect(naiveAttack(weeks, patterns, period), `seed ${seed}`).toEqual([]);
      hiddenSmall += weeks.flat().filter((n) => n >= 1 && n < T).length;
      const sums = weeks[0]!.map((_, i) => weeks.reduce((a, w) => a + w[i]!, 0));
      extra += period.hidden.filter((h, i) => h && sums[i]! >= T).length;
    }
    // The datasets exercise the rule: many small weekly counts, and period cells hidden only to protect them.
    expect(hiddenSmall).toBeGreaterThan(1000);
    expect(extra).toBeGreaterThan(0);
  });

  it('two consecutive periods and their eight weeks together reveal nothing (periods never overlap)', () => {
    for (let seed = 500; seed < 520; seed++) {
      const weeks = dataset(seed, 6, 8);
      const first = publish(weeks.slice(0, 4));
      const second = publish(weeks.slice(4));
      const areas = 6;
      const sums = new PublishedSums(8 * areas);
      const shift = (cells: readonly number[], k: number) => cells.map((c) => c + k * 4 * areas);
      const figures = [
        ...periodFigures(weeks.slice(0, 4), first.patterns, first.period),
        ...periodFigures(weeks.slice(4), second.patterns, second.period).map((f) => ({ ...f, cells: shift(f.cells, 1) })),
      ];
      for (const f of figures) if (!f.hidden) sums.publish(f.cells);
      weeks.forEach((w, k) => w.forEach((n, i) => n >= 1 && n < T && expect(sums.determines([k * areas + i])).toBe(false)));
    }
  });

  it('keeps the period figures that need no protection', () => {
    const weeks = [
      [20, 30],
      [21, 31],
      [22, 32],
      [23, 33],
    ];
    const { period } = publish(weeks);
    expect(period).toEqual({ hidden: [false, false], totalHidden: false });
  });
});
