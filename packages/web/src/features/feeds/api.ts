import {
  feedErrorDetailSchema,
  feedErrorListSchema,
  feedListSchema,
  type FeedError,
  type FeedErrorDetail,
  type FeedStatus,
} from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

/**
 * Live feeds (`contracts/src/feeds.ts`, docs/integration.md): each feed's status and the error
 * queue, for network administrators (every feed, never a message's content) and an organization's
 * administrators (their own feeds, and their own messages' content).
 */
export interface FeedsApi {
  listFeeds(): Promise<FeedStatus[]>;
  listFeedErrors(sourceId?: string): Promise<FeedError[]>;
  getFeedError(id: string): Promise<FeedErrorDetail>;
  /** Applies the message again; with `content`, a corrected message instead of the one received. */
  retryFeedError(id: string, content?: string): Promise<FeedErrorDetail>;
  dismissFeedError(id: string, reason: string): Promise<FeedErrorDetail>;
}

export function createFeedsHttpApi(request: ApiRequest): FeedsApi {
  return {
    listFeeds: async () => (await request('GET', '/api/feeds', feedListSchema)).items,
    listFeedErrors: async (sourceId) => (await request('GET', `/api/feeds/errors${queryString({ sourceId })}`, feedErrorListSchema)).items,
    getFeedError: (id) => request('GET', `/api/feeds/errors/${segment(id)}`, feedErrorDetailSchema),
    retryFeedError: (id, content) =>
      request('POST', `/api/feeds/errors/${segment(id)}/retry`, feedErrorDetailSchema, content === undefined ? {} : { content }),
    dismissFeedError: (id, reason) => request('POST', `/api/feeds/errors/${segment(id)}/dismiss`, feedErrorDetailSchema, { reason }),
  };
}
