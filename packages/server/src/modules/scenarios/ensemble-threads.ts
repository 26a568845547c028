import os from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  ensembleMonths,
  summarizeSlices,
  type DrawSlice,
  type EnsembleRequest,
  type EnsembleResult,
  type SliceRequest,
} from './ensemble.ts';
import type { ModelParameters } from './parameters.ts';
import { drawParameters } from './sampling.ts';

/**
 * The ensemble split over worker threads. The draws are made here, from the one seeded generator, and
 * each thread simulates a contiguous slice of them; the slices come back in draw order and are summarized
 * as one, so the result is the same, number for number, whatever the thread count (ensemble-threads.test.ts).
 */
export interface SliceTask {
  readonly request: SliceRequest;
  readonly draws: readonly ModelParameters[];
}

export type SliceMessage = { type: 'progress'; done: number } | { type: 'done'; slice: DrawSlice } | { type: 'failed'; message: string };

/** Threads a run's ensemble uses by default: the machine's cores, at most four. */
export function defaultEnsembleThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** `count` draws split into `parts` contiguous slices whose sizes differ by one at most. */
export function sliceBounds(count: number, parts: number): [number, number][] {
  const n = Math.max(1, Math.min(parts, count));
  return Array.from({ length: n }, (_, i) => [Math.floor((i * count) / n), Math.floor(((i + 1) * count) / n)]);
}

function simulateOnThread(task: SliceTask, onProgress: (done: number) => void): Promise<DrawSlice> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./ensemble-worker.js', import.meta.url), { workerData: task });
    let settled = false;
    worker.on('message', (m: SliceMessage) => {
      if (m.type === 'progress') onProgress(m.done);
      else {
        settled = true;
        if (m.type === 'done') resolve(m.slice);
        else reject(new Error(m.message));
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`an ensemble thread exited with code ${code}`));
    });
  });
}

/** Runs the ensemble on `threads` worker threads; `onProgress(done, total)` counts draws done over all of them. */
export async function runEnsembleOnThreads(
  request: EnsembleRequest,
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<EnsembleResult> {
  const months = ensembleMonths(request);
  const draws = drawParameters(request.ranges, request.draws, request.seed);
  const sliceRequest: SliceRequest = { setting: request.setting, scenarios: request.scenarios, months, costs: request.costs };
  const bounds = sliceBounds(draws.length, threads);
  const done = bounds.map(() => 0);
  const slices = await Promise.all(
    bounds.map(([from, to], i) =>
      simulateOnThread({ request: sliceRequest, draws: draws.slice(from, to) }, (d) => {
        done[i] = d;
        onProgress?.(
          done.reduce((s, v) => s + v, 0),
          draws.length,
        );
      }),
    ),
  );
  return summarizeSlices(request, months, slices);
}
