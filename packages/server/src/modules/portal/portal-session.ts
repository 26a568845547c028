import { MINUTE_MS, type PortalSession } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { hashToken, newToken } from '../identity/index.ts';
import type { PortalAccountRow, PortalSessionRow } from './portal.table.ts';
import { portalSessionExpiry } from './portal-rules.ts';

/** Opens a portal session for the account: a random token (the cookie) stored only as its keyed hash, and a CSRF token. */
export async function createPortalSession(trx: DbOrTrx, clock: Clock, config: Config, accountId: string) {
  const token = newToken();
  const now = clock.now();
  const { expiresAt, absoluteExpiresAt } = portalSessionExpiry(now, now);
  const row = await trx
    .insertInto('portal_sessions')
    .values({
      token_hash: hashToken(config.secret, token),
      account_id: accountId,
      csrf_token: newToken(),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      absolute_expires_at: absoluteExpiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, row };
}

/** The session a portal cookie stands for, with its account. */
export async function findPortalSession(
  db: DbOrTrx,
  config: Config,
  token: string,
): Promise<{ session: PortalSessionRow; account: PortalAccountRow } | null> {
  const session = await db
    .selectFrom('portal_sessions')
    .selectAll()
    .where('token_hash', '=', hashToken(config.secret, token))
    .executeTakeFirst();
  if (!session) return null;
  const account = await db.selectFrom('portal_accounts').selectAll().where('id', '=', session.account_id).executeTakeFirst();
  return account ? { session, account } : null;
}

/** Moves the idle expiry forward, at most once a minute so reads stay reads. */
export async function touchPortalSession(db: Db, clock: Clock, row: PortalSessionRow): Promise<PortalSessionRow> {
  const now = clock.now();
  if (now.getTime() - row.last_seen_at.getTime() < MINUTE_MS) return row;
  const { expiresAt } = portalSessionExpiry(now, row.created_at);
  await db.updateTable('portal_sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', row.id).execute();
  return { ...row, last_seen_at: now, expires_at: expiresAt };
}

/** Ends one session, or every open session of the account ("sign out everywhere"). Returns how many ended. */
export async function revokePortalSessions(trx: DbOrTrx, clock: Clock, scope: { sessionId: string } | { accountId: string }) {
  let q = trx.updateTable('portal_sessions').set({ revoked_at: clock.now() }).where('revoked_at', 'is', null);
  q = 'sessionId' in scope ? q.where('id', '=', scope.sessionId) : q.where('account_id', '=', scope.accountId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function portalSessionView(row: PortalSessionRow, greeting: { givenName: string; language: 'en' | 'es' }): PortalSession {
  return { givenName: greeting.givenName, language: greeting.language, csrfToken: row.csrf_token, expiresAt: row.expires_at.toISOString() };
}
