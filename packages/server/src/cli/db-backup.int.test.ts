import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { readHeader } from '../db/backup-file.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemAccess } from '../core/access-context.ts';
import {
  drainAuditSequencer,
  keyringFromKey,
  recordAudit,
  verifyAuditChain,
  withAuditKey,
  writeAuditCheckpoint,
} from '../modules/audit/index.ts';
import { createTestOrganization } from '../test-support/factories.ts';
import { testConfig } from '../test-support/test-app.ts';
import { testAuditKeyring } from '../test-support/test-database.ts';
import { runCli } from './dispatch.ts';

const clock = manualClock();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  fs.rmSync(work, { recursive: true, force: true });
});

/** One deployment: its database setting and audit keyring (the same key and checkpoint file across opens). */
function deployment(database: Config['database'], key?: Buffer) {
  const keyring = key ? keyringFromKey(key, path.join(work, `checkpoints-${randomBytes(4).toString('hex')}.jsonl`)) : testAuditKeyring();
  cleanups.push(async () => fs.rmSync(keyring.checkpointFile!, { force: true }));
  const config: Config = { ...testConfig(), database };
  const openDb = async () => {
    const o = await openDatabase(database, { poolSize: 2 });
    return { db: withAuditKey(o.db, keyring), close: o.close };
  };
  const cli = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(args, {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      openDb,
      clock,
      config,
      readStdin: async () => '',
    });
    return { code, out, err };
  };
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const { db, close } = await openDb();
    try {
      return await fn(db);
    } finally {
      await close();
    }
  };
  return { cli, withDb, key: keyring.keys.get(1)! };
}

async function audited(db: Db, n: number) {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, clock, systemAccess('test'), { action: 'thing.update', entityType: 'thing', entityId: String(i) }),
      );
  }
  // Chained now, as the server's sequencer would within a moment.
  await drainAuditSequencer(db);
}

const snapshot = (db: Db) =>
  Promise.all([
    db.selectFrom('organizations').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('audit_events').select(['id', 'hash', 'action']).orderBy('id').execute(),
  ]);

/** Backup, change the data (and anchor the change in the checkpoint file), restore: the backup's data, a verifying chain. */
async function roundTrip(d: ReturnType<typeof deployment>, file: string) {
  const before = await d.withDb(async (db) => {
    for (const name of ['Harbor Clinic', 'Bay Recovery', 'North Outreach']) await createTestOrganization(db, clock, { name });
    await audited(db, 5);
    await writeAuditCheckpoint(db, clock);
    return snapshot(db);
  });

  const backup = await d.cli(['db', 'backup', '--out', file]);
  expect(backup.code, backup.err).toBe(0);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(`${file}.partial`)).toBe(false);

  await d.withDb(async (db) => {
    await createTestOrganization(db, clock, { name: 'Opened After The Backup' });
    await sql`update organizations set name = 'Renamed After The Backup' where id = ${before[0][0]!.id}`.execute(db);
    await audited(db, 3);
    await writeAuditCheckpoint(db, clock);
  });

  const refused = await d.cli(['db', 'restore', file]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('--force');
  expect(await d.withDb(async (db) => (await snapshot(db))[0].length)).toBe(4);

  const restored = await d.cli(['db', 'restore', file, '--force']);
  expect(restored.code, restored.err).toBe(0);
  expect(restored.out).toContain('Audit chain intact: 5 entries verified');
  await d.withDb(async (db) => {
    expect(await snapshot(db)).toEqual(before);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 5 });
  });
  return { backup, restored };
}

