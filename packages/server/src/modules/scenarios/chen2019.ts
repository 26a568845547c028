/**
 * The three-compartment system dynamics model of Chen et al. 2019, used to check the solver and the way
 * this module writes compartmental models against a published projection ("replicate before you
 * innovate", docs/decisions/0019-scenario-model.md).
 *
 * Source: Chen Q, Larochelle MR, Weaver DT, et al. Prevention of Prescription Opioid Misuse and Projected
 * Overdose Deaths in the United States. JAMA Netw Open. 2019;2(2):e187621 (PMC6415966). Compartments:
 * nonmedical prescription opioid use without OUD (N), prescription OUD (O), illicit opioid use (I).
 * Parameters are the paper's calibrated means (eTable 4 of its supplement): annual rates, with the
 * time-varying ones given as a 2002 value and annual percentage changes (APC) with a joinpoint, as the
 * paper fitted them. Base case ("status quo"): the incidence of nonmedical use stays at its 2015 level
 * after 2015, and the APCs of illicit incidence and illicit overdose mortality fall linearly to zero by
 * 2025.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { solve } from './ode.ts';

/** A rate given by its value in `start` and annual percentage changes, as in the paper's joinpoint fits. */
export interface JoinpointRate {
  readonly start: number;
  readonly value: number;
  readonly apc: number;
  readonly joinpoint?: number;
  readonly apcAfter?: number;
  /** From 2015 on, the APC then in force shrinks linearly, reaching 0 in this year. */
  readonly stabilizeBy?: number;
  /** From this year on, a different APC (an intervention on incidence). */
  readonly interventionFrom?: number;
  readonly interventionApc?: number;
}

const STABILIZE_FROM = 2015;

function apcAt(rate: JoinpointRate, year: number): number {
  if (rate.interventionFrom !== undefined && year > rate.interventionFrom) return rate.interventionApc ?? 0;
  if (rate.joinpoint !== undefined && year > rate.joinpoint) return rate.apcAfter ?? rate.apc;
  return rate.apc;
}

/** The rate's value at time t (years; t = 2002 is the start of 2002). */
export function rateAt(rate: JoinpointRate, t: number): number {
  let value = rate.value;
  let year = rate.start;
  while (year < t) {
    const span = Math.min(1, t - year);
    // The APC in force during (year, year + 1]; after 2015 a stabilizing trend shrinks linearly.
    let apc = apcAt(rate, year + 1);
    if (rate.stabilizeBy !== undefined && year + 1 > STABILIZE_FROM) {
      const left = Math.max(0, 1 - (year + 1 - STABILIZE_FROM) / (rate.stabilizeBy - STABILIZE_FROM));
      apc *= left;
    }
    value *= Math.pow(1 + apc, span);
    year += 1;
  }
  return value;
}

export interface ChenParameters {
  /** New nonmedical prescription opioid users per year. */
  readonly nonmedicalIncidence: JoinpointRate;
  /** New illicit opioid users per year who did not come through prescription opioids. */
  readonly illicitIncidence: JoinpointRate;
  readonly nonmedicalToOud: number;
  readonly nonmedicalToIllicit: number;
  readonly oudToIllicit: JoinpointRate;
  readonly nonmedicalOverdose: number;
  readonly oudOverdose: JoinpointRate;
  readonly illicitOverdose: JoinpointRate;
  /** Leaving the group: stopping use or dying of other causes. */
  readonly nonmedicalExit: number;
  readonly oudExit: JoinpointRate;
  readonly illicitExit: number;
}

/** People in each compartment at the start of 2002 (eTable 4). */
export const chenInitial2002 = { nonmedical: 10_029_859, oud: 1_369_218, illicit: 328_371 } as const;

/** Chen et al. 2019, eTable 4: calibrated means, base case. */
export const chenParameters: ChenParameters = {
  nonmedicalIncidence: {
    start: 2002,
    value: 2_496_835,
    apc: 0.0016,
    joinpoint: 2008,
    apcAfter: -0.0747,
    interventionFrom: 2015,
    interventionApc: 0,
  },
  illicitIncidence: { start: 2002, value: 13_489, apc: 0.235, stabilizeBy: 2025 },
  nonmedicalToOud: 0.06,
  nonmedicalToIllicit: 0.002,
  oudToIllicit: { start: 2002, value: 0.071, apc: 0.042 },
  nonmedicalOverdose: 0.001,
  oudOverdose: { start: 2002, value: 0.003, apc: 0.224, joinpoint: 2007, apcAfter: 0.03 },
  illicitOverdose: { start: 2002, value: 0.005, apc: 0.011, joinpoint: 2011, apcAfter: 0.356, stabilizeBy: 2025 },
  nonmedicalExit: 0.177,
  oudExit: { start: 2002, value: 0.311, apc: -0.021 },
  illicitExit: 0.319,
};

/** The paper's interventions: incidence of nonmedical use falls 7.5% a year (historical trend) or 11.3% a year from 2016. */
export function withNonmedicalIncidenceDecline(parameters: ChenParameters, apc: number): ChenParameters {
  return { ...parameters, nonmedicalIncidence: { ...parameters.nonmedicalIncidence, interventionApc: apc } };
}

export interface ChenYear {
  readonly year: number;
  readonly nonmedical: number;
  readonly oud: number;
  readonly illicit: number;
  /** Opioid overdose deaths during the calendar year. */
  readonly deaths: number;
  readonly illicitDeaths: number;
}

