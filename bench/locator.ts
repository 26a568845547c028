import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { locatorSearchQuerySchema } from '@continuum/contracts';
import { LocatorIndex } from '../packages/server/src/modules/directory/locator-index.ts';
import { searchLocator } from '../packages/server/src/modules/directory/locator.ts';
import { sql } from 'kysely';
import { systemClock } from '../packages/server/src/clock.ts';
import { importHsds } from '../packages/server/src/modules/directory/hsds/hsds-import.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import type { BenchContext } from './lib/context.ts';
import { benchConfig, openBenchDatabase, startBenchServer } from './lib/server.ts';
import { fixed, markdownTable, summarize, type Summary } from './lib/stats.ts';
import { Cleanups, pgliteTarget, postgresTarget, type Target } from './lib/targets.ts';
import { loadUrls } from './lib/url-load.ts';
import { generateDirectory, searchUrls } from './locator/directory.ts';

export const summary =
  'Public locator: random searches (place × radius × filters) over loopback on a 10,000-service, 25,000-location directory, and the same searches through a bare node:http server (the floor); HSDS import time';

const usage = `Usage: npm run bench -- locator [options]

  --services N      services in the directory (default 10000; locations are 2.5 × N)
  --duration N      seconds measured per engine (default 20)
  --concurrency N   requests in flight (default 32)
  --engine E        pglite, postgres or both (default both)
  --json            human-readable report on stderr, a JSON document on stdout

The directory is generated as HSDS 3.0 organization_full objects across Oregon and imported with
the same function as \`continuum directory import-hsds\` (timed). PostgreSQL: BENCH_DATABASE_URL,
else DATABASE_URL, else a local default; skipped with the reason if unreachable.`;

interface EngineResult extends Summary {
  engine: string;
  /** The same searches through a bare node:http server calling the same search function (no Fastify). */
  floor: Summary;
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
  const config = benchConfig(target);
  const database = await openBenchDatabase(target, config, cleanups, log);
  const { db, facts } = database;

  const directory = generateDirectory(opts.services);
  const t0 = performance.now();
  const report = await importHsds(db, systemClock, systemAccess('locator benchmark'), [{ name: 'bench.json', value: directory }]);
  const importSeconds = (performance.now() - t0) / 1000;
  if (!report.ok) throw new Error(`import failed: ${JSON.stringify(report.issues.slice(0, 3))}`);
  await sql`analyze`.execute(db);
  log(
    `HSDS import (validate + one transaction): ${fixed(importSeconds, 1)} s for ${report.counts.organizations} organizations, ${report.counts.services} services, ${report.counts.locations} locations, ${report.counts.serviceAtLocations} service locations, ${report.counts.schedules} opening periods, ${report.counts.capacities} capacity figures`,
  );

  const { baseUrl: base } = await startBenchServer(config, database, systemClock, cleanups);
  const urls = searchUrls(5000);
  let results = 0;
  for (const u of urls.slice(0, 200)) results += ((await (await fetch(base + u)).json()) as { total: number }).total;
  await loadUrls(base, urls, opts.concurrency, Math.min(3, opts.seconds)); // warm-up
  const measured = await loadUrls(base, urls, opts.concurrency, opts.seconds);
  const s = summarize(measured.latencies, measured.elapsedMs / 1000);
  log(
    `searches: ${s.ops} in ${fixed(measured.elapsedMs / 1000, 1)} s at concurrency ${opts.concurrency}: p50 ${fixed(s.p50Ms, 1)} ms, p99 ${fixed(s.p99Ms, 1)} ms, ${fixed(s.opsPerSecond, 0)} req/s; statuses ${JSON.stringify(measured.status)}, errors ${measured.errors}; mean matches per search ${fixed(results / 200, 0)}`,
  );
  // The floor: the same function, index and load behind a bare node:http server (query schema, search, JSON).
  const floorIndex = new LocatorIndex(250);
  const bare = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parsed = locatorSearchQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      res.writeHead(400).end();
      return;
    }
    const ctx = { now: new Date(), staleHours: config.directory.capacityStaleHours, timeZone: config.timeZone };
    searchLocator(db, ctx, parsed.data, floorIndex).then(
      (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => bare.close(() => resolve())));
  const floorBase = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
  await loadUrls(floorBase, urls, opts.concurrency, Math.min(3, opts.seconds)); // warm-up
  const floorRun = await loadUrls(floorBase, urls, opts.concurrency, opts.seconds);
  const floor = summarize(floorRun.latencies, floorRun.elapsedMs / 1000);
  log(
    `floor (bare node:http, same search): ${floor.ops} at concurrency ${opts.concurrency}: p50 ${fixed(floor.p50Ms, 1)} ms, p99 ${fixed(floor.p99Ms, 1)} ms, ${fixed(floor.opsPerSecond, 0)} req/s; statuses ${JSON.stringify(floorRun.status)}; app p99 ÷ floor p99 ${fixed(s.p99Ms / floor.p99Ms, 2)}`,
  );
  return {
    engine: target.engine,
    floor,
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
      ['engine', 'HSDS import (s)', 'searches', 'p50 (ms)', 'p99 (ms)', 'req/s', 'floor p50 (ms)', 'floor p99 (ms)', 'floor req/s'],
      results.map((r) => [
        r.engine,
        fixed(r.importSeconds, 1),
        String(r.ops),
        fixed(r.p50Ms, 1),
        fixed(r.p99Ms, 1),
        fixed(r.opsPerSecond, 0),
        fixed(r.floor.p50Ms, 1),
        fixed(r.floor.p99Ms, 1),
        fixed(r.floor.opsPerSecond, 0),
      ]),
      [false, true, true, true, true, true, true, true, true],
    )}`,
  );
  if (values.json) process.stdout.write(`${JSON.stringify({ machine: context.machine, options: opts, results, skipped }, null, 2)}\n`);
  return 0;
}