describe('continuum db backup and restore', () => {
  it('round-trips the embedded database, leaving the keys out of the backup and in the data directory', async () => {
    const dataDir = path.join(work, 'pglite-data');
    const d = deployment({ kind: 'pglite', dataDir });
    await d.withDb((db) => migrateToLatest(db));
    fs.writeFileSync(path.join(dataDir, 'audit.key'), 'key stays here');
    fs.mkdirSync(path.join(dataDir, 'files'));
    fs.writeFileSync(path.join(dataDir, 'files', 'upload.pdf'), 'upload stays here');

    const file = path.join(work, 'pglite.backup');
    const { backup, restored } = await roundTrip(d, file);
    expect(backup.err).toContain('checkpoint');
    expect(restored.err).toContain('replacing the database files');

    const { header, payloadOffset } = readHeader(file);
    expect(header).toMatchObject({ format: 'continuum-backup', engine: 'pglite' });
    const tar = zlib.gunzipSync(fs.readFileSync(file).subarray(payloadOffset)).toString('latin1');
    expect(tar).toContain('PG_VERSION');
    expect(tar).not.toContain('audit.key');
    expect(tar).not.toContain('upload.pdf');
    expect(fs.readFileSync(path.join(dataDir, 'audit.key'), 'utf8')).toBe('key stays here');
    expect(fs.readFileSync(path.join(dataDir, 'files', 'upload.pdf'), 'utf8')).toBe('upload stays here');
    expect(fs.readdirSync(work).filter((n) => n.includes('restoring'))).toEqual([]);
  }, 180_000);

  it('refuses a file that is not a backup, and a backup of the other engine', async () => {
    const d = deployment({ kind: 'pglite', dataDir: path.join(work, 'other') });
    const notBackup = path.join(work, 'notes.txt');
    fs.writeFileSync(notBackup, 'hello\n');
    expect(await d.cli(['db', 'restore', notBackup])).toMatchObject({ code: 1, err: expect.stringContaining('not a Continuum backup') });
    const pgBackup = path.join(work, 'pg.backup');
    fs.writeFileSync(
      pgBackup,
      `${JSON.stringify({ format: 'continuum-backup', version: 1, engine: 'postgres', payload: 'pg_dump-custom', createdAt: '' })}\nPGDMP`,
    );
    expect(await d.cli(['db', 'restore', pgBackup])).toMatchObject({ code: 1, err: expect.stringContaining('PostgreSQL server') });
    expect(await d.cli(['db', 'backup'])).toMatchObject({ code: 2 });
    expect(fs.existsSync(path.join(work, 'other', 'PG_VERSION'))).toBe(false);
  });

  it('says plainly when pg_dump is not installed, and leaves no file', async () => {
    const d = deployment({ kind: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' });
    const saved = process.env.PATH;
    process.env.PATH = path.join(work, 'no-programs-here');
    try {
      const file = path.join(work, 'missing-tool.backup');
      const run = await d.cli(['db', 'backup', '--out', file]);
      expect(run).toMatchObject({ code: 1, err: expect.stringContaining('pg_dump was not found') });
      expect(fs.existsSync(file) || fs.existsSync(`${file}.partial`)).toBe(false);
    } finally {
      process.env.PATH = saved;
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'round-trips a PostgreSQL database with pg_dump and pg_restore, and restores into an empty one',
    async () => {
      const url = process.env.DATABASE_URL!;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const names = [`continuum_backup_${randomBytes(5).toString('hex')}`, `continuum_backup_${randomBytes(5).toString('hex')}`];
      await admin.query(`create database ${names[0]} template ${inject('pgTemplate')}`);
      await admin.query(`create database ${names[1]}`);
      cleanups.push(async () => {
        for (const n of names) await admin.query(`drop database if exists ${n}`);
        await admin.end();
      });
      const at = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

      const d = deployment({ kind: 'postgres', url: at(names[0]!) });
      const file = path.join(work, 'postgres.backup');
      const { backup, restored } = await roundTrip(d, file);
      expect(backup.err).toContain('dumping table organizations');
      expect(restored.err).toContain('restoring table audit_events');
      expect(readHeader(file).header).toMatchObject({ engine: 'postgres', payload: 'pg_dump-custom' });

      // Another database of the same deployment: the same audit key (kept apart from the backup).
      const fresh = deployment({ kind: 'postgres', url: at(names[1]!) }, d.key);
      const into = await fresh.cli(['db', 'restore', file]);
      expect(into.code, into.err).toBe(0);
      expect(await fresh.withDb(async (db) => (await snapshot(db))[0].map((o) => o.name).sort())).toEqual([
        'Bay Recovery',
        'Harbor Clinic',
        'North Outreach',
      ]);
    },
    180_000,
  );
});
