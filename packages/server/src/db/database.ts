import fs from 'node:fs';
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
  if (database.dataDir) fs.mkdirSync(database.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(database.dataDir ? { dataDir: database.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => v, [DATE]: (v: string) => v },
  });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
    },
  };
}
