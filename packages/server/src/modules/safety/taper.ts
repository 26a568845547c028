import type { DrugKnowledge } from './drug-knowledge.ts';
import { mmeFactors2022 } from './mme.ts';
import { dayToIso, type Day } from './safety-model.ts';

/**
 * Taper planner (pure). From the current daily dose of one oral opioid, a schedule that reduces by
 * a chosen percentage per week or per month, rounded down to doses the available tablet strengths
 * can make, with the MME at each step. Default: 10% per month, for long-term therapy (CDC 2022,
 * Recommendation 5: "a decrease of 10% of the original dose per week or slower"; 10% per month is
 * often better tolerated after years of opioid use — HHS Guide for Clinicians on the Appropriate
 * Dosage Reduction or Discontinuation of Long-Term Opioid Analgesics, 2019).
 */

export interface TaperInput {
  /** Opioid ingredient, e.g. "oxycodone". */
  ingredient: string;
  currentDailyMg: number;
  /** Administrations per day (the tablets of each step are spread over them). */
  dosesPerDay: number;
  /** Percent per step: of the original dose (linear, default) or of the current step's dose. */
  percent?: number;
  interval?: 'week' | 'month';
  basis?: 'original' | 'current';
  /** Tablet strengths in mg; by default the single-ingredient oral tablets and capsules in the drug table. */
  strengthsMg?: number[];
  /** Stop reducing once the daily MME is below this (e.g. 50); by default the taper goes to zero. */
  targetMmePerDay?: number;
  start: Day;
  /** Safety net for a slow "current"-basis taper. */
  maxSteps?: number;
}

export interface TaperStep {
  step: number;
  startDate: string;
  dailyMg: number;
  mmePerDay: number;
  percentOfOriginal: number;
  /** mg at each administration. */
  doses: number[];
  /** Tablets per day by strength. */
  tablets: { strengthMg: number; count: number }[];
}

export interface TaperPlan {
  ingredient: string;
  factor: number;
  interval: 'week' | 'month';
  percent: number;
  strengthsMg: number[];
  steps: TaperStep[];
}

export class TaperError extends Error {}

const UNIT = 0.25; // mg resolution of the dose search

/** Single-ingredient oral tablet and capsule strengths for an ingredient, from the drug table. */
export function oralStrengths(k: DrugKnowledge, ingredient: string): number[] {
  const out = new Set<number>();
  for (const d of k.opioidDrugs.values()) {
    if (d.ingredients.length !== 1 || d.ingredients[0]!.ingredient !== ingredient || d.ingredients[0]!.strengthUnit !== 'MG') continue;
    if (d.doseForm === 'Oral Tablet' || d.doseForm === 'Oral Capsule') out.add(d.ingredients[0]!.strengthValue);
  }
  return [...out].sort((a, b) => a - b);
}

/** For each amount (in UNIT steps) up to max, the fewest tablets that make it exactly, or -1. */
function reachable(strengths: number[], maxUnits: number): { tablets: Int32Array; last: Int32Array } {
  const tablets = new Int32Array(maxUnits + 1).fill(-1);
  const last = new Int32Array(maxUnits + 1).fill(-1);
  tablets[0] = 0;
  const su = strengths.map((s) => Math.round(s / UNIT));
  for (let x = 1; x <= maxUnits; x++) {
    for (let i = 0; i < su.length; i++) {
      const prev = x - su[i]!;
      if (prev >= 0 && tablets[prev]! >= 0 && (tablets[x] === -1 || tablets[prev]! + 1 < tablets[x]!)) {
        tablets[x] = tablets[prev]! + 1;
        last[x] = i;
      }
    }
  }
  return { tablets, last };
}

function spreadOverDoses(tabletsMg: number[], dosesPerDay: number): number[] {
  const doses = new Array<number>(dosesPerDay).fill(0);
  for (const t of [...tabletsMg].sort((a, b) => b - a)) {
    let min = 0;
    for (let i = 1; i < doses.length; i++) if (doses[i]! < doses[min]!) min = i;
    doses[min] = Math.round((doses[min]! + t) * 100) / 100;
  }
  return doses.sort((a, b) => b - a);
}

