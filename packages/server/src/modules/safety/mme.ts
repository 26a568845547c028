// Longer than 300 lines: the CDC 2022 conversion-factor table and the MME engine that reads it; the table is a third of the file.
import { findOpioidDrug, inValueSet, type DrugKnowledge, type OpioidDrug } from './drug-knowledge.ts';
import { dayToIso, type Day, type MedicationOrder } from './safety-model.ts';

/**
 * Oral MME conversion factors per mg of daily dose (fentanyl transdermal: per mcg/hr).
 * Source: CDC Clinical Practice Guideline for Prescribing Opioids for Pain — United States, 2022
 * (MMWR Recomm Rep 2022;71(No. RR-3)), Table; reference/prescribing-safety.md §3a.
 * Methadone is the flat 2022 factor 4.7 (not the 2016 tiers, §3b). Buprenorphine is deliberately
 * absent: it has no MME, and no factor may be applied to OUD treatment dosing (§3a footnotes).
 */
export const mmeFactors2022: Readonly<Record<string, number>> = {
  codeine: 0.15,
  hydrocodone: 1,
  hydromorphone: 5,
  methadone: 4.7,
  morphine: 1,
  oxycodone: 1.5,
  oxymorphone: 3,
  tapentadol: 0.4,
  tramadol: 0.2,
};
/** Fentanyl transdermal: MME/day = patches worn × mcg/hr × 2.4 (CDC 2022 Table; §2 "Fentanyl patch special case"). */
export const FENTANYL_PATCH_FACTOR = 2.4;

export type OrderKind = 'opioid' | 'moud' | 'benzodiazepine' | 'cns-depressant' | 'naloxone' | 'other';

/** What a medication is, for the rules: pain opioid, MOUD, benzodiazepine, other CNS depressant, naloxone. */
export function classifyOrder(k: DrugKnowledge, order: MedicationOrder): OrderKind {
  const drug = findOpioidDrug(k, order.codings);
  const buprenorphineOrMethadone =
    inValueSet(k, 'buprenorphine-and-methadone-medications', order.codings) ||
    (drug !== undefined && drug.ingredients.every((i) => i.ingredient === 'buprenorphine' || i.ingredient === 'methadone')) ||
    (!drug && /\b(buprenorphine|methadone)\b/i.test(order.text ?? ''));
  // Reference §0.4 and §8.4: MOUD (sublingual/buccal buprenorphine, OTP methadone) is not pain medication.
  if (
    buprenorphineOrMethadone &&
    (order.forOud || drug?.moudForm === true || (!drug && /\b(sublingual|buccal|suboxone|zubsolv)\b/i.test(order.text ?? '')))
  )
    return 'moud';
  if (drug || inValueSet(k, 'opioid-analgesics-with-ambulatory-misuse-potential', order.codings)) return 'opioid';
  if (inValueSet(k, 'naloxone-medications', order.codings) || /\bnaloxone\b/i.test(order.text ?? '')) return 'naloxone';
  if (inValueSet(k, 'benzodiazepine-medications', order.codings)) return 'benzodiazepine';
  if (inValueSet(k, 'cns-depressant-medications', order.codings)) return 'cns-depressant';
  const word = /^[A-Za-z-]+/.exec((order.text ?? '').trim())?.[0]?.toLowerCase();
  if (word) {
    if (k.opioidIngredientNames.has(word)) return 'opioid';
    if (k.benzodiazepineNames.has(word)) return 'benzodiazepine';
    if (k.cnsDepressantNames.has(word)) return 'cns-depressant';
  }
  return 'other';
}

export type NotComputableReason =
  | 'unknown-drug'
  | 'no-conversion-factor'
  | 'frequency-unknown'
  | 'dose-unknown'
  | 'unit-not-understood'
  /** A dose, frequency, quantity or supply no prescription can have (fhir-plausibility.ts). */
  | 'implausible-value'
  /** Active, but with no start date: whether it covers today is unknown. */
  | 'start-unknown';

export interface IngredientMme {
  ingredient: string;
  /** mg/day, or mcg/hr for a fentanyl patch. */
  dailyDose: number;
  unit: 'mg/day' | 'mcg/hr';
  factor: number;
  mmePerDay: number;
}

