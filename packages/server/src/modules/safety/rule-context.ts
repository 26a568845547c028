import { findOpioidDrug, inValueSet, type Coding, type DrugKnowledge, type ValueSetName } from './drug-knowledge.ts';
import { classifyOrder, countsOn, unitKind, type MmeSummary, type OrderKind } from './mme.ts';
import { ageInYears, type Day, type MedicationOrder, type PatientFacts } from './safety-model.ts';
import type { Hook } from './fhir-adapter.ts';
import { type RuleCode, ruleDefinitions, type FiredRule, type SafetyOptions } from './rule-definitions.ts';

/* What the rules read: the reference windows, the exclusions, opioid-naive and supply predicates, and the evaluation every rule receives. */

/** Windows from the reference document, in days. */
export const ACUTE_LIMIT_DAYS = 28; // < 28 days' supply = acute; ≥ 28 = subacute/chronic (§4a)
export const ACUTE_SUPPLY_REC6_DAYS = 7; // Rec 6 fires when 7 < supply < 28 (§4b)
const NAIVE_WINDOW_DAYS = 90; // opioid naive: no opioid in [today − 90 d, today − 24 h] (§4a)
export const ACTIVE_LOOKBACK_DAYS = 730; // "active … authored ≤ 2 y" (§4b Recs 4/5, 10, 11)
export const PDMP_REVIEW_DAYS = 90; // Rec 9 (§4b)
export const CARE_PLAN_DAYS = 90; // Rec 2 (§4b)
export const MISUSE_ASSESSMENT_DAYS = 91; // Rec 7: [today − 91 d, today − 1 d] (§4b)
export const UDS_LOOKBACK_DAYS = 366; // Rec 10: 12 months + 1 day (§4b)
const UDS_RX_WINDOW_DAYS = 31; // Rec 10: Rx dated 1–31 days before the test (§4b)
export const OUD_RECORDED_DAYS = 90; // Rec 12 (§4b)
const CANCER_ENCOUNTER_DAYS = 365; // active cancer treatment: ≥ 2 encounters in 12 months (§4a)
const END_OF_LIFE_ENCOUNTER_DAYS = 365; // hospice discharge in the last year (§4a)
export const MME_50 = 50; // Rec 4 (§4d)
export const MME_90 = 90; // Rec 5 "taper now" wording; many states and PDMPs still use 90 (§4b, §4d)

export const ACTIVE_CLINICAL = new Set(['active', 'recurrence', 'relapse']);

export interface Ctx {
  k: DrugKnowledge;
  facts: PatientFacts;
  asOf: Day;
  options: SafetyOptions;
  orders: { order: MedicationOrder; kind: OrderKind }[];
}

export const has = (ctx: Ctx, vs: ValueSetName, codings: readonly Coding[]) => inValueSet(ctx.k, vs, codings);

function activeConditionIn(ctx: Ctx, vs: ValueSetName): boolean {
  return ctx.facts.conditions.some((c) => (c.clinicalStatus === null || ACTIVE_CLINICAL.has(c.clinicalStatus)) && has(ctx, vs, c.codings));
}
function anyConditionIn(ctx: Ctx, vs: ValueSetName): boolean {
  return ctx.facts.conditions.some((c) => has(ctx, vs, c.codings));
}

/** CDC 2022 general inclusion criteria (§4a); returns the reason for exclusion, or null. */
export function generalExclusion(ctx: Ctx): string | null {
  const { facts, asOf } = ctx;
  if (facts.birthDate !== null && ageInYears(facts.birthDate, asOf) < 18) return 'age under 18';
  if (anyConditionIn(ctx, 'sickle-cell-diseases')) return 'sickle cell disease';
  if (anyConditionIn(ctx, 'conditions-likely-terminal-for-opioid-prescribing')) return 'condition likely terminal';
  // Active cancer treatment: ≥ 2 encounters in the last 12 months with a cancer encounter diagnosis,
  // or an active problem-list cancer diagnosis.
  const cancerIds = new Set(
    facts.conditions.filter((c) => c.id && has(ctx, 'cdc-malignant-cancer-conditions', c.codings)).map((c) => c.id!),
  );
  const cancerEncounters = facts.encounters.filter(
    (e) =>
      e.start !== null &&
      e.start >= asOf - CANCER_ENCOUNTER_DAYS &&
      e.start <= asOf &&
      e.diagnosisConditionIds.some((id) => cancerIds.has(id)),
  ).length;
  const activeProblemCancer = facts.conditions.some(
    (c) =>
      c.categories.includes('problem-list-item') &&
      (c.clinicalStatus === null || ACTIVE_CLINICAL.has(c.clinicalStatus)) &&
      has(ctx, 'cdc-malignant-cancer-conditions', c.codings),
  );
  if (cancerEncounters >= 2 || activeProblemCancer) return 'active cancer treatment';
  return null;
}

