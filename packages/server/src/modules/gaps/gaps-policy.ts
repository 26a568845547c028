import { gapsRoles } from '@continuum/contracts';
import { hasRole, type AccessContext } from '../../core/access-context.ts';
import { AppError } from '../../errors.ts';

/** Needs and gaps are for network administrators, analysts and care coordinators (contracts' `gapsRoles`). */
export function requireGapsRole(access: AccessContext): void {
  if (!gapsRoles.some((role) => hasRole(access, role))) throw new AppError('FORBIDDEN');
}
