import { parseArgs } from 'node:util';
import type { BenchContext } from './lib/context.ts';
import { logLoadAverage, runOnEngines } from './lib/engines.ts';
import { fixed, markdownTable } from './lib/stats.ts';
import { Cleanups } from './lib/targets.ts';
import { modeLabel, modeShort, runEngine, type EngineResult, type Options } from './api-write/engine.ts';

/*
 * `npm run bench -- api-write`: options, the run over the engines and the report. The measuring
 * itself is in api-write/engine.ts.
 */

export const summary =
  'Authenticated JSON writes (one audited insert each) over loopback vs the same write through the driver, on PGlite and PostgreSQL';

const usage = `Usage: npm run bench -- api-write [options]

  --duration N      seconds measured per cell (default 10)
  --warmup N        seconds of warm-up before each cell, not measured (default 2)
  --concurrency L   comma-separated concurrency levels (default 1,32)
  --engine E        pglite, postgres or both (default both)
  --pglite-storage  disk (a temp data directory, as deployed; default) or memory
  --json            human-readable report on stderr, a JSON document on stdout

PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@localhost:5432/postgres,
else postgres://continuum_ci:continuum_ci@localhost:5432/postgres (the role .ci/run creates).
The URL must allow CREATE DATABASE: each run creates continuum_bench_<random> and drops it after.
If no server is reachable, PostgreSQL is skipped (the reason is printed) and the run goes on.`;

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
  const cleanups = new Cleanups();

  log(`\n# api-write: ${summary}`);
  log(`date: ${new Date().toISOString()}`);
  const loadAtStart = logLoadAverage(log, 'start', context.machine.cores);
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

  const { results, skipped, failure } = await runOnEngines(options.engines, options.pgliteStorage, cleanups, log, (target) =>
    runEngine(target, options, log, cleanups),
  );

  if (failure) {
    process.stderr.write(`\napi-write FAILED: ${failure}\n`);
    return 1;
  }

  const loadAtEnd = logLoadAverage(log, 'end');
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
