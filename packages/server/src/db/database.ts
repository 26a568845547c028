import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A database handle or an open transaction: functions that take this compose inside a caller's transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

// int8 and date come back as strings on both engines, so ids and calendar dates never drift by
// precision or time zone between PGlite and a server.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => v);
pg.types.setTypeParser(DATE, (v) => v);

export interface OpenedDatabase {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The embedded instance, for dumps in tests; absent on a server. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** Opens Kysely on PGlite (persistent in the data directory, or in memory when null) or on a pg pool. */
export async function openDatabase(
  database: Config['database'],
  options: { loadDataDir?: Blob; poolSize?: number } = {},
): Promise<OpenedDatabase> {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const dataDir = database.dataDir;
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  const pglite = new PGlite({
    ...(database.dataDir ? { dataDir: database.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => v, [DATE]: (v: string) => v },
  });
  try {
    await pglite.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  if (dataDir) restrictDataDir(dataDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (dataDir) restrictDataDir(dataDir);
      releaseLock();
    },
  };
}

/**
 * The embedded database's files hold every record: only the server's own user may read them. The
 * WebAssembly build of PostgreSQL creates its files 0666 whatever the umask, so the folder is made
 * 0700 (which alone keeps other users out of everything inside it, including files created while the
 * server runs) and every file in it 0600, at open and again at close.
 */
export function restrictDataDir(dataDir: string): void {
  fs.chmodSync(dataDir, 0o700);
  for (const entry of fs.readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) fs.chmodSync(full, 0o700);
    else if (entry.isFile()) fs.chmodSync(full, 0o600);
  }
}

export class DataDirInUseError extends Error {
  constructor(readonly pid: number) {
    super(
      `The data directory is in use by another Continuum process (pid ${pid}). Stop it first; the embedded database serves one process at a time (use DATABASE_URL for several).`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is one process's: two processes writing one data directory would corrupt
 * it. A lock file holds the owner's pid; a lock left by a dead process (a crash) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, 'continuum.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) throw new DataDirInUseError(owner);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error('could not lock the data directory');
}