export interface OrderMme {
  orderId: string;
  drug: string;
  kind: OrderKind;
  /** computed; no-mme (buprenorphine for pain); moud (not pain medication); not-computable. */
  status: 'computed' | 'no-mme' | 'moud' | 'not-computable';
  mmePerDay: number | null;
  reason: NotComputableReason | null;
  ingredients: IngredientMme[];
  prn: boolean;
  basis: 'dose-instruction' | 'dispensed-quantity' | null;
}

type UnitKind =
  { kind: 'mass'; toMg: number } | { kind: 'volume'; toMl: number } | { kind: 'count' } | { kind: 'rate'; toMcgPerHr: number };

const COUNT_UNITS = new Set([
  'tab',
  'tablet',
  'cap',
  'capsule',
  'patch',
  'film',
  'supp',
  'suppository',
  'loz',
  'lozenge',
  'troche',
  'spray',
  'actuat',
  'actuation',
  'puff',
  'system',
  'each',
  'ea',
  '1',
  'dose',
  'unit',
  'pill',
  'applicator',
  'implant',
  'syringe',
  'strip',
  'wafer',
]);

/**
 * Understands UCUM (`mg`, `ug`, `mL`, `{tablet}`, `1`), HL7 orderable drug form codes (`TAB`, `CAP`,
 * `PATCH`) and plain words (tablets, capsule). The reference calculator returns nothing for `TAB`
 * (reference §0.3); this engine reads it as a count.
 */
export function unitKind(raw: string | null): UnitKind | null {
  if (raw === null) return null;
  let u = raw.trim().toLowerCase().replace(/[{}]/g, '').replace(/\s+/g, '');
  if (u === 'mg') return { kind: 'mass', toMg: 1 };
  if (u === 'ug' || u === 'mcg' || u === 'µg' || u === 'microgram' || u === 'micrograms') return { kind: 'mass', toMg: 0.001 };
  if (u === 'g') return { kind: 'mass', toMg: 1000 };
  if (u === 'ml' || u === 'milliliter' || u === 'millilitre' || u === 'milliliters') return { kind: 'volume', toMl: 1 };
  if (u === 'ug/h' || u === 'mcg/h' || u === 'ug/hr' || u === 'mcg/hr') return { kind: 'rate', toMcgPerHr: 1 };
  if (u === 'mg/h' || u === 'mg/hr') return { kind: 'rate', toMcgPerHr: 1000 };
  if (u.endsWith('es') && COUNT_UNITS.has(u.slice(0, -2))) u = u.slice(0, -2);
  else if (u.endsWith('s') && COUNT_UNITS.has(u.slice(0, -1))) u = u.slice(0, -1);
  return COUNT_UNITS.has(u) ? { kind: 'count' } : null;
}

/** CDC's calculator rounds each ingredient's MME to one decimal (reference §2 step 6). */
function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function notComputable(
  order: MedicationOrder,
  drug: string,
  kind: OrderKind,
  reason: NotComputableReason,
  basis: OrderMme['basis'],
): OrderMme {
  return {
    orderId: order.id,
    drug,
    kind,
    status: 'not-computable',
    mmePerDay: null,
    reason,
    ingredients: [],
    prn: order.dose?.prn ?? false,
    basis,
  };
}

