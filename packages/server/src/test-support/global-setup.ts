import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/**
 * Runs once per test run. On PGlite: migrates one database and dumps it (the "golden image"), so
 * each test file starts from a copy in about a second instead of migrating its own. On a server
 * (DATABASE_URL set): migrates a template database that each file clones.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `continuum_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const { db, close } = await openDatabase({ kind: 'postgres', url: templateUrl.toString() }, { poolSize: 1 });
    await migrateToLatest(db);
    await close();
    project.provide('pgTemplate', template);
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${template}`);
      await c.end();
    };
  }
  const opened = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateToLatest(opened.db);
  const dump = await opened.pglite!.dumpDataDir('none');
  await opened.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-golden-'));
  const file = path.join(dir, 'golden.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteGolden', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteGolden: string;
    pgTemplate: string;
  }
}
