import { AppError } from '../errors.ts';
import type { AccessContext } from './access-context.ts';
import { decideAdmin, type AdminAction } from './admin-policy.ts';

/**
 * Throws FORBIDDEN unless the admin policy allows the action; returns the organization a list is
 * scoped to (null: the whole network).
 */
export function authorizeAdmin(access: AccessContext, action: AdminAction, targetOrganizationId?: string): string | null {
  const decision = decideAdmin(access, action, targetOrganizationId);
  if (!decision.allowed) throw new AppError('FORBIDDEN', { message: `Not allowed: ${decision.reason}.` });
  return decision.scope === 'network' ? null : access.organizationId;
}
