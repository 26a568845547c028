import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';

/** What the HTTP app is built from: passed in, never read from globals. */
export interface AppDeps {
  config: Config;
  db: Db;
  engine: 'pglite' | 'postgres';
  clock: Clock;
}
