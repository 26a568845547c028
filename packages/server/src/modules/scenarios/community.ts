/**
 * The community's own data as the model's starting point (docs/scenarios.md, "Calibration"): initial
 * compartment sizes from the OUD estimate, MOUD starts and retention; priors from the literature where the
 * local data are thin; and the observed monthly series the calibration fits. Pure: the inputs are the
 * aggregates the learning and overdose modules hand over (community-inputs.ts).
 */
import type { Observed } from './calibrate.ts';
import { medications, type CompartmentSizes, type Medication, type Setting } from './model.ts';
import { baseParameters, type ModelParameters, type ParameterKey } from './parameters.ts';

export interface CommunityData {
  /** People in the community's areas (the model's population). */
  readonly population: number;
  readonly oudEstimate: number | null;
  /** The observed months, oldest first (YYYY-MM). */
  readonly months: readonly string[];
  /** Overdoses by month over `months` (absent: the community records none). */
  readonly overdoses: readonly { readonly month: string; readonly fatal: number; readonly nonFatal: number }[] | null;
  /** MOUD treatment starts by month (null for a month outside the learning run). */
  readonly moudStarts: readonly { readonly month: string; readonly starts: number }[];
  readonly retention180: { readonly numerator: number; readonly denominator: number } | null;
  readonly naloxoneKitsLastYear: number;
  /** Known slots today by medication (null: not known). */
  readonly capacity: Readonly<Record<Medication, number | null>>;
}

/** Shares of the population and of people with OUD used where the community has no figure of its own. */
export const priors = {
  /** NSDUH 2022: 6.1 million people 12 or older (2.2%) had OUD in the past year. */
  oudPrevalence: 0.022,
  /** NSDUH 2022: 8.5 million people 12 or older (3.0%) misused prescription pain relievers in the past year. */
  rxMisusePrevalence: 0.03,
  /** NSDUH 2021: about 1 in 5 people with OUD (22%) received medication for it. */
  moudShareOfOud: 0.2,
  /** Assumption: people in remission as a share of people with active OUD (Hser et al. 2015 cohort ratios). */
  remissionPerOud: 0.3,
  /**
   * Programmes at the edge of full: today's census is 90% of capacity, so any growth meets a wait list
   * (Jones et al. 2015, Am J Public Health 105:e55: most opioid treatment programmes at 80% or more of capacity).
   */
  censusShareOfCapacity: 0.9,
} as const;

/** Fewer observed months than this (with any count in them) and nothing is fitted. */
export const MIN_FIT_MONTHS = 6;

export interface Community {
  readonly setting: Setting;
  /** Rates moved from their priors by local data before calibration (retention). */
  readonly overrides: Partial<ModelParameters>;
  readonly observed: Observed;
  /** Which parameters the calibration fits (none when the data are too thin). */
  readonly fitKeys: readonly ParameterKey[];
  readonly oudEstimateSource: 'estimates' | 'prior';
  readonly moudStartsPerYear: number | null;
  readonly retention180: number | null;
  readonly notes: readonly string[];
}

