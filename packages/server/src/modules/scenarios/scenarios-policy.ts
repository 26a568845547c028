import { scenarioRoles } from '@continuum/contracts';
import { hasRole, type AccessContext } from '../../core/access-context.ts';
import { AppError } from '../../errors.ts';

/** Scenarios are for network administrators, analysts and care coordinators (contracts' `scenarioRoles`). */
export function requireScenarioRole(access: AccessContext): void {
  if (access.actor.type === 'system') return;
  if (!scenarioRoles.some((role) => hasRole(access, role))) throw new AppError('FORBIDDEN');
}
