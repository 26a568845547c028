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

/**
 * Step-doubling tolerance per month (ode.ts). The kept answer is the Richardson-extrapolated one, whose
 * error is far below this estimate of the unextrapolated error: against a reference solved at 1e-12, a
 * 10-year run at 1e-5 is within 2e-8 relative in every compartment (1e-6 costs 25 evaluations a month
 * instead of 14.5 for 1e-9). `model.test.ts` holds the bound.
 */
export const TOLERANCE = 1e-5;

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
  const [capacity0, capacity1, capacity2] = medications.map((m) => {
    const base = setting.capacity[m];
    return base === null ? Infinity : base + levers.extraSlots[m];
  }) as [number, number, number];
  const share0 = p.shareBuprenorphine;
  const share1 = p.shareMethadone;
  const share2 = Math.max(0, 1 - p.shareBuprenorphine - p.shareMethadone);
  const keep = 1 - levers.retentionImprovement;
  const discontinue0 = p.discontinueBuprenorphine * keep;
  const discontinue1 = p.discontinueMethadone * keep;
  const discontinue2 = p.discontinueNaltrexone * keep;
  const rr0 = p.rrOverdoseBuprenorphine;
  const rr1 = p.rrOverdoseMethadone;
  const rr2 = p.rrOverdoseNaltrexone;
  const wait = levers.waitWeeks ?? setting.waitWeeks;
  const entry = p.treatmentEntry * Math.exp(-p.waitLossPerWeek * wait);
  const kits = levers.naloxoneKitsPerYear ?? setting.naloxoneKitsPerYear;
  const fts = levers.ftsUptake ?? setting.ftsUptake;
  const overdoseU = p.overdoseUntreated * (1 - fts * p.ftsEffect);
  const edInduction = levers.edInduction ?? p.edInduction;
  const jailMoud = levers.jailMoudAtRelease ?? p.jailMoudAtRelease;
  const initiation = p.rxMisuseInitiation * (1 - levers.prescribingReduction);
  const mu = p.backgroundMortality;

  // The rates as locals: read on every evaluation of the right-hand side.
  const {
    caseFatality,
    discontinueToRemission,
    edLinkage,
    edPresentation,
    illicitInitiation,
    incarceration,
    naloxoneEfficacy,
    naloxonePresence,
    overdoseRxMisuse,
    overdoseUntreated,
    relapse,
    release,
    remission,
    rrOverdoseRemission,
    rxMisuseCessation,
    rxMisuseToOud,
    witnessed,
  } = p;
  return (_t: number, y: Float64Array, dy: Float64Array): void => {
    const n = y[N]!,
      pm = y[P]!,
      u = y[U]!,
      r = y[R]!,
      j = y[J]!;
    const atRisk = u + y[B]! + y[M]! + y[X]! + r;
    // Naloxone present at a witnessed overdose: saturating in kits per person at risk (PROFOUND-style).
    const presence = atRisk > 0 && kits > 0 ? 1 - Math.exp(-kits / (naloxonePresence * atRisk)) : 0;
    const fatalShare = caseFatality * (1 - witnessed * presence * naloxoneEfficacy);
    const reversedShare = caseFatality * witnessed * presence * naloxoneEfficacy;

    const odP = overdoseRxMisuse * pm;
    const odU = overdoseU * u;
    // Scalars, not arrays: this runs a dozen times per month per draw, and allocations there dominate.
    const od0 = rr0 * overdoseUntreated * y[B]!;
    const od1 = rr1 * overdoseUntreated * y[M]!;
    const od2 = rr2 * overdoseUntreated * y[X]!;
    const odR = rrOverdoseRemission * overdoseUntreated * r;
    const overdoses = odP + odU + od0 + od1 + od2 + odR;

    const gate0 = room(y[B]!, capacity0);
    const edStarts = odU * (1 - fatalShare) * edPresentation * edInduction * edLinkage * gate0;
    let starts = edStarts;
    let uOut = 0;
    let jOut = 0;
    let toU = 0;
    let toR = 0;
    for (let k = 0; k < 3; k++) {
      const gate = k === 0 ? gate0 : k === 1 ? room(y[M]!, capacity1) : room(y[X]!, capacity2);
      const share = k === 0 ? share0 : k === 1 ? share1 : share2;
      const od = k === 0 ? od0 : k === 1 ? od1 : od2;
      const fromU = entry * share * gate * u;
      const fromJ = release * jailMoud * share * gate * j;
      const stop = (k === 0 ? discontinue0 : k === 1 ? discontinue1 : discontinue2) * y[B + k]!;
      dy[B + k] = fromU + fromJ - stop - od * fatalShare - mu * y[B + k]! + (k === 0 ? edStarts : 0);
      starts += fromU + fromJ;
      uOut += fromU;
      jOut += fromJ;
      // Those who stop go back to use, or into remission.
      toU += stop * (1 - discontinueToRemission);
      toR += stop * discontinueToRemission;
    }
    dy[U] = toU;
    dy[R] = toR;
    const released = release * j - jOut;
    dy[N] = inflow - initiation * n - illicitInitiation * n + rxMisuseCessation * pm - mu * n;
    dy[P] = initiation * n - (rxMisuseCessation + rxMisuseToOud) * pm - odP * fatalShare - mu * pm;
    dy[U] =
      dy[U]! +
      illicitInitiation * n +
      rxMisuseToOud * pm +
      relapse * r +
      released -
      uOut -
      edStarts -
      (remission + incarceration) * u -
      odU * fatalShare -
      mu * u;
    dy[R] = dy[R]! + remission * u - relapse * r - odR * fatalShare - mu * r;
    dy[J] = incarceration * u - release * j - mu * j;
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
  const { states } = solve(derivative(p, setting, levers), y0, times, { steps: 1, tolerance: TOLERANCE });
  const out: MonthResult[] = [];
  for (let k = 1; k < states.length; k++) {
    const a = states[k - 1]!;
    const b = states[k]!;
    const sizes: CompartmentSizes = {
      noMisuse: b[N]!,
      rxMisuse: b[P]!,
      untreated: b[U]!,
      buprenorphine: b[B]!,
      methadone: b[M]!,
      naltrexone: b[X]!,
      remission: b[R]!,
      incarcerated: b[J]!,
    };
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
