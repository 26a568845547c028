import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const SERVER_ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Runs the real `continuum` command in a child process; resolves with its exit code and output. */
export function runContinuum(
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(SERVER_ROOT, 'bin/continuum.js'), ...args], {
      env: { ...process.env, ...env },
      cwd: SERVER_ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Creates the first organization and its administrator through `continuum admin bootstrap`. */
export async function bootstrapAdmin(env: Record<string, string>, email: string, password: string): Promise<void> {
  const boot = await runContinuum(
    [
      'admin',
      'bootstrap',
      '--organization',
      'Harbor County Public Health',
      '--type',
      'public_health',
      '--email',
      email,
      '--name',
      'First Admin',
      '--password-stdin',
    ],
    env,
    `${password}\n`,
  );
  if (boot.code !== 0) throw new Error(`admin bootstrap exited ${boot.code}: ${boot.stderr}`);
}

/** A signed-in staff session against a server process: the headers every write needs. */
export interface ProcessSession {
  baseUrl: string;
  headers: { cookie: string; 'x-csrf-token': string };
  organizationId: string;
}

/** Signs in with a password over HTTP; throws unless the server answers 200. */
export async function signInProcess(baseUrl: string, email: string, password: string): Promise<ProcessSession> {
  const r = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in answered ${r.status}`);
  const session = (await r.json()) as { csrfToken: string; activeOrganizationId: string };
  return {
    baseUrl,
    headers: { cookie: r.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': session.csrfToken },
    organizationId: session.activeOrganizationId,
  };
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
}

/** Starts `src/main.ts` as a real process and waits until /ready answers 200. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER_ROOT, 'src/main.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    cwd: SERVER_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.slice(-2000)}`);
    try {
      const r = await fetch(`${baseUrl}/ready`);
      if (r.status === 200) return { child, baseUrl, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready: ${output.slice(-2000)}`);
}

export function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}
