/**
 * Monte Carlo ensembles of scenarios: every draw of the parameters runs the baseline ("today") and each
 * scenario, so what a scenario averts is measured against the same draw (common random numbers), and
 * results are medians with 90% intervals, never a single line.
 */
import type { Costs } from './costs.ts';
import { inMoud, noLevers, simulate, withOud, type Levers, type MonthResult, type Setting } from './model.ts';
import type { ModelParameters } from './parameters.ts';
import { drawParameters, interval, type Interval, type Ranges } from './sampling.ts';

export interface Scenario {
  readonly name: string;
  readonly levers: Levers;
}

export interface EnsembleRequest {
  readonly setting: Setting;
  readonly ranges: Ranges;
  /** Up to four scenarios, compared with today's baseline. */
  readonly scenarios: readonly Scenario[];
  readonly years: number;
  readonly draws: number;
  readonly seed: number;
  readonly costs: Costs;
}

export interface SeriesPoint extends Interval {
  readonly month: number;
}

export interface ScenarioSummary {
  readonly name: string;
  readonly monthly: {
    readonly fatalOverdoses: readonly SeriesPoint[];
    readonly nonFatalOverdoses: readonly SeriesPoint[];
    readonly inMoud: readonly SeriesPoint[];
  };
  readonly totals: {
    readonly fatalOverdoses: Interval;
    readonly nonFatalOverdoses: Interval;
    readonly deathsAverted: Interval;
    readonly nonFatalAverted: Interval;
    readonly inMoudAtEnd: Interval;
    readonly cost: Interval;
    readonly incrementalCost: Interval;
  };
  /** Shares of people with OUD at the end: in MOUD, untreated, incarcerated; remission as a share of OUD + remission. */
  readonly cascadeAtEnd: {
    readonly inMoud: Interval;
    readonly untreated: Interval;
    readonly incarcerated: Interval;
    readonly remission: Interval;
  };
  /** Mean incremental cost over mean deaths averted (the ICER); null when the scenario averts none on average. */
  readonly costPerDeathAverted: number | null;
}

export interface EnsembleResult {
  readonly draws: number;
  readonly seed: number;
  readonly months: number;
  readonly baseline: ScenarioSummary;
  readonly scenarios: readonly ScenarioSummary[];
}

export const MAX_SCENARIOS = 4;

/** What one run costs over its horizon, with the draw's rates for the flows the run does not count itself. */
export function runCost(run: readonly MonthResult[], p: ModelParameters, setting: Setting, levers: Levers, costs: Costs): number {
  let cost = 0;
  const kits = levers.naloxoneKitsPerYear ?? setting.naloxoneKitsPerYear;
  const fts = levers.ftsUptake ?? setting.ftsUptake;
  const jailMoud = levers.jailMoudAtRelease ?? p.jailMoudAtRelease;
  for (const m of run) {
    const s = m.sizes;
    cost += (s.buprenorphine * costs.buprenorphineYear + s.methadone * costs.methadoneYear + s.naltrexone * costs.naltrexoneYear) / 12;
    if (levers.retentionImprovement > 0) cost += (inMoud(s) * costs.retentionSupportYear) / 12;
    cost += (kits * costs.naloxoneKit) / 12;
    cost += (fts * s.untreated * costs.testStripsYear) / 12;
    cost += m.edInductions * costs.edInduction;
    cost += (p.release * jailMoud * s.incarcerated * costs.jailMoudRelease) / 12;
  }
  return cost;
}

export interface Collected {
  fatal: Float64Array[];
  nonFatal: Float64Array[];
  moud: Float64Array[];
  totalFatal: Float64Array;
  totalNonFatal: Float64Array;
  averted: Float64Array;
  nonFatalAverted: Float64Array;
  moudEnd: Float64Array;
  cost: Float64Array;
  incremental: Float64Array;
  shareMoud: Float64Array;
  shareUntreated: Float64Array;
  shareJail: Float64Array;
  shareRemission: Float64Array;
}

function collector(months: number, draws: number): Collected {
  const perMonth = () => Array.from({ length: months }, () => new Float64Array(draws));
  const perDraw = () => new Float64Array(draws);
  return {
    fatal: perMonth(),
    nonFatal: perMonth(),
    moud: perMonth(),
    totalFatal: perDraw(),
    totalNonFatal: perDraw(),
    averted: perDraw(),
    nonFatalAverted: perDraw(),
    moudEnd: perDraw(),
    cost: perDraw(),
    incremental: perDraw(),
    shareMoud: perDraw(),
    shareUntreated: perDraw(),
    shareJail: perDraw(),
    shareRemission: perDraw(),
  };
}

function record(
  c: Collected,
  d: number,
  run: readonly MonthResult[],
  cost: number,
  baseline: { fatal: number; nonFatal: number; cost: number },
): void {
  let fatal = 0;
  let nonFatal = 0;
  run.forEach((m, k) => {
    c.fatal[k]![d] = m.fatalOverdoses;
    c.nonFatal[k]![d] = m.nonFatalOverdoses;
    c.moud[k]![d] = inMoud(m.sizes);
    fatal += m.fatalOverdoses;
    nonFatal += m.nonFatalOverdoses;
  });
  const end = run.at(-1)!.sizes;
  const oud = withOud(end);
  c.totalFatal[d] = fatal;
  c.totalNonFatal[d] = nonFatal;
  c.averted[d] = baseline.fatal - fatal;
  c.nonFatalAverted[d] = baseline.nonFatal - nonFatal;
  c.moudEnd[d] = inMoud(end);
  c.cost[d] = cost;
  c.incremental[d] = cost - baseline.cost;
  c.shareMoud[d] = oud > 0 ? inMoud(end) / oud : 0;
  c.shareUntreated[d] = oud > 0 ? end.untreated / oud : 0;
  c.shareJail[d] = oud > 0 ? end.incarcerated / oud : 0;
  c.shareRemission[d] = oud + end.remission > 0 ? end.remission / (oud + end.remission) : 0;
}

