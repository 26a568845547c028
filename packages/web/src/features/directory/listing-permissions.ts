import { listingEditorRoles, type Session } from '@continuum/contracts';

/**
 * Roles of a member organization's staff that may edit its listings and capacity: the contract's role
 * table, which the server's directory policy decides with; the pages only hide controls that would be refused.
 */
export { listingEditorRoles };

/** Whether the signed-in person may change a listing owned by `memberOrganizationId` (null = not a network member). */
export function canEditListing(session: Pick<Session, 'roles' | 'activeOrganizationId'>, memberOrganizationId: string | null): boolean {
  if (session.roles.includes('network_admin')) return true;
  if (memberOrganizationId === null || memberOrganizationId !== session.activeOrganizationId) return false;
  return session.roles.some((role) => listingEditorRoles.includes(role));
}
