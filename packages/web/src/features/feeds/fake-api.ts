import {
  feedDismissSchema,
  feedErrorDetailSchema,
  feedRetrySchema,
  feedStatusSchema,
  type FeedDayVolume,
  type FeedError,
  type FeedErrorDetail,
  type FeedStatus,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import type { FeedsApi } from './api.ts';

const ED_FEED = '00000000-0000-4000-8000-00000000f001';
const JAIL_FEED = '00000000-0000-4000-8000-00000000f002';

function days(received: number[], rejected: number[] = []): FeedDayVolume[] {
  return received.map((n, i) => ({
    day: `2026-11-${String(7 + i).padStart(2, '0')}`,
    received: n,
    accepted: n - (rejected[i] ?? 0),
    rejected: rejected[i] ?? 0,
    duplicates: 0,
  }));
}

/** Two feeds as the server answers a network administrator: an ED's ADT (with one error) and a jail roster gone quiet. */
export function fakeFeeds(): FeedStatus[] {
  return [
    feedStatusSchema.parse({
      id: ED_FEED,
      organizationId: '00000000-0000-4000-8000-0000000000e1',
      organizationName: 'Harbor General ED',
      kind: 'hl7v2',
      name: 'HARBOR-ED',
      quietAfterMinutes: 240,
      timeZone: 'America/Los_Angeles',
      createdAt: '2026-11-01T00:00:00.000Z',
      lastMessageAt: '2026-11-20T11:58:00.000Z',
      quiet: false,
      openErrors: 1,
      volume: days([40, 38, 45, 41, 39, 44, 50, 47, 42, 43, 46, 40, 41, 12], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
    }),
    feedStatusSchema.parse({
      id: JAIL_FEED,
      organizationId: '00000000-0000-4000-8000-0000000000e2',
      organizationName: 'Harbor County Jail',
      kind: 'roster',
      name: 'Daily roster',
      quietAfterMinutes: 240,
      timeZone: 'America/Los_Angeles',
      createdAt: '2026-11-01T00:00:00.000Z',
      lastMessageAt: '2026-11-19T06:00:00.000Z',
      quiet: true,
      openErrors: 0,
      volume: days([9, 11, 10, 8, 12, 9, 10, 11, 9, 10, 12, 8, 10, 0]),
    }),
  ];
}

/** The in-memory feeds API component tests render against; validates with the contract schemas as the server does. */
export class FakeFeedsApi implements FeedsApi {
  feeds = fakeFeeds();
  errors: FeedErrorDetail[] = [
    feedErrorDetailSchema.parse({
      id: '00000000-0000-4000-8000-00000000e001',
      sourceId: ED_FEED,
      sourceName: 'HARBOR-ED',
      kind: 'hl7v2',
      organizationName: 'Harbor General ED',
      receivedAt: '2026-11-20T09:12:00.000Z',
      messageType: null,
      code: 'malformed',
      reason: 'DG1-3 holds a code that is not ICD-10-CM',
      attempts: 1,
      status: 'error',
      content: 'MSH|^~\\&|EDSYS|HARBOR-ED|CONTINUUM|NETWORK|20261120091200||ADT^A03^ADT_A03|MSG0042|P|2.5.1\rDG1|1||BADCODE',
      resolvedAt: null,
    }),
  ];
  /** Whether the caller sees message content (an organization administrator of the sender). */
  seesContent = true;
  /** The next retry succeeds only with a corrected message (as a malformed message would). */
  retries: { id: string; content: string | undefined }[] = [];

  listFeeds = async () => structuredClone(this.feeds);

  listFeedErrors = async (sourceId?: string): Promise<FeedError[]> =>
    this.errors
      .filter((e) => e.status === 'error' && (sourceId === undefined || e.sourceId === sourceId))
      .map(({ content: _content, resolvedAt: _resolvedAt, ...rest }) => rest);

  getFeedError = async (id: string) => {
    const found = this.errors.find((e) => e.id === id);
    if (!found) throw new ApiError('NOT_FOUND', 'Not found.', { status: 404 });
    return { ...found, content: this.seesContent ? found.content : null };
  };

  retryFeedError = async (id: string, content?: string) => {
    feedRetrySchema.parse(content === undefined ? {} : { content });
    const found = this.errors.find((e) => e.id === id);
    if (!found || found.status !== 'error')
      throw new ApiError('CONFLICT', 'Only a message in the error queue can be retried.', { status: 409 });
    this.retries.push({ id, content });
    found.attempts += 1;
    if (content !== undefined) {
      found.content = content;
      found.status = 'applied';
      found.resolvedAt = '2026-11-20T12:00:00.000Z';
      const feed = this.feeds.find((f) => f.id === found.sourceId);
      if (feed) feed.openErrors -= 1;
    }
    return this.getFeedError(id);
  };

  dismissFeedError = async (id: string, reason: string) => {
    const parsed = feedDismissSchema.safeParse({ reason });
    if (!parsed.success)
      throw new ApiError('VALIDATION_FAILED', 'Check the highlighted fields.', {
        status: 400,
        fields: [{ path: 'body.reason', message: 'Give a reason (at least 3 characters)' }],
      });
    const found = this.errors.find((e) => e.id === id);
    if (!found || found.status !== 'error')
      throw new ApiError('CONFLICT', 'Only a message in the error queue can be dismissed.', { status: 409 });
    found.status = 'dismissed';
    found.resolvedAt = '2026-11-20T12:00:00.000Z';
    const feed = this.feeds.find((f) => f.id === found.sourceId);
    if (feed) feed.openErrors -= 1;
    return this.getFeedError(id);
  };
}
