import type { Role } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';
import { createSession } from './session.ts';

/**
 * Opens the normal Continuum session for a user an EHR vouched for (SMART App Launch: the EHR's
 * `fhirUser`, mapped by an administrator to this user). The user must be active and a member of the
 * organization the EHR connection acts for; the session opens in that organization. Audited as a
 * sign-in with how it happened.
 */
export async function openLaunchSession(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  userId: string,
  organizationId: string,
  config: Config,
  details: Record<string, unknown>,
): Promise<{ token: string; sessionId: string; cookieExpiresAt: Date; roles: Role[] }> {
  const user = await trx.selectFrom('users').select(['status']).where('id', '=', userId).executeTakeFirst();
  const member = await trx
    .selectFrom('memberships')
    .select('roles')
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (user?.status !== 'active' || !member)
    throw new AppError('FORBIDDEN', { message: 'The Continuum user mapped to this EHR user is not active in the EHR’s organization.' });
  const now = clock.now();
  await trx.updateTable('users').set({ last_login_at: now, updated_at: now }).where('id', '=', userId).execute();
  const { token, row } = await createSession(trx, clock, config, userId, organizationId);
  await recordAudit(
    trx,
    clock,
    { ...access, actor: { type: 'user', userId, sessionId: row.id }, organizationId },
    {
      action: 'auth.login',
      entityType: 'session',
      entityId: row.id,
      details: { method: 'smart-launch', ...details },
    },
  );
  return { token, sessionId: row.id, cookieExpiresAt: row.absolute_expires_at, roles: member.roles };
}
