import { describe, expect, it } from 'vitest';
import { PublishedSums } from '../../core/disclosure-audit.ts';
import { monthRange } from './aggregate.ts';
import { publishSeries, reportingPeriods, snapPeriod, type ReportingPeriod, type SeriesMonth } from './published-series.ts';

const small = (n: number) => n >= 1 && n < 11;

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

const RUN = { from: '2025-01', to: '2026-11' };
const MONTHS = monthRange(RUN.from, RUN.to);
const PERIODS = reportingPeriods(RUN.from, RUN.to);

/**
 * Every answer the results endpoint can give for one series: for every `from`/`to` a caller may
 * send (all 276 month pairs of the run), the answered period's total and its shown months. The
 * attacker puts every shown figure into one system and solves it exactly.
 */
function attack(values: readonly SeriesMonth[]): string[] {
  const k = values[0]!.parts.length;
  const pub = publishSeries(MONTHS, values, PERIODS);
  const sums = new PublishedSums(MONTHS.length * k);
  const seen = new Set<string>();
  for (let i = 0; i < MONTHS.length; i++)
    for (let j = i; j < MONTHS.length; j++) {
      const p = snapPeriod(PERIODS, { from: MONTHS[i]!, to: MONTHS[j]! });
      const key = `${p.from}..${p.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const ix = MONTHS.flatMap((m, n) => (m >= p.from && m <= p.to ? [n] : []));
      const pi = PERIODS.findIndex((o) => o.from === p.from && o.to === p.to);
      if (!pub.periodHidden[pi]) for (let part = 0; part < k; part++) sums.publish(ix.map((n) => n * k + part));
      for (const n of ix) if (!pub.monthHidden[n]) for (let part = 0; part < k; part++) sums.publish([n * k + part]);
    }
  const learned: string[] = [];
  values.forEach((v, n) => {
    v.parts.forEach((x, part) => small(x) && sums.determines([n * k + part]) && learned.push(`${MONTHS[n]} part ${part} = ${x}`));
    if (k === 2 && small(v.parts[0]! + v.parts[1]!) && sums.determines([n * k, n * k + 1])) learned.push(`${MONTHS[n]} denominator`);
  });
  // Hidden period figures stay unknown too.
  PERIODS.forEach((p, pi) => {
    if (!pub.periodHidden[pi]) return;
    const ix = MONTHS.flatMap((m, n) => (m >= p.from && m <= p.to ? [n] : []));
    for (let part = 0; part < k; part++) {
      const v = ix.reduce((a, n) => a + values[n]!.parts[part]!, 0);
      if (small(v) && sums.determines(ix.map((n) => n * k + part))) learned.push(`${p.from}..${p.to} part ${part} = ${v}`);
    }
  });
  return learned;
}

describe('fixed reporting periods', () => {
  it('offers the last 12 months, whole calendar years and quarters of the run', () => {
    const keys = PERIODS.map((p) => `${p.from}..${p.to}`);
    expect(keys[0]).toBe('2025-12..2026-11');
    expect(keys[1]).toBe(`${RUN.from}..${RUN.to}`);
    expect(keys).toContain('2025-01..2025-12');
    expect(keys).toContain('2026-07..2026-09');
    expect(keys).not.toContain('2026-10..2026-12'); // December 2026 is not in the run
    expect(keys).not.toContain('2026-01..2026-12');
  });
  it('answers to=2026-10 and to=2026-11 with reporting periods, never a moving window', () => {
    const a = snapPeriod(PERIODS, { from: '2025-11', to: '2026-10' });
    const b = snapPeriod(PERIODS, { from: '2025-12', to: '2026-11' });
    expect(b).toEqual({ from: '2025-12', to: '2026-11' });
    expect(PERIODS).toContainEqual(a);
    expect(a).not.toEqual({ from: '2025-11', to: '2026-10' });
  });
});

describe('learning results under differencing', () => {
  it('the defect: a moving 12-month total and its months give a hidden month away', () => {
    // Months shown unless small; totals for to=2026-10 and to=2026-11 (a moving window): the
    // difference is Nov 2026 − Nov 2025; with Nov 2025 shown, the hidden Nov 2026 follows.
    const counts = MONTHS.map((m) => (m === '2026-11' ? 4 : 20));
    const sums = new PublishedSums(MONTHS.length);
    const window = (to: string) => MONTHS.flatMap((m, n) => (m <= to && m > String(Number(to.slice(0, 4)) - 1) + to.slice(4) ? [n] : []));
    sums.publish(window('2026-10'));
    sums.publish(window('2026-11'));
    counts.forEach((c, n) => !small(c) && sums.determines([n]) === false && sums.publish([n]));
    expect(sums.determines([MONTHS.indexOf('2026-11')])).toBe(true);
    // Published as the module does, nothing is learned.
    expect(attack(counts.map((c) => ({ parts: [c] })))).toEqual([]);
  });

  it('tries every from/to on 200 generated count series: no month or period under 11 can be derived', () => {
    let hidden = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const level = 3 + Math.floor(r() * 25);
      const values = MONTHS.map(() => ({ parts: [Math.max(0, Math.round(level + (r() - 0.5) * level))] }));
      expect(attack(values), `seed ${seed}`).toEqual([]);
      hidden += publishSeries(MONTHS, values, PERIODS).monthHidden.filter(Boolean).length;
    }
    expect(hidden).toBeGreaterThan(500);
  });

  it('tries every from/to on 100 generated rates: no numerator, denominator or remainder under 11 can be derived', () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const r = rng(seed);
      const level = 5 + Math.floor(r() * 30);
      const values = MONTHS.map(() => {
        const den = Math.max(0, Math.round(level + (r() - 0.5) * level));
        const num = Math.round(den * r());
        return { parts: [num, den - num] };
      });
      expect(attack(values), `seed ${seed}`).toEqual([]);
    }
  });

  it('shows every month and period when nothing is small', () => {
    const pub = publishSeries(
      MONTHS,
      MONTHS.map(() => ({ parts: [30, 20] })),
      PERIODS,
    );
    expect(pub.monthHidden.every((h) => !h)).toBe(true);
    expect(pub.periodHidden.every((h) => !h)).toBe(true);
  });

  it('hides a period total of 1–10 and keeps it hidden', () => {
    const values = MONTHS.map((m) => ({ parts: [m.startsWith('2026-0') ? 0 : 15] }));
    values[MONTHS.indexOf('2026-02')] = { parts: [3] };
    const pub = publishSeries(MONTHS, values, PERIODS);
    const q1 = PERIODS.findIndex((p: ReportingPeriod) => p.from === '2026-01' && p.to === '2026-03');
    expect(pub.periodHidden[q1]).toBe(true);
    expect(attack(values)).toEqual([]);
  });
});
