import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockedPairs, LinkMode } from './blocking.ts';
import { buildComparisons, type Comparison } from './comparisons.ts';
import type { Encoded } from './encode.ts';
import { comparePairs, estimateU, type PatternCodec } from './patterns.ts';

/**
 * The two costly stages, comparing blocked pairs and sampling random pairs for u, split over worker
 * threads: the pair arrays and outputs live in SharedArrayBuffers, each thread builds the same
 * comparisons from the encoded records (plain data, copied once) and fills its range. Results do not
 * depend on the number of threads (each pair's code is the same; u uses one seeded stream per comparison).
 */
export interface WorkerTask {
  encoded: Encoded;
  left: Uint32Array;
  right: Uint32Array;
  keys: Float64Array[];
  codes: Float64Array;
  masks: Uint16Array;
  start: number;
  end: number;
  u?: { comparisons: number[]; pairs: number; seed: number; mode: LinkMode };
}

export interface WorkerResult {
  u: [number, Float64Array][];
}

/** What a thread does (the worker file and the calling thread run the same function). */
export function runWorkerTask(task: WorkerTask, comparisons: readonly Comparison[], codec: PatternCodec): WorkerResult {
  comparePairs(comparisons, codec, { left: task.left, right: task.right, keys: task.keys }, task.start, task.end, task.codes, task.masks);
  const u: [number, Float64Array][] = [];
  if (task.u) {
    const uncached = buildComparisons(task.encoded, { cache: false });
    const picked = task.u.comparisons.map((c) => uncached[c]!);
    const { u: estimates } = estimateU(task.encoded, picked, { ...task.u, seedOffsets: task.u.comparisons });
    task.u.comparisons.forEach((c, i) => u.push([c, estimates[i]!]));
  }
  return { u };
}

function shared<T extends Float64Array | Uint32Array | Uint16Array>(source: T, make: (b: SharedArrayBuffer) => T): T {
  const out = make(new SharedArrayBuffer(source.byteLength));
  out.set(source as never);
  return out;
}

export function threadsFor(requested: number | undefined, pairs: number, minPairs: number): number {
  const wanted = Math.max(1, Math.min(requested ?? 1, os.availableParallelism()));
  return pairs >= minPairs ? Math.min(wanted, 2) : 1;
}

/** Compares all blocked pairs and estimates u, on this thread and one worker thread. */
export async function compareAndSampleInParallel(
  e: Encoded,
  comparisons: readonly Comparison[],
  codec: PatternCodec,
  blocked: BlockedPairs,
  u: { pairs: number; seed: number; mode: LinkMode },
): Promise<{ codes: Float64Array; masks: Uint16Array; u: Float64Array[] }> {
  const count = blocked.count;
  const left = shared(blocked.left.subarray(0, count), (b) => new Uint32Array(b));
  const right = shared(blocked.right.subarray(0, count), (b) => new Uint32Array(b));
  const keys = blocked.keys.map((k) => shared(k, (b) => new Float64Array(b)));
  const codes = new Float64Array(new SharedArrayBuffer(count * 8));
  const masks = new Uint16Array(new SharedArrayBuffer(Math.max(2, count * 2)));
  const mid = count >> 1;
  const all = comparisons.map((_, c) => c);
  const base = { encoded: e, left, right, keys, codes, masks };
  const workerTask: WorkerTask = { ...base, start: mid, end: count, u: { ...u, comparisons: all.filter((c) => c % 2 === 1) } };
  const result = new Promise<WorkerResult>((resolve, reject) => {
    const worker = new Worker(new URL('./compare-worker.js', import.meta.url), { workerData: workerTask });
    worker.once('message', (m: WorkerResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a comparison thread exited with code ${code}`));
    });
  });
  const mine = runWorkerTask({ ...base, start: 0, end: mid, u: { ...u, comparisons: all.filter((c) => c % 2 === 0) } }, comparisons, codec);
  const theirs = await result;
  const estimates: Float64Array[] = new Array<Float64Array>(comparisons.length);
  for (const [c, x] of [...mine.u, ...theirs.u]) estimates[c] = x;
  return { codes, masks, u: estimates };
}
