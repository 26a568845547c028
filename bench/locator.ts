import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import zipcodes from 'zipcodes';
import { taxonomyCodesOf, type TaxonomyCode, HOUR_MS } from '@continuum/contracts';
import { buildApp } from '../packages/server/src/app.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase } from '../packages/server/src/db/database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { continuumAttribute, stableId } from '../packages/server/src/modules/directory/hsds/hsds-taxonomy.ts';
import { importHsds } from '../packages/server/src/modules/directory/hsds/hsds-import.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable, summarize, type Summary } from './lib/stats.ts';
import { Cleanups, engineFacts, pgliteTarget, postgresTarget, type Target } from './lib/targets.ts';

export const summary =
  'Public locator: random searches (place × radius × filters) over loopback on a 10,000-service, 25,000-location directory; HSDS import time';

const usage = `Usage: npm run bench -- locator [options]

  --services N      services in the directory (default 10000; locations are 2.5 × N)
  --duration N      seconds measured per engine (default 20)
  --concurrency N   requests in flight (default 32)
  --engine E        pglite, postgres or both (default both)
  --json            human-readable report on stderr, a JSON document on stdout

The directory is generated as HSDS 3.0 organization_full objects across Oregon and imported with
the same function as \`continuum directory import-hsds\` (timed). PostgreSQL: BENCH_DATABASE_URL,
else DATABASE_URL, else a local default; skipped with the reason if unreachable.`;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real Oregon ZIP codes (offline `zipcodes` data) as town centres for listings and searches.
const OREGON = zipcodes.lookupByState('OR').filter((z) => z.latitude > 41 && z.longitude < -116);

/** `services` services at 2.5 × `services` locations, as HSDS organization_full (4 services, 10 locations each). */
export function generateDirectory(services: number, seed = 1): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const some = (xs: readonly TaxonomyCode[], p: number) => xs.filter(() => r() < p);
  const organizations: Record<string, unknown>[] = [];
  for (let o = 0; o < Math.ceil(services / 4); o++) {
    const orgId = stableId('bench-org', String(o));
    const town = pick(OREGON);
    const locations = Array.from({ length: 10 }, (_, l) => {
      const id = stableId('bench-location', String(o), String(l));
      return {
        id,
        location_type: 'physical',
        organization_id: orgId,
        name: `${town.city} site ${l + 1}`,
        latitude: Math.round((town.latitude + (r() - 0.5) * 0.2) * 1e5) / 1e5,
        longitude: Math.round((town.longitude + (r() - 0.5) * 0.28) * 1e5) / 1e5,
        addresses: [
          {
            id: stableId('bench-address', id),
            location_id: id,
            address_1: `${100 + l} Main St`,
            city: town.city,
            state_province: 'OR',
            postal_code: town.zip,
            country: 'US',
            address_type: 'physical',
          },
        ],
      };
    });
    const split = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ];
    const orgServices = split.map((locs, s) => {
      const id = stableId('bench-service', String(o), String(s));
      const codes = [
        ...some(taxonomyCodesOf('medication'), 0.35),
        ...some(taxonomyCodesOf('level_of_care'), 0.2),
        ...some(taxonomyCodesOf('harm_reduction'), 0.2),
        ...some(taxonomyCodesOf('support'), 0.15),
        ...some(taxonomyCodesOf('payment'), 0.5),
        ...some(taxonomyCodesOf('population'), 0.15),
        ...some(taxonomyCodesOf('access'), 0.3),
      ];
      const opens = pick(['07:00', '08:00', '09:00', '10:00']);
      return {
        id,
        organization_id: orgId,
        name: `Service ${o}-${s}`,
        status: 'active',
        languages: [
          { id: stableId('bench-lang', id, 'en'), code: 'en', name: 'English' },
          ...(r() < 0.3 ? [{ id: stableId('bench-lang', id, 'es'), code: 'es', name: 'Spanish' }] : []),
        ],
        attributes: codes.map((c) => continuumAttribute(id, c)),
        schedules: [
          {
            id: stableId('bench-schedule', id),
            service_id: id,
            freq: 'WEEKLY',
            byday: r() < 0.5 ? 'MO,TU,WE,TH,FR' : 'MO,WE,FR,SA',
            opens_at: opens,
            closes_at: pick(['16:00', '17:00', '19:00']),
          },
        ],
        service_at_locations: locs.map((l) => ({
          id: stableId('bench-sal', id, String(l)),
          service_id: id,
          location_id: locations[l]!.id,
        })),
        ...(r() < 0.3
          ? {
              capacities: [
                {
                  id: stableId('bench-capacity', id),
                  service_id: id,
                  unit: { id: stableId('unit', 'slot'), name: 'slot', scheme: 'Continuum', identifier: 'slot' },
                  available: Math.floor(r() * 6),
                  maximum: 5 + Math.floor(r() * 10),
                  updated: new Date(Date.now() - r() * 48 * HOUR_MS).toISOString(),
                  status: 'accepting',
                },
              ],
            }
          : {}),
      };
    });
    organizations.push({ id: orgId, name: `Organization ${o}`, description: 'Benchmark listing', locations, services: orgServices });
  }
  return organizations;
}

