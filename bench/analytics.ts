import { parseArgs } from 'node:util';
import { manualClock } from '../packages/server/src/clock.ts';
import { openKeyedDatabase } from './lib/keyed-database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { seedDemoCommunity } from '../packages/server/src/demo/demo-seed.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import { defaultPeriod, recomputeNow } from '../packages/server/src/modules/learning/compute.ts';
import { measureDefinitions } from '../packages/server/src/modules/learning/definitions.ts';
import { readCascade, readChart, readResults, strataOptions } from '../packages/server/src/modules/learning/read.ts';
import { loadLearningReport, renderLearningReport } from '../packages/server/src/modules/learning/report-pdf.ts';
import { targets } from '../packages/server/src/modules/learning/settings.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable, percentile } from './lib/stats.ts';
import { Cleanups, pgliteTarget } from './lib/targets.ts';

export const summary =
  'the analytics dashboard as the page reads it (first view, then the 13 charts as cards scroll in) and the printable PDF report, over the demo community once computed; PGlite';

const usage = `Usage: npm run bench -- analytics [options]

  --people LIST   demo community sizes, comma-separated (default 2000,10000)
  --reads N       timed repetitions of each read (default 20)
  --seed N        generator seed (default 7)
  --json          human-readable report on stderr, a JSON document on stdout

The demo community (organizations, staff, people and a year or more of care events) is generated
in an in-memory PGlite, the cascade and measures are computed once, then the reads are timed.`;

const TODAY = new Date('2026-11-23T12:00:00Z');

interface SizeResult {
  people: number;
  seedSeconds: number;
  computeSeconds: number;
  firstView: { medianMs: number; p95Ms: number };
  allCharts: { medianMs: number; p95Ms: number };
  oneChart: { medianMs: number };
  report: { medianMs: number; p95Ms: number; kilobytes: number };
}

async function timed(reads: number, op: () => Promise<unknown>): Promise<number[]> {
  await op(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < reads; i++) {
    const s = performance.now();
    await op();
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}

async function runSize(people: number, seed: number, reads: number, log: (line: string) => void, cleanups: Cleanups): Promise<SizeResult> {
  const target = pgliteTarget('memory', cleanups);
  const mark = cleanups.mark;
  const opened = await openKeyedDatabase(target.database!);
  cleanups.push(() => opened.close());
  const { db } = opened;
  await migrateToLatest(db);
  const clock = manualClock(TODAY);
  log(`\n## ${people.toLocaleString('en-US')} people`);
  let t = Date.now();
  await seedDemoCommunity(db, clock, { seed, people });
  const seedSeconds = (Date.now() - t) / 1000;
  t = Date.now();
  await recomputeNow(db, clock, systemAccess('analytics benchmark'), defaultPeriod(clock));
  const computeSeconds = (Date.now() - t) / 1000;
  log(`demo community seeded in ${fixed(seedSeconds, 1)} s; cascade and measures computed in ${fixed(computeSeconds, 1)} s`);

  // What the page asks for first: definitions (with targets), strata options, results, cascade.
  const firstView = await timed(reads, () => Promise.all([targets(db), strataOptions(db), readResults(db, {}), readCascade(db, {})]));
  // Then one chart per measure as its card comes into view.
  const allCharts = await timed(reads, async () => {
    for (const d of measureDefinitions) await readChart(db, d.id, {});
  });
  const oneChart = await timed(reads, () => readChart(db, 'ed_moud_conversion_7', {}));
  let bytes = 0;
  const report = await timed(reads, async () => {
    bytes = (await renderLearningReport(await loadLearningReport(db, clock, {}))).length;
  });
  await cleanups.run(mark, log);
  return {
    people,
    seedSeconds,
    computeSeconds,
    firstView: { medianMs: percentile(firstView, 50), p95Ms: percentile(firstView, 95) },
    allCharts: { medianMs: percentile(allCharts, 50), p95Ms: percentile(allCharts, 95) },
    oneChart: { medianMs: percentile(oneChart, 50) },
    report: { medianMs: percentile(report, 50), p95Ms: percentile(report, 95), kilobytes: bytes / 1024 },
  };
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      people: { type: 'string', default: '2000,10000' },
      reads: { type: 'string', default: '20' },
      seed: { type: 'string', default: '7' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    context.log(usage);
    return 0;
  }
  const sizes = values.people.split(',').map((s) => Number(s.trim()));
  const reads = Number(values.reads);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(reads) || reads < 1) {
    context.log(usage);
    return 2;
  }
  const cleanups = new Cleanups();
  const onSignal = () => void cleanups.run().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  const results: SizeResult[] = [];
  try {
    for (const people of sizes) results.push(await runSize(people, Number(values.seed), reads, context.log, cleanups));
  } finally {
    await cleanups.run();
    process.off('SIGINT', onSignal);
  }
  context.log('\n## Results (PGlite in memory; milliseconds, median and p95)\n');
  context.log(
    markdownTable(
      [
        'people',
        'seed (s)',
        'compute (s)',
        'first view',
        'first view p95',
        '13 charts',
        '13 charts p95',
        'one chart',
        'PDF report',
        'PDF p95',
        'PDF size (KB)',
      ],
      results.map((r) => [
        r.people.toLocaleString('en-US'),
        fixed(r.seedSeconds, 1),
        fixed(r.computeSeconds, 1),
        fixed(r.firstView.medianMs, 1),
        fixed(r.firstView.p95Ms, 1),
        fixed(r.allCharts.medianMs, 1),
        fixed(r.allCharts.p95Ms, 1),
        fixed(r.oneChart.medianMs, 1),
        fixed(r.report.medianMs, 1),
        fixed(r.report.p95Ms, 1),
        fixed(r.report.kilobytes, 0),
      ]),
      [true, true, true, true, true, true, true, true, true, true, true],
    ),
  );
  if (values.json) process.stdout.write(`${JSON.stringify({ machine: context.machine, results }, null, 2)}\n`);
  return 0;
}
