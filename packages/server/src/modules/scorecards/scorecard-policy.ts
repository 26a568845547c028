import { networkManageRoles, networkReadAllRoles } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import { AppError } from '../../errors.ts';

/*
 * Who sees which scorecard (docs/network.md, "Partner scorecards"). Pure; table-driven tests in
 * scorecard-policy.test.ts. Network staff (network administrators, analysts, privacy officers — the
 * network module's readers of the whole register) see every partner's; every other member of an
 * organization sees their own organization's; network administrators set the targets.
 */

export type ScorecardScope = { all: true } | { all: false; organizationId: string };

export function scorecardScope(access: AccessContext): ScorecardScope | null {
  if (access.actor.type === 'system') return { all: true };
  if (access.actor.type === 'anonymous' || access.roles.length === 0) return null;
  if (networkReadAllRoles.some((r) => access.roles.includes(r))) return { all: true };
  if (access.organizationId !== null) return { all: false, organizationId: access.organizationId };
  return null;
}

/** The scope, or FORBIDDEN; with an organization, FORBIDDEN unless the scope covers it. */
export function requireScorecardRead(access: AccessContext, organizationId?: string): ScorecardScope {
  const scope = scorecardScope(access);
  if (scope === null) throw new AppError('FORBIDDEN');
  if (organizationId !== undefined && !scope.all && scope.organizationId !== organizationId)
    throw new AppError('FORBIDDEN', { message: 'You may see your own organization’s scorecard only.' });
  return scope;
}

export function requireTargetManager(access: AccessContext): void {
  if (access.actor.type !== 'system' && !networkManageRoles.some((r) => access.roles.includes(r))) throw new AppError('FORBIDDEN');
}
