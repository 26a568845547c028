// Longer than 300 lines: one run prints the product's computation, the set-based one and DuckDB's over the same generated events.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { manualClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openKeyedDatabase } from './lib/keyed-database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { seedDemoCommunity } from '../packages/server/src/demo/demo-seed.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import { recomputeNow } from '../packages/server/src/modules/learning/compute.ts';
import { readCascade, readChart, readResults } from '../packages/server/src/modules/learning/read.ts';
import type { BenchContext } from './lib/context.ts';
import { cloneCommunity, generateCommunity, TODAY } from './measures/community.ts';
import { describeDuck, duckdbFollowUp, type DuckFollowUp } from './measures/duckdb-follow-up.ts';
import { timeSetBased } from './measures/set-based.ts';
import { fixed, markdownTable, percentile } from './lib/stats.ts';
import { Cleanups, engineFacts, pgliteTarget, postgresTarget, type Skipped, type Target } from './lib/targets.ts';

/** The computed year (the last 12 whole months before the community's day). */
const PERIOD = { from: '2025-11', to: '2026-10' };
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const summary =
  'learning system: the cascade and every measure for a year over generated communities (100,000 and 1,000,000 people, about 30 typed care events each), peak memory, scaling, and the dashboard read once computed; PGlite and PostgreSQL';

const usage = `Usage: npm run bench -- measures [options]

  --people LIST     community sizes, comma-separated (default 100000,1000000)
  --engine E        pglite, postgres or both (default both)
  --pglite-max N    the largest community tried on PGlite (default 100000; see docs/performance.md)
  --pglite-storage  disk (a temp data directory; default) or memory
  --runs N          computations timed per size (default 3)
  --batch N         people per read batch in the computation (default 2000)
  --set-based-max N also time the set-based computation (modules/learning/set-based/, the cells
                    computed in the database) --runs times up to this many people (default 1000000; 0: never)
  --no-duckdb       skip the DuckDB reference (follow-up within 7 days of an ED visit over the same events)
  --reads N         dashboard reads timed after the computation (default 30)
  --seed N          generator seed (default 7)
  --clone-from N    above N people, generate N and copy them in the database to the size asked
                    (same events under new person ids; the generator in JavaScript writes about
                    5,000 events a second, too slow for a million people in one sitting). Default: off
  --json            human-readable report on stderr, a JSON document on stdout

PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else the defaults in bench/lib/targets.ts; a
database continuum_bench_<random> is created and dropped. Start a local server with
\`pg_ctlcluster 15 main start\`.`;

interface SizeResult {
  engine: string;
  people: number;
  events: number;
  generateSeconds: number;
  /** Generated this many and copied them in the database (0: all generated). */
  clonedFrom: number;
  /** The median of the runs. */
  computeSeconds: number;
  runs: { seconds: number; load: number }[];
  /** The set-based computation over the same events (empty above --set-based-max). */
  setBased: { seconds: number; load: number }[];
  duck: DuckFollowUp | null;
  peakRssMb: number;
  peakHeapMb: number;
  cells: number;
  dashboard: { medianMs: number; p95Ms: number; maxMs: number };
}

