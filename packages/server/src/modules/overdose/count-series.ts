import { earsSeries, formatStatistic, type EarsOptions } from './ears.ts';
import { DAY_MS, utcDay, isIsoDay } from '@continuum/contracts';

/** One input row: the suspected overdoses counted in an area on a day. */
export interface CountRow {
  date: string;
  area: string;
  count: number;
}

export class CountSeriesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** Parses and checks one CSV record (1-based line number for messages). */
export function parseCountRow(record: Record<string, string | undefined>, line: number): CountRow | string {
  const date = (record.date ?? '').trim();
  const area = (record.area ?? '').trim();
  const rawCount = (record.count ?? '').trim();
  if (!isIsoDay(date)) return `line ${line}: date "${date}" is not a YYYY-MM-DD date`;
  if (area === '') return `line ${line}: area is empty`;
  if (!/^\d+$/.test(rawCount)) return `line ${line}: count "${rawCount}" is not a whole number of zero or more`;
  return { date, area, count: Number(rawCount) };
}

/**
 * Daily series per area over the whole date range of the input: a day missing for an area counts
 * as zero. Two rows for the same area and day are an error (a count is not silently summed).
 */
export function buildSeries(rows: Iterable<CountRow>): { start: string; days: number; areas: Map<string, number[]> } {
  const byArea = new Map<string, Map<number, number>>();
  let min = Infinity;
  let max = -Infinity;
  const duplicates: string[] = [];
  for (const r of rows) {
    const ms = Date.parse(`${r.date}T00:00:00Z`);
    min = Math.min(min, ms);
    max = Math.max(max, ms);
    let days = byArea.get(r.area);
    if (!days) byArea.set(r.area, (days = new Map()));
    if (days.has(ms)) duplicates.push(`area "${r.area}" has two rows for ${r.date}`);
    days.set(ms, r.count);
  }
  if (duplicates.length > 0) throw new CountSeriesError(duplicates.slice(0, 20));
  if (byArea.size === 0) return { start: '', days: 0, areas: new Map() };
  const days = Math.round((max - min) / DAY_MS) + 1;
  const areas = new Map<string, number[]>();
  for (const area of [...byArea.keys()].sort()) {
    const series = new Array<number>(days).fill(0);
    for (const [ms, count] of byArea.get(area)!) series[Math.round((ms - min) / DAY_MS)] = count;
    areas.set(area, series);
  }
  return { start: utcDay(min), days, areas };
}

export const DETECT_COLUMNS = ['date', 'area', 'count', 'c1', 'c2', 'c3', 'c1_alarm', 'c2_alarm', 'c3_alarm'] as const;

/** The detector output, one row per area and day, ordered by date then area. */
export function* detectRows(series: ReturnType<typeof buildSeries>, options: EarsOptions): Generator<string[]> {
  const results = new Map([...series.areas].map(([area, counts]) => [area, { counts, points: earsSeries(counts, options) }]));
  const startMs = Date.parse(`${series.start}T00:00:00Z`);
  for (let d = 0; d < series.days; d++) {
    const date = utcDay(startMs + d * DAY_MS);
    for (const [area, r] of results) {
      const p = r.points[d]!;
      yield [
        date,
        area,
        String(r.counts[d]),
        formatStatistic(p.c1),
        formatStatistic(p.c2),
        formatStatistic(p.c3),
        p.c1Alarm ? '1' : '0',
        p.c2Alarm ? '1' : '0',
        p.c3Alarm ? '1' : '0',
      ];
    }
  }
}