const mean = (values: Float64Array): number => values.reduce((s, v) => s + v, 0) / values.length;

function summarize(name: string, c: Collected): ScenarioSummary {
  const series = (rows: Float64Array[]) => rows.map((values, k) => ({ month: k + 1, ...interval(values) }));
  const averted = mean(c.averted);
  return {
    name,
    monthly: { fatalOverdoses: series(c.fatal), nonFatalOverdoses: series(c.nonFatal), inMoud: series(c.moud) },
    totals: {
      fatalOverdoses: interval(c.totalFatal),
      nonFatalOverdoses: interval(c.totalNonFatal),
      deathsAverted: interval(c.averted),
      nonFatalAverted: interval(c.nonFatalAverted),
      inMoudAtEnd: interval(c.moudEnd),
      cost: interval(c.cost),
      incrementalCost: interval(c.incremental),
    },
    cascadeAtEnd: {
      inMoud: interval(c.shareMoud),
      untreated: interval(c.shareUntreated),
      incarcerated: interval(c.shareJail),
      remission: interval(c.shareRemission),
    },
    costPerDeathAverted: averted > 1e-9 ? mean(c.incremental) / averted : null,
  };
}

/** What a slice of the ensemble's draws sends back: today's and each scenario's values per draw, in draw order. */
export interface DrawSlice {
  readonly base: Collected;
  readonly each: readonly Collected[];
}

/** What simulating a slice of draws needs: everything but the ranges and the seed, which made the draws. */
export interface SliceRequest {
  readonly setting: Setting;
  readonly scenarios: readonly Scenario[];
  readonly months: number;
  readonly costs: Costs;
}

/** Simulates today and every scenario on each of `draws`; `onProgress(done)` after each draw. */
export function simulateDraws(request: SliceRequest, draws: readonly ModelParameters[], onProgress?: (done: number) => void): DrawSlice {
  const { months, setting, costs } = request;
  const base = collector(months, draws.length);
  const each = request.scenarios.map(() => collector(months, draws.length));
  draws.forEach((p, d) => {
    const today = simulate(p, setting, noLevers, months);
    const todayCost = runCost(today, p, setting, noLevers, costs);
    const reference = {
      fatal: today.reduce((s, m) => s + m.fatalOverdoses, 0),
      nonFatal: today.reduce((s, m) => s + m.nonFatalOverdoses, 0),
      cost: todayCost,
    };
    record(base, d, today, todayCost, reference);
    request.scenarios.forEach((scenario, i) => {
      const run = simulate(p, setting, scenario.levers, months);
      record(each[i]!, d, run, runCost(run, p, setting, scenario.levers, costs), reference);
    });
    onProgress?.(d + 1);
  });
  return { base, each };
}

/** The slices' values end to end, in the order given: the same numbers in the same order as one slice of every draw. */
function concatenate(parts: readonly Collected[]): Collected {
  const join = (pick: (c: Collected) => Float64Array): Float64Array => {
    const out = new Float64Array(parts.reduce((n, c) => n + pick(c).length, 0));
    let at = 0;
    for (const c of parts) {
      out.set(pick(c), at);
      at += pick(c).length;
    }
    return out;
  };
  const first = parts[0]!;
  const perMonth = (key: 'fatal' | 'nonFatal' | 'moud') => first[key].map((_, k) => join((c) => c[key][k]!));
  const perDraw = Object.fromEntries(perDrawKeys.map((key) => [key, join((c) => c[key])])) as Pick<Collected, (typeof perDrawKeys)[number]>;
  return { fatal: perMonth('fatal'), nonFatal: perMonth('nonFatal'), moud: perMonth('moud'), ...perDraw };
}

const perDrawKeys = [
  'totalFatal',
  'totalNonFatal',
  'averted',
  'nonFatalAverted',
  'moudEnd',
  'cost',
  'incremental',
  'shareMoud',
  'shareUntreated',
  'shareJail',
  'shareRemission',
] as const;

/** The ensemble's summary from its slices, given in draw order. */
export function summarizeSlices(request: EnsembleRequest, months: number, slices: readonly DrawSlice[]): EnsembleResult {
  const base = concatenate(slices.map((s) => s.base));
  return {
    draws: base.totalFatal.length,
    seed: request.seed,
    months,
    baseline: summarize('Today', base),
    scenarios: request.scenarios.map((s, i) => summarize(s.name, concatenate(slices.map((slice) => slice.each[i]!)))),
  };
}

/** The ensemble's months, checked: at most four scenarios. */
export function ensembleMonths(request: EnsembleRequest): number {
  if (request.scenarios.length > MAX_SCENARIOS) throw new RangeError(`At most ${MAX_SCENARIOS} scenarios can be compared`);
  return Math.round(request.years * 12);
}

/** Runs the ensemble on this thread; `onProgress(done, total)` is called after each draw. */
export function runEnsemble(request: EnsembleRequest, onProgress?: (done: number, total: number) => void): EnsembleResult {
  const months = ensembleMonths(request);
  const draws = drawParameters(request.ranges, request.draws, request.seed);
  const slice = simulateDraws({ ...request, months }, draws, (done) => onProgress?.(done, draws.length));
  return summarizeSlices(request, months, [slice]);
}
