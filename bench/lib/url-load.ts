import { Worker } from 'node:worker_threads';

/*
 * A closed-loop load generator over a list of URLs (GET, keep-alive), on its own thread: each of
 * `connections` sockets sends the next URL when the last one answered. For one URL and other
 * methods, http-load.ts (autocannon) is the tool.
 */

// A closed-loop load generator on its own thread: `connections` keep-alive sockets, each sending the next URL when the last answered.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { base, urls, connections, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = []; const status = {}; let errors = 0; let next = 0;
const started = Date.now(); const end = started + seconds * 1000;
function one(path) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    http.get(base + path, { agent }, (res) => {
      res.resume();
      res.on('end', () => { latencies.push(Number(process.hrtime.bigint() - t0) / 1e6); status[res.statusCode] = (status[res.statusCode] || 0) + 1; resolve(); });
    }).on('error', () => { errors++; resolve(); });
  });
}
async function loop() { while (Date.now() < end) await one(urls[next++ % urls.length]); }
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  parentPort.postMessage({ latencies: Float64Array.from(latencies), status, errors, elapsedMs: Date.now() - started });
  agent.destroy();
});`;

export function loadUrls(base: string, urls: string[], connections: number, seconds: number) {
  return new Promise<{ latencies: Float64Array; status: Record<string, number>; errors: number; elapsedMs: number }>((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { base, urls, connections, seconds } });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
