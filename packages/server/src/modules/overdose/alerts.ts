// Longer than 300 lines: alerts, thresholds, settings and the aggregate views share one small-count suppression rule and its helpers.
import { sql } from 'kysely';
import {
  overdoseSettingsSchema,
  type AreaSeries,
  type OverdoseAlert,
  type OverdoseMap,
  type OverdoseSettings,
  DAY_MS,
  addDays,
  utcDay,
  localDay,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { canAcknowledgeAlerts, canManageOverdose, overdoseView } from './overdose-policy.ts';
import { dailyCounts, loadOverdoseSettings } from './spike-service.ts';
import { findOrganization } from '../organizations/index.ts';
import { userDisplayNameOf } from '../identity/index.ts';
import { publishedAreaSeries, publishedMap } from './public-map.ts';

/*
 * Spike alerts (list, acknowledge and annotate, subscribe), per-area thresholds, the module's
 * settings, and the aggregate views: the map of area counts and the per-area time series. Public
 * and analyst views only ever show area counts of 11 or more — the server suppresses, never the UI.
 */

const forbidden = (message: string) => new AppError('FORBIDDEN', { message });

async function alertRows(db: DbOrTrx) {
  return db
    .selectFrom('overdose_alerts as a')
    .leftJoin('areas as ar', 'ar.id', 'a.area_id')
    .select([
      'a.id',
      'a.detector',
      'a.area_id',
      'ar.name as area_name',
      'a.started_at',
      'a.last_day',
      'a.count',
      'a.threshold',
      'a.statistics',
      'a.acknowledged_at',
      userDisplayNameOf('a.acknowledged_by_user_id').as('acknowledged_by'),
      'a.annotation',
      'a.created_at',
    ]);
}

type AlertRow = Awaited<ReturnType<Awaited<ReturnType<typeof alertRows>>['execute']>>[number];

function toAlert(r: AlertRow, suppressed: boolean): OverdoseAlert {
  return {
    id: r.id,
    detector: r.detector,
    areaId: r.area_id,
    areaName: r.area_id === null ? 'Whole region' : (r.area_name ?? r.area_id),
    startedAt: r.started_at.toISOString(),
    lastDay: r.last_day,
    // An alert's window is its own, not a reporting period: its count would difference against the map.
    count: suppressed ? null : r.count,
    threshold: r.threshold,
    statistics: r.statistics,
    acknowledgedAt: r.acknowledged_at ? r.acknowledged_at.toISOString() : null,
    acknowledgedBy: r.acknowledged_by ?? null,
    annotation: r.annotation,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listAlerts(
  db: Db,
  access: AccessContext,
  query: { status: 'open' | 'acknowledged' | 'all'; limit: number },
): Promise<OverdoseAlert[]> {
  const view = overdoseView(access.roles);
  if (view === 'none') throw forbidden('Your role does not see overdose alerts.');
  let q = (await alertRows(db)).orderBy('a.started_at', 'desc').limit(query.limit);
  if (query.status === 'open') q = q.where('a.acknowledged_at', 'is', null);
  if (query.status === 'acknowledged') q = q.where('a.acknowledged_at', 'is not', null);
  // Analysts see alerts, but a small count stays hidden (null) like the map.
  return (await q.execute()).map((r) => toAlert(r, view === 'aggregate'));
}

export async function acknowledgeAlert(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  annotation: string | undefined,
): Promise<OverdoseAlert> {
  if (!canAcknowledgeAlerts(access.roles)) throw forbidden('Your role does not acknowledge alerts.');
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('overdose_alerts').select(['id', 'acknowledged_at']).where('id', '=', id).executeTakeFirst();
    if (!existing) throw new AppError('NOT_FOUND', { message: 'No such alert.' });
    const now = clock.now();
    await trx
      .updateTable('overdose_alerts')
      .set({
        // Acknowledged once; a later call adds or changes the annotation.
        acknowledged_at: existing.acknowledged_at ?? now,
        acknowledged_by_user_id: existing.acknowledged_at ? sql<string>`acknowledged_by_user_id` : actorUserId(access),
        ...(annotation !== undefined ? { annotation: annotation === '' ? null : annotation } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'overdose.alert.acknowledge',
      entityType: 'overdose_alert',
      entityId: id,
      details: { firstAcknowledgement: existing.acknowledged_at === null, annotated: annotation !== undefined },
    });
    return toAlert((await (await alertRows(trx)).where('a.id', '=', id).executeTakeFirstOrThrow())!, false);
  });
}

export async function getSubscription(db: Db, access: AccessContext): Promise<{ subscribed: boolean }> {
  const userId = actorUserId(access);
  if (userId === null) return { subscribed: false };
  const row = await db.selectFrom('overdose_alert_subscriptions').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  return { subscribed: row !== undefined };
}

/** The signed-in user subscribes to (or leaves) spike alerts: inbox and email, and their organization's webhooks. */
export async function setSubscription(db: Db, clock: Clock, access: AccessContext, subscribed: boolean): Promise<{ subscribed: boolean }> {
  const userId = actorUserId(access);
  if (userId === null) throw forbidden('Only a signed-in person subscribes to alerts.');
  if (overdoseView(access.roles) === 'none') throw forbidden('Your role does not see overdose alerts.');
  await db.transaction().execute(async (trx) => {
    if (subscribed) {
      await trx
        .insertInto('overdose_alert_subscriptions')
        .values({ user_id: userId, organization_id: access.organizationId, created_at: clock.now() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ organization_id: access.organizationId }))
        .execute();
    } else {
      await trx.deleteFrom('overdose_alert_subscriptions').where('user_id', '=', userId).execute();
    }
    await recordAudit(trx, clock, access, {
      action: subscribed ? 'overdose.alerts.subscribe' : 'overdose.alerts.unsubscribe',
      entityType: 'overdose_alert_subscription',
      entityId: userId,
    });
  });
  return { subscribed };
}

export async function listThresholds(db: Db, access: AccessContext) {
  if (overdoseView(access.roles) === 'none') throw forbidden('Your role does not see overdose thresholds.');
  const rows = await db
    .selectFrom('overdose_area_thresholds as t')
    .innerJoin('areas as a', 'a.id', 't.area_id')
    .select(['t.area_id', 'a.name', 't.threshold'])
    .orderBy('a.name')
    .execute();
  const settings = await loadOverdoseSettings(db);
  return {
    items: rows.map((r) => ({ areaId: r.area_id, areaName: r.name, threshold: r.threshold })),
    defaultThreshold: settings.defaultThreshold,
  };
}

export async function setThreshold(db: Db, clock: Clock, access: AccessContext, areaId: string, threshold: number) {
  if (!canManageOverdose(access.roles)) throw forbidden('Network administrators set thresholds.');
  return db.transaction().execute(async (trx) => {
    const area = await trx.selectFrom('areas').select(['id', 'name']).where('id', '=', areaId).executeTakeFirst();
    if (!area) throw new AppError('NOT_FOUND', { message: 'No such area.' });
    const now = clock.now();
    await trx
      .insertInto('overdose_area_thresholds')
      .values({ area_id: areaId, threshold, updated_by_user_id: actorUserId(access), updated_at: now })
      .onConflict((oc) => oc.column('area_id').doUpdateSet({ threshold, updated_by_user_id: actorUserId(access), updated_at: now }))
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'overdose.threshold.set',
      entityType: 'overdose_area_threshold',
      entityId: areaId,
      details: { threshold },
    });
    return { areaId, areaName: area.name, threshold };
  });
}

