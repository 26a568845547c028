import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  communityFrom,
  computeScenarioRun,
  computeScenarioRunOnThreads,
  defaultCosts,
  noLevers,
  rangesFor,
  runEnsemble,
  runEnsembleOnThreads,
  tornado,
  type CommunityData,
  type Levers,
} from '../packages/server/src/modules/scenarios/index.ts';
import { scenarioRunInputSchema } from '../packages/contracts/src/index.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable } from './lib/stats.ts';

export const summary =
  'what-if scenarios: seeded Monte Carlo ensembles (draws × years, today + 1 and + 4 scenarios), the tornado and a whole run with calibration; one thread, then the ensemble split over 2 threads';

const usage = `Usage: npm run bench -- scenarios [--repeat N] [--json]

  --repeat N  timed repetitions of each size; the median is reported (default 3)

A community of 250,000 people with 5,500 with OUD, two years of monthly overdoses and MOUD starts
(communityFrom, as a run builds it). Each ensemble runs today and the scenarios on every draw
(common random numbers). The target (issue 20): 1,000 draws over 10 years monthly in under 5 s. Then the same ensembles and
the whole run with the draws split over 2 worker threads (ensemble-threads.ts; each thread loads the
model through tsx first, which the wall time includes).`;

const months = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const data: CommunityData = {
  population: 250_000,
  oudEstimate: 5500,
  months,
  overdoses: months.map((month, i) => ({ month, fatal: 5 + (i % 3), nonFatal: 55 + (i % 7) })),
  moudStarts: months.map((month, i) => ({ month, starts: 48 + (i % 5) })),
  retention180: { numerator: 240, denominator: 560 },
  naloxoneKitsLastYear: 3000,
  capacity: { buprenorphine: null, methadone: 600, naltrexone: null },
};