/** Runs the model from the start of 2002 to the end of `lastYear`; one row per calendar year. */
export function runChen(parameters: ChenParameters = chenParameters, lastYear = 2025): ChenYear[] {
  const p = parameters;
  const derivative = (t: number, y: Float64Array, dy: Float64Array): void => {
    const n = y[0]!;
    const o = y[1]!;
    const i = y[2]!;
    const oudToIllicit = rateAt(p.oudToIllicit, t);
    const oudOverdose = rateAt(p.oudOverdose, t);
    const illicitOverdose = rateAt(p.illicitOverdose, t);
    dy[0] = rateAt(p.nonmedicalIncidence, t) - n * (p.nonmedicalExit + p.nonmedicalOverdose + p.nonmedicalToOud + p.nonmedicalToIllicit);
    dy[1] = p.nonmedicalToOud * n - o * (rateAt(p.oudExit, t) + oudOverdose + oudToIllicit);
    dy[2] = rateAt(p.illicitIncidence, t) + oudToIllicit * o + p.nonmedicalToIllicit * n - i * (p.illicitExit + illicitOverdose);
    // Accumulators: all opioid overdose deaths, and those among people using illicit opioids.
    dy[3] = p.nonmedicalOverdose * n + oudOverdose * o + illicitOverdose * i;
    dy[4] = illicitOverdose * i;
  };
  const times: number[] = [];
  for (let year = 2002; year <= lastYear + 1; year++) times.push(year);
  const { states } = solve(derivative, [chenInitial2002.nonmedical, chenInitial2002.oud, chenInitial2002.illicit, 0, 0], times);
  const rows: ChenYear[] = [];
  for (let k = 0; k + 1 < states.length; k++) {
    const at = states[k]!;
    const next = states[k + 1]!;
    rows.push({
      year: times[k]!,
      nonmedical: at[0]!,
      oud: at[1]!,
      illicit: at[2]!,
      deaths: next[3]! - at[3]!,
      illicitDeaths: next[4]! - at[4]!,
    });
  }
  return rows;
}

/**
 * The paper's published status-quo figures (Chen et al. 2019, Results and Key Points): the replication
 * targets of chen2019.test.ts.
 */
export const chenPublished = {
  deaths2015: 33_100,
  deaths2025: 81_700,
  deaths2016to2025: 700_400,
  illicitUsers2025: 1_500_000,
  /** Fewer deaths 2016–2025 when misuse incidence falls 7.5% a year (the historical trend). */
  reductionHistoricalPercent: 3.0,
  /** … and 11.3% a year (50% faster). */
  reductionFasterPercent: 5.3,
} as const;

/**
 * US opioid overdose deaths 2002–2015 (CDC WONDER multiple cause of death, ICD-10 X40–44, X60–64, X85,
 * Y10–14 with T40.0–T40.4, T40.6; NCHS Data Brief 294): the series the paper calibrated to.
 */
export const cdcOpioidDeaths2002to2015 = [
  11_920, 12_940, 13_756, 14_918, 17_545, 18_516, 19_582, 20_422, 21_089, 22_784, 23_166, 25_052, 28_647, 33_091,
] as const;

/**
 * The base case used for the replication. The paper assumes the growth of illicit incidence and illicit
 * overdose mortality slows after 2015 until it stops; the year it stops is not recoverable from the public
 * text, and 2022 is the whole year whose projection is nearest the published 2025 deaths. The other
 * published figures (2016–2025 deaths, illicit users, intervention effects) are then checked out of sample.
 */
export const chenBaseCase: ChenParameters = {
  ...chenParameters,
  illicitIncidence: { ...chenParameters.illicitIncidence, stabilizeBy: 2022 },
  illicitOverdose: { ...chenParameters.illicitOverdose, stabilizeBy: 2022 },
};

export interface ChenFit {
  readonly parameters: ChenParameters;
  /** Multipliers of the prescription (nonmedical and OUD) and illicit overdose mortality levels. */
  readonly prescriptionScale: number;
  readonly illicitScale: number;
}

function scaleOverdose(p: ChenParameters, rx: number, illicit: number): ChenParameters {
  return {
    ...p,
    nonmedicalOverdose: p.nonmedicalOverdose * rx,
    oudOverdose: { ...p.oudOverdose, value: p.oudOverdose.value * rx },
    illicitOverdose: { ...p.illicitOverdose, value: p.illicitOverdose.value * illicit },
  };
}

/**
 * Fits the overdose mortality levels to the 2002–2015 deaths by Levenberg–Marquardt, as the paper
 * calibrated its model to them; the rates' time trends stay as published.
 */
export function fitChenOverdoseLevels(parameters: ChenParameters, observed: readonly number[] = cdcOpioidDeaths2002to2015): ChenFit {
  const years = observed.map((_, i) => i);
  const result = levenbergMarquardt(
    { x: years, y: observed.map((v) => v / 1000) },
    ([rx, illicit]) => {
      const rows = runChen(scaleOverdose(parameters, rx!, illicit!), 2002 + observed.length - 1);
      return (i: number) => rows[i]!.deaths / 1000;
    },
    { initialValues: [1, 1], minValues: [0.1, 0.1], maxValues: [5, 5], damping: 0.01, maxIterations: 100 },
  );
  const [rx, illicit] = result.parameterValues;
  return { parameters: scaleOverdose(parameters, rx!, illicit!), prescriptionScale: rx!, illicitScale: illicit! };
}
