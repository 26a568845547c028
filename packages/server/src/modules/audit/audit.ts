import { sql } from 'kysely';
import type { AuditEntry, AuditVerify } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { entrySeal, type ChainedFields } from './audit-chain.ts';
import { keyringOf } from './audit-key.ts';
import { verifyAuditChain } from './audit-verify.ts';

export { verifyAuditChain };
import type { AuditEventRow } from './audit.table.ts';
import { authorizeAdmin } from '../../core/admin-authorize.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Non-identifying facts only (changed field names, counts, codes); never PHI values. */
  details?: Record<string, unknown>;
  /** Overrides the access context's organization, e.g. for an action on another organization. */
  organizationId?: string | null;
}

function actorFields(access: AccessContext) {
  switch (access.actor.type) {
    case 'user':
      return { actorType: 'user', actorUserId: access.actor.userId, actorTokenId: null, actorLabel: 'user' };
    case 'token':
      return { actorType: 'token', actorUserId: null, actorTokenId: access.actor.tokenId, actorLabel: 'api-token' };
    case 'client':
      return { actorType: 'client', actorUserId: null, actorTokenId: null, actorLabel: `ehr-client: ${access.actor.clientId}` };
    case 'person':
      // The portal account, not the person: the audit trail names who acted without naming whose record it is.
      return { actorType: 'person', actorUserId: null, actorTokenId: null, actorLabel: `portal: ${access.actor.accountId}` };
    case 'system':
      return { actorType: 'system', actorUserId: null, actorTokenId: null, actorLabel: `system: ${access.actor.reason}` };
    case 'anonymous':
      return { actorType: 'anonymous', actorUserId: null, actorTokenId: null, actorLabel: 'anonymous' };
  }
}

/**
 * Writes one audit entry. Call it inside the transaction that makes the change, so the change and its
 * audit entry commit or roll back together. The entry is sealed on its own with HMAC-SHA-256 under
 * the audit key the handle carries (audit-key.ts) and written without a link: the audit sequencer
 * (audit-sequencer.ts) chains committed entries shortly after commit, in commit order, so concurrent
 * writers no longer wait for one another here (decision 0021).
 */
export async function recordAudit(trx: DbOrTrx, clock: Clock, access: AccessContext, input: AuditInput): Promise<void> {
  const keyring = keyringOf(trx);
  // The seal covers the id, so a copy of an entry under another id does not verify: take it first.
  const { rows } = await sql<{ id: string }>`select nextval('audit_events_id_seq')::text as id`.execute(trx);
  const id = rows[0]!.id;
  const fields: ChainedFields = {
    occurredAt: clock.now().toISOString(),
    ...actorFields(access),
    organizationId: input.organizationId !== undefined ? input.organizationId : access.organizationId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    requestId: access.requestId,
    details: input.details ?? {},
  };
  await trx
    .insertInto('audit_events')
    .values({
      id,
      occurred_at: fields.occurredAt,
      actor_type: fields.actorType as AuditEventRow['actor_type'],
      actor_user_id: fields.actorUserId,
      actor_token_id: fields.actorTokenId,
      actor_label: fields.actorLabel,
      organization_id: fields.organizationId,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      request_id: fields.requestId,
      details: JSON.stringify(fields.details),
      prev_hash: null,
      hash: null,
      seal: entrySeal(id, fields, keyring.keys.get(keyring.current)!),
      key_version: keyring.current,
    })
    .execute();
}

export function auditRowToEntry(r: AuditEventRow): AuditEntry {
  return {
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    actorUserId: r.actor_user_id,
    actorTokenId: r.actor_token_id,
    actorLabel: r.actor_label,
    organizationId: r.organization_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    requestId: r.request_id,
  };
}

export async function listAuditEntries(
  db: DbOrTrx,
  filter: { organizationId: string | null; action?: string | undefined; entityType?: string | undefined; limit: number; offset: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_events');
  if (filter.organizationId !== null) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(auditRowToEntry), total: Number(count.n) };
}

/**
 * The audit trail, newest first, for those who may read it: the whole network for a network administrator,
 * else the active organization's entries (an organization administrator or privacy officer).
 */
export async function readAuditTrail(
  db: DbOrTrx,
  access: AccessContext,
  filter: { action?: string | undefined; entityType?: string | undefined; limit: number; offset: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  const organizationId = authorizeAdmin(access, 'audit.read');
  return listAuditEntries(db, { ...filter, organizationId });
}

/** Recomputes the hash chain, for a network administrator (`continuum audit verify` runs verifyAuditChain as the operator). */
export async function verifyAuditTrail(db: Db, access: AccessContext): Promise<AuditVerify> {
  authorizeAdmin(access, 'audit.verify');
  return verifyAuditChain(db);
}
