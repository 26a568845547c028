import fs from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { CSRF_HEADER, SESSION_COOKIE, type CreateLocation, type Session } from '@continuum/contracts';
import { buildApp } from '../packages/server/src/app.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig, type Config } from '../packages/server/src/config.ts';
import { openDatabase, type Db } from '../packages/server/src/db/database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { verifyAuditChain } from '../packages/server/src/modules/audit/audit.ts';
import type { AccessContext } from '../packages/server/src/core/access-context.ts';
import { createLocation } from '../packages/server/src/modules/organizations/organizations.ts';
import { createTestOrganization, createTestUser, TEST_PASSWORD } from '../packages/server/src/test-support/factories.ts';
import type { BenchContext } from './lib/context.ts';
import { runHttpLoad } from './lib/http-load.ts';
import { closedLoop, fixed, markdownTable, type Summary } from './lib/stats.ts';

export const summary =
  'Authenticated JSON writes (one audited insert each) over loopback vs the same write through the driver, on PGlite and PostgreSQL';

const usage = `Usage: npm run bench -- api-write [options]

  --duration N      seconds measured per cell (default 10)
  --warmup N        seconds of warm-up before each cell, not measured (default 2)
  --concurrency L   comma-separated concurrency levels (default 1,32)
  --engine E        pglite, postgres or both (default both)
  --pglite-storage  disk (a temp data directory, as deployed; default) or memory
  --json            human-readable report on stderr, a JSON document on stdout

PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@localhost:5432/postgres.
The URL must allow CREATE DATABASE: each run creates continuum_bench_<random> and drops it after.
If the server is not reachable, PostgreSQL is skipped (the reason is printed) and the run goes on.`;

type Mode = 'http' | 'domain' | 'bare';
const modeLabel: Record<Mode, string> = {
  http: 'HTTP (POST /api/admin/organizations/:id/locations)',
  domain: 'domain function (createLocation: insert + audit, 1 transaction)',
  bare: 'bare insert (1 INSERT, autocommit, no audit)',
};
const modeShort: Record<Mode, string> = { http: 'HTTP', domain: 'domain function', bare: 'bare insert' };

interface Cell extends Summary {
  mode: Mode;
  concurrency: number;
  /** Raw ops/s ÷ HTTP ops/s at the same concurrency (null on the HTTP rows). */
  overheadRatio: number | null;
  /** HTTP: count of each status code received. */
  statusCounts?: Record<string, number>;
}

interface EngineResult {
  engine: 'pglite' | 'postgres';
  storage: string;
  serverVersion: string;
  settings: Record<string, string>;
  poolSize: number | null;
  cells: Cell[];
  /** HTTP reference points at concurrency 1 (no writes). */
  reference: ReferencePoint[];
  checks: {
    locationRows: number;
    auditRows: number;
    auditLocationCreates: number;
    auditedLocationsMissingEntry: number;
    chainOk: boolean;
    chainChecked: number;
    chainVerifySeconds: number;
    perCell: { mode: Mode; concurrency: number; acknowledged: number; landed: number }[];
  };
}

interface ReferencePoint extends Summary {
  label: string;
  path: string;
  what: string;
}

const referencePoints = [
  { label: 'GET /health', path: '/health', what: 'HTTP stack only: public route, no database' },
  { label: 'GET /api/me', path: '/api/me', what: 'HTTP stack + session authentication (3 reads), no write' },
];

interface Skipped {
  engine: 'pglite' | 'postgres';
  reason: string;
}

interface Options {
  seconds: number;
  warmupSeconds: number;
  concurrency: number[];
  engines: ('pglite' | 'postgres')[];
  pgliteStorage: 'disk' | 'memory';
  json: boolean;
}

/** A failed correctness check: the run stops and says why. */
class BenchFailure extends Error {}

const locationInput = (name: string): CreateLocation => ({
  name,
  address1: '1 Harbor St',
  city: 'Harborview',
  region: 'NS',
  postalCode: '97001',
});
const cellName = (mode: Mode, concurrency: number) => `Bench ${mode} c${concurrency}`;
const warmupName = (mode: Mode, concurrency: number) => `Bench ${mode} warmup c${concurrency}`;
const PG_POOL_SIZE = 10; // openDatabase's default, the one main.ts runs with

