// Longer than 300 lines: one mapping per care-event type into the engine's facts, and the drug-name matching they share.
import type { PersonMedication } from '@continuum/contracts';
import { RXNORM, type Coding, type DrugKnowledge, type OpioidDrug } from './drug-knowledge.ts';
import {
  dayToIso,
  toDay,
  type ConditionFact,
  type Day,
  type EncounterFact,
  type MedicationOrder,
  type PatientFacts,
} from './safety-model.ts';
import { epochDay, urineDrugTestLoinc, type UrineDrugTestSubstance } from '@continuum/contracts';

/**
 * Care events (the network's own records of a person: dispensings, diagnoses, visits, overdoses,
 * naloxone) → the engine's PatientFacts, so the person page runs the same engine as the CDS Hooks
 * services. Pure. Mapping:
 *
 * - `opioid_dispense`, `medication_dispense`: a completed dispense over its days' supply
 *   (dispensing-based MME: strength × quantity ÷ days supply); the drug by RxNorm code, else by name
 *   and strength matched to the RxNorm opioid table (`codingsForDrugName`), else by name only (then
 *   the MME is "not computable", naming the drug).
 * - `moud_dispense`, `moud_administration`: medication for OUD (never pain medication).
 * - `naloxone` with mode `kit_given`: a naloxone dispense (administered doses are not a kit on hand).
 * - `diagnosis`: an ICD-10-CM condition (in remission → clinical status remission) recorded at a visit
 *   on that day, so two cancer diagnoses within a year count as active cancer treatment (CDC §4a).
 * - `encounter`: a visit with its diagnoses as conditions.
 * - `overdose`: a history of overdose (Rec 8 risk factor).
 * - `moud_start`, `moud_dose_change`: medication for OUD prescribed (Rec 12: treatment is in place).
 * - `urine_drug_test`: one final Observation per substance with its result, coded with the LOINC
 *   qualitative urine screen of that substance (each code is in the CDC opioid CDS value sets
 *   "all urine drug screening tests" and the substance's own set, data/valuesets), so Rec 10 stops
 *   asking for a test once one is recorded and judges its results like an EHR's.
 */

export const LOINC = 'http://loinc.org';

/** The LOINC code of each substance's urine screen (contracts), as the Observations carry it. */
export const urineTestLoinc = urineDrugTestLoinc;

export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

export interface SafetyCareEvent {
  id: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  sourceOrganizationName: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const nameIndexes = new WeakMap<DrugKnowledge, Map<string, OpioidDrug[]>>();

function ingredientKey(names: readonly string[]): string {
  return [...new Set(names)].sort().join('+');
}

/** Table drugs by their set of opioid ingredients (built once per knowledge). */
function nameIndex(k: DrugKnowledge): Map<string, OpioidDrug[]> {
  let index = nameIndexes.get(k);
  if (!index) {
    index = new Map();
    for (const drug of k.opioidDrugs.values()) {
      const key = ingredientKey(drug.ingredients.map((i) => i.ingredient));
      const list = index.get(key);
      if (list) list.push(drug);
      else index.set(key, [drug]);
    }
    for (const list of index.values()) list.sort((a, b) => a.name.length - b.name.length || a.rxcui.localeCompare(b.rxcui));
    nameIndexes.set(k, index);
  }
  return index;
}

function parseStrength(s: string | undefined): { value: number; unit: string } | null {
  if (!s) return null;
  const m = /^\s*([\d.]+)\s*([A-Za-zµ]+(?:\s*\/\s*[A-Za-z]+)?)?/.exec(s);
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value) || value <= 0) return null;
  let unit = (m[2] ?? 'MG').replace(/\s+/g, '').toUpperCase();
  let v = value;
  if (unit.startsWith('MCG') || unit.startsWith('UG') || unit.startsWith('µG')) {
    v = value / 1000;
    unit = `MG${unit.slice(unit.indexOf('/') >= 0 ? unit.indexOf('/') : unit.length)}`;
  }
  if (unit === 'MG/H') unit = 'MG/HR';
  return { value: v, unit };
}