export function planTaper(k: DrugKnowledge, input: TaperInput): TaperPlan {
  const ingredient = input.ingredient.toLowerCase();
  const factor = mmeFactors2022[ingredient];
  if (factor === undefined) throw new TaperError(`no MME conversion factor for ${ingredient}; plan this taper by hand`);
  if (ingredient === 'methadone') {
    // Methadone's long, variable half-life makes MME-based stepping unsafe (CDC 2022 Table footnote).
    throw new TaperError('methadone tapers need individual planning; the planner does not schedule them');
  }
  const percent = input.percent ?? 10;
  const interval = input.interval ?? 'month';
  const basis = input.basis ?? 'original';
  if (!(percent > 0 && percent <= 50)) throw new TaperError('percent must be above 0 and at most 50');
  if (!(input.currentDailyMg > 0)) throw new TaperError('the current daily dose must be above 0');
  if (!Number.isInteger(input.dosesPerDay) || input.dosesPerDay < 1 || input.dosesPerDay > 8)
    throw new TaperError('doses per day must be 1 to 8');
  // Strengths off the 0.25 mg grid (e.g. 4.84 mg salts) cannot be summed exactly; leave them out.
  const onGrid = (s: number) => s > 0 && Math.abs(s / UNIT - Math.round(s / UNIT)) < 1e-9;
  const strengthsMg = [...new Set(input.strengthsMg ?? oralStrengths(k, ingredient))].filter(onGrid).sort((a, b) => a - b);
  if (strengthsMg.length === 0) throw new TaperError(`no tablet strengths known for ${ingredient}`);

  const maxUnits = Math.round(input.currentDailyMg / UNIT);
  const { tablets, last } = reachable(strengthsMg, maxUnits);
  const stepDays = interval === 'week' ? 7 : 28;
  const original = input.currentDailyMg;
  const steps: TaperStep[] = [];
  const maxSteps = input.maxSteps ?? 60;

  const makeStep = (n: number, units: number): TaperStep => {
    const made: number[] = [];
    for (let x = units; x > 0; x -= Math.round(strengthsMg[last[x]!]! / UNIT)) made.push(strengthsMg[last[x]!]!);
    const counts = new Map<number, number>();
    for (const t of made) counts.set(t, (counts.get(t) ?? 0) + 1);
    const dailyMg = units * UNIT;
    return {
      step: n,
      startDate: dayToIso(input.start + n * stepDays),
      dailyMg,
      mmePerDay: Math.round(dailyMg * factor * 10) / 10,
      percentOfOriginal: Math.round((dailyMg / original) * 1000) / 10,
      doses: spreadOverDoses(made, input.dosesPerDay),
      tablets: [...counts.entries()].sort((a, b) => b[0] - a[0]).map(([strengthMg, count]) => ({ strengthMg, count })),
    };
  };

  // Step 0: the current dose as the tablets can make it (rounded down).
  let units = maxUnits;
  while (units > 0 && tablets[units]! < 0) units--;
  steps.push(makeStep(0, units));
  for (let n = 1; n <= maxSteps && units > 0; n++) {
    if (input.targetMmePerDay !== undefined && units * UNIT * factor < input.targetMmePerDay) break;
    const target = basis === 'original' ? original * (1 - (percent / 100) * n) : units * UNIT * (1 - percent / 100);
    // The largest dose the tablets make at or below the target; when the tablets cannot make a
    // lower dose yet, the step holds the dose (slower than asked, never faster).
    let next = Math.min(Math.max(0, Math.floor(target / UNIT + 1e-9)), units);
    while (next > 0 && tablets[next]! < 0) next--;
    units = Math.max(0, next);
    steps.push(makeStep(n, units));
  }
  return { ingredient, factor, interval, percent, strengthsMg, steps };
}
