import { parseArgs } from 'node:util';
import type { BenchContext } from './lib/context.ts';
import { logLoadAverage, runOnEngines } from './lib/engines.ts';
import { fixed, markdownTable } from './lib/stats.ts';
import { Cleanups, type EngineName } from './lib/targets.ts';
import { runEngine } from './person-read/engine.ts';
import { modeLabel, modeShort, type Cell, type Mode, type Options } from './person-read/model.ts';

/*
 * `npm run bench -- person-read`: options, the run over the engines and the report. The person
 * (person-read/scenario.ts), the measuring (person-read/engine.ts) and the checks on the
 * disclosure log (person-read/disclosures.ts) are beside it.
 */

export const summary =
  "A person's 200-entry timeline read through the consent chokepoint (over HTTP and in process) vs a raw query of the same rows, on PGlite and PostgreSQL";

const usage = `Usage: npm run bench -- person-read [options]

  --duration N      seconds measured per cell (default 10)
  --warmup N        seconds of warm-up before each cell, not measured (default 2)
  --concurrency C   concurrent readers in the main cells (default 16)
  --engine E        pglite, postgres or both (default both)
  --pglite-storage  disk (a temp data directory, as deployed; default) or memory
  --people N        demo people seeded around the person read (default 5000)
  --no-breakdown    skip the cost breakdown cells (one reader each)
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
        people: { type: 'string' },
        'no-breakdown': { type: 'boolean' },
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
  const concurrency = Number(values.concurrency ?? '16');
  const people = Number(values.people ?? '5000');
  const engine = values.engine ?? 'both';
  if (!Number.isFinite(seconds) || seconds <= 0) return { error: '--duration must be a positive number of seconds' };
  if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0) return { error: '--warmup must be zero or more seconds' };
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000)
    return { error: '--concurrency must be an integer from 1 to 1000' };
  if (!Number.isInteger(people) || people < 0 || people > 1_000_000) return { error: '--people must be an integer from 0 to 1000000' };
  if (!['pglite', 'postgres', 'both'].includes(engine)) return { error: '--engine must be pglite, postgres or both' };
  const pgliteStorage = values['pglite-storage'] ?? 'disk';
  if (pgliteStorage !== 'disk' && pgliteStorage !== 'memory') return { error: '--pglite-storage must be disk or memory' };
  return {
    seconds,
    warmupSeconds,
    concurrency,
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine as EngineName],
    pgliteStorage,
    people,
    breakdown: !(values['no-breakdown'] ?? false),
    json: values.json ?? false,
  };
}

function cellTable(cells: Cell[]): string {
  const rows = cells.map((c) => [
    modeShort[c.mode],
    String(c.concurrency),
    String(c.ops),
    fixed(c.opsPerSecond, 0),
    fixed(c.p50Ms, 2),
    fixed(c.p99Ms, 2),
    c.p50Ratio === null ? '—' : `${fixed(c.p50Ratio, 1)}×`,
    c.p99Ratio === null ? '—' : `${fixed(c.p99Ratio, 1)}×`,
    c.throughputRatio === null ? '—' : `${fixed(c.throughputRatio, 1)}×`,
  ]);
  return markdownTable(
    ['Mode', 'Readers', 'Reads', 'Reads/s', 'p50 ms', 'p99 ms', 'p50 ÷ raw', 'p99 ÷ raw', 'raw reads/s ÷ reads/s'],
    rows,
    [false, true, true, true, true, true, true, true, true],
  );
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  const parsed = parseOptions(args);
  if (parsed === 'help') {
    context.log(usage);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`person-read: ${parsed.error}\n\n${usage}\n`);
    return 2;
  }
  const options = parsed;
  const { log } = context;
  const cleanups = new Cleanups();

  log(`\n# person-read: ${summary}`);
  log(`date: ${new Date().toISOString()}`);
  const loadAtStart = logLoadAverage(log, 'start', context.machine.cores);
  log(
    `cells: ${options.concurrency} concurrent readers × ${options.seconds} s each, after ${options.warmupSeconds} s warm-up${options.breakdown ? '; then the breakdown at one reader' : ''}`,
  );
  log('load: autocannon 8 in a worker thread of this process for HTTP; async loops awaiting back to back in process for the others');
  log('server: buildApp in-process on 127.0.0.1, logger off, jobs off, session cookie, same Kysely handle as the in-process modes');
  log('modes:');
  for (const mode of ['http', 'chokepoint', 'raw'] as const) log(`  ${modeShort[mode]}: ${modeLabel[mode]}`);
  if (options.breakdown) for (const mode of ['raw_trx', 'facts', 'no_disclosure'] as const) log(`  ${modeShort[mode]}: ${modeLabel[mode]}`);
  log(
    "ratios: p50 ÷ the raw query's p50, p99 ÷ its p99, and the raw query's reads/s ÷ the mode's, at the same concurrency (1.0× = the chokepoint costs nothing)",
  );

  const { results, skipped, failure } = await runOnEngines(options.engines, options.pgliteStorage, cleanups, log, (target) =>
    runEngine(target, options, log, cleanups),
  );

  if (failure) {
    process.stderr.write(`\nperson-read FAILED: ${failure}\n`);
    return 1;
  }

  const loadAtEnd = logLoadAverage(log, 'end');
  log('\n## Results');
  for (const result of results) {
    log(`\n### ${result.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${result.serverVersion.split(',')[0] ?? ''})\n`);
    log(cellTable(result.cells));
    if (result.breakdown.length > 0) {
      log('\nBreakdown, one reader at a time:\n');
      log(cellTable(result.breakdown));
      const p50 = (mode: Mode) => result.breakdown.find((c) => c.mode === mode)?.p50Ms ?? Number.NaN;
      log(
        `\nAt the median, one reader: the transaction adds ${fixed(p50('raw_trx') - p50('raw'), 2)} ms to the raw query; ` +
          `the chokepoint without its disclosure ${fixed(p50('no_disclosure') - p50('raw'), 2)} ms; the disclosure insert and its commit ${fixed(p50('chokepoint') - p50('no_disclosure'), 2)} ms more; ` +
          `HTTP (session authentication, serialization, loopback) ${fixed(p50('http') - p50('chokepoint'), 2)} ms more.`,
      );
    }
    if (result.statements.length > 0) {
      log('\nStatements of one timeline read, each on its own, one at a time:\n');
      log(
        markdownTable(
          ['Statement', 'p50 ms', 'p99 ms', 'Plan (scan nodes)'],
          result.statements.map((st) => [st.statement, fixed(st.p50Ms, 3), fixed(st.p99Ms, 3), st.plan ?? '—']),
          [false, true, true, false],
        ),
      );
    }
    log(
      `\nDisclosure log: ${result.disclosureLog.rows} rows, ${fixed(result.disclosureLog.bytes / 1024 ** 2, 1)} MiB with its indexes, ` +
        `about ${fixed(result.disclosureLog.bytesPerRead / 1024, 1)} KiB per timeline read.`,
    );
  }
  for (const s of skipped) log(`\n${s.engine}: skipped (${s.reason})`);

  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'person-read',
          date: new Date().toISOString(),
          machine: context.machine,
          options: {
            seconds: options.seconds,
            warmupSeconds: options.warmupSeconds,
            concurrency: options.concurrency,
            pgliteStorage: options.pgliteStorage,
            people: options.people,
            breakdown: options.breakdown,
          },
          loadAverage1m: { start: loadAtStart, end: loadAtEnd },
          ratios: "p50 ÷ the raw query's p50, p99 ÷ its p99, raw reads/s ÷ the mode's reads/s, at the same concurrency",
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
