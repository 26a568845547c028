// A Dice thread: its share of rows or pairs over the shared memory; the hits go back transferred.
// Plain JavaScript (no TypeScript loader), so a thread starts in milliseconds.
import { parentPort, workerData } from 'node:worker_threads';
import { runTask } from './dice-task.js';

const { memory, module, layout, task, slot } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const kernel = { memory, scan: instance.exports.scan, pairs: instance.exports.pairs };
const result = runTask(kernel, layout, task, slot, (n) => parentPort.postMessage({ type: 'progress', n }));
parentPort.postMessage({ type: 'done', result }, [result.l.buffer, result.r.buffer, result.common.buffer]);
