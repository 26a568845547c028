import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestDatabase, testEngine } from '../../test-support/test-database.ts';
import { testConfig } from '../../test-support/test-app.ts';
import { runCli } from '../../cli/dispatch.ts';
import { systemAccess } from '../../core/access-context.ts';
import { recordAudit, verifyAuditChain } from './audit.ts';
import { GENESIS_HASH } from './audit-chain.ts';
import { keyringOf } from './audit-key.ts';
import { chainPendingAudit, drainAuditSequencer, startAuditSequencer } from './audit-sequencer.ts';

/*
 * Entries are written sealed and unchained in the request's transaction; one sequencer chains them
 * after commit (decision 0021).
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

const write = (i: number) =>
  opened.db.transaction().execute((trx) => {
    clock.advance(1000);
    return recordAudit(trx, clock, systemAccess('test'), { action: 'thing.update', entityType: 'thing', entityId: String(i) });
  });

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) await write(i);
  return (await opened.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);
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

describe('the audit sequencer', () => {
  it('chains every entry of many concurrent writers, with two sequencers running at once', async () => {
    const errors: unknown[] = [];
    const sequencers = [startAuditSequencer(opened.db, (e) => errors.push(e), 5), startAuditSequencer(opened.db, (e) => errors.push(e), 7)];
    try {
      for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 40 }, (_, i) => write(round * 100 + i)));
    } finally {
      for (const s of sequencers) await s.stop();
    }
    expect(errors).toEqual([]);
    const places = await opened.db.selectFrom('audit_events').select(['chain_seq', 'hash']).orderBy('chain_seq').execute();
    expect(places.map((p) => Number(p.chain_seq))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(await verifyAuditChain(opened.db, undefined, 17)).toMatchObject({ ok: true, checked: 120, pending: 0, pendingSince: null });
  });

  it('reports entries not chained yet apart from the chain, without calling them broken', async () => {
    await writeEntries(3);
    await drainAuditSequencer(opened.db);
    const start = clock.now();
    await writeEntries(2);
    const result = await verifyAuditChain(opened.db);
    expect(result).toMatchObject({ ok: true, checked: 3, pending: 2, pendingSince: new Date(start.getTime() + 1000).toISOString() });
    const run = await cli(['audit', 'verify']);
    expect(run).toEqual({ code: 0, out: expect.stringContaining('2 newer entries') });
    // The checkpoint command chains them first, so the anchor covers everything committed.
    expect(await cli(['audit', 'checkpoint'])).toEqual({ code: 0, out: expect.stringContaining('5 entries') });
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, checked: 5, pending: 0 });
  });

  it.each([
    ['before', false],
    ['after', true],
  ])('names an entry altered %s the sequencer chained it', async (_label, chainAfter) => {
    await writeEntries(2);
    await drainAuditSequencer(opened.db);
    const ids = await writeEntries(4);
    await sql`update audit_events set action = 'thing.delete' where id = ${ids[3]}`.execute(opened.db);
    if (chainAfter) await drainAuditSequencer(opened.db);
    const result = await verifyAuditChain(opened.db);
    expect(result).toMatchObject({ ok: false, firstBrokenId: ids[3], reason: expect.stringContaining('seal') });
    expect((await cli(['audit', 'verify'])).out).toContain(`BROKEN at entry ${ids[3]}`);
  });

  it.each([
    ['before', false],
    ['after', true],
  ])('names an entry inserted without the key, %s the sequencer chained it', async (_label, chainAfter) => {
    const ids = await writeEntries(2);
    await drainAuditSequencer(opened.db);
    // Someone with database access copies a real entry under a new id, and adds one with no seal.
    const copied = await sql<{ id: string }>`
      insert into audit_events (occurred_at, actor_type, actor_label, action, entity_type, entity_id, details, key_version, seal)
      select occurred_at, actor_type, actor_label, action, entity_type, entity_id, details, key_version, seal
      from audit_events where id = ${ids[1]} returning id::text as id`.execute(opened.db);
    if (chainAfter) await drainAuditSequencer(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false, firstBrokenId: copied.rows[0]!.id });
    await sql`delete from audit_events where id = ${copied.rows[0]!.id}`.execute(opened.db);
    if (chainAfter) return; // removing a chained entry is named by the next link or the head (audit.int.test.ts)
    const forged = await sql<{ id: string }>`
      insert into audit_events (occurred_at, actor_type, actor_label, action, entity_type, details, key_version)
      values (now(), 'system', 'system: test', 'thing.forged', 'thing', '{}', 1) returning id::text as id`.execute(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false, firstBrokenId: forged.rows[0]!.id });
  });

  it('leaves nothing behind from a rolled-back transaction: the id is skipped, the chain has no gap', async () => {
    await writeEntries(1);
    await expect(
      opened.db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, systemAccess('test'), { action: 'thing.create', entityType: 'thing' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await writeEntries(1);
    await drainAuditSequencer(opened.db);
    const rows = await opened.db.selectFrom('audit_events').select(['id', 'chain_seq']).orderBy('chain_seq').execute();
    expect(rows.map((r) => Number(r.chain_seq))).toEqual([1, 2]);
    expect(Number(rows[1]!.id) - Number(rows[0]!.id)).toBe(2);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, checked: 2, pending: 0 });
  });

  // On PGlite transactions run one at a time on its single connection, so commit order is id order.
  it.skipIf(testEngine === 'pglite')('chains in commit order: an entry that commits late is chained after later ids', async () => {
    let release!: () => void;
    let written!: () => void;
    const hasWritten = new Promise<void>((resolve) => (written = resolve));
    const slow = opened.db.transaction().execute(async (trx) => {
      await recordAudit(trx, clock, systemAccess('test'), { action: 'thing.slow', entityType: 'thing' });
      written();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await hasWritten;
    await write(1);
    expect(await chainPendingAudit(opened.db)).toBe(1);
    release();
    await slow;
    expect(await chainPendingAudit(opened.db)).toBe(1);
    const rows = await opened.db.selectFrom('audit_events').select(['id', 'action', 'chain_seq']).orderBy('chain_seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['thing.update', 'thing.slow']);
    expect(Number(rows[0]!.id)).toBeGreaterThan(Number(rows[1]!.id));
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, checked: 2 });
  });
});
