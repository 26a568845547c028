import type { ApiToken, CreateApiToken, CreatedApiToken } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { ApiTokenRow } from './identity.table.ts';
import { API_TOKEN_PREFIX, hashToken, newToken } from './secrets.ts';
import { addDays } from '@continuum/contracts';
import { findOrganization } from '../organizations/index.ts';
import { authorizeAdmin } from '../../core/admin-authorize.ts';
import { rolesNeedingSecondApproval } from '../../core/admin-policy.ts';
import { requestAccessGrant } from './access-grants.ts';

export function apiTokenFromRow(r: ApiTokenRow): ApiToken {
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    prefix: r.prefix,
    roles: r.roles,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    awaitingApproval: r.awaiting_approval,
  };
}

/** The token row for a presented secret, if it is live (not revoked, not expired). */
export async function resolveApiToken(db: Db, clock: Clock, config: Config, secret: string): Promise<ApiTokenRow | undefined> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return undefined;
  const row = await db.selectFrom('api_tokens').selectAll().where('secret_hash', '=', hashToken(config.secret, secret)).executeTakeFirst();
  const now = clock.now();
  // A token waiting for a second administrator's approval does not authenticate (access-grants.ts).
  if (!row || row.revoked_at || row.awaiting_approval || (row.expires_at && row.expires_at <= now)) return undefined;
  // Recorded at most once a minute so that a busy integration does not write on every call.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return row;
}

/** An organization's API tokens (never their secrets), for its administrators. */
export async function listApiTokens(db: Db, access: AccessContext, organizationId: string): Promise<ApiToken[]> {
  authorizeAdmin(access, 'api-token.read', organizationId);
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(apiTokenFromRow);
}

/** Issues a token for one organization; the secret is returned once and stored only as a keyed hash. */
export async function createApiToken(
  db: Db,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  input: CreateApiToken,
  config: Config,
): Promise<CreatedApiToken> {
  authorizeAdmin(access, 'api-token.write', organizationId);
  const secret = `${API_TOKEN_PREFIX}${newToken()}`;
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const org = await findOrganization(trx, organizationId);
    if (!org) throw new AppError('ORGANIZATION_NOT_FOUND');
    // The minting administrator holds the secret: a person-level token is a grant to themselves.
    const waiting = rolesNeedingSecondApproval({ toSelf: true, roles: input.roles });
    const row = await trx
      .insertInto('api_tokens')
      .values({
        organization_id: organizationId,
        name: input.name,
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        secret_hash: hashToken(config.secret, secret),
        roles: input.roles,
        created_by_user_id: access.actor.type === 'user' ? access.actor.userId : null,
        created_at: now,
        expires_at: input.expiresInDays ? addDays(now, input.expiresInDays) : null,
        awaiting_approval: waiting.length > 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'api-token.create',
      entityType: 'api_token',
      entityId: row.id,
      organizationId,
      details: { roles: input.roles },
    });
    if (waiting.length > 0)
      await requestAccessGrant(trx, clock, access, organizationId, { kind: 'api_token', apiTokenId: row.id }, waiting);
    return { token: apiTokenFromRow(row), secret };
  });
}

export async function getApiToken(db: Db, id: string): Promise<ApiTokenRow> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('API_TOKEN_NOT_FOUND');
  return row;
}

export async function revokeApiToken(db: Db, clock: Clock, access: AccessContext, id: string): Promise<ApiToken> {
  const token = await getApiToken(db, id);
  authorizeAdmin(access, 'api-token.write', token.organization_id);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: clock.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const existing = await trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      if (!existing) throw new AppError('API_TOKEN_NOT_FOUND');
      return apiTokenFromRow(existing);
    }
    await recordAudit(trx, clock, access, {
      action: 'api-token.revoke',
      entityType: 'api_token',
      entityId: id,
      organizationId: row.organization_id,
    });
    return apiTokenFromRow(row);
  });
}
