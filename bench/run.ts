import { describeMachine, formatMachine } from './lib/machine.ts';
import type { Benchmark } from './lib/context.ts';

/**
 * Benchmark dispatcher: `npm run bench -- <name> [options]`. Without a name it lists the
 * benchmarks. Every run prints the machine first, and a benchmark's --json document carries it.
 */
const benchmarks: Record<string, { summary: string; load: () => Promise<Benchmark> }> = {
  safety: {
    summary: 'prescribing safety: point-of-care check latency in process and over HTTP; screening a generated 10M-row dispensing extract',
    load: () => import('./safety.ts'),
  },
  load: {
    summary:
      'mixed load: a public search, an authenticated read and an audited write at once, c=32 each for 60 s; zero 5xx and a healthy server after',
    load: () => import('./load.ts'),
  },
  'api-write': {
    summary:
      'authenticated JSON writes (one audited insert each) over loopback vs the same write through the driver; PGlite and PostgreSQL',
    load: () => import('./api-write.ts'),
  },
  gaps: {
    summary:
      'needs and gaps: E2SFCA accessibility for 5,000 areas × 10,000 services (grid index, straight-line), checked against brute force; serving 5,000 areas’ boundaries as GeoJSON',
    load: () => import('./gaps.ts'),
  },
  spikes: {
    summary:
      'overdose spike detectors: EARS C1/C2/C3 and the 24-hour threshold over 3,000 areas × 3 years, one new day and the whole history',
    load: () => import('./spikes.ts'),
  },
  locator: {
    summary:
      'public locator: random searches over a 10,000-service, 25,000-location directory at concurrency 32; HSDS import time; PGlite and PostgreSQL',
    load: () => import('./locator.ts'),
  },
  worklist: {
    summary:
      "one navigator's worklist (team and mine) with 100,000 open referral tasks in the network, over HTTP and in process, and its query plan; PGlite and PostgreSQL",
    load: () => import('./worklist.ts'),
  },
  referrals: {
    summary:
      'referrals over HTTP: send and move through the loop at concurrency 32; the receiver inbox and a navigator worklist with 100,000 open referrals; PGlite and PostgreSQL',
    load: () => import('./referrals.ts'),
  },
  measures: {
    summary:
      'learning system: the cascade and every measure for a year over 100,000 and 1,000,000 generated people (~30 care events each), peak memory, scaling, dashboard read; PGlite and PostgreSQL',
    load: () => import('./measures.ts'),
  },
  analytics: {
    summary:
      'the analytics dashboard as the page reads it (first view, then the 13 charts) and the printable PDF report, over the demo community once computed; PGlite',
    load: () => import('./analytics.ts'),
  },
  pprl: {
    summary:
      'privacy-preserving linkage: CLK encode rate, Dice comparisons/s (WebAssembly kernel, 1 and 2 threads), FEBRL4 and FEBRL3 accuracy in PPRL mode, memory',
    load: () => import('./pprl.ts'),
  },
  linkage: {
    summary:
      'record linkage: precision/recall/F1 on FEBRL 1–4 and fake_1000; dedupe of 100k and 1M synthetic people end to end (pairs/s, EM, peak RSS); comparisons vs DuckDB on the same pairs',
    load: () => import('./linkage.ts'),
  },
  feeds: {
    summary:
      'live feeds through the real apply path on PGlite: HL7 v2 ADT messages per second and jail roster rows per second, and resends (duplicates)',
    load: () => import('./feeds.ts'),
  },
  scenarios: {
    summary:
      'what-if scenarios: seeded Monte Carlo ensembles (draws × years, today + 1 and + 4 scenarios), the tornado and a whole run with calibration; one thread',
    load: () => import('./scenarios.ts'),
  },
  'person-read': {
    summary:
      "a person's 200-entry timeline through the consent chokepoint (HTTP and in process) vs a raw query of the same rows; PGlite and PostgreSQL",
    load: () => import('./person-read.ts'),
  },
};

function list(out: NodeJS.WriteStream) {
  out.write('Usage: npm run bench -- <name> [options]   (<name> --help for its options)\n\nBenchmarks:\n');
  for (const [name, b] of Object.entries(benchmarks)) out.write(`  ${name.padEnd(12)} ${b.summary}\n`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'list') {
    list(process.stdout);
    return 0;
  }
  const entry = benchmarks[name];
  if (!entry) {
    process.stderr.write(`Unknown benchmark: ${name}\n\n`);
    list(process.stderr);
    return 2;
  }
  const json = args.includes('--json');
  const out = json ? process.stderr : process.stdout;
  const log = (line: string) => out.write(`${line}\n`);
  const machine = describeMachine();
  log(formatMachine(machine));
  const benchmark = await entry.load();
  return benchmark.run(args, { machine, log });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
