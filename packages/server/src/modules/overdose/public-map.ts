import { OVERDOSE_SMALL_CELL, localDay, type AreaSeries, type OverdoseMap } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import {
  lastCompletePeriod,
  lastCompleteWeek,
  publishPeriod,
  publishWeek,
  weekEnd,
  weekOf,
  weekStart,
  type TablePattern,
} from './public-figures.ts';
import { dailyCounts } from './spike-service.ts';

/*
 * The suppressed (public and analyst) overdose views, served from frozen weekly snapshots
 * (docs/privacy.md, "Suppression that survives differencing"). A week is snapshotted the first
 * time it is asked for after it ends: its count per area as recorded then. Reports entered later
 * change the staff views, never a published figure, so comparing the map before and after a new
 * event reveals nothing.
 */

interface Week {
  week: number;
  /** Area id → events, for every area that existed when the week was published. */
  counts: Map<string, number>;
}

async function snapshot(db: Db, week: number, timeZone: string, publishedAt: Date): Promise<void> {
  const from = weekStart(week);
  const { series } = await dailyCounts(db, from, weekEnd(week), timeZone);
  const areas = await db.selectFrom('areas').select('id').execute();
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('overdose_public_weeks')
      .values({ week_start: from, published_at: publishedAt })
      .onConflict((oc) => oc.column('week_start').doNothing())
      .returning('week_start')
      .executeTakeFirst();
    if (!inserted || areas.length === 0) return;
    await trx
      .insertInto('overdose_public_week_counts')
      .values(areas.map((a) => ({ week_start: from, area_id: a.id, events: (series.get(a.id) ?? []).reduce((x, y) => x + y, 0) })))
      .execute();
  });
}

/** The frozen counts of these (complete) weeks, snapshotting any not yet published. */
export async function publishedWeeks(db: Db, clock: Clock, weeks: readonly number[], timeZone: string): Promise<Week[]> {
  const starts = weeks.map(weekStart);
  const known = new Set(
    (await db.selectFrom('overdose_public_weeks').select('week_start').where('week_start', 'in', starts).execute()).map(
      (r) => r.week_start,
    ),
  );
  for (const w of weeks) if (!known.has(weekStart(w))) await snapshot(db, w, timeZone, clock.now());
  const rows = await readCounts(db, starts);
  return weeks.map((week) => ({
    week,
    counts: new Map(rows.filter((r) => r.week_start === weekStart(week)).map((r) => [r.area_id, r.events])),
  }));
}

const readCounts = (db: DbOrTrx, starts: string[]) =>
  db.selectFrom('overdose_public_week_counts').select(['week_start', 'area_id', 'events']).where('week_start', 'in', starts).execute();

/**
 * Each week's counts in one area order: every area of any of the weeks, 0 where a week has none (an
 * area added later). A zero is always hidden and never chosen to protect another cell, so a week's
 * pattern is the same whichever other weeks it is aligned with.
 */
function aligned(weeks: readonly Week[]): { areaIds: string[]; counts: number[][] } {
  const areaIds = [...new Set(weeks.flatMap((w) => [...w.counts.keys()]))].sort();
  return { areaIds, counts: weeks.map((w) => areaIds.map((id) => w.counts.get(id) ?? 0)) };
}

/** The published table of the last complete week (days = 7) or four-week period (days = 30). */
export async function publishedTable(
  db: Db,
  clock: Clock,
  days: 7 | 30,
  timeZone: string,
): Promise<{ weeks: number[]; values: Map<string, number | null>; total: number | null }> {
  const today = localDay(clock.now().getTime(), timeZone);
  const weeks = days === 7 ? [lastCompleteWeek(today)] : lastCompletePeriod(today);
  const { areaIds, counts } = aligned(await publishedWeeks(db, clock, weeks, timeZone));
  const patterns = counts.map((c) => publishWeek(c, OVERDOSE_SMALL_CELL));
  const sums = areaIds.map((_, i) => counts.reduce((a, c) => a + c[i]!, 0));
  const pattern: TablePattern = days === 7 ? patterns[0]! : publishPeriod(counts, patterns, OVERDOSE_SMALL_CELL);
  const total = sums.reduce((a, b) => a + b, 0);
  return {
    weeks,
    values: new Map(areaIds.map((id, i) => [id, pattern.hidden[i] ? null : sums[i]!])),
    total: pattern.totalHidden ? null : total,
  };
}

/** The suppressed map: fixed reporting periods from the snapshots. */
export async function publishedMap(db: Db, clock: Clock, days: 7 | 30, timeZone: string): Promise<OverdoseMap> {
  const table = await publishedTable(db, clock, days, timeZone);
  const areas = await db.selectFrom('areas').select(['id', 'name', 'latitude', 'longitude']).orderBy('id').execute();
  const first = table.weeks[0]!;
  const last = table.weeks[table.weeks.length - 1]!;
  const lat = areas.map((a) => a.latitude);
  const lon = areas.map((a) => a.longitude);
  const pad = 0.02;
  return {
    days: table.weeks.length * 7,
    from: weekStart(first),
    to: weekEnd(last),
    suppressed: true,
    bounds: areas.length
      ? {
          minLatitude: Math.min(...lat) - pad,
          maxLatitude: Math.max(...lat) + pad,
          minLongitude: Math.min(...lon) - pad,
          maxLongitude: Math.max(...lon) + pad,
        }
      : { minLatitude: 0, maxLatitude: 0, minLongitude: 0, maxLongitude: 0 },
    areas: areas.map((a) => ({
      id: a.id,
      name: a.name,
      latitude: a.latitude,
      longitude: a.longitude,
      count: table.values.get(a.id) ?? null,
      openAlerts: 0,
    })),
    total: table.total,
  };
}

/**
 * An area's published weekly figures for the last complete weeks within `days` (at least one):
 * the same figures as the 7-day map of each week, so the series adds nothing to it.
 */
export async function publishedAreaSeries(db: Db, clock: Clock, areaId: string, days: number, timeZone: string): Promise<AreaSeries> {
  const area = await db.selectFrom('areas').select(['id', 'name']).where('id', '=', areaId).executeTakeFirst();
  if (!area) throw new AppError('NOT_FOUND', { message: 'No such area.' });
  const last = weekOf(localDay(clock.now().getTime(), timeZone)) - 1;
  const n = Math.max(1, Math.floor(days / 7));
  const weeks = Array.from({ length: n }, (_, k) => last - n + 1 + k);
  const published = await publishedWeeks(db, clock, weeks, timeZone);
  return {
    areaId,
    areaName: area.name,
    suppressed: true,
    points: published.map((w) => {
      const { areaIds, counts } = aligned([w]);
      const i = areaIds.indexOf(areaId);
      const hidden = publishWeek(counts[0]!, OVERDOSE_SMALL_CELL).hidden;
      return { date: weekStart(w.week), count: i < 0 || hidden[i] ? null : counts[0]![i]! };
    }),
    alerts: [],
  };
}
