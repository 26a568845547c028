import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin, signInProcess, startServerProcess, waitForExit } from './test-support/server-process.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-durability-'));
const env = { CONTINUUM_DATA_DIR: dataDir, CONTINUUM_DEMO_SEED: 'off', NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: '' };
const email = 'first.admin@durability.example';
const password = 'a durable long passphrase';

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// The embedded database is the default deployment, so this runs on PGlite whatever the suite's engine.
describe('durability on the embedded database', () => {
  it('keeps an acknowledged write after the process is killed with SIGKILL', async () => {
    await bootstrapAdmin(env, email, password);

    const first = await startServerProcess(env);
    const s = await signInProcess(first.baseUrl, email, password);
    const created = await fetch(`${first.baseUrl}/api/admin/organizations`, {
      method: 'POST',
      headers: { ...s.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Written Just Before The Crash', type: 'harm_reduction' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    first.child.kill('SIGKILL');
    expect((await waitForExit(first.child)).signal).toBe('SIGKILL');

    const second = await startServerProcess(env);
    try {
      const again = await signInProcess(second.baseUrl, email, password);
      const read = await fetch(`${second.baseUrl}/api/admin/organizations/${id}`, { headers: { cookie: again.headers.cookie } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('Written Just Before The Crash');
      // The server holds the embedded database (one process at a time), so verify through the API.
      const chain = await fetch(`${second.baseUrl}/api/admin/audit/verify`, {
        method: 'POST',
        headers: { ...again.headers, 'content-type': 'application/json' },
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
