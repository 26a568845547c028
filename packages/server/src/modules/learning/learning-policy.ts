import { careEventImportRoles } from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import { hasRole, type AccessContext } from '../../core/access-context.ts';

/*
 * Who may do what in the learning system (docs/measures.md):
 *   - aggregates (suppressed) for the network: every staff role;
 *   - aggregates for one organization: its own staff, network administrators and analysts;
 *   - recompute: network administrators and analysts;
 *   - targets and OUD estimates: network administrators;
 *   - annotations: network administrators and analysts (any scope), organization administrators
 *     (their organization's);
 *   - the people behind a number: clinicians and care navigators, through the consent chokepoint
 *     (analysts never: aggregates only);
 *   - care-event import (and its preview): clinicians, care navigators, partner staff (re-entry,
 *     housing), organization administrators and network administrators of the importing
 *     organization — their own organization's records only (the events are written as that
 *     organization, and people are matched by that organization's identifiers).
 */

export function requireStaff(access: AccessContext): void {
  if (access.actor.type === 'anonymous' || access.roles.length === 0) throw new AppError('FORBIDDEN');
}

export function requireOrganizationScope(access: AccessContext, organizationId: string | undefined): void {
  requireStaff(access);
  if (organizationId === undefined) return;
  if (access.organizationId === organizationId || hasRole(access, 'network_admin') || hasRole(access, 'analyst')) return;
  throw new AppError('FORBIDDEN', { message: 'You may see the results of your own organization only.' });
}

export function requireRecompute(access: AccessContext): void {
  if (!hasRole(access, 'network_admin') && !hasRole(access, 'analyst')) throw new AppError('FORBIDDEN');
}

export function requireNetworkAdmin(access: AccessContext): void {
  if (!hasRole(access, 'network_admin')) throw new AppError('FORBIDDEN');
}

export function requireAnnotate(access: AccessContext, organizationId: string | null): void {
  if (hasRole(access, 'network_admin') || hasRole(access, 'analyst')) return;
  if (hasRole(access, 'org_admin') && organizationId !== null && organizationId === access.organizationId) return;
  throw new AppError('FORBIDDEN');
}

export function requireDrillDown(access: AccessContext): void {
  if (!hasRole(access, 'clinician') && !hasRole(access, 'care_navigator')) {
    throw new AppError('FORBIDDEN', { message: 'Only clinicians and care navigators see the people behind a number.' });
  }
}

/**
 * The importing organization: the caller's current one (or the one named, if it is the caller's), with
 * an importing role there. A system context (the CLI) imports as the organization it names.
 */
export function requireImport(access: AccessContext, organizationId: string | undefined): string {
  if (access.actor.type === 'system' && organizationId !== undefined) return organizationId;
  const org = organizationId ?? access.organizationId;
  if (org === null || org === undefined || org !== access.organizationId) {
    throw new AppError('FORBIDDEN', { message: 'Events are imported as your current organization.' });
  }
  if (!careEventImportRoles.some((role) => hasRole(access, role))) throw new AppError('FORBIDDEN');
  return org;
}
