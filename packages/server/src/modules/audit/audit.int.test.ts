import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { testConfig } from '../../test-support/test-app.ts';
import { runCli } from '../../cli/dispatch.ts';
import { systemAccess } from '../../core/access-context.ts';
import { listAuditEntries, readAuditTrail, recordAudit, verifyAuditChain, verifyAuditTrail } from './audit.ts';
import { drainAuditSequencer } from './audit-sequencer.ts';
import { createTestMemberAccess, createTestOrganization } from '../../test-support/factories.ts';

let opened: OpenedDatabase;
const clock = manualClock();

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(() => opened.close());

async function resetChain() {
  await sql`truncate audit_events`.execute(opened.db);
  await sql`update audit_head set last_id = null, last_hash = ${'0'.repeat(64)}, count = 0, last_seq = 0`.execute(opened.db);
}

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await opened.db.transaction().execute((trx) =>
      recordAudit(trx, clock, systemAccess('test'), {
        action: 'thing.update',
        entityType: 'thing',
        entityId: String(i),
        details: { fields: ['name'] },
      }),
    );
  }
  await drainAuditSequencer(opened.db);
  const ids = await opened.db.selectFrom('audit_events').select('id').orderBy('id').execute();
  return ids.map((r) => r.id);
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

describe('audit trail in the database', () => {
  beforeEach(resetChain);

  it('verifies an intact chain, from the API function and the CLI', async () => {
    await writeEntries(12);
    expect(await verifyAuditChain(opened.db, undefined, 5)).toEqual({
      ok: true,
      checked: 12,
      firstBrokenId: null,
      reason: null,
      lastCheckpointAt: null,
      pending: 0,
      pendingSince: null,
    });
    expect(await cli(['audit', 'verify'])).toEqual({ code: 0, out: expect.stringContaining('12 entries verified') });
  });

  it('a rolled-back change leaves no audit entry', async () => {
    await expect(
      opened.db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, systemAccess('test'), { action: 'thing.create', entityType: 'thing' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await drainAuditSequencer(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ checked: 0, pending: 0 });
  });

  it('names the first altered entry (exit 1 from the CLI)', async () => {
    const ids = await writeEntries(6);
    await sql`update audit_events set action = 'thing.delete' where id = ${ids[3]}`.execute(opened.db);
    const result = await verifyAuditChain(opened.db, undefined, 4);
    expect(result).toMatchObject({ ok: false, firstBrokenId: ids[3], checked: 3 });
    const run = await cli(['audit', 'verify', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, firstBrokenId: ids[3] });
  });

  it('names the entry after a removed one', async () => {
    const ids = await writeEntries(6);
    await sql`delete from audit_events where id = ${ids[2]}`.execute(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false, firstBrokenId: ids[3] });
  });

  it('detects removal of the newest entry', async () => {
    const ids = await writeEntries(4);
    await sql`delete from audit_events where id = ${ids[3]}`.execute(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false, firstBrokenId: ids[3] });
  });

  it('detects altered details', async () => {
    const ids = await writeEntries(3);
    await sql`update audit_events set details = '{"fields":["address"]}' where id = ${ids[0]}`.execute(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: false, firstBrokenId: ids[0] });
  });

  it('stays linear under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        opened.db
          .transaction()
          .execute((trx) =>
            recordAudit(trx, clock, systemAccess('test'), { action: 'thing.create', entityType: 'thing', entityId: String(i) }),
          ),
      ),
    );
    await drainAuditSequencer(opened.db);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true, checked: 20 });
  });

  it('lists newest first, filtered', async () => {
    await writeEntries(3);
    const page = await listAuditEntries(opened.db, { organizationId: null, action: 'thing.update', limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(Number(page.items[0]!.id)).toBeGreaterThan(Number(page.items[1]!.id));
    expect(page.items[0]!.actorLabel).toBe('system: test');
  });
});

describe('reading and verifying the trail checks roles in the domain function', () => {
  it('refuses a clinician, a system caller, and a privacy officer verifying; scopes a privacy officer to their organization', async () => {
    await resetChain();
    const home = await createTestOrganization(opened.db, clock, { name: 'Harbor Clinic' });
    const other = await createTestOrganization(opened.db, clock, { name: 'Northside Recovery' });
    const clinician = await createTestMemberAccess(opened.db, clock, home.id, ['clinician']);
    const officer = await createTestMemberAccess(opened.db, clock, home.id, ['privacy_officer']);
    const networkAdmin = await createTestMemberAccess(opened.db, clock, home.id, ['network_admin']);
    for (const organizationId of [home.id, other.id]) {
      await opened.db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, clock, systemAccess('test'), { action: 'thing.create', entityType: 'thing', entityId: 'x', organizationId }),
        );
    }
    const page = { limit: 50, offset: 0 };
    for (const caller of [clinician, systemAccess('test')]) {
      await expect(readAuditTrail(opened.db, caller, page)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const caller of [clinician, officer, systemAccess('test')]) {
      await expect(verifyAuditTrail(opened.db, caller)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const seen = await readAuditTrail(opened.db, officer, page);
    expect(seen.items.map((e) => e.organizationId)).toEqual([home.id]);
    expect((await readAuditTrail(opened.db, networkAdmin, page)).total).toBe(2);
    expect((await verifyAuditTrail(opened.db, networkAdmin)).ok).toBe(true);
  });
});
