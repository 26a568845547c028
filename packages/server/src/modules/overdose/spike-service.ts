import { sql } from 'kysely';
import type { OverdoseSettings } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { systemAccess, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import { earsSeries } from './ears.ts';
import { thresholdSpikes, WINDOW_MS } from './threshold.ts';
import { DAY_MS, addDays, utcDay, localDay } from '@continuum/contracts';

/*
 * The spike service over stored overdose events. The threshold rule runs on every recorded event
 * (so an alert is there as soon as the event that tips an area over N commits); EARS C1/C2/C3 run
 * hourly from a job on daily counts per area and for the whole region (calendar days in the
 * network's time zone). An alert is one
 * episode: the row's `episode_key` is unique, and an event or day that continues an episode
 * already alerted updates that row instead of raising another — a spike never fires twice.
 */

export const DEFAULT_OVERDOSE_SETTINGS: OverdoseSettings = {
  outreachOrganizationId: null,
  outreachDueHours: 72,
  defaultThreshold: null,
  minSigma: 1,
};

export async function loadOverdoseSettings(db: DbOrTrx): Promise<OverdoseSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'overdose').executeTakeFirst();
  return { ...DEFAULT_OVERDOSE_SETTINGS, ...((row?.value as Partial<OverdoseSettings> | undefined) ?? {}) };
}

export async function thresholdFor(db: DbOrTrx, areaId: string, settings: OverdoseSettings): Promise<number | undefined> {
  const row = await db.selectFrom('overdose_area_thresholds').select('threshold').where('area_id', '=', areaId).executeTakeFirst();
  return row?.threshold ?? settings.defaultThreshold ?? undefined;
}

async function areaName(db: DbOrTrx, areaId: string | null): Promise<string> {
  if (areaId === null) return 'the whole region';
  const row = await db.selectFrom('areas').select('name').where('id', '=', areaId).executeTakeFirst();
  return row?.name ?? areaId;
}

/** Tells the alert subscribers (inbox, email, and webhooks of their organizations). Aggregate counts only. */
async function notifySubscribers(
  trx: DbOrTrx,
  clock: Clock,
  alertId: string,
  areaId: string | null,
  detector: 'threshold' | 'ears',
  count: number,
): Promise<void> {
  const subs = await trx.selectFrom('overdose_alert_subscriptions').select(['user_id', 'organization_id']).execute();
  if (subs.length === 0) return;
  const name = await areaName(trx, areaId);
  await notify(trx, clock, {
    kind: 'overdose.spike',
    title: `Overdose spike alert: ${name}`,
    body:
      detector === 'threshold'
        ? `${count} suspected overdoses within 24 hours, above the area's threshold. Open the alert to acknowledge it.`
        : `Daily overdose count of ${count} is unusually high (CDC EARS). Open the alert to acknowledge it.`,
    link: `/overdose-response/alerts?alert=${alertId}`,
    userIds: subs.map((s) => s.user_id),
    dedupeKey: `overdose-alert:${alertId}`,
    webhook: {
      organizationIds: [...new Set(subs.map((s) => s.organization_id).filter((o): o is string => o !== null))],
      payload: { alertId, detector, areaId, count },
    },
  });
}

/**
 * The threshold rule for one area around the time `at` (an event just recorded there, possibly
 * back-dated): the episodes in the events from a week before to a day after; each either continues
 * an alerted episode (same area, overlapping in time) or is a new alert. Returns the new alert ids.
 */
