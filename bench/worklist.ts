import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { buildApp } from '../packages/server/src/app.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openKeyedDatabase } from './lib/keyed-database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import type { BenchContext } from './lib/context.ts';
import { Cleanups, engineFacts, pgliteTarget, postgresTarget, type EngineName, type Target } from './lib/targets.ts';
import {
  explainWorklistQuery,
  formatWorklistReport,
  measureWorklistQuery,
  seedWorklistTasks,
  type WorklistPlan,
  type WorklistQueryFigures,
  type WorklistSetup,
} from './lib/worklist-query.ts';

export const summary =
  "one navigator's worklist (team and mine, first page) with 100,000 open referral tasks in the network, over HTTP and in process; the query plan; PGlite and PostgreSQL";

const usage = `Usage: npm run bench -- worklist [options]

  --tasks N         open tasks in the network (default 100000)
  --duration N      seconds measured per cell (default 5)
  --concurrency C   concurrent readers (default 1)
  --engine E        pglite, postgres or both (default both)
  --json            human-readable report on stderr, a JSON document on stdout

PostgreSQL as for the other benchmarks (BENCH_DATABASE_URL, DATABASE_URL or the defaults); skipped
with the reason when no server is reachable.`;

interface EngineResult {
  engine: EngineName;
  version: string;
  setup: WorklistSetup;
  plans: WorklistPlan[];
  figures: WorklistQueryFigures;
}

async function runEngine(
  target: Target,
  options: { tasks: number; seconds: number; concurrency: number },
  log: (line: string) => void,
  cleanups: Cleanups,
): Promise<EngineResult> {
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
  const opened = await openKeyedDatabase(target.database ?? config.database);
  cleanups.push(() => opened.close());
  const { db } = opened;
  await migrateToLatest(db);
  const facts = await engineFacts(db, target.engine);
  log(`\n## ${target.engine}: ${facts.version.split(',')[0] ?? facts.version}`);
  log(`storage: ${target.storage}`);
  const setup = await seedWorklistTasks(db, systemClock, { tasks: options.tasks });
  const plans = await explainWorklistQuery(db, systemClock, setup);
  const app = await buildApp({ config, db, engine: opened.engine, clock: systemClock }, { logger: false });
  cleanups.push(() => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const figures = await measureWorklistQuery(db, systemClock, baseUrl, setup, {
    seconds: options.seconds,
    concurrency: options.concurrency,
  });
  for (const line of formatWorklistReport(setup, plans, figures)) log(line);
  return { engine: target.engine, version: facts.version, setup, plans, figures };
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        tasks: { type: 'string' },
        duration: { type: 'string' },
        concurrency: { type: 'string' },
        engine: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const tasks = Number(values.tasks ?? '100000');
  const seconds = Number(values.duration ?? '5');
  const concurrency = Number(values.concurrency ?? '1');
  const engine = values.engine ?? 'both';
  if (!Number.isInteger(tasks) || tasks < 1 || tasks > 10_000_000) return usageError('--tasks must be an integer from 1 to 10000000');
  if (!Number.isFinite(seconds) || seconds <= 0) return usageError('--duration must be a positive number of seconds');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
    return usageError('--concurrency must be an integer from 1 to 256');
  if (!['pglite', 'postgres', 'both'].includes(engine)) return usageError('--engine must be pglite, postgres or both');
  const engines: EngineName[] = engine === 'both' ? ['pglite', 'postgres'] : [engine as EngineName];
  context.log(`worklist benchmark: ${tasks} open tasks, ${seconds} s per cell, ${concurrency} reader(s)`);
  const results: EngineResult[] = [];
  const skipped: { engine: EngineName; reason: string }[] = [];
  for (const name of engines) {
    const cleanups = new Cleanups();
    try {
      const target = name === 'pglite' ? pgliteTarget('disk', cleanups) : await postgresTarget(cleanups);
      if ('reason' in target) {
        context.log(`\n## postgres: skipped — ${target.reason}`);
        skipped.push(target);
        continue;
      }
      results.push(await runEngine(target, { tasks, seconds, concurrency }, context.log, cleanups));
    } finally {
      await cleanups.run();
    }
  }
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ benchmark: 'worklist', machine: context.machine, options: { tasks, seconds, concurrency }, results, skipped }, null, 2)}\n`,
    );
  // The query must walk an index on every engine that ran.
  return results.every((r) => r.plans.every((p) => p.index !== null)) ? 0 : 1;
}

function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${usage}\n`);
  return 2;
}
