// Longer than 300 lines: one mapping per FHIR R4 resource type the rules read, all into one PatientFacts.
import type {
  Bundle,
  CarePlan,
  CodeableConcept,
  Condition,
  Dosage,
  Duration,
  Encounter,
  Medication,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Patient,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { validationError } from '../../errors.ts';
import { inValueSet, type Coding, type DrugKnowledge } from './drug-knowledge.ts';
import { PlausibilityCheck, type ImplausibleHandling } from './fhir-plausibility.ts';
import { toDay, type Day, type DoseInstruction, type MedicationOrder, type PatientFacts, type RecordIssue } from './safety-model.ts';

/**
 * FHIR R4 → the engine's PatientFacts. Accepts a Bundle, or a CDS Hooks 2.0 request whose
 * `context.draftOrders` and `prefetch` carry the resources: everything needed is read from the
 * payload alone (nothing is fetched, nothing is stored).
 */

export type Hook = 'order-select' | 'order-sign' | 'patient-view';
export const hooks: readonly Hook[] = ['order-select', 'order-sign', 'patient-view'];

export interface ParsedSafetyRequest {
  /** The CDS Hooks hook, or null for a plain Bundle. */
  hook: Hook | null;
  facts: PatientFacts;
  /** Ids of the orders being decided on (draft orders; for order-select, the selected ones). */
  triggerOrderIds: string[];
}

type AnyResource = Resource & { id?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function codingsOf(cc: CodeableConcept | undefined): Coding[] {
  return (cc?.coding ?? []).map((c) => ({ system: c.system, code: c.code, display: c.display }));
}

function allCodings(ccs: CodeableConcept[] | undefined): Coding[] {
  return (ccs ?? []).flatMap(codingsOf);
}

function refKey(ref: Reference | undefined): string | null {
  return ref?.reference ?? null;
}

/** A Duration or Quantity of time in days (mo = 30 d, a = 365 d, as the reference logic does, §4a). */
export function durationDays(d: Duration | undefined): number | null {
  if (!d || typeof d.value !== 'number') return null;
  const unit = (d.code ?? d.unit ?? 'd').toLowerCase();
  const perUnit: Record<string, number> = {
    d: 1,
    day: 1,
    days: 1,
    wk: 7,
    week: 7,
    weeks: 7,
    mo: 30,
    month: 30,
    months: 30,
    a: 365,
    year: 365,
    years: 365,
    h: 1 / 24,
    hour: 1 / 24,
    hours: 1 / 24,
  };
  const f = perUnit[unit];
  return f === undefined ? null : d.value * f;
}

const PERIOD_DAYS: Record<string, number> = { s: 1 / 86400, min: 1 / 1440, h: 1 / 24, d: 1, wk: 7, mo: 30, a: 365 };
/** HL7 GTS abbreviations for common schedules → doses per day. */
const TIMING_CODES: Record<string, number> = {
  QD: 1,
  BID: 2,
  TID: 3,
  QID: 4,
  AM: 1,
  PM: 1,
  QOD: 0.5,
  Q4H: 6,
  Q6H: 4,
  Q8H: 3,
  Q12H: 2,
  Q24H: 1,
};

/**
 * Doses per day: frequencyMax if present (else frequency) per period; else the number of times of
 * day (or `when` events); else a schedule code; else null, "frequency unknown" (reference §2 step 2 and
 * its quirk: the reference calculator silently uses 0 there).
 */
export function dosesPerDay(dosage: Dosage): number | null {
  const repeat = dosage.timing?.repeat;
  const freq = repeat?.frequencyMax ?? repeat?.frequency;
  if (repeat && freq !== undefined && repeat.period !== undefined && repeat.period > 0) {
    const unitDays = PERIOD_DAYS[repeat.periodUnit ?? 'd'];
    if (unitDays !== undefined) return freq / (repeat.period * unitDays);
  }
  if (repeat?.timeOfDay?.length) return repeat.timeOfDay.length;
  if (repeat?.when?.length) return repeat.when.length;
  const code = dosage.timing?.code?.coding?.find((c) => c.code && TIMING_CODES[c.code.toUpperCase()] !== undefined)?.code;
  if (code) return TIMING_CODES[code.toUpperCase()]!;
  return null;
}

export function doseInstruction(dosage: Dosage | undefined): DoseInstruction | null {
  if (!dosage) return null;
  const dr = dosage.doseAndRate?.[0];
  // Ranges use the upper bound, as the reference calculator does (most aggressive, §2 step 3).
  const q = dr?.doseQuantity ?? dr?.doseRange?.high;
  return {
    amount: typeof q?.value === 'number' ? q.value : null,
    unit: q?.code ?? q?.unit ?? null,
    dosesPerDay: dosesPerDay(dosage),
    prn: dosage.asNeededBoolean === true || dosage.asNeededCodeableConcept !== undefined,
  };
}

interface Index {
  byRef: Map<string, AnyResource>;
}

function medicationCodings(
  r: { medicationCodeableConcept?: CodeableConcept; medicationReference?: Reference; contained?: Resource[] },
  index: Index,
): { codings: Coding[]; text: string | null } {
  if (r.medicationCodeableConcept) {
    const cc = r.medicationCodeableConcept;
    return { codings: codingsOf(cc), text: cc.text ?? cc.coding?.find((c) => c.display)?.display ?? null };
  }
  const ref = r.medicationReference?.reference;
  let med: Medication | undefined;
  if (ref?.startsWith('#'))
    med = r.contained?.find((c) => c.resourceType === 'Medication' && c.id === ref.slice(1)) as Medication | undefined;
  else if (ref) med = index.byRef.get(ref) as Medication | undefined;
  return { codings: codingsOf(med?.code), text: med?.code?.text ?? r.medicationReference?.display ?? null };
}

/**
 * Whether an order is for use in a facility rather than at home: FHIR medicationrequest-category
 * `inpatient`, or `outpatient` ("administered … in outpatient settings, e.g. the Emergency
 * Department"). CDC's logic fires only on `community` orders (OpioidCDSCommon 2022.1.0, value set
 * medicationrequest-category-community); `community`, `discharge` (taken at home) and an order with no
 * category (many EHRs send none) are treated as community orders (docs/safety.md).
 */
function facilityOrder(category: CodeableConcept[] | undefined): boolean {
  return allCodings(category).some((c) => c.code === 'inpatient' || c.code === 'outpatient');
}

function fromRequest(k: DrugKnowledge, r: MedicationRequest, index: Index, draft: boolean, asOf: Day, n: number): MedicationOrder {
  const { codings, text } = medicationCodings(r, index);
  const authoredOn = toDay(r.authoredOn) ?? null;
  const validity = r.dispenseRequest?.validityPeriod;
  const supplyDays = durationDays(r.dispenseRequest?.expectedSupplyDuration);
  const vStart = toDay(validity?.start);
  const vEnd = toDay(validity?.end);
  const start = draft ? (vStart !== undefined && vStart > asOf ? vStart : asOf) : (vStart ?? authoredOn ?? null);
  return {
    id: r.id ?? `MedicationRequest#${n}`,
    source: 'request',
    codings,
    text,
    status: draft && r.status === undefined ? 'draft' : (r.status ?? 'unknown'),
    inpatient: facilityOrder(r.category),
    draft,
    authoredOn,
    start,
    end: vEnd ?? null,
    supplyDays,
    dose: doseInstruction(r.dosageInstruction?.[0]),
    quantity: r.dispenseRequest?.quantity?.value ?? null,
    prescriber: refKey(r.requester),
    pharmacy: refKey(r.dispenseRequest?.performer),
    forOud: inValueSet(k, 'opioid-misuse-disorders', allCodings(r.reasonCode)),
    fillsRequestId: null,
  };
}

function fromDispense(k: DrugKnowledge, d: MedicationDispense, index: Index, n: number): MedicationOrder {
  const { codings, text } = medicationCodings(d, index);
  const start = toDay(d.whenHandedOver ?? d.whenPrepared) ?? null;
  const supplyDays = typeof d.daysSupply?.value === 'number' ? d.daysSupply.value : null;
  const requestRef = d.authorizingPrescription?.[0]?.reference;
  const request = requestRef ? (index.byRef.get(requestRef) as MedicationRequest | undefined) : undefined;
  const pharmacyRef = d.performer?.[0]?.actor?.reference ?? d.location?.reference ?? null;
  const pharmacy = pharmacyRef ? index.byRef.get(pharmacyRef) : undefined;
  const fromOtp =
    pharmacy?.resourceType === 'Organization' &&
    (pharmacy as { type?: CodeableConcept[] }).type?.some((t) =>
      t.coding?.some((c) => c.code === 'opioid_treatment_program' || c.code === 'OTP'),
    ) === true;
  return {
    id: d.id ?? `MedicationDispense#${n}`,
    source: 'dispense',
    codings,
    text,
    status: d.status ?? 'unknown',
    inpatient: facilityOrder(d.category ? [d.category] : undefined),
    draft: false,
    authoredOn: start,
    start,
    end: start !== null && supplyDays !== null ? start + Math.max(1, supplyDays) - 1 : null,
    supplyDays,
    dose: d.dosageInstruction?.[0]?.doseAndRate ? doseInstruction(d.dosageInstruction[0]) : null,
    quantity: d.quantity?.value ?? null,
    prescriber: refKey(request?.requester),
    pharmacy: pharmacyRef,
    forOud: fromOtp || (request ? inValueSet(k, 'opioid-misuse-disorders', allCodings(request.reasonCode)) : false),
    fillsRequestId: request?.id ?? requestRef?.split('/')[1] ?? null,
  };
}

function observationResult(o: Observation): 'positive' | 'negative' | null {
  const words = [
    ...allCodings(o.interpretation).map((c) => c.code ?? ''),
    ...codingsOf(o.valueCodeableConcept).map((c) => c.code ?? ''),
    o.valueCodeableConcept?.text ?? '',
    o.valueString ?? '',
  ].map((s) => s.toLowerCase());
  // HL7 v3 ObservationInterpretation POS/NEG/DET/ND; SNOMED 10828004 Positive, 260385009 Negative.
  if (words.some((w) => w === 'pos' || w === 'det' || w === 'positive' || w === 'detected' || w === '10828004')) return 'positive';
  if (words.some((w) => w === 'neg' || w === 'nd' || w === 'negative' || w === 'not detected' || w === '260385009')) return 'negative';
  return null;
}

function collect(value: unknown, out: AnyResource[], path: string): void {
  if (value === null || value === undefined) return;
  if (!isObject(value) || typeof value.resourceType !== 'string')
    throw validationError(path, 'must be a FHIR resource (an object with resourceType)');
  if (value.resourceType === 'Bundle') {
    const entries = (value as unknown as Bundle).entry ?? [];
    if (!Array.isArray(entries)) throw validationError(`${path}.entry`, 'must be an array');
    entries.forEach((e, i) => collect(e?.resource, out, `${path}.entry[${i}].resource`));
    return;
  }
  out.push(value as unknown as AnyResource);
  resourcePaths.set(value, path);
}

/** Where each resource was found in the request body (for the field named in a problem). */
const resourcePaths = new WeakMap<object, string>();
const pathOf = (r: AnyResource, fallback: string) => resourcePaths.get(r) ?? fallback;

/** What makes two orders the same order: the drug, the dose and the supply (status and narrative aside). */
function orderContent(o: MedicationOrder): string {
  const codes = o.codings.map((c) => `${c.system ?? ''}|${c.code ?? ''}`).sort();
  return JSON.stringify([o.source, codes, codes.length === 0 ? o.text : null, o.dose, o.supplyDays, o.quantity, o.inpatient]);
}

/** Builds the facts from a list of resources; `drafts` are the orders being decided on. */
export function factsFromResources(
  k: DrugKnowledge,
  resources: AnyResource[],
  drafts: AnyResource[],
  asOf: Day,
  handling: ImplausibleHandling = 'refuse',
): { facts: PatientFacts; draftIds: string[] } {
  const check = new PlausibilityCheck(handling);
  const index: Index = { byRef: new Map() };
  for (const r of [...resources, ...drafts]) if (r.id) index.byRef.set(`${r.resourceType}/${r.id}`, r);
  const facts: PatientFacts = {
    asOf,
    birthDate: null,
    orders: [],
    conditions: [],
    encounters: [],
    procedures: [],
    observations: [],
    carePlans: [],
  };
  const draftIds: string[] = [];
  let n = 0;
  const draftSet = new Set(drafts);
  const seenOrders = new Map<string, { content: string; path: string }>();
  const issues: RecordIssue[] = [];
  /**
   * Two orders with one id: the same order sent twice (the draft also in the prefetch) counts once;
   * different content is kept as two orders and reported, never silently dropped.
   */
  const addOrder = (order: MedicationOrder, path: string): boolean => {
    const key = `${order.source}/${order.id}`;
    const seen = seenOrders.get(key);
    const content = orderContent(order);
    if (!seen) {
      seenOrders.set(key, { content, path });
      facts.orders.push(order);
      return true;
    }
    if (seen.content === content) return false;
    issues.push({
      field: `${path}.id`,
      message: `has the same id as ${seen.path} but a different medication, dose or supply; both are used`,
    });
    let copy = 2;
    while (seenOrders.has(`${key}#${copy}`)) copy++;
    const renamed = { ...order, id: `${order.id}#${copy}` };
    seenOrders.set(`${key}#${copy}`, { content, path });
    facts.orders.push(renamed);
    return true;
  };
  for (const r of [...drafts, ...resources]) {
    n++;
    switch (r.resourceType) {
      case 'Patient': {
        facts.birthDate ??= toDay((r as Patient).birthDate) ?? null;
        break;
      }
      case 'MedicationRequest': {
        const mr = r as MedicationRequest;
        const path = pathOf(r, `MedicationRequest#${n}`);
        const implausible = check.request(mr, path);
        const draft = draftSet.has(r) || mr.status === 'draft';
        const order = fromRequest(k, mr, index, draft, asOf, n);
        if (implausible) order.implausibleField = implausible;
        if (addOrder(order, path) && draft) draftIds.push(facts.orders.at(-1)!.id);
        break;
      }
      case 'MedicationDispense': {
        const path = pathOf(r, `MedicationDispense#${n}`);
        const implausible = check.dispense(r as MedicationDispense, path);
        const order = fromDispense(k, r as MedicationDispense, index, n);
        if (implausible) order.implausibleField = implausible;
        addOrder(order, path);
        break;
      }
      case 'Condition': {
        const c = r as Condition;
        facts.conditions.push({
          id: c.id ? `Condition/${c.id}` : null,
          codings: codingsOf(c.code),
          clinicalStatus: c.clinicalStatus?.coding?.[0]?.code ?? null,
          categories: allCodings(c.category).map((x) => x.code ?? ''),
          recorded: toDay(c.recordedDate ?? c.onsetDateTime ?? c.onsetPeriod?.start) ?? null,
        });
        break;
      }
      case 'Encounter': {
        const e = r as Encounter;
        facts.encounters.push({
          id: e.id ? `Encounter/${e.id}` : null,
          start: toDay(e.period?.start) ?? null,
          types: allCodings(e.type),
          dischargeDisposition: codingsOf(e.hospitalization?.dischargeDisposition),
          diagnosisConditionIds: (e.diagnosis ?? []).map((d) => d.condition?.reference ?? '').filter(Boolean),
        });
        break;
      }
      case 'Procedure': {
        const p = r as Procedure;
        facts.procedures.push({
          codings: codingsOf(p.code),
          status: p.status ?? 'unknown',
          performed: toDay(p.performedDateTime ?? p.performedPeriod?.start) ?? null,
          performers: (p.performer ?? []).map((x) => x.actor?.reference ?? '').filter(Boolean),
        });
        break;
      }
      case 'Observation': {
        const o = r as Observation;
        facts.observations.push({
          codings: codingsOf(o.code),
          status: o.status ?? 'unknown',
          effective: toDay(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued) ?? null,
          result: observationResult(o),
        });
        break;
      }
      case 'CarePlan': {
        const cp = r as CarePlan;
        facts.carePlans.push({
          categories: allCodings(cp.category),
          status: cp.status ?? 'unknown',
          date: toDay(cp.created ?? cp.meta?.lastUpdated) ?? null,
          author: refKey(cp.author),
        });
        break;
      }
      default:
        break;
    }
  }
  // Conditions whose `encounter` names an encounter count as that encounter's diagnoses.
  for (const r of resources) {
    if (r.resourceType !== 'Condition') continue;
    const c = r as Condition;
    const enc = c.encounter?.reference;
    if (enc && c.id) facts.encounters.find((e) => e.id === enc)?.diagnosisConditionIds.push(`Condition/${c.id}`);
  }
  const found = [...check.issues, ...issues];
  if (found.length > 0) facts.issues = found;
  return { facts, draftIds };
}

/** Parses a FHIR Bundle or a CDS Hooks request. Throws VALIDATION_FAILED naming the field. */
export function parseSafetyRequest(
  k: DrugKnowledge,
  body: unknown,
  asOf: Day,
  forcedHook?: Hook,
  handling: ImplausibleHandling = 'refuse',
): ParsedSafetyRequest {
  if (!isObject(body)) throw validationError('body', 'must be a FHIR Bundle or a CDS Hooks request');
  if (body.resourceType === 'Bundle') {
    const resources: AnyResource[] = [];
    collect(body, resources, 'body');
    const { facts, draftIds } = factsFromResources(k, resources, [], asOf, handling);
    return { hook: forcedHook ?? null, facts, triggerOrderIds: draftIds };
  }
  if (body.resourceType !== undefined) throw validationError('body.resourceType', 'must be "Bundle" (or send a CDS Hooks request)');
  const hook = forcedHook ?? body.hook;
  if (typeof hook !== 'string' || !(hooks as readonly string[]).includes(hook))
    throw validationError('body.hook', `must be one of ${hooks.join(', ')}`);
  if (!isObject(body.context)) throw validationError('body.context', 'is required');
  const prefetch = body.prefetch ?? {};
  if (!isObject(prefetch)) throw validationError('body.prefetch', 'must be an object');
  const resources: AnyResource[] = [];
  for (const [key, value] of Object.entries(prefetch)) collect(value, resources, `body.prefetch.${key}`);
  const drafts: AnyResource[] = [];
  if (body.context.draftOrders !== undefined) collect(body.context.draftOrders, drafts, 'body.context.draftOrders');
  if ((hook === 'order-select' || hook === 'order-sign') && body.context.draftOrders === undefined)
    throw validationError('body.context.draftOrders', `is required for ${hook}`);
  const { facts, draftIds } = factsFromResources(k, resources, drafts, asOf, handling);
  let triggers = draftIds;
  if (hook === 'order-select' && Array.isArray(body.context.selections)) {
    const selected = new Set((body.context.selections as unknown[]).map((s) => String(s)));
    triggers = draftIds.filter((id) => selected.has(`MedicationRequest/${id}`) || selected.has(id));
  }
  return { hook: hook as Hook, facts, triggerOrderIds: triggers };
}
