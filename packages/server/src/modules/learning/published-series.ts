import { SMALL_CELL_THRESHOLD } from '@continuum/contracts';
import { disclosedFigures, protectTable, type AuditedFigure } from '../../core/disclosure-audit.ts';
import { monthRange } from './aggregate.ts';

/*
 * Which months and which period figures of one measure's series are published (docs/measures.md,
 * "Strata and small cells"; docs/privacy.md, "Suppression that survives differencing").
 *
 * - Fixed reporting periods only: the latest run's last 12 months, each calendar year and each
 *   calendar quarter wholly inside the run. Any other `from`/`to` is answered with the reporting
 *   period that overlaps it most (the answer's `period` says which), so `to=2026-11` and
 *   `to=2026-10` are never both period totals.
 * - One publication per series and run: the hidden months are decided once over every month of the
 *   run, with every offered period total, so the answer to any period shows the same months.
 * - Atoms per month: the count (count measures), or the numerator and those not meeting the
 *   measure (rates: the denominator is their sum). Each month and each period publishes all of
 *   them or none.
 * - Primary suppression (1–10 of any of them), then the table rule within each shown period total
 *   (`protectTable`), then the exact audit of everything offered together; while any hidden count
 *   of 1–10 follows from it, the smallest other shown month of the shortest shown period holding
 *   it is hidden, or with none, that period's total.
 */

export interface SeriesMonth {
  /** Count measures: [count]; rates and times: [numerator, denominator − numerator]. */
  parts: readonly number[];
}

export interface ReportingPeriod {
  from: string;
  to: string;
}

/** The fixed reporting periods of a run covering `from`..`to` (YYYY-MM). */
export function reportingPeriods(from: string, to: string): ReportingPeriod[] {
  const months = monthRange(from, to);
  const out: ReportingPeriod[] = [];
  const last12 = months.slice(-12);
  out.push({ from: last12[0]!, to: last12[last12.length - 1]! });
  // The run's whole window, so a run or control chart can show every month the run computed (a
  // shift needs months on both sides of a change); it is audited with the others.
  out.push({ from, to });
  const inside = (p: ReportingPeriod) => p.from >= from && p.to <= to;
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  for (const y of years) {
    const year = { from: `${y}-01`, to: `${y}-12` };
    if (inside(year)) out.push(year);
    for (let q = 0; q < 4; q++) {
      const quarter = { from: `${y}-${String(q * 3 + 1).padStart(2, '0')}`, to: `${y}-${String(q * 3 + 3).padStart(2, '0')}` };
      if (inside(quarter)) out.push(quarter);
    }
  }
  return out.filter((p, i) => out.findIndex((o) => o.from === p.from && o.to === p.to) === i);
}

/** The reporting period answering a request: itself when offered, else the one overlapping it most (the later on a tie). */
export function snapPeriod(periods: readonly ReportingPeriod[], asked: ReportingPeriod): ReportingPeriod {
  const exact = periods.find((p) => p.from === asked.from && p.to === asked.to);
  if (exact) return exact;
  const overlap = (p: ReportingPeriod) => {
    const lo = p.from > asked.from ? p.from : asked.from;
    const hi = p.to < asked.to ? p.to : asked.to;
    return lo > hi ? 0 : monthRange(lo, hi).length;
  };
  return [...periods].sort((a, b) => overlap(b) - overlap(a) || (a.to < b.to ? 1 : a.to > b.to ? -1 : 0))[0] ?? asked;
}

export interface SeriesPublication {
  monthHidden: boolean[];
  periodHidden: boolean[];
}

const isSmall = (n: number) => n >= 1 && n < SMALL_CELL_THRESHOLD;