/** Ingredient amount per day (mg, or mcg/hr for patches) for one drug, from a dose instruction or a dispensed quantity. */
function dailyAmounts(drug: OpioidDrug, order: MedicationOrder): { amounts: number[]; basis: OrderMme['basis'] } | NotComputableReason {
  const dose = order.dose;
  if (dose && dose.amount !== null) {
    const unit = unitKind(dose.unit);
    if (!unit) return 'unit-not-understood';
    if (drug.patch) {
      // Patches worn × strength: independent of the change interval (reference §2, patch case).
      if (unit.kind === 'rate') return { amounts: drug.ingredients.map(() => dose.amount! * unit.toMcgPerHr), basis: 'dose-instruction' };
      if (unit.kind !== 'count') return 'unit-not-understood';
      return { amounts: drug.ingredients.map((i) => dose.amount! * i.strengthValue * 1000), basis: 'dose-instruction' };
    }
    if (dose.dosesPerDay === null) return 'frequency-unknown';
    const perDay = dose.dosesPerDay;
    const amounts: number[] = [];
    for (const i of drug.ingredients) {
      if (unit.kind === 'mass') amounts.push(perDay * dose.amount * unit.toMg);
      else if (unit.kind === 'volume' && i.strengthUnit === 'MG/ML') amounts.push(perDay * dose.amount * unit.toMl * i.strengthValue);
      else if (unit.kind === 'count' && (i.strengthUnit === 'MG' || i.strengthUnit === 'MG/ACTUAT'))
        amounts.push(perDay * dose.amount * i.strengthValue);
      else return 'unit-not-understood';
    }
    return { amounts, basis: 'dose-instruction' };
  }
  if (order.quantity !== null && order.supplyDays !== null && order.supplyDays > 0) {
    // Dispensing-based (PDMP style): strength × quantity ÷ days supply (reference §3c and §8.6).
    const unitsPerDay = order.quantity / order.supplyDays;
    if (drug.patch) {
      // Fentanyl patches are worn 72 hours each: patches worn = patches per day × 3 (CDC 2018 MME file, §3c).
      return { amounts: drug.ingredients.map((i) => unitsPerDay * 3 * i.strengthValue * 1000), basis: 'dispensed-quantity' };
    }
    return { amounts: drug.ingredients.map((i) => unitsPerDay * i.strengthValue), basis: 'dispensed-quantity' };
  }
  if (dose && dose.amount === null) return 'dose-unknown';
  return 'dose-unknown';
}

/** Daily MME of one medication order, with each ingredient's contribution, or why it cannot be computed. */
export function orderMme(k: DrugKnowledge, order: MedicationOrder, kind: OrderKind = classifyOrder(k, order)): OrderMme {
  const drug = findOpioidDrug(k, order.codings);
  const name = drug?.name ?? order.codings.find((c) => c.display)?.display ?? order.text ?? 'unnamed medication';
  const prn = order.dose?.prn ?? false;
  if (kind === 'moud')
    return { orderId: order.id, drug: name, kind, status: 'moud', mmePerDay: null, reason: null, ingredients: [], prn, basis: null };
  if (order.implausibleField !== undefined) return notComputable(order, name, kind, 'implausible-value', null);
  if (!drug) return notComputable(order, name, kind, 'unknown-drug', null);
  if (drug.buprenorphineOnly)
    return { orderId: order.id, drug: name, kind, status: 'no-mme', mmePerDay: null, reason: null, ingredients: [], prn, basis: null };
  if (drug.parenteral) return notComputable(order, name, kind, 'no-conversion-factor', null);
  for (const i of drug.ingredients) {
    const hasFactor = i.ingredient === 'fentanyl' ? drug.patch : mmeFactors2022[i.ingredient] !== undefined;
    if (!hasFactor) return notComputable(order, name, kind, 'no-conversion-factor', null);
  }
  const daily = dailyAmounts(drug, order);
  if (typeof daily === 'string') return notComputable(order, name, kind, daily, order.dose?.amount != null ? 'dose-instruction' : null);
  const ingredients: IngredientMme[] = drug.ingredients.map((i, n) => {
    const dailyDose = daily.amounts[n]!;
    const patch = i.ingredient === 'fentanyl';
    const factor = patch ? FENTANYL_PATCH_FACTOR : mmeFactors2022[i.ingredient]!;
    return {
      ingredient: i.ingredient,
      dailyDose: Math.round(dailyDose * 1000) / 1000,
      unit: patch ? 'mcg/hr' : 'mg/day',
      factor,
      mmePerDay: round1(dailyDose * factor),
    };
  });
  const mmePerDay = round1(ingredients.reduce((s, i) => s + i.mmePerDay, 0));
  return { orderId: order.id, drug: name, kind, status: 'computed', mmePerDay, reason: null, ingredients, prn, basis: daily.basis };
}

const NEVER_COUNTS = new Set(['stopped', 'cancelled', 'entered-in-error', 'on-hold', 'unknown', 'declined', 'not-done']);

/**
 * Whether an order contributes to a given day. Active (and the draft being signed) requests count
 * from their start until their validity ends; completed requests and dispenses over their supply;
 * stopped, cancelled, entered-in-error and inpatient orders never (issue 6; reference §0.3: the
 * reference calculator does no such filtering itself).
 */
