import type { DiceKernel } from './dice-kernel.ts';
import type { Layout } from './dice.ts';

export type Task =
  | { kind: 'rows'; self: boolean; threshold: number; stride: number; offset: number; chunk: number }
  | { kind: 'pairs'; threshold: number; from: number; to: number };

export interface TaskResult {
  l: Int32Array;
  r: Int32Array;
  common: Int32Array;
  /** Time this thread spent scanning, in seconds (thread start-up excluded). */
  seconds: number;
}

export function runTask(
  kernel: Pick<DiceKernel, 'memory' | 'scan' | 'pairs'>,
  layout: Layout,
  task: Task,
  slot: number,
  onProgress: (comparisons: number) => void,
): TaskResult;