const levers: Levers[] = [
  { ...noLevers, naloxoneKitsPerYear: 15_000 },
  { ...noLevers, edInduction: 0.4 },
  { ...noLevers, extraSlots: { buprenorphine: 300, methadone: 0, naltrexone: 0 }, waitWeeks: 0 },
  { ...noLevers, retentionImprovement: 0.25, jailMoudAtRelease: 0.5 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(args: string[], { machine, log }: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { repeat: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } }));
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    log(usage);
    return 0;
  }
  const repeat = Number(values.repeat ?? 3);
  if (!Number.isInteger(repeat) || repeat < 1) {
    log(`--repeat must be a positive whole number\n\n${usage}`);
    return 2;
  }
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const community = communityFrom(data);
  const ranges = rangesFor(community.overrides);
  // Wall time, and this thread's CPU time: on a machine shared with other work the CPU time is what the
  // run costs (the wall time then includes waiting for a core).
  let cpuMs: number[] = [];
  const time = async (f: () => unknown) => {
    const ms: number[] = [];
    cpuMs = [];
    for (let r = 0; r < repeat; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await f();
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuMs.push((c.user + c.system) / 1000);
    }
    return median(ms);
  };
  const results: { draws: number; years: number; scenarios: number; simulations: number; seconds: number; cpuSeconds: number }[] = [];
  for (const [draws, years, scenarios] of [
    [100, 1, 1],
    [100, 10, 1],
    [1000, 1, 1],
    [1000, 5, 1],
    [1000, 10, 1],
    [1000, 10, 4],
  ] as const) {
    const ms = await time(() =>
      runEnsemble({
        setting: community.setting,
        ranges,
        scenarios: levers.slice(0, scenarios).map((l, i) => ({ name: `S${i + 1}`, levers: l })),
        years,
        draws,
        seed: 1,
        costs: defaultCosts,
      }),
    );
    results.push({ draws, years, scenarios, simulations: draws * (scenarios + 1), seconds: ms / 1000, cpuSeconds: median(cpuMs) / 1000 });
  }
  const tornadoMs = await time(() => tornado(ranges, community.setting, levers[0]!, 120));
  const tornadoCpuMs = median(cpuMs);
  const input = scenarioRunInputSchema.parse({
    name: 'bench',
    years: 10,
    draws: 1000,
    scenarios: levers.map((l, i) => ({ name: `S${i + 1}`, levers: l })),
  });
  const wholeMs = await time(() => computeScenarioRun(input, data));
  const wholeCpuMs = median(cpuMs);
  // The same on 2 threads (process CPU time counts every thread).
  const threaded: { draws: number; years: number; scenarios: number; seconds: number; cpuSeconds: number }[] = [];
  for (const [draws, years, scenarios] of [
    [1000, 10, 1],
    [1000, 10, 4],
  ] as const) {
    const ms = await time(() =>
      runEnsembleOnThreads(
        {
          setting: community.setting,
          ranges,
          scenarios: levers.slice(0, scenarios).map((l, i) => ({ name: `S${i + 1}`, levers: l })),
          years,
          draws,
          seed: 1,
          costs: defaultCosts,
        },
        2,
      ),
    );
    threaded.push({ draws, years, scenarios, seconds: ms / 1000, cpuSeconds: median(cpuMs) / 1000 });
  }
  const wholeThreadedMs = await time(() => computeScenarioRunOnThreads(input, data, 2));
  const wholeThreadedCpuMs = median(cpuMs);

  log(`Median of ${repeat} runs, one thread.`);
  log(`Load average at the start: ${loadAtStart} on ${os.availableParallelism()} cores.`);
  log(
    markdownTable(
      ['draws', 'years (monthly)', 'scenarios + today', 'simulations', 'wall s', 'CPU s', 'CPU ms per simulation'],
      results.map((r) => [
        r.draws.toLocaleString('en-US'),
        String(r.years),
        `${r.scenarios} + 1`,
        r.simulations.toLocaleString('en-US'),
        fixed(r.seconds, 2),
        fixed(r.cpuSeconds, 2),
        fixed((r.cpuSeconds * 1000) / r.simulations, 3),
      ]),
      [true, true, true, true, true, true, true],
    ),
  );
  log(
    `Tornado (33 parameters × low/high × today and the scenario, 10 years): ${fixed(tornadoMs / 1000, 2)} s wall, ${fixed(tornadoCpuMs / 1000, 2)} s CPU.`,
  );
  log(
    `Whole run (calibration to 24 months, 1,000 draws × 10 years, 4 scenarios + today, 4 tornadoes): ${fixed(wholeMs / 1000, 2)} s wall, ${fixed(wholeCpuMs / 1000, 2)} s CPU.`,
  );
  log('The ensemble on 2 worker threads:');
  log(
    markdownTable(
      ['draws', 'years (monthly)', 'scenarios + today', 'wall s', 'CPU s (all threads)'],
      threaded.map((r) => [
        r.draws.toLocaleString('en-US'),
        String(r.years),
        `${r.scenarios} + 1`,
        fixed(r.seconds, 2),
        fixed(r.cpuSeconds, 2),
      ]),
      [true, true, true, true, true],
    ),
  );
  log(`Whole run on 2 threads: ${fixed(wholeThreadedMs / 1000, 2)} s wall, ${fixed(wholeThreadedCpuMs / 1000, 2)} s CPU.`);
  log(
    `Load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}.`,
  );
  const target = results.find((r) => r.draws === 1000 && r.years === 10 && r.scenarios === 1)!;
  log(
    `Target: 1,000 draws × 10 years (today + 1 scenario) in under 5 s: ${target.seconds < 5 ? 'met' : 'not met'} in wall time ` +
      `(${fixed(target.seconds, 2)} s), ${target.cpuSeconds < 5 ? 'met' : 'not met'} in CPU time (${fixed(target.cpuSeconds, 2)} s).`,
  );
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ machine, results, tornadoSeconds: tornadoMs / 1000, tornadoCpuSeconds: tornadoCpuMs / 1000, wholeRunSeconds: wholeMs / 1000, wholeRunCpuSeconds: wholeCpuMs / 1000, threaded, wholeThreadedSeconds: wholeThreadedMs / 1000 })}\n`,
    );
  return 0;
}
