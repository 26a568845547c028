import type { LinkDecision, LinkHistoryEntry, LinkItem, LinkQueueQuery } from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import type { PersonIndexApi } from './person-index-api.ts';

const PART2 = 'A record at a Part 2 program';
const at = '2026-03-20T12:00:00.000Z';

function pair(n: number, fields: Partial<LinkItem>): LinkItem {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    status: 'review',
    probability: 0.9,
    weight: 3.2,
    prior: -12,
    contributions: [],
    guarded: false,
    modelVersion: 'default-3f2a9c',
    decidedBy: 'auto',
    decidedAt: at,
    left: { person: null, label: 'A record at Harbor General ED', sourceSystem: 'continuum-registry' },
    right: { person: null, label: PART2, sourceSystem: 'continuum-registry' },
    history: [{ decision: 'review', decidedBy: 'auto', decidedAt: at, reason: null }],
    ...fields,
  };
}

/**
 * The queue as the server answers it for a privacy officer at the emergency department: one pair
 * whose other side is a Part 2 record (a label only), one pair of two people the reviewer may see,
 * and one automatic link (the merge history).
 */
export function fakeLinks(): LinkItem[] {
  return [
    pair(1, {
      probability: 0.962,
      weight: 4.66,
      contributions: [
        { comparison: 'given', level: 'nickname', weight: 3.1 },
        { comparison: 'family', level: 'exact', weight: 9.4, tfAdjustment: 1.2 },
        { comparison: 'birthDate', level: 'dl1', weight: 4.16 },
      ],
      left: {
        person: {
          id: '10000000-0000-4000-8000-000000000001',
          givenName: 'Marcus',
          familyName: 'Okafor',
          birthDate: '1979-11-02',
          sex: 'male',
          town: 'Harbor City',
          postalCode: '97420',
        },
        label: 'A record at Harbor General ED',
        sourceSystem: 'continuum-registry',
      },
      right: { person: null, label: PART2, sourceSystem: 'continuum-registry' },
    }),
    pair(2, {
      probability: 0.71,
      weight: 1.29,
      guarded: true,
      contributions: [
        { comparison: 'given', level: 'else', weight: -4.2 },
        { comparison: 'family', level: 'exact', weight: 9.4 },
        { comparison: 'birthDate', level: 'exact', weight: 8.09 },
      ],
      left: {
        person: {
          id: '10000000-0000-4000-8000-000000000002',
          givenName: 'Ana',
          familyName: 'Reyes',
          birthDate: '1992-07-14',
          sex: 'female',
          town: 'Harbor City',
          postalCode: '97420',
        },
        label: 'A record at Harbor General ED',
        sourceSystem: 'continuum-registry',
      },
      right: {
        person: {
          id: '10000000-0000-4000-8000-000000000003',
          givenName: 'Lucia',
          familyName: 'Reyes',
          birthDate: '1992-07-14',
          sex: 'female',
          town: 'Harbor City',
          postalCode: '97420',
        },
        label: 'A record at Harbor Community Health',
        sourceSystem: 'continuum-registry',
      },
    }),
    pair(3, {
      status: 'linked',
      probability: 0.99995,
      weight: 14.3,
      history: [{ decision: 'auto_link', decidedBy: 'auto', decidedAt: at, reason: null }],
      left: { person: null, label: 'A record at Harbor General ED', sourceSystem: 'continuum-registry' },
      right: { person: null, label: 'A record at Harbor Community Health', sourceSystem: 'continuum-registry' },
    }),
  ];
}

const OPEN = ['review', 'not_sure'];

/** An in-memory person index review API with the server's rules: only open pairs are decided, only linked ones unlinked, an unlink needs a reason. */
export class FakePersonIndexApi implements PersonIndexApi {
  links: LinkItem[] = fakeLinks();
  private clock = 0;

  async listLinks(query: Partial<LinkQueueQuery> = {}): Promise<LinkItem[]> {
    const status = query.status ?? 'open';
    const items = this.links.filter((l) => (status === 'open' ? OPEN.includes(l.status) : l.status === status));
    if (status === 'open') items.sort((a, b) => b.probability - a.probability);
    else items.sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
    return structuredClone(items.slice(0, query.limit ?? 25));
  }
  private find(id: string): LinkItem {
    const link = this.links.find((l) => l.id === id);
    if (!link) throw new ApiError('LINK_NOT_FOUND', 'No such pair.', { status: 404 });
    return link;
  }
  async getLink(id: string): Promise<LinkItem> {
    return structuredClone(this.find(id));
  }
  private record(link: LinkItem, decision: LinkHistoryEntry['decision'], reason: string | null) {
    const decidedAt = new Date(Date.parse(at) + ++this.clock * 60_000).toISOString();
    Object.assign(link, { decidedBy: 'reviewer', decidedAt });
    link.history.push({ decision, decidedBy: 'reviewer', decidedAt, reason });
  }
  async decide(id: string, input: LinkDecision): Promise<LinkItem> {
    const link = this.find(id);
    if (!OPEN.includes(link.status)) throw new ApiError('LINK_STATE_INVALID', 'This pair is no longer open for review.', { status: 409 });
    link.status = input.decision === 'accept' ? 'linked' : input.decision === 'reject' ? 'rejected' : 'not_sure';
    this.record(link, input.decision, input.reason?.trim() || null);
    return structuredClone(link);
  }
  async unlink(id: string, reason: string): Promise<LinkItem> {
    const link = this.find(id);
    if (reason.trim() === '') {
      const message = 'Too small: expected string to have >=1 characters';
      throw new ApiError('VALIDATION_FAILED', 'The request is not valid.', { status: 400, fields: [{ path: 'body.reason', message }] });
    }
    if (link.status !== 'linked') throw new ApiError('LINK_STATE_INVALID', 'Only a linked pair can be unlinked.', { status: 409 });
    link.status = 'unlinked';
    this.record(link, 'unlink', reason.trim());
    return structuredClone(link);
  }
}
