import { personLevelRoles, type Role } from '@continuum/contracts';
import type { AccessContext } from './access-context.ts';

/** Every administrative action, across organizations, users, memberships, API tokens and audit. */
export const adminActions = [
  'organization.list',
  'organization.create',
  'organization.read',
  'organization.update',
  'location.read',
  'location.write',
  'user.list',
  'user.create',
  'user.update',
  'membership.read',
  'membership.write',
  'api-token.read',
  'api-token.write',
  'audit.read',
  'audit.verify',
  'ehr-connection.read',
  'ehr-connection.write',
] as const;
export type AdminAction = (typeof adminActions)[number];

export type Decision = { allowed: true; scope: 'network' | 'organization' } | { allowed: false; reason: string };

const orgAdminActions: ReadonlySet<AdminAction> = new Set([
  'organization.list',
  'organization.read',
  'organization.update',
  'location.read',
  'location.write',
  'user.list',
  'user.create',
  'user.update',
  'membership.read',
  'membership.write',
  'api-token.read',
  'api-token.write',
]);

/**
 * The one authorization rule for administration. A network administrator acts across the network;
 * an organization administrator only on the active organization; a privacy officer reads that
 * organization's audit trail. `targetOrganizationId` is the organization the action touches, or
 * undefined for list actions, which are then scoped by the caller.
 */
export function decideAdmin(
  access: Pick<AccessContext, 'roles' | 'organizationId' | 'actor'>,
  action: AdminAction,
  targetOrganizationId?: string,
): Decision {
  const has = (r: Role) => access.roles.includes(r);
  if (access.actor.type !== 'user') return { allowed: false, reason: 'administration is for signed-in people' };
  if (has('network_admin')) return { allowed: true, scope: 'network' };
  const sameOrg = targetOrganizationId === undefined || targetOrganizationId === access.organizationId;
  if (has('org_admin') && orgAdminActions.has(action)) {
    return sameOrg
      ? { allowed: true, scope: 'organization' }
      : { allowed: false, reason: 'organization administrators act only on their own organization' };
  }
  if (has('privacy_officer') && action === 'audit.read') {
    return sameOrg
      ? { allowed: true, scope: 'organization' }
      : { allowed: false, reason: "privacy officers read their own organization's audit trail" };
  }
  return { allowed: false, reason: 'this role may not perform this administrative action' };
}

/** Roles a caller may grant: only a network administrator grants network administration. */
export function canGrantRoles(access: Pick<AccessContext, 'roles'>, roles: readonly Role[]): boolean {
  return access.roles.includes('network_admin') || !roles.includes('network_admin');
}

/**
 * The roles of a grant that wait for a second administrator: person-level roles (clinical, navigator, partner,
 * privacy) an administrator grants to themselves — added to their own membership, or carried by an API token,
 * whose secret the minting administrator holds. Grants to other people take effect at once.
 * docs/privacy.md, "Administrators granting themselves access".
 */
export function rolesNeedingSecondApproval(grant: { toSelf: boolean; roles: readonly Role[] }): Role[] {
  return grant.toSelf ? [...new Set(grant.roles.filter((r) => personLevelRoles.includes(r)))] : [];
}
