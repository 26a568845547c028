import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../packages/server/src/app.ts';
import { startAuditSequencer } from '../../packages/server/src/modules/audit/index.ts';
import type { Clock } from '../../packages/server/src/clock.ts';
import { loadConfig, type Config } from '../../packages/server/src/config.ts';
import type { Db, OpenedDatabase } from '../../packages/server/src/db/database.ts';
import { openKeyedDatabase } from './keyed-database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { engineFacts, type Cleanups, type Target } from './targets.ts';

/*
 * The server a benchmark measures: its configuration (jobs, demo seed and logging off, no login
 * rate limit to trip), the migrated database on a target, and the app listening on loopback.
 */

/** The configuration every benchmark runs the server with, on the target's database. */
export function benchConfig(target: Target): Config {
  return loadConfig({
    NODE_ENV: 'test',
    CONTINUUM_JOBS: 'off',
    CONTINUUM_DEMO_SEED: 'off',
    LOG_LEVEL: 'silent',
    CONTINUUM_SECRET: randomBytes(20).toString('hex'),
    CONTINUUM_LOGIN_RATE_PER_MINUTE: '10000',
    CONTINUUM_WEB_DIR: '/nonexistent',
    ...target.env,
  });
}

export interface BenchDatabase {
  opened: OpenedDatabase;
  db: Db;
  /** The engine's version string and, on a server, the settings that move the figures. */
  facts: { version: string; settings: Record<string, string> };
}

/**
 * Opens and migrates the target's database (closed by the cleanups) and logs the engine, the
 * storage and, with `poolSize`, the connection pool.
 */
export async function openBenchDatabase(
  target: Target,
  config: Config,
  cleanups: Cleanups,
  log: (line: string) => void,
  options: { poolSize?: number } = {},
): Promise<BenchDatabase> {
  const opened = await openKeyedDatabase(
    target.database ?? config.database,
    options.poolSize !== undefined ? { poolSize: options.poolSize } : {},
  );
  cleanups.push(() => opened.close());
  const { db } = opened;
  await migrateToLatest(db);
  const facts = await engineFacts(db, target.engine);
  log(`\n## ${target.engine}: ${facts.version.split(',')[0] ?? facts.version}`);
  log(`storage: ${target.storage}`);
  if (options.poolSize !== undefined) {
    if (target.engine === 'postgres') {
      log(
        `pool: ${options.poolSize} connections (openDatabase's default); ${Object.entries(facts.settings)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
      );
    } else {
      log('pool: PGlite has a single connection; concurrent transactions queue for it');
    }
  }
  return { opened, db, facts };
}

export interface BenchServer {
  baseUrl: string;
  /** Closes the app (once; the cleanups call it too). */
  close(): Promise<void>;
}

/** The app in process on 127.0.0.1 (a free port), logger off, closed by the cleanups at the latest. */
export async function startBenchServer(config: Config, database: BenchDatabase, clock: Clock, cleanups: Cleanups): Promise<BenchServer> {
  const app = await buildApp({ config, db: database.db, engine: database.opened.engine, clock }, { logger: false });
  // The audit sequencer runs beside the app as in main.ts, so its cost is in every figure.
  const sequencer = startAuditSequencer(database.db, (error) => {
    throw error;
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await sequencer.stop(); // chains what is left
  };
  cleanups.push(close);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close };
}
