import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the journeys point the browser, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
  }
}

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(webDir, '../..');
const artifactsDir = path.join(webDir, '.test-artifacts');
const readyTimeoutMs = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** The server serves packages/web/dist; build it when it is missing or older than the sources. */
async function ensureWebBuild(): Promise<void> {
  const builtIndex = path.join(webDir, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', '../contracts/src'].map((item) => path.join(webDir, item));
  const isStale = !fs.existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > fs.statSync(builtIndex).mtimeMs;
  if (!isStale) return;
  // A child process, because this one runs with NODE_ENV=test, which would bundle React's development build.
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const { NODE_ENV: _testEnv, ...env } = process.env;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

function logTail(logFile: string): string {
  try {
    return fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${logTail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server was not ready within ${readyTimeoutMs / 1000} s:\n${logTail(logFile)}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a real Continuum server on a free port with a fresh PGlite data directory (seeded with the
 * demo community) and hands its URL to the journeys. Set E2E_BASE_URL to run against a server that
 * is already running instead.
 */
export default async function setup(project: TestProject) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }

  await ensureWebBuild();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-e2e-'));
  const logFile = path.join(artifactsDir, 'e2e-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      CONTINUUM_DATA_DIR: dataDir,
      // The address the browser uses, so a SMART launch's redirect URI comes back to it (smart-launch-journey).
      CONTINUUM_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // A smaller synthetic population keeps the first start quick; the journeys need only the staff.
      CONTINUUM_DEMO_PEOPLE: process.env.CONTINUUM_DEMO_PEOPLE ?? '200',
    },
    stdio: ['ignore', log, log],
  });
  const baseUrl = `http://127.0.0.1:${port}`;

  try {
    await waitUntilReady(baseUrl, child, logFile);
  } catch (error) {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env.E2E_BASE_URL = baseUrl;
  project.provide('baseUrl', baseUrl);

  return async () => {
    await stop(child);
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