/** End-of-life exclusion (§4a): active terminal or limited-life-expectancy condition, or hospice discharge in the last year. */
export function endOfLife(ctx: Ctx): boolean {
  if (
    activeConditionIn(ctx, 'conditions-likely-terminal-for-opioid-prescribing') ||
    activeConditionIn(ctx, 'limited-life-expectancy-conditions')
  )
    return true;
  return ctx.facts.encounters.some(
    (e) =>
      e.start !== null &&
      e.start >= ctx.asOf - END_OF_LIFE_ENCOUNTER_DAYS &&
      e.start <= ctx.asOf &&
      has(ctx, 'valueset-hospice-disposition', e.dischargeDisposition),
  );
}

export const isChronic = (o: MedicationOrder) => o.supplyDays !== null && o.supplyDays >= ACUTE_LIMIT_DAYS;
export const isAcute = (o: MedicationOrder) => o.supplyDays !== null && o.supplyDays < ACUTE_LIMIT_DAYS;

/** Opioid naive: no pain-opioid request authored, nor dispense handed over, in [today − 90, today − 1] (§4a). */
export function opioidNaive(ctx: Ctx): boolean {
  const from = ctx.asOf - NAIVE_WINDOW_DAYS;
  const to = ctx.asOf - 1;
  return !ctx.orders.some(({ order, kind }) => {
    if (kind !== 'opioid' || order.draft || order.inpatient) return false;
    const when = order.source === 'request' ? order.authoredOn : order.start;
    if (when === null || when < from || when > to) return false;
    return order.source === 'request' ? order.status === 'active' || order.status === 'completed' : order.status === 'completed';
  });
}

/** Active on the day and authored within two years (§4b). */
export function activeRecent(ctx: Ctx, o: MedicationOrder): boolean {
  return countsOn(o, ctx.asOf) && (o.authoredOn === null || o.authoredOn >= ctx.asOf - ACTIVE_LOOKBACK_DAYS);
}

/**
 * Days supplied by an order: expectedSupplyDuration (or a dispense's daysSupply) when stated; else the
 * quantity over the daily amount (tablets a day, or mg a day over the tablet strength); null when unknown.
 */
export function daysSupplied(ctx: Ctx, o: MedicationOrder): number | null {
  if (o.supplyDays !== null) return o.supplyDays;
  const dose = o.dose;
  if (o.quantity === null || o.quantity <= 0 || !dose || dose.amount === null || dose.amount <= 0 || !dose.dosesPerDay) return null;
  const unit = unitKind(dose.unit);
  let unitsPerDose: number | null = null;
  if (unit?.kind === 'count') unitsPerDose = dose.amount;
  else if (unit?.kind === 'mass') {
    const drug = findOpioidDrug(ctx.k, o.codings);
    const strength =
      drug?.ingredients.length === 1 && drug.ingredients[0]!.strengthUnit === 'MG' ? drug.ingredients[0]!.strengthValue : null;
    if (strength) unitsPerDose = (dose.amount * unit.toMg) / strength;
  }
  return unitsPerDose ? o.quantity / (unitsPerDose * dose.dosesPerDay) : null;
}