/** A random public search: a place (ZIP, "Town, ST" or coordinates) × a radius × random filters; the first 20 results. */
function searchUrls(n: number, seed = 2): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const z = pick(OREGON);
    const q = new URLSearchParams();
    const place = r();
    if (place < 0.4) q.set('zip', z.zip);
    else if (place < 0.7) q.set('town', `${z.city}, OR`);
    else {
      q.set('lat', (z.latitude + (r() - 0.5) * 0.1).toFixed(4));
      q.set('lon', (z.longitude + (r() - 0.5) * 0.1).toFixed(4));
    }
    q.set('radius', String(pick([5, 10, 10, 25, 50])));
    if (r() < 0.4) q.set('medication', pick(['BU', 'METH', 'NU', 'BU,METH']));
    if (r() < 0.3) q.set('payment', pick(['MD', 'MC', 'PI', 'SS,NP']));
    if (r() < 0.15) q.set('language', 'es');
    if (r() < 0.1) q.set('levelOfCare', pick(['OTP', 'RES', 'OP']));
    if (r() < 0.1) q.set('population', pick(['VET', 'PREG', 'ADOL']));
    if (r() < 0.1) q.set('harmReduction', 'NALOXONE');
    if (r() < 0.2) q.set('walkIn', 'true');
    if (r() < 0.1) q.set('telehealth', 'true');
    if (r() < 0.15) q.set('openNow', 'true');
    if (r() < 0.15) q.set('hasCapacity', 'true');
    q.set('limit', '20'); // one screen of results on a phone
    return `/api/public/locator/search?${q.toString()}`;
  });
}

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

