import { addDays, epochDay, isoDayOf, type FeedStatus } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { mayListFeeds } from './feeds-policy.ts';
import { loadSources, toFeedSource } from './sources.ts';
import { isQuiet, VOLUME_DAYS, volumeSeries } from './status.ts';

/** Every feed the caller watches (network administrators: all; an organization's administrators: their own) with its status. */
export async function listFeeds(db: Db, clock: Clock, access: AccessContext): Promise<FeedStatus[]> {
  const scope = mayListFeeds(access);
  if (scope === 'none') throw new AppError('FORBIDDEN');
  const now = clock.now();
  const sources = await loadSources(db, scope === 'own' ? { organizationId: access.organizationId! } : {});
  if (sources.length === 0) return [];
  const ids = sources.map((s) => s.id);
  const since = isoDayOf(epochDay(addDays(now, -(VOLUME_DAYS - 1))));
  const counts = await db
    .selectFrom('feed_daily_counts')
    .select(['source_id', (eb) => eb.cast<string>('day', 'text').as('day'), 'received', 'accepted', 'rejected', 'duplicates'])
    .where('source_id', 'in', ids)
    .where('day', '>=', since)
    .execute();
  const errors = await db
    .selectFrom('feed_messages')
    .select(['source_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('source_id', 'in', ids)
    .where('status', '=', 'error')
    .groupBy('source_id')
    .execute();
  const openErrors = new Map(errors.map((e) => [e.source_id, Number(e.n)]));
  return sources.map((s) => ({
    ...toFeedSource(s),
    lastMessageAt: s.lastMessageAt ? new Date(s.lastMessageAt).toISOString() : null,
    quiet: isQuiet(s, now),
    openErrors: openErrors.get(s.id) ?? 0,
    volume: volumeSeries(
      counts.filter((c) => c.source_id === s.id),
      now,
    ),
  }));
}