export async function getSettings(db: Db, access: AccessContext): Promise<OverdoseSettings> {
  if (overdoseView(access.roles) !== 'full') throw forbidden('Your role does not see these settings.');
  return loadOverdoseSettings(db);
}

export async function saveSettings(db: Db, clock: Clock, access: AccessContext, input: OverdoseSettings): Promise<OverdoseSettings> {
  if (!canManageOverdose(access.roles)) throw forbidden('Network administrators change these settings.');
  const settings = overdoseSettingsSchema.parse(input);
  return db.transaction().execute(async (trx) => {
    if (settings.outreachOrganizationId) {
      const org = await findOrganization(trx, settings.outreachOrganizationId);
      if (!org)
        throw new AppError('VALIDATION_FAILED', {
          message: 'Unknown organization.',
          fields: [{ path: 'outreachOrganizationId', message: 'No organization with that id' }],
        });
    }
    await trx
      .insertInto('settings')
      .values({ key: 'overdose', value: JSON.stringify(settings) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(settings) }))
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'overdose.settings.save',
      entityType: 'settings',
      entityId: 'overdose',
      details: { fields: Object.keys(settings) },
    });
    return settings;
  });
}

/** Whether this caller's aggregate views are suppressed; throws for roles that see none. */
export function mapSuppression(access: AccessContext | 'public'): boolean {
  if (access === 'public') return true;
  const view = overdoseView(access.roles);
  if (view === 'none') throw forbidden('Your role does not see overdose counts.');
  return view === 'aggregate';
}

