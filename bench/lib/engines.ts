import os from 'node:os';
import { fixed } from './stats.ts';
import { pgliteTarget, postgresTarget, type Cleanups, type EngineName, type Skipped, type Target } from './targets.ts';

/*
 * Running one benchmark on each engine in turn: a target per engine (PostgreSQL skipped, with the
 * reason, when no server lets the run create a database), everything an engine opened cleaned up
 * before the next one starts, and a failed correctness check reported rather than thrown.
 */

/** A failed correctness check: the run stops and says why. */
export class BenchFailure extends Error {}

export interface EngineRuns<R> {
  results: R[];
  skipped: Skipped[];
  /** The failed check's message, when one failed (the engines after it were not run). */
  failure: string | null;
}

/** Runs `runEngine` on each engine's target; cleans up after each, and all at the end (also on Ctrl-C). */
export async function runOnEngines<R>(
  engines: readonly EngineName[],
  pgliteStorage: 'disk' | 'memory',
  cleanups: Cleanups,
  log: (line: string) => void,
  runEngine: (target: Target) => Promise<R>,
): Promise<EngineRuns<R>> {
  const onSignal = () => {
    process.stderr.write('\ninterrupted: cleaning up\n');
    void cleanups.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results: R[] = [];
  const skipped: Skipped[] = [];
  let failure: string | null = null;
  try {
    for (const engine of engines) {
      const mark = cleanups.mark;
      const target = engine === 'pglite' ? pgliteTarget(pgliteStorage, cleanups) : await postgresTarget(cleanups);
      if ('reason' in target) {
        skipped.push(target);
        log(`\n## postgres: skipped, ${target.reason}`);
        continue;
      }
      try {
        results.push(await runEngine(target));
      } finally {
        // Close this engine's app and database (and drop/remove it) before the next engine runs.
        await cleanups.run(mark, log);
      }
    }
  } catch (error) {
    if (!(error instanceof BenchFailure)) throw error;
    failure = error.message;
  } finally {
    await cleanups.run();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return { results, skipped, failure };
}

/** The 1-minute load average, logged at the start and end of a run: figures from a busy machine are not comparable. */
export function logLoadAverage(log: (line: string) => void, when: 'start' | 'end', cores?: number): number {
  const load = os.loadavg()[0] ?? Number.NaN;
  log(`${when === 'end' ? '\n' : ''}load average (1 min) at ${when}: ${fixed(load, 2)}${cores !== undefined ? ` on ${cores} cores` : ''}`);
  return load;
}
