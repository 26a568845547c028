import { DAY_MS, utcDay } from '@continuum/contracts';
import { disclosedFigures, protectTable, type AuditedFigure } from '../../core/disclosure-audit.ts';

/*
 * What the public overdose map and the analyst views publish (docs/privacy.md, "Suppression that
 * survives differencing"; docs/overdose.md). Pure: the counts come from the frozen weekly snapshots.
 *
 * - Fixed reporting periods, never a moving window: a week runs Monday to Sunday (local days,
 *   counted from REPORTING_EPOCH), a period is four consecutive weeks aligned to the same epoch
 *   (weeks 0–3, 4–7, …). The 7-day view is the last complete week, the 30-day view the last
 *   complete four-week period (28 days). Periods never overlap, so no two figures differ by a
 *   few days of events, and a week's figures, frozen when it is first published, never move.
 * - Each week is one table (areas and the region total): counts under 11 are hidden (0 included,
 *   as before), and while the hidden areas together hold 1–10 events, or a single non-zero area is
 *   hidden, the smallest other area is hidden too (`protectTable`).
 * - A four-week period is published with its four weeks already out: the weekly tables and the
 *   period table (areas and total) form one linear system. After the same primary and table
 *   suppression of the period table, the exact audit (`disclosedFigures`) solves that system as an
 *   attacker would; while any hidden weekly or period figure with 1–10 events follows from the
 *   shown ones, one more period figure is hidden (first the area concerned, then the smallest,
 *   then the total). Hiding the whole period table always ends it: weeks alone never overlap.
 */

/** The Monday the reporting weeks are counted from. */
export const REPORTING_EPOCH = '2024-01-01';
export const WEEKS_PER_PERIOD = 4;

const epochMs = Date.parse(`${REPORTING_EPOCH}T00:00:00Z`);

/** The reporting week a local day (YYYY-MM-DD) falls in. */
export function weekOf(day: string): number {
  return Math.floor((Date.parse(`${day}T00:00:00Z`) - epochMs) / (7 * DAY_MS));
}

/** The first day (Monday) of a reporting week. */
export function weekStart(week: number): string {
  return utcDay(epochMs + week * 7 * DAY_MS);
}

/** The last day (Sunday) of a reporting week. */
export function weekEnd(week: number): string {
  return utcDay(epochMs + (week * 7 + 6) * DAY_MS);
}

/** The last complete week on a local day. */
export function lastCompleteWeek(today: string): number {
  return weekOf(today) - 1;
}

/** The weeks of the last complete four-week period on a local day. */
export function lastCompletePeriod(today: string): number[] {
  const period = Math.floor(weekOf(today) / WEEKS_PER_PERIOD) - 1;
  return Array.from({ length: WEEKS_PER_PERIOD }, (_, k) => period * WEEKS_PER_PERIOD + k);
}

/** One published table: per area (in the order given) whether its count is hidden, and the total's. */
export interface TablePattern {
  hidden: boolean[];
  totalHidden: boolean;
}

const small = (n: number, threshold: number) => n < threshold;

/** A week's table: primary suppression and the table rule. */
export function publishWeek(counts: readonly number[], threshold: number): TablePattern {
  const total = counts.reduce((a, b) => a + b, 0);
  const totalHidden = small(total, threshold);
  const primary = counts.map((n) => small(n, threshold));
  return { hidden: totalHidden ? primary.map(() => true) : protectTable(counts, primary, threshold), totalHidden };
}

/** The figures of a four-week period for the audit: atoms are week k × area i (index k·areas + i). */
export function periodFigures(
  weeks: readonly (readonly number[])[],
  weekPatterns: readonly TablePattern[],
  period: TablePattern,
): AuditedFigure[] {
  const areas = weeks[0]?.length ?? 0;
  const figures: AuditedFigure[] = [];
  weeks.forEach((counts, k) => {
    counts.forEach((n, i) => figures.push({ cells: [k * areas + i], value: n, hidden: weekPatterns[k]!.hidden[i]! }));
    figures.push({
      cells: counts.map((_, i) => k * areas + i),
      value: counts.reduce((a, b) => a + b, 0),
      hidden: weekPatterns[k]!.totalHidden,
    });
  });
  for (let i = 0; i < areas; i++)
    figures.push({
      cells: weeks.map((_, k) => k * areas + i),
      value: weeks.reduce((a, w) => a + w[i]!, 0),
      hidden: period.hidden[i]!,
    });
  figures.push({
    cells: weeks.flatMap((w, k) => w.map((_, i) => k * areas + i)),
    value: weeks.reduce((a, w) => a + w.reduce((x, y) => x + y, 0), 0),
    hidden: period.totalHidden,
  });
  return figures;
}

/** A four-week period's table, given its weeks' counts (each in the same area order) and their published patterns. */
export function publishPeriod(
  weeks: readonly (readonly number[])[],
  weekPatterns: readonly TablePattern[],
  threshold: number,
): TablePattern {
  const areas = weeks[0]?.length ?? 0;
  const sums = Array.from({ length: areas }, (_, i) => weeks.reduce((a, w) => a + w[i]!, 0));
  let pattern = publishWeek(sums, threshold);
  const atoms = weeks.flatMap((w) => [...w]);
  for (;;) {
    const disclosed = disclosedFigures(atoms, periodFigures(weeks, weekPatterns, pattern), threshold);
    if (disclosed.length === 0) return pattern;
    const hidden = [...pattern.hidden];
    const concerned = [...new Set(disclosed.flatMap((f) => f.cells.map((c) => c % Math.max(areas, 1))))];
    const own = concerned.find((i) => !hidden[i]);
    let next = own ?? -1;
    if (next < 0) for (let i = 0; i < areas; i++) if (!hidden[i] && sums[i]! > 0 && (next < 0 || sums[i]! < sums[next]!)) next = i;
    if (next >= 0) {
      hidden[next] = true;
      pattern = { hidden: pattern.totalHidden ? hidden : protectTable(sums, hidden, threshold), totalHidden: pattern.totalHidden };
    } else if (!pattern.totalHidden) pattern = { hidden: hidden.map(() => true), totalHidden: true };
    else return { hidden: hidden.map(() => true), totalHidden: true };
  }
}