function load(base: string, urls: string[], connections: number, seconds: number) {
  return new Promise<{ latencies: Float64Array; status: Record<string, number>; errors: number; elapsedMs: number }>((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { base, urls, connections, seconds } });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

interface EngineResult extends Summary {
  engine: string;
  version: string;
  storage: string;
  importSeconds: number;
  counts: Record<string, number>;
  statusCounts: Record<string, number>;
  errors: number;
  meanResults: number;
}

async function runEngine(
  target: Target,
  opts: { services: number; seconds: number; concurrency: number },
  log: (l: string) => void,
  cleanups: Cleanups,
): Promise<EngineResult> {
  const config = loadConfig({
    NODE_ENV: 'test',
    CONTINUUM_JOBS: 'off',
    CONTINUUM_DEMO_SEED: 'off',
    LOG_LEVEL: 'silent',
    CONTINUUM_SECRET: randomBytes(20).toString('hex'),
    CONTINUUM_WEB_DIR: '/nonexistent',
    ...target.env,
  });
  const opened = await openDatabase(target.database ?? config.database);
  cleanups.push(() => opened.close());
  await migrateToLatest(opened.db);
  const facts = await engineFacts(opened.db, target.engine);
  log(`\n## ${target.engine}: ${facts.version.split(',')[0] ?? facts.version}\nstorage: ${target.storage}`);

  const directory = generateDirectory(opts.services);
  const t0 = performance.now();
  const report = await importHsds(opened.db, systemClock, systemAccess('locator benchmark'), [{ name: 'bench.json', value: directory }]);
  const importSeconds = (performance.now() - t0) / 1000;
  if (!report.ok) throw new Error(`import failed: ${JSON.stringify(report.issues.slice(0, 3))}`);
  await sql`analyze`.execute(opened.db);
  log(
    `HSDS import (validate + one transaction): ${fixed(importSeconds, 1)} s for ${report.counts.organizations} organizations, ${report.counts.services} services, ${report.counts.locations} locations, ${report.counts.serviceAtLocations} service locations, ${report.counts.schedules} opening periods, ${report.counts.capacities} capacity figures`,
  );

  const app = await buildApp({ config, db: opened.db, engine: opened.engine, clock: systemClock }, { logger: false });
  cleanups.push(() => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const urls = searchUrls(5000);
  let results = 0;
  for (const u of urls.slice(0, 200)) results += ((await (await fetch(base + u)).json()) as { total: number }).total;
  await load(base, urls, opts.concurrency, Math.min(3, opts.seconds)); // warm-up
  const measured = await load(base, urls, opts.concurrency, opts.seconds);
  const s = summarize(measured.latencies, measured.elapsedMs / 1000);
  log(
    `searches: ${s.ops} in ${fixed(measured.elapsedMs / 1000, 1)} s at concurrency ${opts.concurrency}: p50 ${fixed(s.p50Ms, 1)} ms, p99 ${fixed(s.p99Ms, 1)} ms, ${fixed(s.opsPerSecond, 0)} req/s; statuses ${JSON.stringify(measured.status)}, errors ${measured.errors}; mean matches per search ${fixed(results / 200, 0)}`,
  );
  return {
    engine: target.engine,
    version: facts.version,
    storage: target.storage,
    importSeconds,
    counts: { ...report.counts },
    statusCounts: measured.status,
    errors: measured.errors,
    meanResults: results / 200,
    ...s,
  };
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        services: { type: 'string' },
        duration: { type: 'string' },
        concurrency: { type: 'string' },
        engine: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    context.log(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    context.log(usage);
    return 0;
  }
  const opts = {
    services: Number(values.services ?? 10_000),
    seconds: Number(values.duration ?? 20),
    concurrency: Number(values.concurrency ?? 32),
  };
  const engine = values.engine ?? 'both';
  if (
    !Number.isInteger(opts.services) ||
    opts.services < 4 ||
    !(opts.seconds > 0) ||
    !Number.isInteger(opts.concurrency) ||
    opts.concurrency < 1 ||
    !['pglite', 'postgres', 'both'].includes(engine)
  ) {
    context.log(usage);
    return 2;
  }
  const cleanups = new Cleanups();
  const onSignal = () => void cleanups.run().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  const results: EngineResult[] = [];
  const skipped: { engine: string; reason: string }[] = [];
  try {
    for (const name of engine === 'both' ? ['pglite', 'postgres'] : [engine]) {
      const target = name === 'pglite' ? pgliteTarget('disk', cleanups) : await postgresTarget(cleanups);
      if ('reason' in target) {
        skipped.push(target);
        context.log(`\n## postgres: skipped (${target.reason})`);
        continue;
      }
      const mark = cleanups.mark;
      results.push(await runEngine(target, opts, context.log, cleanups));
      await cleanups.run(mark);
    }
  } finally {
    await cleanups.run();
    process.off('SIGINT', onSignal);
  }
  context.log(
    `\n${markdownTable(
      ['engine', 'HSDS import (s)', 'searches', 'p50 (ms)', 'p99 (ms)', 'req/s'],
      results.map((r) => [
        r.engine,
        fixed(r.importSeconds, 1),
        String(r.ops),
        fixed(r.p50Ms, 1),
        fixed(r.p99Ms, 1),
        fixed(r.opsPerSecond, 0),
      ]),
      [false, true, true, true, true, true],
    )}`,
  );
  if (values.json) process.stdout.write(`${JSON.stringify({ machine: context.machine, options: opts, results, skipped }, null, 2)}\n`);
  return 0;
}
