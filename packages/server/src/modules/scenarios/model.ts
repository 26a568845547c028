/**
 * The community cascade model: eight compartments of adults and the flows between them, solved monthly.
 *
 * no misuse (N) → prescription opioid misuse (P) → OUD not in treatment (U) ⇄ in MOUD on buprenorphine (B),
 * methadone (M) or extended-release naltrexone (X); U ⇄ remission (R); U ⇄ incarcerated (J). Overdoses
 * happen in every community compartment at a compartment-specific rate; a share is fatal, reduced by
 * naloxone when it is present at a witnessed overdose (PROFOUND's decision tree, Irvine et al. 2022);
 * non-fatal overdoses seen in an ED may start buprenorphine. Entries (ageing in, migration) arrive in N
 * and every compartment has background mortality, so the people in the model change only through
 * entries, overdose deaths and other deaths — conservation is tested. docs/decisions/0019-scenario-model.md.
 */
import { solve } from './ode.ts';
import type { ModelParameters } from './parameters.ts';

export const compartments = [
  'noMisuse',
  'rxMisuse',
  'untreated',
  'buprenorphine',
  'methadone',
  'naltrexone',
  'remission',
  'incarcerated',
] as const;
export type Compartment = (typeof compartments)[number];
export type CompartmentSizes = Readonly<Record<Compartment, number>>;
export const medications = ['buprenorphine', 'methadone', 'naltrexone'] as const;
export type Medication = (typeof medications)[number];

/** What the community is and does today (the baseline scenario), from its own data. */
export interface Setting {
  /** People in each compartment at the start. */
  readonly initial: CompartmentSizes;
  /** MOUD slots by medication; null is no limit. */
  readonly capacity: Readonly<Record<Medication, number | null>>;
  readonly naloxoneKitsPerYear: number;
  readonly waitWeeks: number;
  /** Share of people with untreated OUD who use fentanyl test strips. */
  readonly ftsUptake: number;
}

/** What a scenario changes, on top of the setting. */
export interface Levers {
  readonly extraSlots: Readonly<Record<Medication, number>>;
  /** Probability of ED buprenorphine induction after a non-fatal overdose seen in an ED (replaces the parameter). */
  readonly edInduction: number | null;
  readonly jailMoudAtRelease: number | null;
  /** Relative reduction of MOUD discontinuation (peer support, telehealth): 0.2 keeps people 25% longer. */
  readonly retentionImprovement: number;
  readonly naloxoneKitsPerYear: number | null;
  readonly ftsUptake: number | null;
  /** Relative reduction of new prescription opioid misuse (prescribing safety). */
  readonly prescribingReduction: number;
  readonly waitWeeks: number | null;
}

export const noLevers: Levers = {
  extraSlots: { buprenorphine: 0, methadone: 0, naltrexone: 0 },
  edInduction: null,
  jailMoudAtRelease: null,
  retentionImprovement: 0,
  naloxoneKitsPerYear: null,
  ftsUptake: null,
  prescribingReduction: 0,
  waitWeeks: null,
};

/** One month of the projection: flows during the month, stocks at its end. */
export interface MonthResult {
  readonly month: number;
  readonly fatalOverdoses: number;
  readonly nonFatalOverdoses: number;
  readonly reversals: number;
  readonly treatmentStarts: number;
  readonly edInductions: number;
  readonly otherDeaths: number;
  readonly entries: number;
  readonly sizes: CompartmentSizes;
}

const N = 0,
  P = 1,
  U = 2,
  B = 3,
  M = 4,
  X = 5,
  R = 6,
  J = 7;
// Accumulators after the eight compartments.
const FATAL = 8,
  NONFATAL = 9,
  REVERSALS = 10,
  STARTS = 11,
  ED = 12,
  OTHER = 13,
  ENTRIES = 14;
const WIDTH = 15;

/** Within this share of capacity a programme starts turning people away (a wait list forms). */
const CAPACITY_BAND = 0.1;

/** Share of would-be starts a programme can take: 1 below 90% of capacity, falling linearly to 0 at capacity. */
export function room(census: number, capacity: number): number {
  if (!Number.isFinite(capacity)) return 1;
  if (capacity <= 0) return 0;
  return Math.min(1, Math.max(0, (capacity - census) / (CAPACITY_BAND * capacity)));
}

