import { parentPort, workerData } from 'node:worker_threads';
import { simulateDraws } from './ensemble.ts';
import type { SliceMessage, SliceTask } from './ensemble-threads.ts';

/** An ensemble thread: simulates one slice of the draws, posting progress at most five times a second. */
const task = workerData as SliceTask;
const post = (m: SliceMessage) => parentPort!.postMessage(m);
try {
  let last = 0;
  const slice = simulateDraws(task.request, task.draws, (done) => {
    const now = Date.now();
    if (done === task.draws.length || now - last >= 200) {
      last = now;
      post({ type: 'progress', done });
    }
  });
  post({ type: 'done', slice });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : 'The ensemble slice failed.' });
}
