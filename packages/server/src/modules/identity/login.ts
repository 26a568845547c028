import type { LoginRequest, Session } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { createSession, defaultOrganization, membershipsOf, sessionView } from './session.ts';

const LOCKED_MESSAGE =
  'Too many failed sign-in attempts. The account is locked for a while; try again later or ask an administrator to unlock it.';

export interface LoginResult {
  token: string;
  session: Session;
  sessionId: string;
  /** When the cookie should expire: the session's absolute lifetime. */
  cookieExpiresAt: Date;
}

/** What a failed attempt does to the account: count it, and lock the account at the limit. */
export function afterFailedAttempt(failedCount: number, now: Date, login: Config['login']) {
  const count = failedCount + 1;
  if (count >= login.maxFailures) {
    return { failedCount: 0, lockedUntil: new Date(now.getTime() + login.lockoutMinutes * 60_000) };
  }
  return { failedCount: count, lockedUntil: null };
}

/**
 * Checks the password and opens a session. Unknown email, disabled account and wrong password all
 * answer INVALID_CREDENTIALS after the same argon2 work, so accounts cannot be enumerated.
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
  if (!user) {
    await verifyAgainstDummy(input.password);
    throw new AppError('INVALID_CREDENTIALS', { message: 'The email or password is not correct.' });
  }
  if (user.locked_until && user.locked_until > now) {
    const retryAfterSeconds = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
    throw new AppError('ACCOUNT_LOCKED', {
      message: LOCKED_MESSAGE,
      retryAfterSeconds,
    });
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (!passwordOk || user.status !== 'active') {
    if (!passwordOk) {
      const next = afterFailedAttempt(user.failed_login_count, now, config.login);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ failed_login_count: next.failedCount, locked_until: next.lockedUntil, updated_at: now })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(trx, clock, access, {
          action: next.lockedUntil ? 'auth.account-locked' : 'auth.login-failed',
          entityType: 'user',
          entityId: user.id,
          organizationId: null,
        });
      });
      if (next.lockedUntil) {
        throw new AppError('ACCOUNT_LOCKED', {
          message: LOCKED_MESSAGE,
          retryAfterSeconds: config.login.lockoutMinutes * 60,
        });
      }
    }
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