/**
 * A drug named in words ("Oxycodone HCl tablet", strength "10 MG") → the RxNorm coding of a table
 * drug with the same opioid ingredients, strength and kind of form (patch, injection, sublingual or
 * buccal, extended-release, liquid or solid); none when nothing in the table matches.
 */
export function codingsForDrugName(k: DrugKnowledge, drugName: string, strength: string | undefined): Coding[] {
  const lower = drugName.toLowerCase();
  const words = lower.match(/[a-z]+/g) ?? [];
  const ingredients = words.filter((w) => k.opioidIngredientNames.has(w));
  if (ingredients.length === 0) return [];
  const st = parseStrength(strength ?? /(\d[\d.]*\s*(?:mg|mcg|ug)(?:\s*\/\s*(?:ml|hr|h|actuat))?)/i.exec(drugName)?.[1]);
  if (!st) return [];
  const patch = /patch|transdermal/.test(lower);
  const parenteral = /inject|syringe|cartridge/.test(lower);
  const oud = /sublingual|buccal|film|suboxone|zubsolv/.test(lower);
  const extended = /\b(er|xr|sr|cr|la|extended|24 hr|12 hr)\b/.test(lower);
  const candidates = (nameIndex(k).get(ingredientKey(ingredients)) ?? []).filter(
    (d) =>
      d.patch === patch &&
      d.parenteral === parenteral &&
      (d.moudForm || /sublingual|buccal/i.test(d.doseForm)) === oud &&
      d.ingredients.every(
        (i) =>
          Math.abs(i.strengthValue - st.value) < 1e-9 &&
          i.strengthUnit === (st.unit === 'MG/HR' || st.unit === 'MG/ML' || st.unit === 'MG/ACTUAT' ? st.unit : 'MG'),
      ),
  );
  if (candidates.length === 0) return [];
  const preferred = candidates.find((d) => /extended release/i.test(d.doseForm) === extended) ?? candidates[0]!;
  return [{ system: RXNORM, code: preferred.rxcui, display: preferred.name }];
}

/** The drug as recorded (name and strength), else its name in the RxNorm opioid table, else its RxNorm code. */
export function drugLabel(data: Record<string, unknown>, k?: DrugKnowledge): string {
  const name = str(data.drugName);
  const strength = str(data.strength);
  if (name) return strength && !name.includes(strength) ? `${name} ${strength}` : name;
  const rx = str(data.rxnormCode);
  const known = rx && k ? k.opioidDrugs.get(rx) : undefined;
  return known ? known.name : `RxNorm ${rx ?? '—'}`;
}

function moudLabel(data: Record<string, unknown>): string {
  const medication = str(data.medication) ?? 'medication for OUD';
  const formulation = str(data.formulation);
  return formulation ? `${medication} (${formulation.replaceAll('_', ' ')})` : medication;
}

function dispenseOrder(
  id: string,
  start: Day,
  codings: Coding[],
  text: string,
  data: Record<string, unknown>,
  forOud: boolean,
): MedicationOrder {
  const supplyDays = num(data.daysSupply) ?? null;
  return {
    id,
    source: 'dispense',
    codings,
    text,
    status: 'completed',
    inpatient: false,
    draft: false,
    authoredOn: start,
    start,
    end: supplyDays !== null ? start + Math.max(1, supplyDays) - 1 : start,
    supplyDays,
    dose: null,
    quantity: num(data.quantity) ?? null,
    prescriber: str(data.prescriberUserId) ?? str(data.prescriber) ?? null,
    pharmacy: str(data.pharmacy) ?? null,
    forOud,
    fillsRequestId: null,
  };
}

