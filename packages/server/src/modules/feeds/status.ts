import { epochDay, isoDayOf, MINUTE_MS, type FeedDayVolume, type FeedStatus } from '@continuum/contracts';

/* Feed status, pure: the volume series and the quiet rule. Tests in status.test.ts. */

export const VOLUME_DAYS = 14;

/** The last `days` days up to today (UTC), oldest first, with zeros where nothing arrived. */
export function volumeSeries(rows: readonly FeedDayVolume[], now: Date, days = VOLUME_DAYS): FeedDayVolume[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const today = epochDay(now);
  const out: FeedDayVolume[] = [];
  for (let d = today - days + 1; d <= today; d++) {
    const day = isoDayOf(d);
    out.push(byDay.get(day) ?? { day, received: 0, accepted: 0, rejected: 0, duplicates: 0 });
  }
  return out;
}

/**
 * A feed is quiet when its last message is older than its quiet window. A feed that never sent
 * anything is quiet once its window has passed since it was set up (a new interface that never
 * came up is as worth knowing as one that stopped).
 */
export function isQuiet(source: { lastMessageAt: Date | null; createdAt: Date; quietAfterMinutes: number }, now: Date): boolean {
  const since = source.lastMessageAt ?? source.createdAt;
  return now.getTime() - new Date(since).getTime() > source.quietAfterMinutes * MINUTE_MS;
}

/** Whether to alert now: quiet, and not already alerted since the last message. */
export function shouldAlertQuiet(
  source: { lastMessageAt: Date | null; createdAt: Date; quietAfterMinutes: number; quietAlertedAt: Date | null },
  now: Date,
): boolean {
  return isQuiet(source, now) && source.quietAlertedAt === null;
}

export type { FeedStatus };
