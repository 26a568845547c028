import { describe, expect, it } from 'vitest';
import { scenarioRunInputSchema } from '@continuum/contracts';
import type { CommunityData } from './community.ts';
import { defaultCosts } from './costs.ts';
import { runEnsemble, type EnsembleRequest } from './ensemble.ts';
import { runEnsembleOnThreads, sliceBounds } from './ensemble-threads.ts';
import { noLevers, type Setting } from './model.ts';
import { computeScenarioRun, computeScenarioRunOnThreads } from './run-compute.ts';
import { rangesFor } from './sampling.ts';

const setting: Setting = {
  initial: {
    noMisuse: 100_000,
    rxMisuse: 2_000,
    untreated: 1_500,
    buprenorphine: 500,
    methadone: 300,
    naltrexone: 40,
    remission: 400,
    incarcerated: 150,
  },
  capacity: { buprenorphine: 550, methadone: 320, naltrexone: null },
  naloxoneKitsPerYear: 600,
  waitWeeks: 3,
  ftsUptake: 0,
};
const request: EnsembleRequest = {
  setting,
  ranges: rangesFor({ treatmentEntry: 1 }),
  scenarios: [
    { name: 'Naloxone ×4', levers: { ...noLevers, naloxoneKitsPerYear: 2400 } },
    { name: '+300 slots', levers: { ...noLevers, extraSlots: { buprenorphine: 300, methadone: 0, naltrexone: 0 } } },
  ],
  years: 2,
  draws: 41,
  seed: 5,
  costs: defaultCosts,
};

describe('splitting the draws', () => {
  it.each([
    [10, 1, [[0, 10]]],
    [
      10,
      2,
      [
        [0, 5],
        [5, 10],
      ],
    ],
    [
      7,
      3,
      [
        [0, 2],
        [2, 4],
        [4, 7],
      ],
    ],
    [
      2,
      4,
      [
        [0, 1],
        [1, 2],
      ],
    ],
    [0, 2, [[0, 0]]],
  ])('%i draws over %i threads', (count, parts, expected) => {
    expect(sliceBounds(count, parts)).toEqual(expected);
  });
});

describe('the ensemble on several threads', () => {
  it('gives byte-equal results on one thread, one worker, two and three workers', async () => {
    const here = JSON.stringify(runEnsemble(request));
    const seen: number[] = [];
    const [one, two, three] = await Promise.all([
      runEnsembleOnThreads(request, 1),
      runEnsembleOnThreads(request, 2, (done, total) => {
        expect(total).toBe(41);
        seen.push(done);
      }),
      runEnsembleOnThreads(request, 3),
    ]);
    expect(JSON.stringify(one)).toBe(here);
    expect(JSON.stringify(two)).toBe(here);
    expect(JSON.stringify(three)).toBe(here);
    expect(seen.at(-1)).toBe(41);
  }, 60_000);

  it('gives a whole run the same result on one thread and two', async () => {
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    const data: CommunityData = {
      population: 100_000,
      oudEstimate: 2000,
      months,
      overdoses: months.map((month, i) => ({ month, fatal: 2 + (i % 2), nonFatal: 20 + (i % 3) })),
      moudStarts: months.map((month) => ({ month, starts: 25 })),
      retention180: { numerator: 120, denominator: 300 },
      naloxoneKitsLastYear: 1500,
      capacity: { buprenorphine: null, methadone: 400, naltrexone: null },
    };
    const input = scenarioRunInputSchema.parse({
      name: 'Threads',
      years: 1,
      draws: 30,
      scenarios: [{ name: 'Retention', levers: { retentionImprovement: 0.3 } }],
    });
    const progress: number[] = [];
    const threaded = await computeScenarioRunOnThreads(input, data, 2, (done) => progress.push(done));
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(computeScenarioRun(input, data)));
    expect(progress.at(-1)).toBe(31);
  }, 60_000);
});
