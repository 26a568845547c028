import { Worker } from 'node:worker_threads';
import { summarize, type Summary } from './stats.ts';

/** One load run: a fixed number of keep-alive connections, each sending the next request when the last one answered. */
export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}

/** What the worker sends back; latencies travel as a transferred Float64Array. */
export interface LoadReport {
  latenciesMs: Float64Array;
  statusCounts: Record<string, number>;
  elapsedMs: number;
  errors: number;
  timeouts: number;
}

export interface LoadResult extends Summary {
  statusCounts: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Runs autocannon in a worker thread, so the load generator has its own event loop (though it
 * still shares the machine's cores with the server). Latency per response is autocannon's own
 * hrtime measurement, write of the request to the parsed response, in milliseconds.
 */
export async function runHttpLoad(job: LoadJob): Promise<LoadResult> {
  // Node 20 does not apply --import hooks to a worker's entry, so the worker registers tsx itself.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./autocannon-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const report = await new Promise<LoadReport>((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: job });
    let settled = false;
    worker.once('message', (message: LoadReport) => {
      settled = true;
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the load worker exited with code ${code} before reporting`));
    });
  });
  const summary = summarize(report.latenciesMs, report.elapsedMs / 1000);
  const non2xx = Object.entries(report.statusCounts)
    .filter(([status]) => !status.startsWith('2'))
    .reduce((n, [, count]) => n + count, 0);
  return { ...summary, statusCounts: report.statusCounts, non2xx, errors: report.errors, timeouts: report.timeouts };
}