export async function checkThreshold(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  areaId: string,
  at: Date,
  settings: OverdoseSettings,
): Promise<string[]> {
  const n = await thresholdFor(trx, areaId, settings);
  if (n === undefined) return [];
  const from = addDays(at, -7);
  const to = new Date(at.getTime() + WINDOW_MS);
  const rows = await trx
    .selectFrom('overdose_events')
    .select('occurred_at')
    .where('area_id', '=', areaId)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<=', to)
    .execute();
  if (rows.length <= n) return [];
  const now = clock.now();
  const spikes = thresholdSpikes(
    rows.map((r) => ({ at: r.occurred_at.getTime(), area: areaId })),
    () => n,
    now.getTime(),
  ).filter((s) => s.startedAt <= at.getTime() + WINDOW_MS && s.lastEventAt >= at.getTime() - WINDOW_MS);
  const created: string[] = [];
  for (const s of spikes) {
    const started = new Date(s.startedAt);
    const lastDay = utcDay(s.lastEventAt);
    const existing = await trx
      .selectFrom('overdose_alerts')
      .select(['id', 'count'])
      .where('detector', '=', 'threshold')
      .where('area_id', '=', areaId)
      .where('started_at', '<=', new Date(s.lastEventAt))
      .where('last_day', '>=', utcDay(s.startedAt))
      .orderBy('started_at')
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('overdose_alerts')
        .set({ count: Math.max(existing.count, s.peakCount), last_day: sql<string>`greatest(last_day, ${lastDay}::date)`, updated_at: now })
        .where('id', '=', existing.id)
        .execute();
      continue;
    }
    const inserted = await trx
      .insertInto('overdose_alerts')
      .values({
        episode_key: `threshold:${areaId}:${started.toISOString()}`,
        detector: 'threshold',
        area_id: areaId,
        started_at: started,
        last_day: lastDay,
        count: s.peakCount,
        threshold: n,
        statistics: null,
        acknowledged_at: null,
        acknowledged_by_user_id: null,
        annotation: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('episode_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    created.push(inserted.id);
    await recordAudit(trx, clock, access, {
      action: 'overdose.alert.raise',
      entityType: 'overdose_alert',
      entityId: inserted.id,
      details: { detector: 'threshold', threshold: n },
    });
    await notifySubscribers(trx, clock, inserted.id, areaId, 'threshold', s.peakCount);
  }
  return created;
}

/**
 * Daily counts per area over the calendar days [fromDay, toDay] in `timeZone` (the network's; an
 * evening cluster stays on one day); the region's series under the key null.
 */
export async function dailyCounts(
  db: DbOrTrx,
  fromDay: string,
  toDay: string,
  timeZone = 'UTC',
): Promise<{ days: string[]; series: Map<string | null, number[]> }> {
  const start = Date.parse(`${fromDay}T00:00:00Z`);
  const end = Date.parse(`${toDay}T00:00:00Z`);
  const n = Math.round((end - start) / DAY_MS) + 1;
  const days = Array.from({ length: n }, (_, i) => utcDay(start + i * DAY_MS));
  // Any zone is within ±14 hours of UTC: a day either side bounds the instants, the day text decides.
  const rows = await db
    .selectFrom('overdose_events')
    .select([
      'area_id',
      sql<string>`to_char(occurred_at at time zone ${timeZone}, 'YYYY-MM-DD')`.as('day'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('occurred_at', '>=', new Date(start - DAY_MS))
    .where('occurred_at', '<', new Date(end + 2 * DAY_MS))
    .groupBy(['area_id', sql`2`])
    .execute();
  const series = new Map<string | null, number[]>();
  const region = new Array<number>(n).fill(0);
  series.set(null, region);
  for (const r of rows) {
    const i = Math.round((Date.parse(`${r.day}T00:00:00Z`) - start) / DAY_MS);
    if (i < 0 || i >= n) continue;
    let s = series.get(r.area_id);
    if (!s) series.set(r.area_id, (s = new Array<number>(n).fill(0)));
    s[i] = Number(r.count);
    region[i]! += Number(r.count);
  }
  return { days, series };
}

/**
 * EARS C1/C2/C3 on the daily counts of every area and the region, for the last `evaluateDays`
 * days up to today (today's count so far included, so a spike shows before the day ends). An alarm
 * on a day right after an alarmed day of the same area continues that episode. Returns new alert ids.
 */
export async function evaluateEars(db: Db, clock: Clock, options: { evaluateDays?: number; timeZone?: string } = {}): Promise<string[]> {
  const settings = await loadOverdoseSettings(db);
  const now = clock.now();
  const evaluateDays = options.evaluateDays ?? 2;
  const timeZone = options.timeZone ?? 'UTC';
  const today = localDay(now.getTime(), timeZone);
  const from = utcDay(Date.parse(`${today}T00:00:00Z`) - (evaluateDays + 14) * DAY_MS);
  const { days, series } = await dailyCounts(db, from, today, timeZone);
  const created: string[] = [];
  for (const [areaId, counts] of series) {
    const points = earsSeries(counts, { minSigma: settings.minSigma });
    for (let d = days.length - evaluateDays; d < days.length; d++) {
      const p = points[d]!;
      if (!(p.c1Alarm || p.c2Alarm || p.c3Alarm)) continue;
      const day = days[d]!;
      const statistics = { c1: finite(p.c1), c2: finite(p.c2), c3: finite(p.c3) };
      const id = await db.transaction().execute(async (trx) => {
        const previous = await trx
          .selectFrom('overdose_alerts')
          .select(['id', 'count'])
          .where('detector', '=', 'ears')
          .where(areaId === null ? sql<boolean>`area_id is null` : sql<boolean>`area_id = ${areaId}`)
          .where('last_day', '>=', days[d - 1] ?? day)
          .executeTakeFirst();
        if (previous) {
          await trx
            .updateTable('overdose_alerts')
            .set({ count: Math.max(previous.count, counts[d]!), last_day: sql<string>`greatest(last_day, ${day}::date)`, updated_at: now })
            .where('id', '=', previous.id)
            .execute();
          return null;
        }
        const inserted = await trx
          .insertInto('overdose_alerts')
          .values({
            episode_key: `ears:${areaId ?? 'region'}:${day}`,
            detector: 'ears',
            area_id: areaId,
            // Midday UTC is the same calendar day in every zone within ±11 hours (the markers use it).
            started_at: new Date(`${day}T12:00:00Z`),
            last_day: day,
            count: counts[d]!,
            threshold: null,
            statistics: JSON.stringify(statistics),
            acknowledged_at: null,
            acknowledged_by_user_id: null,
            annotation: null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.column('episode_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return null;
        await recordAudit(trx, clock, systemAccess('overdose EARS job'), {
          action: 'overdose.alert.raise',
          entityType: 'overdose_alert',
          entityId: inserted.id,
          organizationId: null,
          details: { detector: 'ears', region: areaId === null },
        });
        await notifySubscribers(trx, clock, inserted.id, areaId, 'ears', counts[d]!);
        return inserted.id;
      });
      if (id) created.push(id);
    }
  }
  return created;
}

function finite(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(v * 1e6) / 1e6;
}
