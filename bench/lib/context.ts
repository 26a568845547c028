import type { Machine } from './machine.ts';

/** What the dispatcher hands a benchmark. */
export interface BenchContext {
  machine: Machine;
  /** Human-readable output: stdout, or stderr when --json puts the JSON document on stdout. */
  log(line: string): void;
}

/** A benchmark module: `run` returns the process exit code. */
export interface Benchmark {
  summary: string;
  run(args: string[], context: BenchContext): Promise<number>;
}