/**
 * The days an order puts the person on opioids, as a half-open interval [from, to): from the day it
 * was authored (a dispense: handed over) through the days supplied, as CDC's "Prescription Relevant
 * Period" (OpioidCDSCommon 2022.1.0: authoredOn to authoredOn + expectedSupplyDuration). The
 * validity period is when the prescription may be filled, not the days supplied: its end is used
 * only when the supply is unknown (CDC then counts no day at all; an order without either counts
 * none here too). Null when the order covers no day.
 */
export function opioidDays(ctx: Ctx, o: MedicationOrder): { from: Day; to: Day } | null {
  const from = o.source === 'request' ? (o.authoredOn ?? o.start) : o.start;
  if (from === null) return null;
  const supply = daysSupplied(ctx, o);
  if (supply !== null) return { from, to: from + Math.max(1, supply) };
  if (o.source === 'request' && o.end !== null && o.end >= from) return { from, to: o.end + 1 };
  return null;
}

/**
 * Days in [from, to] (inclusive) covered by any opioid order: the union of the orders' supply
 * periods, so overlapping supplies count once (CDC "Days on Opioids during Period" collapses them).
 * Every opioid request or dispense counts whatever its category or status (as CDC's), except those
 * entered in error or cancelled before they were filled, and the draft being decided on.
 */
export function opioidDaysIn(ctx: Ctx, from: Day, to: Day): number {
  const periods = ctx.orders
    .filter((o) => o.kind === 'opioid' && !o.order.draft && o.order.status !== 'entered-in-error' && o.order.status !== 'cancelled')
    .map((o) => opioidDays(ctx, o.order))
    .filter((p): p is { from: Day; to: Day } => p !== null);
  let days = 0;
  for (let d = from; d <= to; d++) if (periods.some((p) => p.from <= d && d < p.to)) days++;
  return days;
}

const UDS_CLASSES: { uds: ValueSetName[]; meds: ValueSetName | null; label: string }[] = [
  { uds: ['cocaine-urine-drug-screening-tests'], meds: null, label: 'cocaine' },
  { uds: ['heroin-urine-drug-screening-tests'], meds: null, label: 'heroin (6-AM)' },
  { uds: ['phencyclidine-urine-drug-screening-tests'], meds: null, label: 'phencyclidine' },
  { uds: ['benzodiazepine-urine-drug-screening-tests'], meds: 'benzodiazepine-medications', label: 'benzodiazepine' },
  { uds: ['buprenorphine-urine-drug-screening-tests'], meds: 'buprenorphine-medications', label: 'buprenorphine' },
  { uds: ['fentanyl-type-urine-drug-screening-tests'], meds: 'fentanyl-type-medications', label: 'fentanyl' },
  { uds: ['methadone-urine-drug-screening-tests'], meds: 'methadone-medications', label: 'methadone' },
  { uds: ['oxycodone-urine-drug-screening-tests'], meds: 'oxycodone-medications', label: 'oxycodone' },
  {
    uds: ['general-opiate-urine-drug-screening-tests', 'opiate-specific-urine-drug-screening-tests'],
    meds: 'non-synthetic-opioid-medications',
    label: 'opiate',
  },
];

/** Rec 10 unexpected results (§4b): per test, against community prescriptions dated 1–31 days before it. */
export function unexpectedUrineResults(ctx: Ctx): string[] {
  const found: string[] = [];
  for (const obs of ctx.facts.observations) {
    if (obs.effective === null || obs.effective < ctx.asOf - UDS_LOOKBACK_DAYS || obs.effective > ctx.asOf || obs.result === null) continue;
    if (obs.status !== 'final' && obs.status !== 'amended' && obs.status !== 'corrected') continue;
    const cls = UDS_CLASSES.find((c) => c.uds.some((vs) => has(ctx, vs, obs.codings)));
    if (!cls) continue;
    if (cls.meds === null) {
      if (obs.result === 'positive') found.push(`${cls.label} positive`);
      continue;
    }
    const medsVs = cls.meds;
    const prescribed = ctx.facts.orders.some((o) => {
      const when = o.authoredOn ?? o.start;
      return (
        !o.inpatient &&
        ['active', 'completed', 'stopped'].includes(o.status) &&
        when !== null &&
        when >= obs.effective! - UDS_RX_WINDOW_DAYS &&
        when <= obs.effective! - 1 &&
        has(ctx, medsVs, o.codings)
      );
    });
    if (obs.result === 'positive' && !prescribed) found.push(`${cls.label} positive with no matching prescription`);
    if (obs.result === 'negative' && prescribed) found.push(`${cls.label} negative although prescribed`);
  }
  return found;
}