function parseOptions(args: string[]): Options | { error: string } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        duration: { type: 'string' },
        warmup: { type: 'string' },
        concurrency: { type: 'string' },
        engine: { type: 'string' },
        'pglite-storage': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return 'help';
  const seconds = Number(values.duration ?? '10');
  const warmupSeconds = Number(values.warmup ?? '2');
  const concurrency = (values.concurrency ?? '1,32').split(',').map((s) => Number(s.trim()));
  const engine = values.engine ?? 'both';
  if (!Number.isFinite(seconds) || seconds <= 0) return { error: '--duration must be a positive number of seconds' };
  if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0) return { error: '--warmup must be zero or more seconds' };
  if (concurrency.some((c) => !Number.isInteger(c) || c < 1 || c > 1000))
    return { error: '--concurrency must list integers from 1 to 1000' };
  if (!['pglite', 'postgres', 'both'].includes(engine)) return { error: '--engine must be pglite, postgres or both' };
  const pgliteStorage = values['pglite-storage'] ?? 'disk';
  if (pgliteStorage !== 'disk' && pgliteStorage !== 'memory') return { error: '--pglite-storage must be disk or memory' };
  return {
    seconds,
    warmupSeconds,
    concurrency,
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine as 'pglite' | 'postgres'],
    pgliteStorage,
    json: values.json ?? false,
  };
}

