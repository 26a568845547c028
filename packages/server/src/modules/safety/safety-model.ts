import { dayStart, epochDay, isoDayOf, type EpochDay } from '@continuum/contracts';
import type { Coding } from './drug-knowledge.ts';

/**
 * The engine's own view of a person's record: plain data, independent of FHIR or of a dispensing
 * extract. Adapters (`fhir-adapter.ts`, `screening.ts`) build it; the engine (`mme.ts`, `rules.ts`)
 * only reads it. Dates are whole days (UTC) since 1970-01-01.
 */
export type Day = EpochDay;

/** "2026-03-01" or an ISO date-time → its UTC day; undefined when not a date. */
export function toDay(value: string | undefined | null): Day | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
  return Number.isFinite(t) ? epochDay(t) : undefined;
}

const isoCache = new Map<Day, string>();

/** The day as YYYY-MM-DD (memoized: timelines format the same days again and again). */
export function dayToIso(day: Day): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = isoDayOf(day);
    if (isoCache.size > 100_000) isoCache.clear();
    isoCache.set(day, iso);
  }
  return iso;
}

/** Whole years between a birth date and a day (a person is 18 on their 18th birthday). */
export function ageInYears(birth: Day, on: Day): number {
  const b = dayStart(birth);
  const o = dayStart(on);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  if (o.getUTCMonth() < b.getUTCMonth() || (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

export interface DoseInstruction {
  /** The dose, or the high end of a dose range; null when the order states none. */
  amount: number | null;
  unit: string | null;
  /** frequencyMax (else frequency) per period, else the count of times of day; null = frequency unknown. */
  dosesPerDay: number | null;
  prn: boolean;
}

export interface MedicationOrder {
  id: string;
  source: 'request' | 'dispense';
  codings: Coding[];
  text: string | null;
  /** The FHIR status as sent (active, draft, completed, stopped, cancelled, entered-in-error…). */
  status: string;
  inpatient: boolean;
  /** The order being selected or signed (CDS Hooks draftOrders). */
  draft: boolean;
  authoredOn: Day | null;
  /** First day of supply (validity start, hand-over, or authored). */
  start: Day | null;
  /** Last day covered, inclusive; null = open-ended (an active order without an end). */
  end: Day | null;
  supplyDays: number | null;
  dose: DoseInstruction | null;
  /** Units dispensed (dispensing-based MME when no dose instruction). */
  quantity: number | null;
  prescriber: string | null;
  pharmacy: string | null;
  /** Prescribed or dispensed to treat OUD (reason code, or dispensed by an opioid treatment program). */
  forOud: boolean;
  /** For a dispense: the request it fills, if known (then the request alone is counted). */
  fillsRequestId: string | null;
  /** The field holding a value no prescription can have (then its MME is not computable). */
  implausibleField?: string;
}

/** A problem in the record sent, naming the field (an implausible value, two different resources with one id). */
export interface RecordIssue {
  field: string;
  message: string;
}

export interface ConditionFact {
  id: string | null;
  codings: Coding[];
  /** active, recurrence, relapse, inactive, remission, resolved, or null when not stated. */
  clinicalStatus: string | null;
  categories: string[];
  recorded: Day | null;
}

export interface EncounterFact {
  id: string | null;
  start: Day | null;
  types: Coding[];
  dischargeDisposition: Coding[];
  /** Ids of Conditions listed as this encounter's diagnoses, or whose `encounter` points here. */
  diagnosisConditionIds: string[];
}

export interface ProcedureFact {
  codings: Coding[];
  status: string;
  performed: Day | null;
  performers: string[];
}

export interface ObservationFact {
  codings: Coding[];
  status: string;
  effective: Day | null;
  result: 'positive' | 'negative' | null;
}

export interface CarePlanFact {
  categories: Coding[];
  status: string;
  /** Created or last updated. */
  date: Day | null;
  author: string | null;
}

export interface PatientFacts {
  asOf: Day;
  birthDate: Day | null;
  orders: MedicationOrder[];
  conditions: ConditionFact[];
  encounters: EncounterFact[];
  procedures: ProcedureFact[];
  observations: ObservationFact[];
  carePlans: CarePlanFact[];
  /** Days of recorded overdoses (care events; FHIR records carry them as T40 conditions instead). */
  overdoses?: Day[];
  /** Problems found reading the record (reported, never silently dropped). */
  issues?: RecordIssue[];
}

export function emptyFacts(asOf: Day): PatientFacts {
  return { asOf, birthDate: null, orders: [], conditions: [], encounters: [], procedures: [], observations: [], carePlans: [] };
}
