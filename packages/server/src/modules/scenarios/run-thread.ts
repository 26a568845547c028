import { Worker } from 'node:worker_threads';
import type { ScenarioRunParsed } from '@continuum/contracts';
import type { CommunityData } from './community.ts';
import type { ComputedRun } from './run-compute.ts';

/**
 * Runs one scenario computation on a worker thread, so a 1,000-draw ensemble never blocks the server's
 * event loop; progress arrives as messages (about five a second at most).
 */
export interface ThreadTask {
  readonly input: ScenarioRunParsed;
  readonly data: CommunityData;
  /** Threads the ensemble's draws are split over (ensemble-threads.ts). */
  readonly threads: number;
}

export type ThreadMessage =
  { type: 'progress'; done: number; total: number } | { type: 'done'; run: ComputedRun } | { type: 'failed'; message: string };

export function computeOnThread(task: ThreadTask, onProgress: (done: number, total: number) => void): Promise<ComputedRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./run-worker.js', import.meta.url), { workerData: task });
    let settled = false;
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') onProgress(m.done, m.total);
      else {
        settled = true;
        if (m.type === 'done') resolve(m.run);
        else reject(new Error(m.message));
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the scenario thread exited with code ${code}`));
    });
  });
}
