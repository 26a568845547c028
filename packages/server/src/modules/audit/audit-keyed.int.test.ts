import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { testConfig } from '../../test-support/test-app.ts';
import { runCli } from '../../cli/dispatch.ts';
import { systemAccess } from '../../core/access-context.ts';
import { recordAudit, verifyAuditChain } from './audit.ts';
import { drainAuditSequencer } from './audit-sequencer.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit-chain.ts';
import { writeAuditCheckpoint } from './audit-checkpoint.ts';
import { auditKeyring, keyringOf } from './audit-key.ts';

/*
 * The keyed chain against someone who can write the database but holds neither the audit key nor
 * the checkpoint file (decision 0020).
 */

let opened: OpenedDatabase;
const clock = manualClock();

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(() => opened.close());

beforeEach(async () => {
  await sql`truncate audit_events`.execute(opened.db);
  await sql`update audit_head set last_id = null, last_hash = ${GENESIS_HASH}, count = 0, last_seq = 0`.execute(opened.db);
  fs.rmSync(keyringOf(opened.db).checkpointFile!, { force: true });
});

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await opened.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, clock, systemAccess('test'), { action: 'thing.update', entityType: 'thing', entityId: String(i) }),
      );
  }
  await drainAuditSequencer(opened.db);
  return (await opened.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);
}

/**
 * Re-hashes every entry from `fromId` on without the key (plain SHA-256, as before the switch, or under
 * another key) and moves the head. Without the key no valid seal can be written either, so the
 * rewritten entries carry none, as entries from before the sequencer.
 */
async function rehashWithoutKey(fromId: string, keyVersion: number) {
  const rows = await opened.db.selectFrom('audit_events').selectAll().orderBy('chain_seq').execute();
  let prev = GENESIS_HASH;
  let last = null as string | null;
  for (const r of rows) {
    if (BigInt(r.id) >= BigInt(fromId)) {
      const fields: ChainedFields = {
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
      const hash = chainHash(prev, fields, keyVersion === 0 ? null : Buffer.alloc(32, 1));
      await sql`update audit_events set prev_hash = ${prev}, hash = ${hash}, key_version = ${keyVersion}, seal = null where id = ${r.id}`.execute(
        opened.db,
      );
      prev = hash;
    } else prev = r.hash!;
    last = r.id;
  }
  await sql`update audit_head set last_id = ${last}, last_hash = ${prev}, count = ${rows.length}`.execute(opened.db);
}

async function cli(args: string[]) {
  let out = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: () => {},
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock,
    config: testConfig(),
    readStdin: async () => '',
  });
  return { code, out };
}

describe('the keyed audit chain in the database', () => {
  it('seals new entries with HMAC under key version 1', async () => {
    await writeEntries(2);
    const rows = await opened.db.selectFrom('audit_events').select(['key_version']).execute();
    expect(rows.map((r) => r.key_version)).toEqual([1, 1]);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, checked: 2 });
  });

  it('still verifies entries written before the chain was keyed', async () => {
    await writeEntries(3);
    await sql`update audit_events set key_version = 0`.execute(opened.db);
    await rehashWithoutKey('0', 0);
    await writeEntries(2);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, checked: 5 });
  });

  it.each([
    ['as unkeyed SHA-256', 0],
    ['under another key', 1],
  ])('names an altered entry re-hashed %s with every later hash and the head rewritten', async (_label, keyVersion) => {
    const ids = await writeEntries(6);
    await sql`update audit_events set action = 'thing.delete' where id = ${ids[3]}`.execute(opened.db);
    await rehashWithoutKey(ids[3]!, keyVersion);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false, firstBrokenId: ids[3], checked: 3 });
    const run = await cli(['audit', 'verify']);
    expect(run).toEqual({ code: 1, out: expect.stringContaining(`BROKEN at entry ${ids[3]}`) });
  });

  it('detects a truncated chain against the checkpoint outside the database', async () => {
    const ids = await writeEntries(6);
    expect(await cli(['audit', 'checkpoint'])).toEqual({ code: 0, out: expect.stringContaining('6 entries') });
    // Remove the two newest entries and move the head back: every remaining link still holds.
    const kept = await opened.db.selectFrom('audit_events').select(['id', 'hash']).where('id', '=', ids[3]!).executeTakeFirstOrThrow();
    await sql`delete from audit_events where id > ${ids[3]}`.execute(opened.db);
    await sql`update audit_head set last_id = ${kept.id}, last_hash = ${kept.hash}, count = 4`.execute(opened.db);
    const result = await verifyAuditChain(opened.db);
    expect(result).toMatchObject({ ok: false, firstBrokenId: ids[5], reason: expect.stringContaining('newest entries were removed') });
    expect(result.lastCheckpointAt).toBe(clock.now().toISOString());
  });

  it('writes a checkpoint only when the head moved, and a restore line starts a new baseline', async () => {
    await writeEntries(3);
    expect(await writeAuditCheckpoint(opened.db, clock)).toMatchObject({ count: 3 });
    expect(await writeAuditCheckpoint(opened.db, clock)).toBeNull();
    const ids = await writeEntries(2);
    await writeAuditCheckpoint(opened.db, clock);
    // A backup taken at three entries is restored: the restore line makes three the baseline.
    await sql`delete from audit_events where id >= ${ids[3]}`.execute(opened.db);
    const third = await opened.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    await sql`update audit_head set last_id = ${third.id}, last_hash = ${third.hash}, count = 3`.execute(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false });
    await writeAuditCheckpoint(opened.db, clock, 'restore');
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, checked: 3 });
  });

  it('refuses a checkpoint file with an altered line, naming the line', async () => {
    await writeEntries(2);
    await writeAuditCheckpoint(opened.db, clock);
    const file = keyringOf(opened.db).checkpointFile!;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"count":2', '"count":1'));
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false, firstBrokenId: null, reason: expect.stringContaining('line 1') });
  });

  it('keeps the checkpoint file 0600 and creates the key file 0600 in a 0700 folder', async () => {
    await writeEntries(1);
    await writeAuditCheckpoint(opened.db, clock);
    expect(fs.statSync(keyringOf(opened.db).checkpointFile!).mode & 0o777).toBe(0o600);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-audit-key-'));
    try {
      const keyFile = path.join(dir, 'data', 'audit.key');
      const config = testConfig({ CONTINUUM_AUDIT_KEY_FILE: keyFile });
      const first = auditKeyring(config);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
      expect(auditKeyring(config).keys.get(1)).toEqual(first.keys.get(1));
      const fromEnv = auditKeyring(testConfig({ CONTINUUM_AUDIT_KEY: 'ab'.repeat(32) }));
      expect(fromEnv.keys.get(1)).toEqual(Buffer.alloc(32, 0xab));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
