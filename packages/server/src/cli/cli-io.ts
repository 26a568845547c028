import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';

/**
 * What a CLI command needs from its process, passed in so tests can call the command with a
 * PGlite database and capture its output. Progress goes to `stderr`, results to `stdout`.
 */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Opens the configured database; the command closes it. */
  openDb: () => Promise<{ db: Db; close(): Promise<void> }>;
  clock: Clock;
}

/** Exit codes shared by every command (house style B10). */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;
