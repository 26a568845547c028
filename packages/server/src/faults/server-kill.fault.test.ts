import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootstrapAdmin,
  runContinuum,
  signInProcess,
  startServerProcess,
  waitForExit,
  type ProcessSession,
} from '../test-support/server-process.ts';

/*
 * The fault check (docs/reliability.md, "Faults"): the real server process, on the engine this run
 * uses (PostgreSQL when DATABASE_URL is set, else the embedded PGlite), takes audited writes from
 * several concurrent clients and is killed with SIGKILL mid-stream, three times. After each kill the
 * `continuum audit verify` command must pass on what the crash left, and after each restart every
 * write the server acknowledged (answered 2xx) must be there. Writes in flight at the kill may land
 * or not; an acknowledged one must never be lost. Run by `.ci/run` on both engines, not by `npm test`
 * (vitest.faults.config.ts): it starts the server seven times.
 */

const KILLS = 3;
const WRITERS = 8;
/** Acknowledged writes per round before the kill is armed; the kill then comes 100–600 ms later, mid-stream. */
const WRITES_BEFORE_KILL = 25;

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-faults-'));
const email = 'first.admin@faults.example';
const password = 'a long passphrase for the fault check';
let databaseName: string | null = null;
let env: Record<string, string>;

beforeAll(async () => {
  let databaseUrl = '';
  if (process.env.DATABASE_URL) {
    databaseName = `continuum_faults_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    databaseUrl = Object.assign(new URL(process.env.DATABASE_URL), { pathname: `/${databaseName}` }).toString();
  }
  env = {
    DATABASE_URL: databaseUrl,
    CONTINUUM_DATA_DIR: dataDir,
    CONTINUUM_DEMO_SEED: 'off',
    CONTINUUM_DEMO_FEEDS: 'off',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  };
}, 60_000);

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (databaseName) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
});

/** Every location id of the organization, read page by page through the API. */
async function locationIds(s: ProcessSession): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const r = await fetch(`${s.baseUrl}/api/admin/organizations/${s.organizationId}/locations?limit=500&offset=${offset}`, {
      headers: s.headers,
    });
    expect(r.status).toBe(200);
    const page = (await r.json()) as { items: { id: string }[]; total: number };
    for (const item of page.items) ids.add(item.id);
    if (offset + 500 >= page.total) return ids;
  }
}

/** An audited write: a new location (one insert and its audit entry in one transaction). */
async function writeLocation(s: ProcessSession, name: string): Promise<{ status: number; id?: string } | null> {
  try {
    const r = await fetch(`${s.baseUrl}/api/admin/organizations/${s.organizationId}/locations`, {
      method: 'POST',
      headers: { ...s.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name, address1: '1 Harbor Way', city: 'Harbor', region: 'OR', postalCode: '97401' }),
    });
    if (r.status >= 200 && r.status < 300) return { status: r.status, id: ((await r.json()) as { id: string }).id };
    return { status: r.status };
  } catch {
    return null; // the connection died with the process: not acknowledged
  }
}

async function auditVerify(): Promise<{ ok: boolean; checked: number; pending?: number; reason: string | null }> {
  const run = await runContinuum(['audit', 'verify', '--json'], env);
  expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout) as { ok: boolean; checked: number; pending?: number; reason: string | null };
}

describe(`SIGKILL during concurrent audited writes (${engine})`, () => {
  it(`loses no acknowledged write over ${KILLS} kills, and the audit chain verifies after each`, async () => {
    await bootstrapAdmin(env, email, password);

    const acknowledged = new Map<string, string>();
    const refused: number[] = [];
    const rounds: string[] = [];
    for (let kill = 1; kill <= KILLS + 1; kill++) {
      const server = await startServerProcess(env);
      const s = await signInProcess(server.baseUrl, email, password);
      const present = await locationIds(s);
      const lost = [...acknowledged.keys()].filter((id) => !present.has(id));
      expect(lost, `acknowledged writes missing after restart ${kill - 1}`).toEqual([]);
      if (kill > KILLS) {
        server.child.kill('SIGTERM');
        expect((await waitForExit(server.child)).code).toBe(0);
        break;
      }

      let stopped = false;
      let ackedThisRound = 0;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; !stopped; i++) {
          const result = await writeLocation(s, `Fault ${kill}-${w}-${i}`);
          if (result === null) return;
          if (result.id) {
            acknowledged.set(result.id, `Fault ${kill}-${w}-${i}`);
            ackedThisRound++;
          } else if (!stopped) refused.push(result.status);
        }
      });
      while (ackedThisRound < WRITES_BEFORE_KILL && refused.length === 0 && server.child.exitCode === null)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 500)));
      server.child.kill('SIGKILL');
      expect((await waitForExit(server.child)).signal).toBe('SIGKILL');
      stopped = true;
      await Promise.all(writers);
      expect(refused, 'writes refused before the kill').toEqual([]);

      const chain = await auditVerify();
      expect(chain, chain.reason ?? '').toMatchObject({ ok: true });
      rounds.push(
        `kill ${kill}: ${ackedThisRound} acknowledged this round, chain ${chain.checked} entries (+${chain.pending ?? 0} pending)`,
      );
    }

    const final = await auditVerify();
    expect(final).toMatchObject({ ok: true, pending: 0 });
    process.stdout.write(
      `faults (${engine}): ${KILLS} kills, ${acknowledged.size} acknowledged writes checked after each restart, none lost; audit verify passed after each kill and at the end (${final.checked} entries)\n  ${rounds.join('\n  ')}\n`,
    );
  }, 600_000);
});
