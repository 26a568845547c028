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

/** A whole-number option from 1 to `max`: the number, the fallback when absent, or the usage error to print. */
export function positiveInt(v: string | undefined, name: string, fallback: number, max: number): number | string {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) return `${name} must be a whole number from 1 to ${max}`;
  return Number(v);
}