/**
 * Area counts (never points). Staff with the full view: the last 7 or 30 days as recorded now. Suppressed
 * (public, analysts): the last complete reporting week or four-week period (public-map.ts).
 */
export async function overdoseMap(db: Db, clock: Clock, days: number, suppressed: boolean, timeZone = 'UTC'): Promise<OverdoseMap> {
  if (suppressed) return publishedMap(db, clock, days === 7 ? 7 : 30, timeZone);
  const now = clock.now();
  const from = addDays(now, -days);
  const [areas, counts, open] = await Promise.all([
    db.selectFrom('areas').select(['id', 'name', 'latitude', 'longitude']).orderBy('id').execute(),
    db
      .selectFrom('overdose_events')
      .select(['area_id', sql<number>`count(*)::int`.as('n')])
      .where('occurred_at', '>', from)
      .where('occurred_at', '<=', now)
      .groupBy('area_id')
      .execute(),
    db
      .selectFrom('overdose_alerts')
      .select(['area_id', sql<number>`count(*)::int`.as('n')])
      .where('acknowledged_at', 'is', null)
      .where('last_day', '>=', utcDay(from.getTime()))
      .groupBy('area_id')
      .execute(),
  ]);
  const countOf = new Map(counts.map((c) => [c.area_id, Number(c.n)]));
  const openOf = new Map(open.map((c) => [c.area_id, Number(c.n)]));
  const total = counts.reduce((s, c) => s + Number(c.n), 0);
  const lat = areas.map((a) => a.latitude);
  const lon = areas.map((a) => a.longitude);
  const pad = 0.02;
  return {
    days,
    from: from.toISOString(),
    to: now.toISOString(),
    suppressed,
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
      count: countOf.get(a.id) ?? 0,
      openAlerts: openOf.get(a.id) ?? 0,
    })),
    total,
  };
}

/** An area's daily counts with its alert markers; suppressed (public, analysts): its published weekly figures. */
export async function areaSeries(
  db: Db,
  clock: Clock,
  areaId: string,
  days: number,
  suppressed: boolean,
  timeZone = 'UTC',
): Promise<AreaSeries> {
  if (suppressed) return publishedAreaSeries(db, clock, areaId, days, timeZone);
  const area = await db.selectFrom('areas').select(['id', 'name']).where('id', '=', areaId).executeTakeFirst();
  if (!area) throw new AppError('NOT_FOUND', { message: 'No such area.' });
  const today = localDay(clock.now().getTime(), timeZone);
  const fromDay = utcDay(Date.parse(`${today}T00:00:00Z`) - (days - 1) * DAY_MS);
  const { days: dayList, series } = await dailyCounts(db, fromDay, today, timeZone);
  const counts = series.get(areaId) ?? new Array<number>(dayList.length).fill(0);
  const alerts = await db
    .selectFrom('overdose_alerts')
    .select(['id', 'started_at', 'detector'])
    .where('area_id', '=', areaId)
    .where('last_day', '>=', fromDay)
    .orderBy('started_at')
    .execute();
  return {
    areaId,
    areaName: area.name,
    suppressed,
    points: dayList.map((date, i) => ({ date, count: counts[i]! })),
    alerts: alerts.map((a) => ({ id: a.id, date: localDay(a.started_at.getTime(), timeZone), detector: a.detector })),
  };
}
