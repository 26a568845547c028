import type { LoginRequest, Session } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { createSession, defaultOrganization, membershipsOf, sessionView } from './session.ts';

export interface LoginResult {
  token: string;
  session: Session;
  sessionId: string;
  /** When the cookie should expire: the session's absolute lifetime. */
  cookieExpiresAt: Date;
}

/**
 * Checks the password and opens a session. Unknown email, disabled account and wrong password all
 * answer INVALID_CREDENTIALS after the same argon2 work and the same audit write, so accounts cannot
 * be enumerated. There is no lockout here: the login throttle (login-rate-limit.ts) slows guessing.
 */
export async function loginWithPassword(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: LoginRequest,
  config: Config,
): Promise<LoginResult> {
  const now = clock.now();
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  // The password is always checked (against a dummy hash when no account has the email), and every
  // failure is recorded the same way, so the answer and its timing do not tell accounts apart.
  const passwordOk = user ? await verifyPassword(user.password_hash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!user || !passwordOk || user.status !== 'active') {
    await db.transaction().execute(async (trx) => {
      if (user && !passwordOk) {
        await trx
          .updateTable('users')
          .set({ failed_login_count: user.failed_login_count + 1, updated_at: now })
          .where('id', '=', user.id)
          .execute();
      }
      await recordAudit(trx, clock, access, {
        action: 'auth.login-failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        organizationId: null,
      });
    });
    throw new AppError('INVALID_CREDENTIALS', { message: 'The email or password is not correct.' });
  }

  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    const memberships = await membershipsOf(trx, user.id);
    const { token, row } = await createSession(trx, clock, config, user.id, defaultOrganization(memberships));
    await recordAudit(
      trx,
      clock,
      { ...access, actor: { type: 'user', userId: user.id, sessionId: row.id }, organizationId: row.active_organization_id },
      { action: 'auth.login', entityType: 'session', entityId: row.id },
    );
    return { token, session: await sessionView(trx, row), sessionId: row.id, cookieExpiresAt: row.absolute_expires_at };
  });
}
