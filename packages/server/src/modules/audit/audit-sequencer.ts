import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { chainedFields, chainHash } from './audit-chain.ts';
import { keyringOf } from './audit-key.ts';
import { rowToChainRow } from './audit-verify.ts';

/*
 * The audit sequencer (decision 0021). Writers seal each entry on its own and commit it without a
 * link; the sequencer chains committed entries shortly after, in the order they became visible
 * (commit order, by id within one pass), giving each its place (`chain_seq`) and its HMAC link, and
 * moves the head. One transaction-scoped advisory lock makes it a single sequencer even when several
 * server processes share the database: a process that does not get the lock skips its turn.
 * Writers never take that lock, so a write transaction waits for no other.
 */

/** The advisory lock of the chain's head (the id writers took before the sequencer existed). */
const SEQUENCER_LOCK = 7061701;
export const SEQUENCER_BATCH = 1000;

/**
 * Chains up to `batch` committed entries in one short transaction. Returns how many it chained:
 * 0 when none waits or another process holds the sequencer's lock.
 */
export async function chainPendingAudit(db: Db, batch = SEQUENCER_BATCH): Promise<number> {
  const keyring = keyringOf(db);
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as locked`.execute(trx);
    if (!lock.rows[0]?.locked) return 0;
    const stored = await trx.selectFrom('audit_events').selectAll().where('chain_seq', 'is', null).orderBy('id').limit(batch).execute();
    if (stored.length === 0) return 0;
    const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    let prev = head.last_hash;
    let seq = BigInt(head.last_seq);
    const links = stored.map((r) => {
      // An entry under a key version this server lacks (or unkeyed) is still chained, so the chain never
      // stalls; verification names it (its seal and hash cannot hold).
      const key = r.key_version === 0 ? null : (keyring.keys.get(r.key_version) ?? keyring.keys.get(keyring.current)!);
      const hash = chainHash(prev, chainedFields(rowToChainRow(r)), key);
      seq += 1n;
      const link = sql`(${r.id}::bigint, ${String(seq)}::bigint, ${prev}::text, ${hash}::text)`;
      prev = hash;
      return link;
    });
    const updated = await sql<{ id: string }>`
      update audit_events as a set chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
      from (values ${sql.join(links)}) as v(id, seq, prev, hash)
      where a.id = v.id and a.chain_seq is null
      returning a.id`.execute(trx);
    if (updated.rows.length !== stored.length) throw new Error('audit sequencer: entries changed while being chained');
    await trx
      .updateTable('audit_head')
      .set({ last_id: stored.at(-1)!.id, last_hash: prev, last_seq: String(seq), count: sql<string>`count + ${stored.length}` })
      .where('id', '=', 1)
      .execute();
    return stored.length;
  });
}

/** Chains until nothing committed is left waiting (or another process holds the lock). Returns how many it chained. */
export async function drainAuditSequencer(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await chainPendingAudit(db);
    total += n;
    if (n < SEQUENCER_BATCH) return total;
  }
}

export interface AuditSequencer {
  /** Stops polling, then chains whatever is left, so a clean shutdown leaves nothing unchained. */
  stop(): Promise<void>;
}

/**
 * Runs the sequencer in process: every `intervalMs` it looks for unchained entries (one index probe
 * when there are none) and chains them. Safe in every server process at once (the advisory lock).
 */
export function startAuditSequencer(db: Db, onError: (error: unknown) => void, intervalMs = 100): AuditSequencer {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    const waiting = await db.selectFrom('audit_events').select('id').where('chain_seq', 'is', null).limit(1).executeTakeFirst();
    if (waiting) await drainAuditSequencer(db);
  };
  const tick = () => {
    running = pass()
      .catch(onError)
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await drainAuditSequencer(db).catch(onError);
    },
  };
}
