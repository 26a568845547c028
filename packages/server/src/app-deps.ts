import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { SmsSender } from './core/sms-sender.ts';

/** What the HTTP app is built from: passed in, never read from globals. */
export interface AppDeps {
  config: Config;
  db: Db;
  engine: 'pglite' | 'postgres';
  clock: Clock;
  /** The person's portal's text-message sender (core/sms-sender.ts); unset: the development one outside production. */
  smsSender?: SmsSender;
}
