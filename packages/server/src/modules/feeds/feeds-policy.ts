import type { Role } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';

/*
 * Who may do what with feeds. Pure; table-driven tests in feeds-policy.test.ts.
 *
 * - Network administrators set up and watch every organization's feeds, and work any error queue,
 *   but never see a message's content (it names a person at another organization).
 * - An organization's administrators set up, watch and work their own organization's feeds and
 *   see their own messages' content (their organization sent it).
 * - An organization's staff who send records (administrators, partner staff, navigators,
 *   clinicians — a person or an API token with those roles) may push files to their own feeds.
 */

export type FeedAction = 'feed.manage' | 'feed.read' | 'feed.push' | 'feed.error.work' | 'feed.error.content';

const PUSH_ROLES: readonly Role[] = ['org_admin', 'partner_staff', 'care_navigator', 'clinician'];

export function mayOnFeed(access: AccessContext, action: FeedAction, feedOrganizationId: string): boolean {
  const own = access.organizationId === feedOrganizationId;
  const roles = access.roles;
  if (access.actor.type === 'system') return true;
  switch (action) {
    case 'feed.manage':
    case 'feed.read':
    case 'feed.error.work':
      return roles.includes('network_admin') || (own && roles.includes('org_admin'));
    case 'feed.push':
      return own && PUSH_ROLES.some((r) => roles.includes(r));
    case 'feed.error.content':
      return own && roles.includes('org_admin');
  }
}

/** Whether the caller sees feeds at all (the network's, or their own organization's). */
export function mayListFeeds(access: AccessContext): 'all' | 'own' | 'none' {
  if (access.actor.type === 'system' || access.roles.includes('network_admin')) return 'all';
  if (access.organizationId !== null && access.roles.includes('org_admin')) return 'own';
  return 'none';
}
