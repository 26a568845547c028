import { z } from 'zod';
import { feedKindLabels } from '@continuum/contracts';
import { systemAccess } from '../../core/access-context.ts';
import { defineJob } from '../../jobs/job-queue.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { pickUpFeedFiles } from './pickup.ts';
import { loadSources } from './sources.ts';
import { shouldAlertQuiet } from './status.ts';

/**
 * Tells a quiet feed's organization administrators (inbox, email, and the organization's webhook
 * subscriptions to `feed.quiet`) that no message has arrived within its window — once per quiet
 * spell: the next message clears the mark. Returns how many feeds were alerted.
 */
export async function alertQuietFeeds(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const access = systemAccess('feeds: quiet feed check');
  let alerted = 0;
  for (const source of await loadSources(db)) {
    if (!shouldAlertQuiet(source, now)) continue;
    await db.transaction().execute(async (trx) => {
      // Claim the alert (a concurrent run, or a message arriving meanwhile, wins).
      const claimed = await trx
        .updateTable('feed_sources')
        .set({ quiet_alerted_at: now })
        .where('id', '=', source.id)
        .where('quiet_alerted_at', 'is', null)
        .where((eb) =>
          source.lastMessageAt === null ? eb('last_message_at', 'is', null) : eb('last_message_at', '=', source.lastMessageAt),
        )
        .returning('id')
        .executeTakeFirst();
      if (!claimed) return;
      await notify(trx, clock, {
        kind: 'feed.quiet',
        title: `Feed quiet: ${feedKindLabels[source.kind]} (${source.name})`,
        body: `No message has arrived for more than ${source.quietAfterMinutes} minutes. Check the sending interface; the Feeds page shows the last message and any errors.`,
        link: '/feeds',
        organizations: [{ organizationId: source.organizationId, roles: ['org_admin'] }],
        dedupeKey: `feed.quiet:${source.id}:${now.toISOString()}`,
        webhook: { organizationIds: [source.organizationId], payload: { feedId: source.id, kind: source.kind } },
      });
      await recordAudit(trx, clock, access, {
        action: 'feeds.source.quiet',
        entityType: 'feed_source',
        entityId: source.id,
        organizationId: source.organizationId,
        details: { quietAfterMinutes: source.quietAfterMinutes },
      });
      alerted += 1;
    });
  }
  return alerted;
}

/** Every 5 minutes: quiet feeds → an alert to their organization's administrators. */
export const quietFeedsJob = defineJob({
  name: 'feeds.alert-quiet',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await alertQuietFeeds(db, clock);
  },
});

/** Every minute: roster, PDMP and death-record files dropped in the pickup folder (CONTINUUM_FEEDS_PICKUP_DIR), when one is set. */
export const pickUpFeedFilesJob = defineJob({
  name: 'feeds.pickup',
  payload: z.object({}),
  async handler(_payload, { db, clock, config }) {
    const root = config?.feeds.pickupDir;
    if (root) await pickUpFeedFiles(db, clock, root);
  },
});
