import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { systemAccess, type AccessContext } from '../../core/access-context.ts';
import { mayListFeeds, mayOnFeed, type FeedAction } from './feeds-policy.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const user = (roles: Role[], organizationId: string | null = ORG): AccessContext => ({
  actor: { type: 'user', userId: 'u', sessionId: 's' },
  organizationId,
  roles,
  requestId: null,
});

describe('feed policy', () => {
  const cases: [string, AccessContext, FeedAction, string, boolean][] = [
    ['network admin manages any feed', user(['network_admin'], OTHER), 'feed.manage', ORG, true],
    ['network admin works any error queue', user(['network_admin'], OTHER), 'feed.error.work', ORG, true],
    ["network admin never sees another organization's message content", user(['network_admin'], OTHER), 'feed.error.content', ORG, false],
    ['network admin does not push for another organization', user(['network_admin'], OTHER), 'feed.push', ORG, false],
    ['org admin manages own feed', user(['org_admin']), 'feed.manage', ORG, true],
    ['org admin sees own message content', user(['org_admin']), 'feed.error.content', ORG, true],
    ["org admin does not manage another organization's feed", user(['org_admin'], OTHER), 'feed.manage', ORG, false],
    ['partner staff push to own feed', user(['partner_staff']), 'feed.push', ORG, true],
    ['navigator pushes to own feed', user(['care_navigator']), 'feed.push', ORG, true],
    ['navigator does not work the error queue', user(['care_navigator']), 'feed.error.work', ORG, false],
    ['analyst does not push', user(['analyst']), 'feed.push', ORG, false],
    ['privacy officer does not see content', user(['privacy_officer']), 'feed.error.content', ORG, false],
    ['the system (CLI, MLLP listener) does everything', systemAccess('test'), 'feed.push', ORG, true],
  ];
  it.each(cases)('%s', (_name, access, action, org, expected) => {
    expect(mayOnFeed(access, action, org)).toBe(expected);
  });

  it.each([
    [user(['network_admin']), 'all'],
    [user(['org_admin']), 'own'],
    [user(['clinician']), 'none'],
    [user(['org_admin'], null), 'none'],
    [systemAccess('test'), 'all'],
  ] as const)('lists feeds: %#', (access, expected) => {
    expect(mayListFeeds(access)).toBe(expected);
  });
});
