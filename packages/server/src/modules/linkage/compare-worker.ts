import { parentPort, workerData } from 'node:worker_threads';
import { buildComparisons } from './comparisons.ts';
import { runWorkerTask, type WorkerTask } from './parallel.ts';
import { patternCodec } from './patterns.ts';

/** A comparison thread: its range of blocked pairs and its share of the u sample. */
const task = workerData as WorkerTask;
const comparisons = buildComparisons(task.encoded);
const result = runWorkerTask(task, comparisons, patternCodec(comparisons));
parentPort!.postMessage(result);