/** Rule 5 × 5 × 90: distinct prescribers and pharmacies over pain-opioid dispenses in the window ending today. */
export function multipleProviders(ctx: Ctx): { prescribers: number; pharmacies: number } | null {
  // Every dispense counts here, including those that fill a request in the record.
  const fills = ctx.facts.orders
    .filter(
      (order) =>
        order.source === 'dispense' &&
        order.status === 'completed' &&
        order.start !== null &&
        order.start <= ctx.asOf &&
        order.start > ctx.asOf - ctx.options.providerWindowDays &&
        classifyOrder(ctx.k, order) === 'opioid',
    )
    .sort((a, b) => a.start! - b.start!);
  let best: { prescribers: number; pharmacies: number } | null = null;
  for (let i = 0; i < fills.length; i++) {
    const windowEnd = fills[i]!.start! + ctx.options.providerWindowDays - 1;
    const prescribers = new Set<string>();
    const pharmacies = new Set<string>();
    for (let j = i; j < fills.length && fills[j]!.start! <= windowEnd; j++) {
      if (fills[j]!.prescriber) prescribers.add(fills[j]!.prescriber!);
      if (fills[j]!.pharmacy) pharmacies.add(fills[j]!.pharmacy!);
    }
    if (prescribers.size >= ctx.options.minPrescribers && pharmacies.size >= ctx.options.minPharmacies) {
      if (!best || prescribers.size + pharmacies.size > best.prescribers + best.pharmacies)
        best = { prescribers: prescribers.size, pharmacies: pharmacies.size };
    }
  }
  return best;
}

// ICD-10-CM T40.0–T40.4 and T40.6: poisoning by opium, heroin, other opioids, methadone, synthetic
// narcotics and other narcotics (a history of overdose, Rec 8 risk factor, reference §4d).
export const OVERDOSE_ICD10 = /^T40\.[0-46]/i;

export function fire(code: RuleCode, explanation: string, mmePerDay?: number | null): FiredRule {
  const d = ruleDefinitions[code];
  return {
    code,
    title: d.title,
    citation: d.citation,
    indicator: d.indicator,
    explanation,
    actions: d.actions,
    ...(mmePerDay !== undefined ? { mmePerDay } : {}),
  };
}

export const fmt = (n: number) => `${Math.round(n * 10) / 10}`;

type ClassifiedOrder = Ctx['orders'][number];

/** What every rule reads, worked out once per evaluation. */
export interface Evaluation extends Ctx {
  hook: Hook | null;
  mme: MmeSummary;
  /** Total MME/day, or null when not computable. */
  total: number | null;
  /** The total, or when a prescription is not computable the computable part (a lower bound); null when neither. */
  totalAtLeast: number | null;
  /** Whether a rule is shown for this hook (every rule when there is no hook). */
  applies(code: RuleCode): boolean;
  triggers: ClassifiedOrder[];
  triggerOpioids: MedicationOrder[];
  triggerDepressants: ClassifiedOrder[];
  activeOpioids: ClassifiedOrder[];
  draftOpioids: MedicationOrder[];
  /** A subacute/chronic order being signed, or (patient-view, or nothing being signed) any active pain opioid. */
  chronicTrigger: boolean;
  /** Not excluded (age under 18, cancer treatment, sickle cell disease, …). */
  included: boolean;
  /** Every order being decided on is for use in a facility (inpatient): no guideline rule applies. */
  facilityOnly: boolean;
  endOfLife: boolean;
  /** Opioid naive: no opioid in the 90 days before (computed when first asked). */
  naive(): boolean;
}

/** One rule: fires with its explanation, or null. */
export type SafetyRule = (e: Evaluation) => FiredRule | null;
