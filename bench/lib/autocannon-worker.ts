import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadJob, LoadReport } from './http-load.ts';

// Worker thread entry: runs one autocannon job and posts a LoadReport back (or throws, which the
// parent sees as the worker's 'error' event).
const job = workerData as LoadJob;
const latencies: number[] = [];
const statusCounts: Record<string, number> = {};
const started = performance.now();

const instance = autocannon(
  {
    url: job.url,
    method: job.method,
    headers: job.headers,
    ...(job.body !== undefined ? { body: job.body } : {}),
    connections: job.connections,
    pipelining: 1,
    duration: job.seconds,
    timeout: 30,
  },
  (error, result) => {
    if (error) throw error;
    const latenciesMs = Float64Array.from(latencies);
    const report: LoadReport = {
      latenciesMs,
      statusCounts,
      elapsedMs: performance.now() - started,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    parentPort?.postMessage(report, [latenciesMs.buffer as ArrayBuffer]);
  },
);
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  const key = String(statusCode);
  statusCounts[key] = (statusCounts[key] ?? 0) + 1;
});
