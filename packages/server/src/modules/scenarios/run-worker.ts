import { parentPort, workerData } from 'node:worker_threads';
import { computeScenarioRunOnThreads } from './run-compute.ts';
import type { ThreadMessage, ThreadTask } from './run-thread.ts';

/** A scenario thread: computes one run (its ensemble split over threads of its own), posting progress as it goes. */
const task = workerData as ThreadTask;
const post = (m: ThreadMessage) => parentPort!.postMessage(m);
try {
  let last = 0;
  const run = await computeScenarioRunOnThreads(task.input, task.data, task.threads, (done, total) => {
    const now = Date.now();
    if (done === total || now - last >= 200) {
      last = now;
      post({ type: 'progress', done, total });
    }
  });
  post({ type: 'done', run });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : 'The run failed.' });
}
