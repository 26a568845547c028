import type { AuditVerify } from '@continuum/contracts';
import type { Db } from '../../db/database.ts';
import { chainedFields, sealProblem, verifySegment, GENESIS_HASH, type ChainRow } from './audit-chain.ts';
import { activeCheckpoints, readCheckpointFile, type Checkpoint } from './audit-checkpoint.ts';
import { keyringOf } from './audit-key.ts';
import type { AuditEventRow } from './audit.table.ts';

/** A stored entry as the chain sees it (links empty while the entry is not chained). */
export function rowToChainRow(r: AuditEventRow): ChainRow {
  return {
    id: r.id,
    prevHash: r.prev_hash ?? '',
    hash: r.hash ?? '',
    keyVersion: r.key_version,
    seal: r.seal,
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

const broken = (
  checked: number,
  firstBrokenId: string | null,
  reason: string,
  lastCheckpointAt: string | null = null,
  pending = 0,
): AuditVerify => ({ ok: false, checked, firstBrokenId, reason, lastCheckpointAt, pending, pendingSince: null });

/**
 * Recomputes the whole chain in chain order, a chunk at a time (short reads, so the embedded
 * database keeps serving requests), and names the first broken entry: an altered entry fails its
 * HMAC and its seal, a removed one breaks the next link, a removed tail misses the head or a
 * checkpoint (kept outside the database, audit-checkpoint.ts). Entries the sequencer has not chained
 * yet are counted apart (`pending`, they are not broken) and each must hold its own seal
 * (decision 0021). The sequencer may chain more entries while this runs: the head read at the start
 * must lie on the chain at its place, and the walk goes on to the chain's end.
 */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void, chunkSize = 5000): Promise<AuditVerify> {
  const keyring = keyringOf(db);
  const read = keyring.checkpointFile ? readCheckpointFile(keyring.checkpointFile, keyring.keys) : { ok: true as const, checkpoints: [] };
  if (!read.ok) return broken(0, null, `the checkpoint file's line ${read.line} is not signed with the audit key: the file was altered`);
  const checkpoints = activeCheckpoints(read.checkpoints).filter((c) => c.lastId !== null);
  const lastCheckpointAt = checkpoints.at(-1)?.at ?? null;
  const anchors = new Map<string, Checkpoint>(checkpoints.map((c) => [c.lastId!, c]));
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.last_id !== null && !anchors.has(head.last_id))
    anchors.set(head.last_id, {
      kind: 'anchor',
      at: 'head',
      lastId: head.last_id,
      lastHash: head.last_hash,
      count: Number(head.count),
      keyVersion: 0,
    });

  let prevHash = GENESIS_HASH;
  let lastSeq: string | null = null;
  let checked = 0;
  let keyed = false;
  let sealed = false;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().where('chain_seq', 'is not', null).orderBy('chain_seq').limit(chunkSize);
    if (lastSeq !== null) query = query.where('chain_seq', '>', lastSeq);
    const stored = await query.execute();
    if (stored.length === 0) break;
    const rows = stored.map(rowToChainRow);
    const verdict = verifySegment(rows, prevHash, keyring.keys, keyed, sealed);
    if (!verdict.ok) return broken(checked + verdict.checked, verdict.firstBrokenId, verdict.reason, lastCheckpointAt);
    for (let i = 0; i < rows.length; i++) {
      const anchor = anchors.get(rows[i]!.id);
      if (!anchor) continue;
      if (anchor.lastHash !== rows[i]!.hash || anchor.count !== checked + i + 1)
        return broken(
          checked + i,
          rows[i]!.id,
          `the entry differs from the ${anchorName(anchor)}: the chain was rewritten`,
          lastCheckpointAt,
        );
      anchors.delete(rows[i]!.id);
    }
    checked += verdict.checked;
    prevHash = verdict.lastHash;
    lastSeq = stored.at(-1)!.chain_seq;
    keyed = verdict.keyed;
    sealed = verdict.sealed;
    onProgress?.(checked);
  }
  const missed = [...anchors.values()].find((a) => a.at !== 'head') ?? [...anchors.values()][0];
  if (missed) {
    return broken(
      checked,
      missed.lastId,
      missed.at === 'head'
        ? 'the newest entries were removed: the chain ends before the recorded head'
        : `the chain ends before the checkpoint of ${missed.at} (${missed.count} entries): the newest entries were removed`,
      lastCheckpointAt,
    );
  }
  return verifyPending(db, keyring.keys, checked, lastCheckpointAt, chunkSize);
}

const anchorName = (anchor: Checkpoint) => (anchor.at === 'head' ? 'recorded head' : `checkpoint of ${anchor.at}`);

/** Entries written and committed but not chained yet: counted, and each must hold its own seal. */
async function verifyPending(
  db: Db,
  keys: ReadonlyMap<number, Buffer>,
  checked: number,
  lastCheckpointAt: string | null,
  chunkSize: number,
): Promise<AuditVerify> {
  let pending = 0;
  let pendingSince: Date | null = null;
  let lastId: string | null = null;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().where('chain_seq', 'is', null).orderBy('id').limit(chunkSize);
    if (lastId !== null) query = query.where('id', '>', lastId);
    const stored = await query.execute();
    if (stored.length === 0) break;
    for (const r of stored) {
      const row = rowToChainRow(r);
      const problem = sealProblem(row, chainedFields(row), keys, true);
      if (problem) return broken(checked, row.id, `${problem} (the entry is not chained yet)`, lastCheckpointAt, pending);
      pending += 1;
      if (!pendingSince || r.occurred_at < pendingSince) pendingSince = r.occurred_at;
    }
    lastId = stored.at(-1)!.id;
  }
  return {
    ok: true,
    checked,
    firstBrokenId: null,
    reason: null,
    lastCheckpointAt,
    pending,
    pendingSince: pendingSince?.toISOString() ?? null,
  };
}
