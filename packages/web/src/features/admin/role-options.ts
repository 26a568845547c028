import { organizationTypeLabels, organizationTypes, roleLabels, roles, tokenRoles, type Role, type Session } from '@continuum/contracts';

export const organizationTypeOptions = organizationTypes.map((type) => ({ value: type, label: organizationTypeLabels[type] }));

/** Roles this administrator may grant: only a network administrator grants network administration. */
export function assignableRoleOptions(session: Session) {
  const isNetworkAdmin = session.roles.includes('network_admin');
  return roles.filter((role) => isNetworkAdmin || role !== 'network_admin').map((role) => ({ value: role, label: roleLabels[role] }));
}

export const tokenRoleOptions = tokenRoles.map((role) => ({ value: role, label: roleLabels[role] }));

export function formatRoles(list: readonly Role[]): string {
  return list.map((role) => roleLabels[role]).join(', ') || 'No roles';
}
