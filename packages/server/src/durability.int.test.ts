import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runContinuum, startServerProcess, waitForExit } from './test-support/server-process.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-durability-'));
const env = { CONTINUUM_DATA_DIR: dataDir, CONTINUUM_DEMO_SEED: 'off', NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: '' };
const email = 'first.admin@durability.example';
const password = 'a durable long passphrase';

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function signIn(baseUrl: string) {
  const r = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const session = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: session.csrfToken };
}

// The embedded database is the default deployment, so this runs on PGlite whatever the suite's engine.
describe('durability on the embedded database', () => {
  it('keeps an acknowledged write after the process is killed with SIGKILL', async () => {
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
    expect(boot.code, boot.stderr).toBe(0);

    const first = await startServerProcess(env);
    const s = await signIn(first.baseUrl);
    const created = await fetch(`${first.baseUrl}/api/admin/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ name: 'Written Just Before The Crash', type: 'harm_reduction' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    first.child.kill('SIGKILL');
    expect((await waitForExit(first.child)).signal).toBe('SIGKILL');

    const second = await startServerProcess(env);
    try {
      const again = await signIn(second.baseUrl);
      const read = await fetch(`${second.baseUrl}/api/admin/organizations/${id}`, { headers: { cookie: again.cookie } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('Written Just Before The Crash');
      // The server holds the embedded database (one process at a time), so verify through the API.
      const chain = await fetch(`${second.baseUrl}/api/admin/audit/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: again.cookie, 'x-csrf-token': again.csrf },
        body: '{}',
      });
      expect(((await chain.json()) as { ok: boolean }).ok).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      const exit = await waitForExit(second.child);
      expect(exit.code).toBe(0);
    }
  }, 240_000);
});
