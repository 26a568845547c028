import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { CLK_BYTES, instantiateKernel, kernelModule, sharedMemory, type DiceKernel } from './dice-kernel.ts';
import { runTask, type Task, type TaskResult } from './dice-task.js';

/**
 * Comparing CLKs by Dice similarity: every pair of two sets (two-party linking), every pair within
 * one set (deduplication), or a given list of candidate pairs (after blocking). The filters and
 * their popcounts sit once in a shared WebAssembly memory; with threads > 1, worker threads scan
 * interleaved slices of rows over that same memory.
 */

/** Encoded records: ids and their 1,024-bit CLKs, n × 128 bytes back to back. */
export interface ClkSet {
  ids: string[];
  filters: Uint8Array;
}

/** Pairs with their Dice similarity; `l` indexes the left set, `r` the right (or the same) set. */
export interface ScoredPairs {
  l: Int32Array;
  r: Int32Array;
  similarity: Float64Array;
}

/** Scored pairs and the scan time of the slowest thread (start-up and result collection excluded). */
export interface Comparison extends ScoredPairs {
  scanSeconds: number;
}

export interface ScanOptions {
  /** Keep pairs with Dice ≥ threshold (0 keeps every pair, which for large sets is a lot of memory). */
  threshold: number;
  /** Worker threads (default 1: scan on this thread). */
  threads?: number;
  /**
   * Fewer pairs than this per thread and fewer threads are used: starting a thread costs about as much
   * as a few million comparisons (default 5,000,000; 0 always uses `threads`).
   */
  minPairsPerThread?: number;
  /** Called now and then with comparisons done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Where everything sits in the shared memory (byte offsets). */
export interface Layout {
  aBase: number;
  aPops: number;
  nA: number;
  bBase: number;
  bPops: number;
  nB: number;
  /** Candidate pairs (i32 pairs), when scoring a list. */
  idx: number;
  nPairs: number;
  /** One result region per thread, each `outBytes` long. */
  out: number;
  outBytes: number;
}

export { runTask, type Task, type TaskResult } from './dice-task.js';

/** The filters of A (and B) in a fresh shared memory, with their popcounts. */
function load(a: ClkSet, b: ClkSet | null, pairs: Int32Array | null, threads: number): { kernel: DiceKernel; layout: Layout } {
  const nA = a.ids.length;
  const nB = b ? b.ids.length : nA;
  if (a.filters.length !== nA * CLK_BYTES || (b && b.filters.length !== nB * CLK_BYTES))
    throw new RangeError('a CLK set holds 128 bytes per id');
  const align = (x: number) => Math.ceil(x / 64) * 64;
  const aBase = 0;
  const bBase = b ? align(aBase + nA * CLK_BYTES) : aBase;
  const aPops = align(bBase + (b ? nB * CLK_BYTES : nA * CLK_BYTES));
  const bPops = b ? align(aPops + nA * 4) : aPops;
  const idx = align(bPops + nB * 4);
  const nPairs = pairs ? pairs.length / 2 : 0;
  const out = align(idx + nPairs * 8);
  // A row scan writes at most nB hits; a pair batch at most its length.
  const outBytes = align(pairs ? 8 * Math.min(Math.max(nPairs, 1), 65_536) : 8 * Math.max(nB, 1));
  const memory = sharedMemory(out + outBytes * threads);
  const kernel = instantiateKernel(memory);
  const u8 = new Uint8Array(memory.buffer);
  u8.set(a.filters, aBase);
  if (b) u8.set(b.filters, bBase);
  kernel.popcounts(aBase, nA, aPops);
  if (b) kernel.popcounts(bBase, nB, bPops);
  if (pairs) new Int32Array(memory.buffer, idx, pairs.length).set(pairs);
  return { kernel, layout: { aBase, aPops, nA, bBase, bPops, nB, idx, nPairs, out, outBytes } };
}

function threadCount(options: ScanOptions, pairs: number): number {
  const wanted = Math.max(1, Math.min(options.threads ?? 1, os.availableParallelism()));
  const min = options.minPairsPerThread ?? 5_000_000;
  return min > 0 ? Math.max(1, Math.min(wanted, Math.floor(pairs / min))) : wanted;
}

async function run(kernel: DiceKernel, layout: Layout, tasks: Task[], total: number, options: ScanOptions): Promise<TaskResult[]> {
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  if (tasks.length === 1) return [runTask(kernel, layout, tasks[0]!, 0, progress)];
  const module = kernelModule();
  return Promise.all(
    tasks.map(
      (task, slot) =>
        new Promise<TaskResult>((resolve, reject) => {
          const worker = new Worker(new URL('./dice-worker.js', import.meta.url), {
            workerData: { memory: kernel.memory, module, layout, task, slot },
            // Plain JavaScript: no loader hooks from this process's --import flags.
            execArgv: [],
          });
          worker.on('message', (m: { type: 'progress'; n: number } | { type: 'done'; result: TaskResult }) => {
            if (m.type === 'progress') progress(m.n);
            else resolve(m.result);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`a Dice thread exited with code ${code}`));
          });
        }),
    ),
  );
}

