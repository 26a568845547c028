import type { AuditVerify } from '@continuum/contracts';
import type { Db } from '../../db/database.ts';
import { headMatches, verifySegment, GENESIS_HASH, type ChainRow } from './audit-chain.ts';
import { activeCheckpoints, readCheckpointFile, type Checkpoint } from './audit-checkpoint.ts';
import { keyringOf } from './audit-key.ts';
import type { AuditEventRow } from './audit.table.ts';

function rowToChainRow(r: AuditEventRow): ChainRow {
  return {
    id: r.id,
    prevHash: r.prev_hash,
    hash: r.hash,
    keyVersion: r.key_version,
    occurredAt: r.occurred_at.toISOString(),
    actorType: r.actor_type,
    actorUserId: r.actor_user_id,
    actorTokenId: r.actor_token_id,
    actorLabel: r.actor_label,
    organizationId: r.organization_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    requestId: r.request_id,
    details: r.details,
  };
}

const broken = (checked: number, firstBrokenId: string | null, reason: string, lastCheckpointAt: string | null = null): AuditVerify => ({
  ok: false,
  checked,
  firstBrokenId,
  reason,
  lastCheckpointAt,
});

/**
 * Recomputes the whole chain in id order, a chunk at a time (short reads, so the embedded
 * database keeps serving requests), and names the first broken entry: an altered entry fails its
 * HMAC, a removed one breaks the next link, a removed tail misses the head or a checkpoint (kept
 * outside the database, audit-checkpoint.ts).
 */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void, chunkSize = 5000): Promise<AuditVerify> {
  const keyring = keyringOf(db);
  const read = keyring.checkpointFile ? readCheckpointFile(keyring.checkpointFile, keyring.keys) : { ok: true as const, checkpoints: [] };
  if (!read.ok) return broken(0, null, `the checkpoint file's line ${read.line} is not signed with the audit key: the file was altered`);
  const checkpoints = activeCheckpoints(read.checkpoints).filter((c) => c.lastId !== null);
  const lastCheckpointAt = checkpoints.at(-1)?.at ?? null;
  const pending = new Map<string, Checkpoint>(checkpoints.map((c) => [c.lastId!, c]));

  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  let prevHash = GENESIS_HASH;
  let lastId: string | null = null;
  let checked = 0;
  let keyed = false;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().orderBy('id').limit(chunkSize);
    if (lastId !== null) query = query.where('id', '>', lastId);
    const rows = (await query.execute()).map(rowToChainRow);
    if (rows.length === 0) break;
    const verdict = verifySegment(rows, prevHash, keyring.keys, keyed);
    if (!verdict.ok) return broken(checked + verdict.checked, verdict.firstBrokenId, verdict.reason, lastCheckpointAt);
    for (let i = 0; i < rows.length; i++) {
      const anchor = pending.get(rows[i]!.id);
      if (!anchor) continue;
      if (anchor.lastHash !== rows[i]!.hash || anchor.count !== checked + i + 1)
        return broken(
          checked + i,
          rows[i]!.id,
          `the entry differs from the checkpoint of ${anchor.at}: the chain was rewritten`,
          lastCheckpointAt,
        );
      pending.delete(rows[i]!.id);
    }
    checked += verdict.checked;
    prevHash = verdict.lastHash;
    lastId = verdict.lastId;
    keyed = verdict.keyed;
    onProgress?.(checked);
  }
  const missed = [...pending.values()][0];
  if (missed) {
    return broken(
      checked,
      missed.lastId,
      `the chain ends before the checkpoint of ${missed.at} (${missed.count} entries): the newest entries were removed`,
      lastCheckpointAt,
    );
  }
  if (
    !headMatches({ lastId, lastHash: prevHash, checked }, { lastId: head.last_id, lastHash: head.last_hash, count: Number(head.count) })
  ) {
    return broken(
      checked,
      head.last_id ?? lastId ?? '0',
      'the newest entries were removed: the chain ends before the recorded head',
      lastCheckpointAt,
    );
  }
  return { ok: true, checked, firstBrokenId: null, reason: null, lastCheckpointAt };
}
