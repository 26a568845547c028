import { linkItemSchema, linkQueueSchema, type LinkDecision, type LinkItem, type LinkQueueQuery } from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

/**
 * The network person index's review queue (`contracts/src/person-index.ts`, docs/person-index.md):
 * privacy officers and network administrators. Each side of a pair arrives already decided by the
 * server's chokepoint — a person the reviewer may see, or only a label such as "A record at a Part 2
 * program" — and is shown as it comes.
 */
export interface PersonIndexApi {
  /** Open pairs (in review or "not sure") best first; linked, unlinked or rejected ones most recent first. */
  listLinks(query?: Partial<LinkQueueQuery>): Promise<LinkItem[]>;
  getLink(id: string): Promise<LinkItem>;
  decide(id: string, decision: LinkDecision): Promise<LinkItem>;
  /** Undoes a link (and the registry merge it made); a reason is required. */
  unlink(id: string, reason: string): Promise<LinkItem>;
}

export function createPersonIndexHttpApi(request: ApiRequest): PersonIndexApi {
  return {
    listLinks: async (query) => (await request('GET', `/api/person-index/links${queryString(query)}`, linkQueueSchema)).items,
    getLink: (id) => request('GET', `/api/person-index/links/${segment(id)}`, linkItemSchema),
    decide: (id, decision) => request('POST', `/api/person-index/links/${segment(id)}/decision`, linkItemSchema, decision),
    unlink: (id, reason) => request('POST', `/api/person-index/links/${segment(id)}/unlink`, linkItemSchema, { reason }),
  };
}