export function countsOn(order: MedicationOrder, day: Day): boolean {
  if (order.inpatient || NEVER_COUNTS.has(order.status)) return false;
  if (order.start === null || order.start > day) return false;
  if (order.source === 'request') {
    if (order.status === 'active' || order.status === 'draft') return order.end === null || day <= order.end;
    if (order.status === 'completed') return order.supplyDays !== null && day < order.start + order.supplyDays;
    return false;
  }
  if (order.status !== 'completed' && order.status !== 'in-progress') return false;
  const end = order.end ?? (order.supplyDays !== null ? order.start + order.supplyDays - 1 : order.start);
  return day <= end;
}

/** An active request (or a dispense in progress) for use at home, with no start date. */
function activeUndated(order: MedicationOrder): boolean {
  if (order.inpatient || order.start !== null) return false;
  return order.source === 'request' ? order.status === 'active' : order.status === 'in-progress';
}

export interface TimelinePoint {
  date: string;
  /** Sum of the computable MME that day; null when no pain opioid covers the day. */
  mmePerDay: number | null;
  /** False when a pain opioid covering the day has no computable MME (the figure is then a lower bound). */
  complete: boolean;
}

export interface MmeSummary {
  /** Total daily MME today; null when no pain opioid is active or any active one is not computable. */
  mmePerDay: number | null;
  /** The sum over the computable prescriptions (equals mmePerDay when everything is computable). */
  computableMmePerDay: number;
  prescriptions: OrderMme[];
  notComputable: { orderId: string; drug: string; reason: NotComputableReason }[];
  timeline: TimelinePoint[];
}

/** Orders to count: a dispense that fills a request already in the record is counted through its request. */
export function countableOrders(orders: readonly MedicationOrder[]): MedicationOrder[] {
  const requestIds = new Set(orders.filter((o) => o.source === 'request').map((o) => o.id));
  return orders.filter((o) => !(o.source === 'dispense' && o.fillsRequestId !== null && requestIds.has(o.fillsRequestId)));
}

/**
 * Total daily MME today and a day-by-day timeline over the look-back window ending today. Every
 * counted prescription adds its own MME: two equal prescriptions sum (the reference calculator sums
 * a set and collapses them, reference §0.3).
 */
export function mmeSummary(k: DrugKnowledge, orders: readonly MedicationOrder[], asOf: Day, lookbackDays = 90): MmeSummary {
  const counted = countableOrders(orders)
    .map((order) => ({ order, kind: classifyOrder(k, order) }))
    .filter((o) => o.kind === 'opioid' || o.kind === 'moud')
    .map((o) => ({ ...o, mme: orderMme(k, o.order, o.kind) }));
  const from = asOf - lookbackDays + 1;
  const timeline: TimelinePoint[] = [];
  for (let day = from; day <= asOf; day++) {
    let sum = 0;
    let any = false;
    let complete = true;
    for (const c of counted) {
      if (c.kind !== 'opioid' || !countsOn(c.order, day)) continue;
      any = true;
      if (c.mme.status === 'computed') sum += c.mme.mmePerDay!;
      else if (c.mme.status === 'not-computable') complete = false;
    }
    timeline.push({ date: dayToIso(day), mmePerDay: any ? round1(sum) : null, complete });
  }
  const today = counted.filter((c) => countsOn(c.order, asOf));
  // An active order with no start date may well cover today: named as not computable, never dropped.
  const undated = counted.filter((c) => c.kind === 'opioid' && c.order.start === null && activeUndated(c.order));
  const prescriptions = [
    ...today.map((c) => c.mme),
    ...undated.map((c) => notComputable(c.order, c.mme.drug, c.kind, 'start-unknown', c.mme.basis)),
  ];
  const missing = prescriptions
    .filter((p) => p.status === 'not-computable')
    .map((p) => ({ orderId: p.orderId, drug: p.drug, reason: p.reason! }));
  const computable = round1(prescriptions.reduce((s, p) => s + (p.status === 'computed' ? p.mmePerDay! : 0), 0));
  const anyPainOpioid = today.some((c) => c.kind === 'opioid' && c.mme.status !== 'no-mme');
  return {
    mmePerDay: anyPainOpioid && missing.length === 0 ? computable : null,
    computableMmePerDay: computable,
    prescriptions,
    notComputable: missing,
    timeline,
  };
}
