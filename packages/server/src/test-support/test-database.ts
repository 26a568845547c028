import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { keyringFromKey, withAuditKey, type AuditKeyring } from '../modules/audit/index.ts';
import os from 'node:os';
import path from 'node:path';

/** A fresh audit keyring for one test database: a random key and its own checkpoint file. */
export function testAuditKeyring(): AuditKeyring {
  return keyringFromKey(randomBytes(32), path.join(os.tmpdir(), `continuum-test-checkpoints-${randomBytes(8).toString('hex')}.jsonl`));
}

/** The handle carries a test audit keyring, so recordAudit and verifyAuditChain work as in the server. */
function keyed(opened: OpenedDatabase): OpenedDatabase {
  const keyring = testAuditKeyring();
  return {
    ...opened,
    db: withAuditKey(opened.db, keyring),
    close: async () => {
      await opened.close();
      fs.rmSync(keyring.checkpointFile!, { force: true });
    },
  };
}

/** Which engine this test run uses: a server when DATABASE_URL is set, embedded PGlite otherwise. */
export const testEngine: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: a copy of the golden PGlite image, or a clone of
 * the migrated template database on a server. Close it in afterAll.
 */
export async function createTestDatabase(): Promise<OpenedDatabase> {
  return keyed(await openTestDatabase());
}

async function openTestDatabase(): Promise<OpenedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `continuum_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const opened = await openDatabase({ kind: 'postgres', url: dbUrl.toString() }, { poolSize: 5 });
    return {
      ...opened,
      close: async () => {
        await opened.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name}`);
        await c.end();
      },
    };
  }
  const golden = inject('pgliteGolden');
  if (golden && fs.existsSync(golden)) {
    return openDatabase({ kind: 'pglite', dataDir: null }, { loadDataDir: new Blob([fs.readFileSync(golden)]) });
  }
  const opened = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateToLatest(opened.db);
  return opened;
}
