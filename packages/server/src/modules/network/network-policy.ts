import { networkManageRoles, networkReadAllRoles } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import { AppError } from '../../errors.ts';

/*
 * Who may do what in running the network. Pure; table-driven tests in network-policy.test.ts.
 * Network administrators manage the register; network administrators, analysts and privacy
 * officers see the whole network's; every other member sees what concerns their own organization.
 */

export type NetworkScope = { all: true } | { all: false; organizationId: string };

export function networkReadScope(access: AccessContext): NetworkScope | null {
  if (access.actor.type === 'system') return { all: true };
  if (access.actor.type === 'anonymous') return null;
  if (networkReadAllRoles.some((r) => access.roles.includes(r))) return { all: true };
  if (access.organizationId !== null && access.roles.length > 0) return { all: false, organizationId: access.organizationId };
  return null;
}

export function requireNetworkRead(access: AccessContext): NetworkScope {
  const scope = networkReadScope(access);
  if (scope === null) throw new AppError('FORBIDDEN');
  return scope;
}

export function mayManageNetwork(access: AccessContext): boolean {
  return access.actor.type === 'system' || networkManageRoles.some((r) => access.roles.includes(r));
}

export function requireNetworkManager(access: AccessContext): void {
  if (!mayManageNetwork(access)) throw new AppError('FORBIDDEN');
}
