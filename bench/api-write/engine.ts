import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { CSRF_HEADER, type CreateLocation } from '@continuum/contracts';
import { systemClock } from '../../packages/server/src/clock.ts';
import { verifyAuditChain } from '../../packages/server/src/modules/audit/audit.ts';
import type { AccessContext } from '../../packages/server/src/core/access-context.ts';
import { createLocation } from '../../packages/server/src/modules/organizations/organizations.ts';
import { createTestOrganization, createTestUser } from '../../packages/server/src/test-support/factories.ts';
import { BenchFailure } from '../lib/engines.ts';
import { runHttpLoad } from '../lib/http-load.ts';
import { benchConfig, openBenchDatabase, startBenchServer } from '../lib/server.ts';
import { closedLoop, fixed, type Summary } from '../lib/stats.ts';
import { signIn, sleep, type Cleanups, type EngineName, type Target } from '../lib/targets.ts';

/*
 * One engine of the api-write benchmark: the server and a network administrator, then each mode
 * at each concurrency (HTTP writes, the domain function, a bare insert), the reference points,
 * and the checks that every acknowledged write landed with its audit entry.
 */

export type Mode = 'http' | 'domain' | 'bare';
export const modeLabel: Record<Mode, string> = {
  http: 'HTTP (POST /api/admin/organizations/:id/locations)',
  domain: 'domain function (createLocation: insert + audit, 1 transaction)',
  bare: 'bare insert (1 INSERT, autocommit, no audit)',
};
export const modeShort: Record<Mode, string> = { http: 'HTTP', domain: 'domain function', bare: 'bare insert' };

export interface Cell extends Summary {
  mode: Mode;
  concurrency: number;
  /** Raw ops/s ÷ HTTP ops/s at the same concurrency (null on the HTTP rows). */
  overheadRatio: number | null;
  /** HTTP: count of each status code received. */
  statusCounts?: Record<string, number>;
}

export interface EngineResult {
  engine: EngineName;
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

export interface Options {
  seconds: number;
  warmupSeconds: number;
  concurrency: number[];
  engines: EngineName[];
  pgliteStorage: 'disk' | 'memory';
  json: boolean;
}

const locationInput = (name: string): CreateLocation => ({
  name,
  address1: '1 Harbor St',
  city: 'Harborview',
  region: 'NS',
  postalCode: '97001',
});
const cellName = (mode: Mode, concurrency: number) => `Bench ${mode} c${concurrency}`;
const warmupName = (mode: Mode, concurrency: number) => `Bench ${mode} warmup c${concurrency}`;
export const PG_POOL_SIZE = 10; // openDatabase's default, the one main.ts runs with

export async function runEngine(target: Target, options: Options, log: (line: string) => void, cleanups: Cleanups): Promise<EngineResult> {
  const config = benchConfig(target);
  const database = await openBenchDatabase(target, config, cleanups, log, { poolSize: PG_POOL_SIZE });
  const { db, facts } = database;

  const clock = systemClock;
  const organization = await createTestOrganization(db, clock, { name: 'Bench Organization' });
  const user = await createTestUser(db, clock, { organizationId: organization.id, roles: ['network_admin'] });
  const server = await startBenchServer(config, database, clock, cleanups);
  const { baseUrl } = server;
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

  await server.close();

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
      `audit chain verified, ${chain.checked} entries in ${fixed(chainVerifySeconds, 1)} s, ${chain.pending} not chained`,
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
