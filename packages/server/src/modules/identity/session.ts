import type { Role, Session, SessionMembership } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { SessionRow } from './identity.table.ts';
import { hashToken, newToken } from './secrets.ts';
import { addHours } from '@continuum/contracts';
import { organizationIsActive, organizationNameOf, organizationTypeOf } from '../organizations/index.ts';

/** Sliding idle expiry, capped by an absolute lifetime (OWASP Session Management Cheat Sheet). */
export function sessionExpiry(now: Date, createdAt: Date, session: Config['session']) {
  const absolute = addHours(createdAt, session.maxHours);
  const idle = new Date(now.getTime() + session.idleMinutes * 60_000);
  return { expiresAt: idle < absolute ? idle : absolute, absoluteExpiresAt: absolute };
}

export type SessionState = 'active' | 'expired' | 'revoked';
export function sessionState(row: Pick<SessionRow, 'expires_at' | 'absolute_expires_at' | 'revoked_at'>, now: Date): SessionState {
  if (row.revoked_at) return 'revoked';
  if (now >= row.expires_at || now >= row.absolute_expires_at) return 'expired';
  return 'active';
}

export async function membershipsOf(db: DbOrTrx, userId: string): Promise<SessionMembership[]> {
  const rows = await db
    .selectFrom('memberships')
    .select([
      'memberships.organization_id',
      'memberships.roles',
      organizationNameOf('memberships.organization_id').$notNull().as('name'),
      organizationTypeOf('memberships.organization_id').$notNull().as('type'),
    ])
    .where('memberships.user_id', '=', userId)
    .where(organizationIsActive('memberships.organization_id'))
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ organizationId: r.organization_id, organizationName: r.name, organizationType: r.type, roles: r.roles }));
}

/** The membership to open a session in: a network-admin one first, then the first by name. */
export function defaultOrganization(memberships: SessionMembership[]): string | null {
  const admin = memberships.find((m) => m.roles.includes('network_admin'));
  return (admin ?? memberships[0])?.organizationId ?? null;
}

export async function createSession(trx: DbOrTrx, clock: Clock, config: Config, userId: string, organizationId: string | null) {
  const token = newToken();
  const now = clock.now();
  const { expiresAt, absoluteExpiresAt } = sessionExpiry(now, now, config.session);
  const row = await trx
    .insertInto('sessions')
    .values({
      token_hash: hashToken(config.secret, token),
      user_id: userId,
      active_organization_id: organizationId,
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

export async function findSessionByToken(db: DbOrTrx, config: Config, token: string) {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(config.secret, token)).executeTakeFirst();
}

/** Moves the idle expiry forward, at most once a minute so reads stay reads. */
export async function touchSession(db: Db, clock: Clock, config: Config, row: SessionRow): Promise<SessionRow> {
  const now = clock.now();
  if (now.getTime() - row.last_seen_at.getTime() < 60_000) return row;
  const { expiresAt } = sessionExpiry(now, row.created_at, config.session);
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', row.id).execute();
  return { ...row, last_seen_at: now, expires_at: expiresAt };
}

export async function sessionView(db: DbOrTrx, row: SessionRow): Promise<Session> {
  const user = await db.selectFrom('users').select(['id', 'email', 'display_name']).where('id', '=', row.user_id).executeTakeFirst();
  if (!user) throw new AppError('UNAUTHENTICATED');
  const memberships = await membershipsOf(db, row.user_id);
  const active = memberships.find((m) => m.organizationId === row.active_organization_id);
  return {
    user: { id: user.id, email: user.email, displayName: user.display_name },
    memberships,
    activeOrganizationId: active?.organizationId ?? null,
    roles: (active?.roles ?? []) as Role[],
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at.toISOString(),
  };
}
