import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { SESSION_COOKIE, type Session } from '@continuum/contracts';
import type { Config } from '../../packages/server/src/config.ts';
import type { Db } from '../../packages/server/src/db/database.ts';
import { TEST_PASSWORD } from '../../packages/server/src/test-support/factories.ts';

/*
 * The database a benchmark runs against (a temporary PGlite data directory, or a throwaway
 * database on a PostgreSQL server), the cleanups that remove it, and sign-in over HTTP.
 */

export type EngineName = 'pglite' | 'postgres';

/** Cleanups run last-in first-out on the way out (also on Ctrl-C), so nothing is left behind. */
export class Cleanups {
  private readonly stack: (() => Promise<void>)[] = [];

  push(cleanup: () => Promise<void>): void {
    this.stack.push(cleanup);
  }

  get mark(): number {
    return this.stack.length;
  }

  /** Runs the cleanups pushed after `mark` (all of them by default); a failing one is reported and the rest still run. */
  async run(mark = 0, report: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<void> {
    while (this.stack.length > mark) {
      const cleanup = this.stack.pop()!;
      try {
        await cleanup();
      } catch (error) {
        report(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

export interface Target {
  engine: EngineName;
  storage: string;
  /** Environment for loadConfig (data directory or DATABASE_URL). */
  env: Record<string, string>;
  /** Overrides the database config loadConfig derives from env. */
  database?: Config['database'];
}

export interface Skipped {
  engine: EngineName;
  reason: string;
}

export function pgliteTarget(storage: 'disk' | 'memory', cleanups: Cleanups): Target {
  // loadConfig has no in-memory setting (its data directory defaults to ./data), so memory bypasses the env.
  if (storage === 'memory')
    return { engine: 'pglite', storage: 'in memory (no data directory)', env: {}, database: { kind: 'pglite', dataDir: null } };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-pglite-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    engine: 'pglite',
    storage: `on-disk data directory in ${os.tmpdir()} (as deployed), removed after`,
    env: { CONTINUUM_DATA_DIR: dir },
  };
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Where PostgreSQL is looked for when neither BENCH_DATABASE_URL nor DATABASE_URL is set: the stock superuser, then the role `.ci/run` creates. */
export const DEFAULT_POSTGRES_URLS = [
  'postgres://postgres@localhost:5432/postgres',
  'postgres://continuum_ci:continuum_ci@localhost:5432/postgres',
];

/**
 * A fresh database continuum_bench_<random> on the server named by BENCH_DATABASE_URL, else
 * DATABASE_URL, else the first default URL that answers; dropped by the cleanups. Skipped, with
 * the reason, when no server lets it create one.
 */
export async function postgresTarget(cleanups: Cleanups): Promise<Target | Skipped> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const source = process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : process.env.DATABASE_URL ? 'DATABASE_URL' : 'a default URL';
  const candidates = given !== undefined ? [given] : DEFAULT_POSTGRES_URLS;
  const name = `continuum_bench_${randomBytes(6).toString('hex')}`;
  const failures: string[] = [];
  for (const url of candidates) {
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
    } catch (error) {
      await admin.end().catch(() => {});
      failures.push(`${redact(url)}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    });
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    return {
      engine: 'postgres',
      storage: `database ${name} at ${redact(dbUrl.toString())} via ${source}, dropped after`,
      env: { DATABASE_URL: dbUrl.toString() },
    };
  }
  return { engine: 'postgres', reason: `could not create a database through ${source} (${failures.join('; ')})` };
}

/** The engine's version string and, on a server, the settings that move write figures. */
export async function engineFacts(db: Db, engine: EngineName): Promise<{ version: string; settings: Record<string, string> }> {
  const version = (await sql<{ version: string }>`select version()`.execute(db)).rows[0]?.version ?? 'unknown';
  const settings: Record<string, string> = {};
  if (engine === 'postgres') {
    for (const name of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections']) {
      const row = (await sql<{ setting: string }>`select current_setting(${name}) as setting`.execute(db)).rows[0];
      settings[name] = row?.setting ?? '?';
    }
  }
  return { version, settings };
}

/** Signs in over HTTP with TEST_PASSWORD; the session cookie and CSRF token for later requests. */
export async function signIn(baseUrl: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const token = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!token) throw new Error('sign-in set no session cookie');
  const session = (await response.json()) as Session;
  return { cookie: token, csrf: session.csrfToken };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