async function runSize(
  target: Target,
  seed: number,
  people: number,
  options: { batch: number; reads: number; cloneFrom: number; runs: number; setBasedMax: number; duckdb: boolean },
  log: (l: string) => void,
  cleanups: Cleanups,
): Promise<SizeResult> {
  const config = loadConfig({
    NODE_ENV: 'test',
    CONTINUUM_JOBS: 'off',
    CONTINUUM_DEMO_SEED: 'off',
    LOG_LEVEL: 'silent',
    CONTINUUM_SECRET: randomBytes(20).toString('hex'),
    CONTINUUM_WEB_DIR: '/nonexistent',
    ...target.env,
  });
  const mark = cleanups.mark;
  const opened = await openKeyedDatabase(target.database ?? config.database);
  cleanups.push(() => opened.close());
  const { db } = opened;
  await migrateToLatest(db);
  const facts = await engineFacts(db, target.engine);
  log(`\n## ${target.engine}, ${people.toLocaleString('en-US')} people: ${facts.version.split(',')[0] ?? facts.version}`);
  log(
    `storage: ${target.storage}${
      Object.keys(facts.settings).length
        ? `; ${Object.entries(facts.settings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`
        : ''
    }`,
  );
  const clock = manualClock(TODAY);
  // The organizations, areas and staff of the demo community, without its people.
  await seedDemoCommunity(db, clock, { seed, people: 0 });
  let t = Date.now();
  let events: number;
  if (options.cloneFrom && people > options.cloneFrom) {
    const base = await generateCommunity(db, seed, options.cloneFrom, log);
    events = base * Math.floor(people / options.cloneFrom);
    await cloneCommunity(db, Math.floor(people / options.cloneFrom) - 1, log);
  } else {
    events = await generateCommunity(db, seed, people, log);
  }
  const generateSeconds = (Date.now() - t) / 1000;
  if (target.engine === 'postgres') await sql`analyze`.execute(db);

  // The computation: a year (the last 12 whole months plus the current one), sampled for memory.
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const runs: { seconds: number; load: number }[] = [];
  let run: Awaited<ReturnType<typeof recomputeNow>> | undefined;
  for (let i = 0; i < options.runs; i++) {
    const load = os.loadavg()[0]!;
    t = Date.now();
    run = await recomputeNow(db, clock, systemAccess('measures benchmark'), PERIOD, { batchSize: options.batch });
    runs.push({ seconds: (Date.now() - t) / 1000, load });
    log(
      `computed (run ${i + 1}, load ${fixed(load, 1)}): ${run.people.toLocaleString('en-US')} people, ${run.events.toLocaleString('en-US')} events read, ${(run.results + run.cascade).toLocaleString('en-US')} cells stored in ${fixed(runs.at(-1)!.seconds, 1)} s`,
    );
  }
  clearInterval(sampler);
  const computeSeconds = median(runs.map((r) => r.seconds));
  const setBased: { seconds: number; load: number }[] = [];
  for (let i = 0; i < (people <= options.setBasedMax ? options.runs : 0); i++) {
    const load = os.loadavg()[0]!;
    const r = await timeSetBased(db, clock, PERIOD);
    setBased.push({ seconds: r.seconds, load });
    log(
      `set-based (run ${i + 1}, load ${fixed(load, 1)}): ${r.events.toLocaleString('en-US')} events, ${r.cells.toLocaleString('en-US')} cells (not stored) in ${fixed(r.seconds, 1)} s`,
    );
  }
  const duck = options.duckdb ? await duckdbFollowUp(db, clock, PERIOD, log) : null;

  // The dashboard, once computed: the cascade, every measure with its monthly series, one chart, and a stratified view.
  const times: number[] = [];
  for (let i = 0; i < options.reads; i++) {
    const s = performance.now();
    await Promise.all([
      readCascade(db, { from: '2025-11', to: '2026-10' }),
      readResults(db, { from: '2025-11', to: '2026-10' }),
      readChart(db, 'ed_moud_conversion_7', { from: '2025-11', to: '2026-10' }),
    ]);
    await readResults(db, { from: '2025-11', to: '2026-10', stratum: 'race' });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  await cleanups.run(mark, log);
  return {
    engine: target.engine,
    people,
    events,
    generateSeconds,
    clonedFrom: options.cloneFrom && people > options.cloneFrom ? options.cloneFrom : 0,
    computeSeconds,
    runs,
    setBased,
    duck,
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    cells: run!.results + run!.cascade,
    dashboard: { medianMs: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times.at(-1) ?? 0 },
  };
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      people: { type: 'string', default: '100000,1000000' },
      engine: { type: 'string', default: 'both' },
      'pglite-max': { type: 'string', default: '100000' },
      'pglite-storage': { type: 'string', default: 'disk' },
      batch: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '3' },
      'set-based-max': { type: 'string', default: '1000000' },
      'no-duckdb': { type: 'boolean', default: false },
      reads: { type: 'string', default: '30' },
      seed: { type: 'string', default: '7' },
      'clone-from': { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    context.log(usage);
    return 0;
  }
  const sizes = values.people.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    context.log(usage);
    return 2;
  }
  const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine];
  const pgliteMax = Number(values['pglite-max']);
  const log = context.log;
  const cleanups = new Cleanups();
  const onSignal = () => void cleanups.run().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  const results: SizeResult[] = [];
  const skipped: string[] = [];
  try {
    for (const engine of engines) {
      for (const people of sizes) {
        if (engine === 'pglite' && people > pgliteMax) {
          skipped.push(
            `pglite ${people.toLocaleString('en-US')}: above --pglite-max ${pgliteMax.toLocaleString('en-US')} (docs/performance.md)`,
          );
          continue;
        }
        const target: Target | Skipped =
          engine === 'pglite'
            ? pgliteTarget(values['pglite-storage'] === 'memory' ? 'memory' : 'disk', cleanups)
            : await postgresTarget(cleanups);
        if ('reason' in target) {
          skipped.push(`${engine}: ${target.reason}`);
          continue;
        }
        results.push(
          await runSize(
            target,
            Number(values.seed),
            people,
            {
              batch: Number(values.batch),
              reads: Number(values.reads),
              cloneFrom: Number(values['clone-from']),
              runs: Math.max(1, Number(values.runs)),
              setBasedMax: Number(values['set-based-max']),
              duckdb: !values['no-duckdb'],
            },
            log,
            cleanups,
          ),
        );
      }
    }
  } finally {
    await cleanups.run();
    process.off('SIGINT', onSignal);
  }
  log('\n## Results\n');
  log(
    markdownTable(
      [
        'engine',
        'people',
        'events',
        'generate (s)',
        'compute a year (s), median',
        'runs (s) @ load',
        'events/s',
        'set-based (s) @ load',
        'set-based ÷ product',
        'peak RSS (MB)',
        'peak heap (MB)',
        'cells',
        'dashboard median (ms)',
        'p95 (ms)',
      ],
      results.map((r) => [
        r.engine,
        r.clonedFrom
          ? `${r.people.toLocaleString('en-US')} (${r.clonedFrom.toLocaleString('en-US')} × ${Math.floor(r.people / r.clonedFrom)})`
          : r.people.toLocaleString('en-US'),
        r.events.toLocaleString('en-US'),
        fixed(r.generateSeconds, 0),
        fixed(r.computeSeconds, 1),
        r.runs.map((x) => `${fixed(x.seconds, 1)} @ ${fixed(x.load, 1)}`).join(', '),
        Math.round(r.events / r.computeSeconds).toLocaleString('en-US'),
        r.setBased.map((x) => `${fixed(x.seconds, 1)} @ ${fixed(x.load, 1)}`).join(', ') || '—',
        r.setBased.length ? `${fixed(median(r.setBased.map((x) => x.seconds)) / r.computeSeconds, 2)}×` : '—',
        fixed(r.peakRssMb, 0),
        fixed(r.peakHeapMb, 0),
        r.cells.toLocaleString('en-US'),
        fixed(r.dashboard.medianMs, 1),
        fixed(r.dashboard.p95Ms, 1),
      ]),
      [false, true, true, true, true, false, true, false, true, true, true, true, true, true],
    ),
  );
  for (const engine of engines) {
    const rs = results.filter((r) => r.engine === engine).sort((a, b) => a.people - b.people);
    if (rs.length >= 2) {
      const a = rs[0]!;
      const b = rs.at(-1)!;
      log(
        `scaling on ${engine}: ${fixed(b.people / a.people, 0)}× the people → ${fixed(b.computeSeconds / a.computeSeconds, 2)}× the time`,
      );
    }
  }
  for (const r of results.filter((x) => x.duck))
    log(
      `DuckDB reference (${r.engine}, ${r.people.toLocaleString('en-US')} people): ${describeDuck(r.duck!)}; the product's whole computation (13 measures and the cascade, stored) took ${fixed(r.computeSeconds / r.duck!.querySeconds, 1)}× DuckDB's one measure${r.setBased.length ? `, the set-based one ${fixed(median(r.setBased.map((x) => x.seconds)) / r.duck!.querySeconds, 1)}×` : ''}`,
    );
  for (const s of skipped) log(`skipped: ${s}`);
  if (values.json) process.stdout.write(`${JSON.stringify({ machine: context.machine, results, skipped }, null, 2)}\n`);
  return 0;
}
