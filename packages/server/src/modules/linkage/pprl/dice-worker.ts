import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernel, type KernelMemory, type KernelModule } from './dice-kernel.ts';
import { runTask, type Layout, type Task } from './dice.ts';

/** One Dice thread: its share of rows or pairs over the shared memory; the hits go back transferred. */
const data = workerData as { memory: KernelMemory; module: KernelModule; layout: Layout; task: Task; slot: number };
const kernel = instantiateKernel(data.memory, data.module);
const result = runTask(kernel, data.layout, data.task, data.slot, (n) => parentPort!.postMessage({ type: 'progress', n }));
parentPort!.postMessage({ type: 'done', result }, [
  result.l.buffer as ArrayBuffer,
  result.r.buffer as ArrayBuffer,
  result.common.buffer as ArrayBuffer,
]);