/** The right-hand side for one parameter set, setting and levers. Exported for the steady-state tests. */
export function derivative(p: ModelParameters, setting: Setting, levers: Levers) {
  const population0 = compartments.reduce((sum, c) => sum + setting.initial[c], 0);
  const inflow = p.entryRate * population0;
  const capacity = medications.map((m) => {
    const base = setting.capacity[m];
    return base === null ? Infinity : base + levers.extraSlots[m];
  });
  const shares = [p.shareBuprenorphine, p.shareMethadone, Math.max(0, 1 - p.shareBuprenorphine - p.shareMethadone)];
  const keep = 1 - levers.retentionImprovement;
  const discontinue = [p.discontinueBuprenorphine * keep, p.discontinueMethadone * keep, p.discontinueNaltrexone * keep];
  const rr = [p.rrOverdoseBuprenorphine, p.rrOverdoseMethadone, p.rrOverdoseNaltrexone];
  const wait = levers.waitWeeks ?? setting.waitWeeks;
  const entry = p.treatmentEntry * Math.exp(-p.waitLossPerWeek * wait);
  const kits = levers.naloxoneKitsPerYear ?? setting.naloxoneKitsPerYear;
  const fts = levers.ftsUptake ?? setting.ftsUptake;
  const overdoseU = p.overdoseUntreated * (1 - fts * p.ftsEffect);
  const edInduction = levers.edInduction ?? p.edInduction;
  const jailMoud = levers.jailMoudAtRelease ?? p.jailMoudAtRelease;
  const initiation = p.rxMisuseInitiation * (1 - levers.prescribingReduction);
  const mu = p.backgroundMortality;

  return (_t: number, y: Float64Array, dy: Float64Array): void => {
    const n = y[N]!,
      pm = y[P]!,
      u = y[U]!,
      r = y[R]!,
      j = y[J]!;
    const atRisk = u + y[B]! + y[M]! + y[X]! + r;
    // Naloxone present at a witnessed overdose: saturating in kits per person at risk (PROFOUND-style).
    const presence = atRisk > 0 && kits > 0 ? 1 - Math.exp(-kits / (p.naloxonePresence * atRisk)) : 0;
    const fatalShare = p.caseFatality * (1 - p.witnessed * presence * p.naloxoneEfficacy);
    const reversedShare = p.caseFatality * p.witnessed * presence * p.naloxoneEfficacy;

    const odP = p.overdoseRxMisuse * pm;
    const odU = overdoseU * u;
    const odMed = [rr[0]! * p.overdoseUntreated * y[B]!, rr[1]! * p.overdoseUntreated * y[M]!, rr[2]! * p.overdoseUntreated * y[X]!];
    const odR = p.rrOverdoseRemission * p.overdoseUntreated * r;
    const overdoses = odP + odU + odMed[0]! + odMed[1]! + odMed[2]! + odR;

    const gate = [room(y[B]!, capacity[0]!), room(y[M]!, capacity[1]!), room(y[X]!, capacity[2]!)];
    const edStarts = odU * (1 - fatalShare) * p.edPresentation * edInduction * p.edLinkage * gate[0]!;
    let starts = edStarts;
    let uOut = 0;
    let jOut = 0;
    for (let k = 0; k < 3; k++) {
      const fromU = entry * shares[k]! * gate[k]! * u;
      const fromJ = p.release * jailMoud * shares[k]! * gate[k]! * j;
      const stop = discontinue[k]! * y[B + k]!;
      dy[B + k] = fromU + fromJ - stop - odMed[k]! * fatalShare - mu * y[B + k]! + (k === 0 ? edStarts : 0);
      starts += fromU + fromJ;
      uOut += fromU;
      jOut += fromJ;
      // Those who stop go back to use, or into remission.
      dy[U] = (k === 0 ? 0 : dy[U]!) + stop * (1 - p.discontinueToRemission);
      dy[R] = (k === 0 ? 0 : dy[R]!) + stop * p.discontinueToRemission;
    }
    const released = p.release * j - jOut;
    dy[N] = inflow - initiation * n - p.illicitInitiation * n + p.rxMisuseCessation * pm - mu * n;
    dy[P] = initiation * n - (p.rxMisuseCessation + p.rxMisuseToOud) * pm - odP * fatalShare - mu * pm;
    dy[U] =
      dy[U]! +
      p.illicitInitiation * n +
      p.rxMisuseToOud * pm +
      p.relapse * r +
      released -
      uOut -
      edStarts -
      (p.remission + p.incarceration) * u -
      odU * fatalShare -
      mu * u;
    dy[R] = dy[R]! + p.remission * u - p.relapse * r - odR * fatalShare - mu * r;
    dy[J] = p.incarceration * u - p.release * j - mu * j;
    dy[FATAL] = overdoses * fatalShare;
    dy[NONFATAL] = overdoses * (1 - fatalShare);
    dy[REVERSALS] = overdoses * reversedShare;
    dy[STARTS] = starts;
    dy[ED] = edStarts;
    dy[OTHER] = mu * (n + pm + u + y[B]! + y[M]! + y[X]! + r + j);
    dy[ENTRIES] = inflow;
  };
}

/** Runs the model for `months` months (time in years, monthly output). */
export function simulate(p: ModelParameters, setting: Setting, levers: Levers, months: number): MonthResult[] {
  const y0 = new Float64Array(WIDTH);
  compartments.forEach((c, i) => (y0[i] = setting.initial[c]));
  const times = Array.from({ length: months + 1 }, (_, k) => k / 12);
  const { states } = solve(derivative(p, setting, levers), y0, times, { steps: 1, tolerance: 1e-6 });
  const out: MonthResult[] = [];
  for (let k = 1; k < states.length; k++) {
    const a = states[k - 1]!;
    const b = states[k]!;
    const sizes = Object.fromEntries(compartments.map((c, i) => [c, b[i]!])) as Record<Compartment, number>;
    out.push({
      month: k,
      fatalOverdoses: b[FATAL]! - a[FATAL]!,
      nonFatalOverdoses: b[NONFATAL]! - a[NONFATAL]!,
      reversals: b[REVERSALS]! - a[REVERSALS]!,
      treatmentStarts: b[STARTS]! - a[STARTS]!,
      edInductions: b[ED]! - a[ED]!,
      otherDeaths: b[OTHER]! - a[OTHER]!,
      entries: b[ENTRIES]! - a[ENTRIES]!,
      sizes,
    });
  }
  return out;
}

export const inMoud = (s: CompartmentSizes): number => s.buprenorphine + s.methadone + s.naltrexone;
/** People with OUD: untreated, in MOUD, incarcerated (remission counted apart). */
export const withOud = (s: CompartmentSizes): number => s.untreated + inMoud(s) + s.incarcerated;
export const total = (s: CompartmentSizes): number => compartments.reduce((sum, c) => sum + s[c], 0);
