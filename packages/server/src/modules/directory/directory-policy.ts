import { listingEditorRoles } from '@continuum/contracts';
import { isNetworkAdmin, type AccessContext } from '../../core/access-context.ts';

/** Roles of a member organization's staff that may edit its directory listings and capacity (the contract's role table). */
export { listingEditorRoles };

export type DirectoryAction = 'read' | 'create' | 'edit';

/**
 * Who may do what to a listing. Anyone signed in reads the directory (it is public anyway); only a
 * network administrator, or the staff of the member organization that owns the listing, change it.
 * Listings of non-member organizations (`memberOrganizationId` null) are kept by network administrators.
 */
export function canActOnListing(access: AccessContext, action: DirectoryAction, memberOrganizationId: string | null): boolean {
  if (access.actor.type === 'anonymous') return false;
  if (action === 'read') return true;
  if (isNetworkAdmin(access)) return true;
  if (memberOrganizationId === null || access.organizationId !== memberOrganizationId) return false;
  return access.roles.some((r) => listingEditorRoles.includes(r));
}