/** The figures of one month or period (count; or numerator, those not meeting it, denominator). */
function figuresOf(
  k: number,
  monthIdx: readonly number[],
  parts: number,
  values: readonly SeriesMonth[],
  hidden: boolean,
): AuditedFigure[] {
  const atom = (m: number, p: number) => m * k + p;
  const sum = (p: number) => monthIdx.reduce((a, m) => a + values[m]!.parts[p]!, 0);
  if (parts === 1) return [{ cells: monthIdx.map((m) => atom(m, 0)), value: sum(0), hidden }];
  return [
    { cells: monthIdx.map((m) => atom(m, 0)), value: sum(0), hidden },
    { cells: monthIdx.map((m) => atom(m, 1)), value: sum(1), hidden },
    { cells: monthIdx.flatMap((m) => [atom(m, 0), atom(m, 1)]), value: sum(0) + sum(1), hidden },
  ];
}

/** Decides the publication of one series over `months`, with every offered period total. */
export function publishSeries(
  months: readonly string[],
  values: readonly SeriesMonth[],
  periods: readonly ReportingPeriod[],
): SeriesPublication {
  const k = values[0]?.parts.length ?? 1;
  const smallMonth = (v: SeriesMonth) => v.parts.some(isSmall) || (k === 2 && isSmall(v.parts[0]! + v.parts[1]!));
  const idx = periods.map((p) => months.flatMap((m, i) => (m >= p.from && m <= p.to ? [i] : [])));
  const totals = idx.map((ix) => ({ parts: Array.from({ length: k }, (_, p) => ix.reduce((a, m) => a + values[m]!.parts[p]!, 0)) }));
  const monthHidden = values.map(smallMonth);
  const periodHidden = totals.map(smallMonth);
  // The table rule within each shown period, on every part (a month hides all its parts).
  const tableRule = () => {
    for (let changed = true; changed;) {
      changed = false;
      idx.forEach((ix, p) => {
        if (periodHidden[p]) return;
        for (let part = 0; part < k; part++) {
          const protectedCells = protectTable(
            ix.map((m) => values[m]!.parts[part]!),
            ix.map((m) => monthHidden[m]!),
            SMALL_CELL_THRESHOLD,
          );
          const more = protectedCells.flatMap((h, j) => (h && !monthHidden[ix[j]!] ? [ix[j]!] : []));
          if (more.length === 0) continue;
          changed = true;
          // A chart needs its months more than a quarter, a year or the whole window needs its
          // total: those totals are withheld rather than hiding more months. The headline period
          // (the last 12 months, offered first) keeps its total and hides months instead.
          if (p > 0) {
            periodHidden[p] = true;
            return;
          }
          for (const m of more) monthHidden[m] = true;
        }
      });
    }
  };
  tableRule();
  const atoms = values.flatMap((v) => [...v.parts]);
  for (let round = 0; ; round++) {
    if (round > values.length + periods.length + 1) return { monthHidden: monthHidden.fill(true), periodHidden: periodHidden.fill(true) };
    const figures = [
      ...values.flatMap((v, m) => figuresOf(k, [m], k, values, monthHidden[m]!)),
      ...idx.flatMap((ix, p) => figuresOf(k, ix, k, values, periodHidden[p]!)),
    ];
    const disclosed = disclosedFigures(atoms, figures, SMALL_CELL_THRESHOLD);
    if (disclosed.length === 0) return { monthHidden, periodHidden };
    const month = Math.floor(disclosed[0]!.cells[0]! / k);
    const holding = idx
      .map((ix, p) => ({ ix, p }))
      .filter(({ ix, p }) => !periodHidden[p] && ix.includes(month))
      .sort((a, b) => a.ix.length - b.ix.length);
    let done = false;
    for (const { ix } of holding) {
      const candidates = ix.filter((m) => !monthHidden[m] && values[m]!.parts.some((x) => x > 0));
      if (candidates.length === 0) continue;
      const size = (m: number) => values[m]!.parts.reduce((a, b) => a + b, 0);
      monthHidden[candidates.sort((a, b) => size(a) - size(b))[0]!] = true;
      done = true;
      break;
    }
    if (!done) {
      if (holding.length > 0) periodHidden[holding[0]!.p] = true;
      else {
        // Nothing shown holds it: hide every period total (months alone never overlap).
        periodHidden.fill(true);
      }
    }
    tableRule();
  }
}