function collect(results: TaskResult[], layout: Layout, kernel: DiceKernel): Comparison {
  const n = results.reduce((s, r) => s + r.l.length, 0);
  const l = new Int32Array(n);
  const r = new Int32Array(n);
  const similarity = new Float64Array(n);
  const i32 = new Int32Array(kernel.memory.buffer);
  const aPops = layout.aPops >>> 2;
  const bPops = layout.bPops >>> 2;
  // Each part is ordered by (l, r) and the parts hold disjoint rows (or consecutive pair ranges), so a
  // merge on (l, r) gives the same order whatever the number of threads.
  const at = results.map(() => 0);
  for (let k = 0; k < n; k++) {
    let best = -1;
    for (let t = 0; t < results.length; t++) {
      const part = results[t]!;
      const h = at[t]!;
      if (h >= part.l.length) continue;
      if (best < 0) {
        best = t;
        continue;
      }
      const other = results[best]!;
      const o = at[best]!;
      if (part.l[h]! < other.l[o]! || (part.l[h] === other.l[o] && part.r[h]! < other.r[o]!)) best = t;
    }
    const part = results[best]!;
    const h = at[best]!++;
    const li = part.l[h]!;
    const ri = part.r[h]!;
    const sum = i32[aPops + li]! + i32[bPops + ri]!;
    l[k] = li;
    r[k] = ri;
    similarity[k] = sum === 0 ? 0 : (2 * part.common[h]!) / sum;
  }
  return { l, r, similarity, scanSeconds: Math.max(0, ...results.map((x) => x.seconds)) };
}

const CHUNK = 64;

function rowTasks(threads: number, self: boolean, threshold: number): Task[] {
  return Array.from({ length: threads }, (_, offset) => ({ kind: 'rows', self, threshold, stride: threads, offset, chunk: CHUNK }));
}

/** Every pair of A × B with Dice ≥ threshold. */
export async function comparePairwise(a: ClkSet, b: ClkSet, options: ScanOptions): Promise<Comparison> {
  const threads = threadCount(options, a.ids.length * b.ids.length);
  const { kernel, layout } = load(a, b, null, threads);
  const results = await run(kernel, layout, rowTasks(threads, false, options.threshold), layout.nA * layout.nB, options);
  return collect(results, layout, kernel);
}

/** Every pair i < j within A with Dice ≥ threshold. */
export async function compareWithin(a: ClkSet, options: ScanOptions): Promise<Comparison> {
  const threads = threadCount(options, (a.ids.length * (a.ids.length - 1)) / 2);
  const { kernel, layout } = load(a, null, null, threads);
  const n = layout.nA;
  const results = await run(kernel, layout, rowTasks(threads, true, options.threshold), (n * (n - 1)) / 2, options);
  return collect(results, layout, kernel);
}

/** The candidate pairs (index pairs into A and B, or into A twice when B is null) with Dice ≥ threshold. */
export async function compareCandidates(a: ClkSet, b: ClkSet | null, pairs: Int32Array, options: ScanOptions): Promise<Comparison> {
  if (pairs.length % 2 !== 0) throw new RangeError('candidate pairs come as (l, r) index pairs');
  const threads = threadCount(options, pairs.length / 2);
  const { kernel, layout } = load(a, b, pairs, threads);
  const n = layout.nPairs;
  const tasks: Task[] = Array.from({ length: threads }, (_, t) => ({
    kind: 'pairs',
    threshold: options.threshold,
    from: Math.floor((n * t) / threads),
    to: Math.floor((n * (t + 1)) / threads),
  }));
  const results = await run(kernel, layout, tasks, n, options);
  return collect(results, layout, kernel);
}