/** Cleanups to run on the way out, also on Ctrl-C, so no temp directory or bench database is left behind. */
const cleanups: (() => Promise<void>)[] = [];
async function runCleanups() {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

interface Target {
  engine: 'pglite' | 'postgres';
  storage: string;
  env: Record<string, string>;
  /** Overrides the database config loadConfig derives from env. */
  database?: Config['database'];
}

function pgliteTarget(storage: 'disk' | 'memory'): Target {
  // loadConfig has no in-memory setting (its data directory defaults to ./data), so memory bypasses the env.
  if (storage === 'memory')
    return { engine: 'pglite', storage: 'in memory (no data directory)', env: {}, database: { kind: 'pglite', dataDir: null } };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-pglite-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    engine: 'pglite',
    storage: `on-disk data directory in ${os.tmpdir()} (as deployed), removed after`,
    env: { CONTINUUM_DATA_DIR: dir },
  };
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function postgresTarget(): Promise<Target | Skipped> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const url = given ?? 'postgres://postgres@localhost:5432/postgres';
  const source = process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : process.env.DATABASE_URL ? 'DATABASE_URL' : 'the default URL';
  const name = `continuum_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    const why = error instanceof Error ? error.message : String(error);
    return { engine: 'postgres', reason: `could not create a database through ${source} (${redact(url)}): ${why}` };
  }
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  });
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    engine: 'postgres',
    storage: `database ${name} on ${dbUrl.host} via ${source}, dropped after`,
    env: { DATABASE_URL: dbUrl.toString() },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(baseUrl: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) throw new BenchFailure(`sign-in failed: ${response.status} ${await response.text()}`);
  const token = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!token) throw new BenchFailure('sign-in set no session cookie');
  const session = (await response.json()) as Session;
  return { cookie: token, csrf: session.csrfToken };
}

async function engineFacts(db: Db, engine: 'pglite' | 'postgres'): Promise<{ version: string; settings: Record<string, string> }> {
  const version = (await sql<{ version: string }>`select version()`.execute(db)).rows[0]?.version ?? 'unknown';
  const settings: Record<string, string> = {};
  if (engine === 'postgres') {
    for (const name of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections']) {
      const row = (await sql<{ setting: string }>`select current_setting(${name}) as setting`.execute(db)).rows[0];
      settings[name] = row?.setting ?? '?';
    }
  }
  return { version, settings };
}

async function runEngine(target: Target, options: Options, log: (line: string) => void): Promise<EngineResult> {
  const config = loadConfig({
    NODE_ENV: 'test',
    CONTINUUM_JOBS: 'off',
    CONTINUUM_DEMO_SEED: 'off',
    LOG_LEVEL: 'silent',
    CONTINUUM_SECRET: randomBytes(20).toString('hex'),
    CONTINUUM_LOGIN_RATE_PER_MINUTE: '10000',
    CONTINUUM_WEB_DIR: '/nonexistent',
    ...target.env,
  });
  const opened = await openDatabase(target.database ?? config.database, { poolSize: PG_POOL_SIZE });
  cleanups.push(() => opened.close());
  const { db } = opened;
  await migrateToLatest(db);
  const facts = await engineFacts(db, target.engine);
  log(`\n## ${target.engine}: ${facts.version.split(',')[0] ?? facts.version}`);
  log(`storage: ${target.storage}`);
  if (target.engine === 'postgres') {
    log(
      `pool: ${PG_POOL_SIZE} connections (openDatabase's default); ${Object.entries(facts.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  } else {
    log('pool: PGlite has a single connection; concurrent transactions queue for it');
  }

  const clock = systemClock;
  const organization = await createTestOrganization(db, clock, { name: 'Bench Organization' });
  const user = await createTestUser(db, clock, { organizationId: organization.id, roles: ['network_admin'] });
  const app = await buildApp({ config, db, engine: opened.engine, clock }, { logger: false });
  let appClosed = false;
  const closeApp = async () => {
    if (appClosed) return;
    appClosed = true;
    await app.close();
  };
  cleanups.push(closeApp);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const { cookie, csrf } = await signIn(baseUrl, user.email);
  const writeUrl = `${baseUrl}/api/admin/organizations/${organization.id}/locations`;
  const headers = { cookie, [CSRF_HEADER]: csrf, 'content-type': 'application/json' };

  const probe = await fetch(writeUrl, { method: 'POST', headers, body: JSON.stringify(locationInput('Bench probe')) });
  if (probe.status !== 201) throw new BenchFailure(`the probe write answered ${probe.status}, not 201: ${await probe.text()}`);
  const session = await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();

  // The access context the route builds for this signed-in user, one request id per write as there.
  const accessFor = (): AccessContext => ({
    actor: { type: 'user', userId: user.id, sessionId: session.id },
    organizationId: organization.id,
    roles: ['network_admin'],
    requestId: randomUUID(),
  });

  const cells: Cell[] = [];
  const perCell: EngineResult['checks']['perCell'] = [];

  /** Warm-up, then a measured autocannon run; every response must carry the expected status. */
  async function measureHttp(
    label: string,
    request: { url: string; method: 'GET' | 'POST'; warmupBody?: string; body?: string },
    concurrency: number,
    expectedStatus: string,
  ): Promise<Summary & { statusCounts: Record<string, number> }> {
    const load = (body: string | undefined, seconds: number) =>
      runHttpLoad({
        url: request.url,
        method: request.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        connections: concurrency,
        seconds,
      });
    if (options.warmupSeconds > 0) await load(request.warmupBody, options.warmupSeconds);
    await sleep(300);
    const result = await load(request.body, options.seconds);
    await sleep(300); // let requests in flight when the load generator stopped finish before the next cell
    const statuses =
      Object.entries(result.statusCounts)
        .map(([s, n]) => `${s}×${n}`)
        .join(', ') || 'none';
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.ops === 0) {
      throw new BenchFailure(
        `${label} at concurrency ${concurrency}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts (statuses: ${statuses})`,
      );
    }
    if (Object.keys(result.statusCounts).some((s) => s !== expectedStatus)) {
      throw new BenchFailure(`${label} at concurrency ${concurrency}: expected only ${expectedStatus}, got ${statuses}`);
    }
    return result;
  }

  const httpCell = (concurrency: number) =>
    measureHttp(
      'HTTP write',
      {
        url: writeUrl,
        method: 'POST',
        warmupBody: JSON.stringify(locationInput(warmupName('http', concurrency))),
        body: JSON.stringify(locationInput(cellName('http', concurrency))),
      },
      concurrency,
      '201',
    );

  async function rawCell(mode: 'domain' | 'bare', concurrency: number): Promise<Summary> {
    const op = (name: string): (() => Promise<unknown>) => {
      const input = locationInput(name);
      if (mode === 'domain') return () => createLocation(db, clock, accessFor(), organization.id, input);
      return () => {
        const now = clock.now();
        return db
          .insertInto('locations')
          .values({
            organization_id: organization.id,
            name: input.name,
            address1: input.address1,
            address2: null,
            city: input.city,
            region: input.region,
            postal_code: input.postalCode,
            latitude: null,
            longitude: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      };
    };
    if (options.warmupSeconds > 0) await closedLoop(concurrency, options.warmupSeconds, op(warmupName(mode, concurrency)));
    await sleep(300);
    return closedLoop(concurrency, options.seconds, op(cellName(mode, concurrency)));
  }

  for (const mode of ['http', 'domain', 'bare'] as const) {
    for (const concurrency of options.concurrency) {
      const result = mode === 'http' ? await httpCell(concurrency) : await rawCell(mode, concurrency);
      const http = cells.find((c) => c.mode === 'http' && c.concurrency === concurrency);
      const cell: Cell = {
        mode,
        concurrency,
        ...result,
        overheadRatio: http && mode !== 'http' ? result.opsPerSecond / http.opsPerSecond : null,
      };
      cells.push(cell);
      perCell.push({ mode, concurrency, acknowledged: result.ops, landed: 0 });
      log(
        `  ${modeShort[mode].padEnd(15)} c=${String(concurrency).padEnd(3)} ${String(result.ops).padStart(7)} ops in ${fixed(result.seconds, 1)} s  ` +
          `${fixed(result.opsPerSecond, 0).padStart(6)} ops/s  p50 ${fixed(result.p50Ms, 2)} ms  p99 ${fixed(result.p99Ms, 2)} ms`,
      );
    }
  }

  // Reference points at concurrency 1, to split the HTTP write's time: the HTTP stack alone, then
  // the stack plus session authentication (3 reads), neither writing.
  const reference: ReferencePoint[] = [];
  for (const point of referencePoints) {
    const result = await measureHttp(point.label, { url: `${baseUrl}${point.path}`, method: 'GET' }, 1, '200');
    const { statusCounts: _statusCounts, ...summary } = result;
    reference.push({ ...point, ...summary });
    log(
      `  ${point.label.padEnd(15)} c=1   ${String(result.ops).padStart(7)} ops in ${fixed(result.seconds, 1)} s  ` +
        `${fixed(result.opsPerSecond, 0).padStart(6)} ops/s  p50 ${fixed(result.p50Ms, 2)} ms  p99 ${fixed(result.p99Ms, 2)} ms`,
    );
  }

  await closeApp();

  // Every acknowledged write must have landed, and every audited one must have its audit entry.
  const byName = await db
    .selectFrom('locations')
    .select((eb) => ['name', eb.fn.countAll<string>().as('n')])
    .groupBy('name')
    .execute();
  const landed = (name: string) => Number(byName.find((r) => r.name === name)?.n ?? 0);
  for (const check of perCell) {
    check.landed = landed(cellName(check.mode, check.concurrency));
    const slack = check.mode === 'http' ? check.concurrency : 0; // requests in flight when autocannon stopped still commit
    if (check.landed < check.acknowledged || check.landed > check.acknowledged + slack) {
      throw new BenchFailure(
        `${check.mode} c${check.concurrency}: ${check.acknowledged} writes acknowledged but ${check.landed} rows landed`,
      );
    }
  }
  const locationRows = byName.reduce((n, r) => n + Number(r.n), 0);
  const count = async (query: RawBuilder<{ n: string }>) => Number((await query.execute(db)).rows[0]?.n ?? 0);
  const auditRows = await count(sql<{ n: string }>`select count(*) as n from audit_events`);
  const auditLocationCreates = await count(sql<{ n: string }>`select count(*) as n from audit_events where action = 'location.create'`);
  const auditedLocations = await count(sql<{ n: string }>`select count(*) as n from locations where name not like 'Bench bare%'`);
  const auditedLocationsMissingEntry = await count(sql<{ n: string }>`
    select count(*) as n from locations l
    where l.name not like 'Bench bare%'
      and not exists (select 1 from audit_events a where a.entity_type = 'location' and a.entity_id = l.id::text)`);
  if (auditedLocationsMissingEntry > 0 || auditLocationCreates !== auditedLocations) {
    throw new BenchFailure(
      `audit: ${auditedLocations} audited locations, ${auditLocationCreates} location.create entries, ${auditedLocationsMissingEntry} without an entry`,
    );
  }
  const verifyStart = process.hrtime.bigint();
  const chain = await verifyAuditChain(db);
  const chainVerifySeconds = Number(process.hrtime.bigint() - verifyStart) / 1e9;
  if (!chain.ok) throw new BenchFailure(`the audit chain does not verify: entry ${chain.firstBrokenId}: ${chain.reason}`);
  log(
    `  checks: ${locationRows} location rows, ${auditRows} audit entries (${auditLocationCreates} location.create, one per audited location); ` +
      `audit chain verified, ${chain.checked} entries in ${fixed(chainVerifySeconds, 1)} s`,
  );

  return {
    engine: target.engine,
    storage: target.storage,
    serverVersion: facts.version,
    settings: facts.settings,
    poolSize: target.engine === 'postgres' ? PG_POOL_SIZE : null,
    cells,
    reference,
    checks: {
      locationRows,
      auditRows,
      auditLocationCreates,
      auditedLocationsMissingEntry,
      chainOk: chain.ok,
      chainChecked: chain.checked,
      chainVerifySeconds,
      perCell,
    },
  };
}

function engineTable(result: EngineResult): string {
  const rows = result.cells.map((c) => [
    modeShort[c.mode],
    String(c.concurrency),
    String(c.ops),
    fixed(c.opsPerSecond, 0),
    fixed(c.p50Ms, 2),
    fixed(c.p99Ms, 2),
    c.overheadRatio === null ? '—' : `${fixed(c.overheadRatio, 2)}×`,
  ]);
  return markdownTable(['Mode', 'Concurrency', 'Ops', 'Ops/s', 'p50 ms', 'p99 ms', 'Overhead ratio'], rows, [
    false,
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  const parsed = parseOptions(args);
  if (parsed === 'help') {
    context.log(usage);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`api-write: ${parsed.error}\n\n${usage}\n`);
    return 2;
  }
  const options = parsed;
  const { log } = context;
  const onSignal = () => {
    process.stderr.write('\ninterrupted: cleaning up\n');
    void runCleanups().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  log(`\n# api-write: ${summary}`);
  log(`date: ${new Date().toISOString()}`);
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  log(`load average (1 min) at start: ${fixed(loadAtStart, 2)} on ${context.machine.cores} cores`);
  log(
    `cells: ${options.concurrency.join(' and ')} concurrent writers × ${options.seconds} s each, after ${options.warmupSeconds} s warm-up`,
  );
  log(
    'load: autocannon 8 in a worker thread of this process (own event loop; shares the CPU cores with the server and, for PostgreSQL, with the database)',
  );
  log('server: buildApp in-process on 127.0.0.1, logger off, jobs off, session cookie + CSRF header, same Kysely handle as the raw writes');
  log('modes:');
  for (const mode of ['http', 'domain', 'bare'] as const) log(`  ${modeShort[mode]}: ${modeLabel[mode]}`);
  log('overhead ratio = raw ops/s ÷ HTTP ops/s at the same concurrency (1.00 = HTTP costs nothing; 2.00 = raw does twice the writes)');

  const results: EngineResult[] = [];
  const skipped: Skipped[] = [];
  let failure: string | null = null;
  try {
    for (const engine of options.engines) {
      const mark = cleanups.length;
      const target = engine === 'pglite' ? pgliteTarget(options.pgliteStorage) : await postgresTarget();
      if ('reason' in target) {
        skipped.push(target);
        log(`\n## postgres: skipped, ${target.reason}`);
        continue;
      }
      try {
        results.push(await runEngine(target, options, log));
      } finally {
        // Close this engine's app and database (and drop/remove it) before the next engine runs.
        while (cleanups.length > mark) {
          const cleanup = cleanups.pop()!;
          await cleanup().catch((error: unknown) => log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`));
        }
      }
    }
  } catch (error) {
    if (!(error instanceof BenchFailure)) throw error;
    failure = error.message;
  } finally {
    await runCleanups();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  if (failure) {
    process.stderr.write(`\napi-write FAILED: ${failure}\n`);
    return 1;
  }

  const loadAtEnd = os.loadavg()[0] ?? Number.NaN;
  log(`\nload average (1 min) at end: ${fixed(loadAtEnd, 2)}`);
  log('\n## Results');
  for (const result of results) {
    log(`\n### ${result.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${result.serverVersion.split(',')[0] ?? ''})\n`);
    log(engineTable(result));
    const http1 = result.cells.find((c) => c.mode === 'http' && c.concurrency === 1);
    const domain1 = result.cells.find((c) => c.mode === 'domain' && c.concurrency === 1);
    if (http1 && domain1) log(`\nHTTP adds ${fixed(http1.p50Ms - domain1.p50Ms, 2)} ms to the median write at concurrency 1.`);
    if (result.reference.length > 0) {
      log('\nReference points at concurrency 1 (no writes):\n');
      log(
        markdownTable(
          ['Request', 'What it measures', 'Ops/s', 'p50 ms', 'p99 ms'],
          result.reference.map((r) => [r.label, r.what, fixed(r.opsPerSecond, 0), fixed(r.p50Ms, 2), fixed(r.p99Ms, 2)]),
          [false, false, true, true, true],
        ),
      );
    }
  }
  for (const s of skipped) log(`\n${s.engine}: skipped (${s.reason})`);

  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'api-write',
          date: new Date().toISOString(),
          machine: context.machine,
          options: {
            seconds: options.seconds,
            warmupSeconds: options.warmupSeconds,
            concurrency: options.concurrency,
            pgliteStorage: options.pgliteStorage,
          },
          loadAverage1m: { start: loadAtStart, end: loadAtEnd },
          overheadRatio: 'raw ops/s ÷ HTTP ops/s at the same concurrency',
          engines: results,
          skipped,
        },
        null,
        2,
      )}\n`,
    );
  }
  return 0;
}
