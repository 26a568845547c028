/**
 * One scenario run, pure: the community's setting from its data, calibration to its observed months,
 * the seeded ensemble of every scenario against today, a tornado per scenario and the plain-language
 * summary. Runs on a worker thread (run-thread.ts) so the server stays responsive.
 */
import type { ScenarioCalibration, ScenarioCommunity, ScenarioRunParsed, ScenarioTornado } from '@continuum/contracts';
import { calibrate } from './calibrate.ts';
import { communityFrom, type CommunityData } from './community.ts';
import { defaultCosts, type Costs } from './costs.ts';
import { runEnsemble, type EnsembleRequest, type EnsembleResult } from './ensemble.ts';
import { runEnsembleOnThreads } from './ensemble-threads.ts';
import { baseParameters, type ModelParameters } from './parameters.ts';
import { rangesFor } from './sampling.ts';
import { plainSummary } from './summary.ts';
import { tornado } from './tornado.ts';

/** The tornado keeps the parameters that move the result most. */
export const TORNADO_BARS = 12;

export interface ComputedRun {
  readonly community: ScenarioCommunity;
  readonly calibration: ScenarioCalibration;
  readonly result: EnsembleResult;
  readonly tornado: ScenarioTornado[];
  readonly summary: string[];
}

/** Small observed counts (1–10) are not shown beside the fit (docs/privacy.md). */
const shownCount = (n: number | null | undefined): number | null => (n === null || n === undefined ? null : n >= 1 && n <= 10 ? null : n);

/** The community, its calibration and the ensemble's request: everything before the draws. */
function prepare(input: ScenarioRunParsed, data: CommunityData) {
  const community = communityFrom(data);
  const prior: ModelParameters = { ...baseParameters, ...community.overrides };
  const setting = {
    ...community.setting,
    capacity: {
      buprenorphine: input.capacity.buprenorphine ?? community.setting.capacity.buprenorphine,
      methadone: input.capacity.methadone ?? community.setting.capacity.methadone,
      naltrexone: input.capacity.naltrexone ?? community.setting.capacity.naltrexone,
    },
  };
  const months = data.months.length;
  const fit = community.fitKeys.length > 0 && months > 0 ? calibrate(prior, setting, community.observed, community.fitKeys) : null;
  const calibration: ScenarioCalibration = {
    fitted: { ...(fit?.fitted ?? {}) } as Record<string, number>,
    prior: Object.fromEntries(community.fitKeys.map((k) => [k, prior[k]])),
    rmse: fit?.rmse ?? null,
    months: data.months.map((month, i) => {
      const fitted = fit?.fit[i];
      return {
        month,
        observed: {
          fatalOverdoses: shownCount(community.observed.fatalOverdoses?.[i]),
          nonFatalOverdoses: shownCount(community.observed.nonFatalOverdoses?.[i]),
          treatmentStarts: shownCount(community.observed.treatmentStarts?.[i]),
        },
        fitted: {
          fatalOverdoses: fitted?.fatalOverdoses ?? 0,
          nonFatalOverdoses: fitted?.nonFatalOverdoses ?? 0,
          treatmentStarts: fitted?.treatmentStarts ?? 0,
        },
      };
    }),
  };
  const overrides: Partial<ModelParameters> = { ...community.overrides, ...(fit?.fitted ?? {}) };
  const ranges = rangesFor(overrides);
  const costs: Costs = {
    ...defaultCosts,
    ...(Object.fromEntries(Object.entries(input.costs).filter(([, v]) => v !== undefined)) as Partial<Costs>),
  };
  const request: EnsembleRequest = {
    setting,
    ranges,
    scenarios: input.scenarios,
    years: input.years,
    draws: input.draws,
    seed: input.seed,
    costs,
  };
  return { community, setting, months, calibration, ranges, request };
}

/** The tornadoes, the community as shown and the summary: everything after the draws. */
function complete(
  input: ScenarioRunParsed,
  data: CommunityData,
  prepared: ReturnType<typeof prepare>,
  result: EnsembleResult,
  onProgress?: (done: number, total: number) => void,
): ComputedRun {
  const { community, setting, months, calibration, ranges } = prepared;
  const total = input.draws + input.scenarios.length;
  const tornadoes = input.scenarios.map((s, i) => {
    const t = tornado(ranges, setting, s.levers, input.years * 12);
    onProgress?.(input.draws + i + 1, total);
    return { scenario: s.name, base: t.base, bars: t.bars.slice(0, TORNADO_BARS).map((b) => ({ ...b })) };
  });
  const shownCommunity: ScenarioCommunity = {
    population: data.population,
    oudEstimate:
      setting.initial.untreated +
      setting.initial.buprenorphine +
      setting.initial.methadone +
      setting.initial.naltrexone +
      setting.initial.incarcerated,
    oudEstimateSource: community.oudEstimateSource,
    initial: { ...setting.initial },
    capacity: { ...setting.capacity },
    naloxoneKitsPerYear: setting.naloxoneKitsPerYear,
    moudStartsPerYear: community.moudStartsPerYear,
    retention180: community.retention180,
    observedMonths: months > 0 ? { from: data.months[0]!, to: data.months[months - 1]! } : null,
    notes: [...community.notes],
  };
  return {
    community: shownCommunity,
    calibration,
    result,
    tornado: tornadoes,
    summary: plainSummary(input, result, tornadoes, community.notes),
  };
}

/** One run on this thread. */
export function computeScenarioRun(
  input: ScenarioRunParsed,
  data: CommunityData,
  onProgress?: (done: number, total: number) => void,
): ComputedRun {
  const prepared = prepare(input, data);
  const total = input.draws + input.scenarios.length;
  const result = runEnsemble(prepared.request, (done) => onProgress?.(done, total));
  return complete(input, data, prepared, result, onProgress);
}

/**
 * One run with its ensemble split over `threads` worker threads (ensemble-threads.ts); the result is the
 * same as computeScenarioRun's whatever the thread count. One thread computes here, without a worker.
 */
export async function computeScenarioRunOnThreads(
  input: ScenarioRunParsed,
  data: CommunityData,
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ComputedRun> {
  if (threads <= 1) return computeScenarioRun(input, data, onProgress);
  const prepared = prepare(input, data);
  const total = input.draws + input.scenarios.length;
  const result = await runEnsembleOnThreads(prepared.request, threads, (done) => onProgress?.(done, total));
  return complete(input, data, prepared, result, onProgress);
}