/** The scale factor on every discontinuation rate that gives `retained` at 180 days, mixing medications by their shares. */
export function discontinuationScale(p: ModelParameters, retained: number): number {
  const shares = [p.shareBuprenorphine, p.shareMethadone, Math.max(0, 1 - p.shareBuprenorphine - p.shareMethadone)];
  const rates = [p.discontinueBuprenorphine, p.discontinueMethadone, p.discontinueNaltrexone];
  const at = (f: number) => shares.reduce((s, w, k) => s + w * Math.exp(-0.5 * f * rates[k]!), 0);
  const target = Math.min(0.98, Math.max(0.02, retained));
  let lo = 0.01;
  let hi = 100;
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(lo * hi);
    if (at(mid) > target) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

export function communityFrom(data: CommunityData, waitWeeks = 2): Community {
  const notes: string[] = [];
  if (!(data.population > 0)) throw new RangeError('No areas with a population are stored: the model has no community to project.');
  const population = data.population;
  const oudFromEstimate = data.oudEstimate !== null && data.oudEstimate > 0;
  const oud = oudFromEstimate ? data.oudEstimate! : population * priors.oudPrevalence;
  if (!oudFromEstimate) notes.push('No stored OUD estimate: people with OUD taken as 2.2% of the population (NSDUH 2022).');

  const overrides: Record<string, number> = {};
  let retention180: number | null = null;
  if (data.retention180 && data.retention180.denominator >= 20) {
    retention180 = data.retention180.numerator / data.retention180.denominator;
    const f = discontinuationScale(baseParameters, retention180);
    overrides.discontinueBuprenorphine = baseParameters.discontinueBuprenorphine * f;
    overrides.discontinueMethadone = baseParameters.discontinueMethadone * f;
    overrides.discontinueNaltrexone = baseParameters.discontinueNaltrexone * f;
  } else notes.push('Fewer than 20 MOUD starts with 180 days closed: retention from the literature.');
  const p = { ...baseParameters, ...overrides };

  const recentStarts = data.moudStarts.slice(-12);
  const startsTotal = recentStarts.reduce((s, m) => s + m.starts, 0);
  const moudStartsPerYear = startsTotal > 0 ? (startsTotal / recentStarts.length) * 12 : null;
  const shares = [p.shareBuprenorphine, p.shareMethadone, Math.max(0, 1 - p.shareBuprenorphine - p.shareMethadone)];
  const discontinue = [p.discontinueBuprenorphine, p.discontinueMethadone, p.discontinueNaltrexone];
  // Steady state: people in treatment = starts per year × mean years in treatment, by medication.
  let census = medications.map((_, k) =>
    moudStartsPerYear !== null ? (moudStartsPerYear * shares[k]!) / discontinue[k]! : oud * priors.moudShareOfOud * shares[k]!,
  );
  if (moudStartsPerYear === null) notes.push('No MOUD starts recorded: about 1 in 5 people with OUD taken as in treatment (NSDUH 2021).');
  const censusTotal = census.reduce((s, c) => s + c, 0);
  if (censusTotal > 0.8 * oud) {
    census = census.map((c) => (c * 0.8 * oud) / censusTotal);
    notes.push('MOUD starts imply more people in treatment than the OUD estimate allows: the census is capped at 80% of it.');
  }
  const incarcerated = oud * (p.incarceration / p.release);
  const untreated = Math.max(0, oud - census.reduce((s, c) => s + c, 0) - incarcerated);
  const remission = oud * priors.remissionPerOud;
  const rxMisuse = population * priors.rxMisusePrevalence;
  const initial: CompartmentSizes = {
    noMisuse: Math.max(0, population - oud - remission - rxMisuse),
    rxMisuse,
    untreated,
    buprenorphine: census[0]!,
    methadone: census[1]!,
    naltrexone: census[2]!,
    remission,
    incarcerated,
  };
  const capacity = Object.fromEntries(
    medications.map((m, k) => [m, data.capacity[m] ?? (census[k]! > 0 ? census[k]! / priors.censusShareOfCapacity : null)]),
  ) as Record<Medication, number | null>;
  if (medications.some((m) => data.capacity[m] === null)) notes.push('MOUD slots not given: today’s census taken as 90% of capacity.');

  const byMonth = new Map(data.overdoses?.map((o) => [o.month, o]) ?? []);
  const startsByMonth = new Map(data.moudStarts.map((m) => [m.month, m.starts]));
  const observed: Observed = {
    ...(data.overdoses
      ? {
          fatalOverdoses: data.months.map((m) => byMonth.get(m)?.fatal ?? 0),
          nonFatalOverdoses: data.months.map((m) => byMonth.get(m)?.nonFatal ?? 0),
        }
      : {}),
    treatmentStarts: data.months.map((m) => startsByMonth.get(m) ?? null),
  };
  const monthsWith = (series: readonly (number | null)[] | undefined) => (series ?? []).filter((v) => v !== null && v > 0).length;
  const fitKeys: ParameterKey[] = [];
  if (monthsWith(observed.nonFatalOverdoses) >= MIN_FIT_MONTHS) fitKeys.push('overdoseUntreated');
  if (monthsWith(observed.fatalOverdoses) >= MIN_FIT_MONTHS) fitKeys.push('caseFatality');
  if (monthsWith(observed.treatmentStarts) >= MIN_FIT_MONTHS) fitKeys.push('treatmentEntry');
  if (fitKeys.length === 0) notes.push(`Fewer than ${MIN_FIT_MONTHS} months with overdoses or MOUD starts: nothing fitted, priors only.`);

  return {
    setting: { initial, capacity, naloxoneKitsPerYear: data.naloxoneKitsLastYear, waitWeeks, ftsUptake: 0 },
    overrides,
    observed,
    fitKeys,
    oudEstimateSource: oudFromEstimate ? 'estimates' : 'prior',
    moudStartsPerYear,
    retention180,
    notes,
  };
}
