import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MINUTE_MS } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { canonicalJson } from './audit-chain.ts';
import { keyringOf, type AuditKeyring } from './audit-key.ts';

/*
 * Checkpoints anchor the audit chain's head outside the database (decision 0020). The head row lives
 * in the database, so someone who can write it could remove the newest entries and move the head
 * back: every remaining link still holds. A checkpoint is one JSON line appended to a file beside the
 * key — the head's entry id, hash and count, signed with HMAC-SHA-256 under the audit key — and
 * `audit verify` requires every checkpoint since the last restore to be found in the chain, in place.
 * `restore` lines (written by `continuum db restore`) start a new baseline: a restored backup
 * rightly lacks the entries written after it was taken.
 */

export interface Checkpoint {
  kind: 'anchor' | 'restore';
  at: string;
  lastId: string | null;
  lastHash: string;
  count: number;
  keyVersion: number;
}

const DOMAIN = 'continuum-audit-checkpoint\n';

function signature(body: Checkpoint, key: Buffer): string {
  return createHmac('sha256', key).update(DOMAIN).update(canonicalJson(body)).digest('hex');
}

/** The signed line for a checkpoint under the keyring's current key. */
export function checkpointLine(body: Omit<Checkpoint, 'keyVersion'>, keyring: AuditKeyring): string {
  const signed: Checkpoint = { ...body, keyVersion: keyring.current };
  return JSON.stringify({ ...signed, sig: signature(signed, keyring.keys.get(keyring.current)!) });
}

export type CheckpointRead = { ok: true; checkpoints: Checkpoint[] } | { ok: false; line: number };

/** Reads the lines, checking each signature; the first unsigned, altered or unreadable line is named. */
export function parseCheckpoints(text: string, keys: ReadonlyMap<number, Buffer>): CheckpointRead {
  const checkpoints: Checkpoint[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { ok: false, line: i + 1 };
    }
    const { sig, ...rest } = parsed;
    const body = rest as unknown as Checkpoint;
    const key = keys.get(Number(body.keyVersion));
    if (typeof sig !== 'string' || !key || !/^[0-9a-f]{64}$/.test(sig)) return { ok: false, line: i + 1 };
    if (!timingSafeEqual(Buffer.from(sig, 'hex'), Buffer.from(signature(body, key), 'hex'))) return { ok: false, line: i + 1 };
    checkpoints.push(body);
  }
  return { ok: true, checkpoints };
}

/** The checkpoints the chain must hold: from the newest restore line on. */
export function activeCheckpoints(checkpoints: readonly Checkpoint[]): Checkpoint[] {
  let from = 0;
  checkpoints.forEach((c, i) => {
    if (c.kind === 'restore') from = i;
  });
  return checkpoints.slice(from);
}

export function readCheckpointFile(file: string, keys: ReadonlyMap<number, Buffer>): CheckpointRead {
  try {
    return parseCheckpoints(fs.readFileSync(file, 'utf8'), keys);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, checkpoints: [] };
    throw error;
  }
}

/** Appends one line durably (fsync), the file 0600 in a folder made 0700 when missing. */
function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
    fs.fchmodSync(fd, 0o600);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Anchors the chain's current head in the checkpoint file (nothing when the head has not moved since
 * the last anchor, or when the handle's keyring has no checkpoint file). Returns what was written.
 */
export async function writeAuditCheckpoint(db: DbOrTrx, clock: Clock, kind: Checkpoint['kind'] = 'anchor'): Promise<Checkpoint | null> {
  const keyring = keyringOf(db);
  if (!keyring.checkpointFile) return null;
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const body = { kind, at: clock.now().toISOString(), lastId: head.last_id, lastHash: head.last_hash, count: Number(head.count) };
  if (kind === 'anchor') {
    const read = readCheckpointFile(keyring.checkpointFile, keyring.keys);
    const last = read.ok ? read.checkpoints.at(-1) : undefined;
    if (last && last.lastId === body.lastId && last.count === body.count && last.lastHash === body.lastHash) return null;
  }
  appendLine(keyring.checkpointFile, checkpointLine(body, keyring));
  return { ...body, keyVersion: keyring.current };
}

/** Anchors the head now and every `minutes`; `stop()` anchors once more (a clean shutdown leaves no window). */
export async function startAuditCheckpoints(
  db: DbOrTrx,
  clock: Clock,
  minutes: number,
  onError: (error: unknown) => void,
): Promise<{ stop(): Promise<void> }> {
  await writeAuditCheckpoint(db, clock);
  const timer = setInterval(() => void writeAuditCheckpoint(db, clock).catch(onError), minutes * MINUTE_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await writeAuditCheckpoint(db, clock).catch(onError);
    },
  };
}
