import {
  scenarioRunDetailSchema,
  scenarioRunInputSchema,
  scenarioRunSchema,
  type ScenarioRun,
  type ScenarioRunDetail,
  type ScenarioRunInput,
  type ScenarioSummary,
} from '@continuum/contracts';
import type { ScenariosApi } from './api.ts';

const band = (median: number, spread = 0.2) => ({ median, low: median * (1 - spread), high: median * (1 + spread) });
const series = (months: number, at: (m: number) => number) =>
  Array.from({ length: months }, (_, i) => ({ month: i + 1, ...band(at(i + 1)) }));

/** A scenario's summary with simple, recognisable numbers: `factor` scales deaths (1 is today). */
function summary(name: string, months: number, factor: number, moud: number, costPerDeath: number | null): ScenarioSummary {
  const deaths = 5 * months * factor;
  return {
    name,
    monthly: {
      fatalOverdoses: series(months, () => 5 * factor),
      nonFatalOverdoses: series(months, () => 40 * factor),
      inMoud: series(months, (m) => moud + m),
    },
    totals: {
      fatalOverdoses: band(deaths),
      nonFatalOverdoses: band(40 * months * factor),
      deathsAverted: band(5 * months * (1 - factor), 0.5),
      nonFatalAverted: band(40 * months * (1 - factor), 0.5),
      inMoudAtEnd: band(moud + months),
      cost: band(1_000_000),
      incrementalCost: band(factor === 1 ? 0 : 250_000),
    },
    cascadeAtEnd: { inMoud: band(0.3), untreated: band(0.6), incarcerated: band(0.05), remission: band(0.2) },
    costPerDeathAverted: costPerDeath,
  };
}

/** The finished detail the fake answers for a run: the baseline and each scenario 10% fewer deaths than the one before. */
export function fakeRunDetail(run: ScenarioRun): ScenarioRunDetail {
  const months = run.input.years! * 12;
  const names = run.input.scenarios.map((s) => s.name);
  return scenarioRunDetailSchema.parse({
    ...run,
    status: 'done',
    progress: { done: run.progress.total, total: run.progress.total },
    finishedAt: '2026-11-20T12:01:00.000Z',
    community: {
      population: 250_000,
      oudEstimate: 5000,
      oudEstimateSource: 'estimates',
      initial: { untreated: 3600, buprenorphine: 700, methadone: 450, naltrexone: 20 },
      capacity: { buprenorphine: 780, methadone: 500, naltrexone: null },
      naloxoneKitsPerYear: 2400,
      moudStartsPerYear: 600,
      retention180: 0.42,
      observedMonths: { from: '2024-11', to: '2026-10' },
      notes: ['MOUD slots not given: today’s census taken as 90% of capacity.'],
    },
    calibration: {
      fitted: { overdoseUntreated: 0.13, caseFatality: 0.08 },
      prior: { overdoseUntreated: 0.15, caseFatality: 0.1 },
      rmse: 0.12,
      months: Array.from({ length: 24 }, (_, i) => ({
        month: `${i < 2 ? 2024 : i < 14 ? 2025 : 2026}-${String(((i + 10) % 12) + 1).padStart(2, '0')}`,
        observed: { fatalOverdoses: null, nonFatalOverdoses: 38 + (i % 5), treatmentStarts: 50 },
        fitted: { fatalOverdoses: 4.8, nonFatalOverdoses: 40, treatmentStarts: 49 },
      })),
    },
    result: {
      draws: run.input.draws,
      seed: run.input.seed,
      months,
      baseline: summary('Today', months, 1, 1170, null),
      scenarios: names.map((name, i) => summary(name, months, 1 - 0.1 * (i + 1), 1200 + 100 * i, 20_000 * (i + 1))),
    },
    tornado: names.map((scenario) => ({
      scenario,
      base: 30,
      bars: [
        {
          parameter: 'caseFatality',
          label: 'Deaths per overdose without naloxone',
          low: 0.05,
          high: 0.15,
          atLow: 15,
          atHigh: 45,
          swing: 30,
        },
        { parameter: 'witnessed', label: 'Share of overdoses witnessed', low: 0.45, high: 0.75, atLow: 24, atHigh: 36, swing: 12 },
      ],
    })),
    summary: [
      'This is a model, not a forecast: it shows what the community’s own data and the published evidence imply if nothing else changes, with the uncertainty of both.',
      ...names.map((n, i) => `${n}: ${5 * months * 0.1 * (i + 1)} deaths averted.`),
    ],
  });
}

/** The in-memory scenarios API component tests render against: a new run is queued, then running at half, then done. */
export class FakeScenariosApi implements ScenariosApi {
  runs: ScenarioRun[] = [];
  reads = new Map<string, number>();

  async listRuns(): Promise<ScenarioRun[]> {
    return [...this.runs];
  }

  async createRun(input: ScenarioRunInput): Promise<ScenarioRun> {
    const parsed = scenarioRunInputSchema.parse(input);
    const run = scenarioRunSchema.parse({
      id: `00000000-0000-4000-8000-${String(this.runs.length + 1).padStart(12, '0')}`,
      name: parsed.name,
      status: 'queued',
      progress: { done: 0, total: parsed.draws + parsed.scenarios.length },
      createdAt: '2026-11-20T12:00:00.000Z',
      createdByName: 'Avery Analyst',
      finishedAt: null,
      error: null,
      input: parsed,
    });
    this.runs.unshift(run);
    return run;
  }

  async getRun(id: string): Promise<ScenarioRunDetail> {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw new Error('No such scenario run.');
    const reads = (this.reads.get(id) ?? 0) + 1;
    this.reads.set(id, reads);
    if (reads === 1) {
      const half = Math.floor(run.progress.total / 2);
      return {
        ...run,
        status: 'running',
        progress: { done: half, total: run.progress.total },
        community: null,
        calibration: null,
        result: null,
        tornado: null,
        summary: null,
      };
    }
    return fakeRunDetail(run);
  }
}