/** The engine's facts for one person from their care events, as of a day. */
export function factsFromCareEvents(
  k: DrugKnowledge,
  birthDate: string | null,
  events: readonly SafetyCareEvent[],
  asOf: Day,
): PatientFacts {
  const facts: PatientFacts = {
    asOf,
    birthDate: toDay(birthDate) ?? null,
    orders: [],
    conditions: [],
    encounters: [],
    procedures: [],
    observations: [],
    carePlans: [],
    overdoses: [],
  };
  for (const e of events) {
    const day = epochDay(e.occurredAt);
    if (day > asOf) continue;
    const d = e.data;
    switch (e.type) {
      case 'opioid_dispense':
      case 'medication_dispense': {
        const rx = str(d.rxnormCode);
        const name = str(d.drugName);
        const codings: Coding[] = rx
          ? [{ system: RXNORM, code: rx, display: name }]
          : name
            ? codingsForDrugName(k, name, str(d.strength))
            : [];
        facts.orders.push(dispenseOrder(e.id, day, codings, drugLabel(d, k), d, false));
        break;
      }
      case 'moud_dispense':
      case 'moud_administration':
      case 'moud_start':
      case 'moud_dose_change': {
        const rx = str(d.rxnormCode);
        facts.orders.push(dispenseOrder(e.id, day, rx ? [{ system: RXNORM, code: rx }] : [], moudLabel(d), d, true));
        break;
      }
      case 'urine_drug_test': {
        const results = d.results && typeof d.results === 'object' ? (d.results as Record<string, unknown>) : {};
        for (const [substance, result] of Object.entries(results)) {
          const code = urineTestLoinc[substance as UrineDrugTestSubstance];
          if (!code || (result !== 'positive' && result !== 'negative')) continue;
          facts.observations.push({ codings: [{ system: LOINC, code }], status: 'final', effective: day, result });
        }
        break;
      }
      case 'naloxone': {
        if (d.mode !== 'kit_given') break;
        facts.orders.push({
          ...dispenseOrder(e.id, day, [], 'naloxone kit', { quantity: num(d.kits) ?? 1 }, false),
          supplyDays: null,
          end: day,
        });
        break;
      }
      case 'diagnosis': {
        const code = str(d.code);
        if (!code) break;
        const condition: ConditionFact = {
          id: `Condition/${e.id}`,
          codings: [{ system: ICD10CM, code }],
          clinicalStatus: d.remission ? 'remission' : 'active',
          categories: ['encounter-diagnosis'],
          recorded: day,
        };
        facts.conditions.push(condition);
        facts.encounters.push({
          id: `Encounter/${e.id}`,
          start: day,
          types: [],
          dischargeDisposition: [],
          diagnosisConditionIds: [condition.id!],
        });
        break;
      }
      case 'encounter': {
        const codes = [
          ...new Set(
            [str(d.principalDiagnosis), ...(Array.isArray(d.diagnoses) ? d.diagnoses.map(str) : [])].filter(
              (c): c is string => c !== undefined,
            ),
          ),
        ];
        const encounter: EncounterFact = {
          id: `Encounter/${e.id}`,
          start: day,
          types: str(d.setting) ? [{ code: str(d.setting) }] : [],
          dischargeDisposition: [],
          diagnosisConditionIds: [],
        };
        codes.forEach((code, i) => {
          const id = `Condition/${e.id}-${i}`;
          facts.conditions.push({
            id,
            codings: [{ system: ICD10CM, code }],
            clinicalStatus: 'active',
            categories: ['encounter-diagnosis'],
            recorded: day,
          });
          encounter.diagnosisConditionIds.push(id);
        });
        facts.encounters.push(encounter);
        break;
      }
      case 'overdose':
        facts.overdoses!.push(day);
        break;
      default:
        break;
    }
  }
  return facts;
}

/** The dispensings shown beside the figures (newest first), from `since` on. */
export function medicationList(events: readonly SafetyCareEvent[], since: Day, k?: DrugKnowledge): PersonMedication[] {
  const out: PersonMedication[] = [];
  for (const e of events) {
    if (e.type !== 'opioid_dispense' && e.type !== 'medication_dispense' && e.type !== 'moud_dispense' && e.type !== 'moud_administration')
      continue;
    const day = epochDay(e.occurredAt);
    if (day < since) continue;
    const d = e.data;
    const moud = e.type === 'moud_dispense' || e.type === 'moud_administration';
    out.push({
      eventId: e.id,
      type: e.type,
      date: dayToIso(day),
      drug: moud ? moudLabel(d) : drugLabel(d, k),
      quantity: num(d.quantity) ?? null,
      daysSupply: num(d.daysSupply) ?? 1,
      prescriber: str(d.prescriber) ?? null,
      pharmacy: str(d.pharmacy) ?? null,
      sourceOrganizationName: e.sourceOrganizationName,
    });
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
