import { findOpioidDrug, inValueSet, RXNORM, type DrugKnowledge } from './drug-knowledge.ts';
import { FENTANYL_PATCH_FACTOR, mmeFactors2022 } from './mme.ts';
import { dayToIso, toDay, type Day } from './safety-model.ts';
import { type DispensingRow, type DrugEntry, OTHER, OPIOID, MOUD, BENZO, CNS, NALOXONE } from './screening-model.ts';

/* Resolving and validating one dispensing row: the drug, its strength, and the MME per day of the fill. */

const INGREDIENT_WORD = /[a-z]+/g;

function parseStrength(s: string | undefined): { value: number; unit: string } | null {
  if (!s) return null;
  const m = /^\s*([\d.]+)\s*([A-Za-z/µ]*)/.exec(s);
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, unit: (m[2] ?? '').toLowerCase() } : null;
}

/** Resolves a row's drug (RxNorm code, else name and strength) to its kind and MME per unit. */
export function resolveDrug(
  k: DrugKnowledge,
  rxcui: string | undefined,
  drugName: string | undefined,
  strength: string | undefined,
  otp: boolean,
): DrugEntry {
  if (rxcui) {
    const codings = [{ system: RXNORM, code: rxcui }];
    const drug = findOpioidDrug(k, codings);
    if (drug) {
      const buprenorphine = drug.buprenorphineOnly;
      const methadone = drug.ingredients.every((i) => i.ingredient === 'methadone');
      if (drug.moudForm || (otp && (buprenorphine || methadone))) return { kind: MOUD, mmePerUnit: 0, buprenorphine, name: drug.name };
      if (buprenorphine) return { kind: OPIOID, mmePerUnit: 0, buprenorphine: true, name: drug.name };
      if (drug.parenteral) return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name: drug.name };
      let mme = 0;
      for (const i of drug.ingredients) {
        if (i.ingredient === 'fentanyl') {
          mme += drug.patch ? i.strengthValue * 1000 * FENTANYL_PATCH_FACTOR * 3 : NaN;
          continue;
        }
        const f = mmeFactors2022[i.ingredient];
        mme += f === undefined ? NaN : i.strengthValue * f;
      }
      return { kind: OPIOID, mmePerUnit: mme, buprenorphine: false, name: drug.name };
    }
    const name = drugName ?? `RxNorm ${rxcui}`;
    if (inValueSet(k, 'opioid-analgesics-with-ambulatory-misuse-potential', codings))
      return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name };
    if (inValueSet(k, 'naloxone-medications', codings)) return { kind: NALOXONE, mmePerUnit: 0, buprenorphine: false, name };
    if (inValueSet(k, 'benzodiazepine-medications', codings)) return { kind: BENZO, mmePerUnit: 0, buprenorphine: false, name };
    if (inValueSet(k, 'cns-depressant-medications', codings)) return { kind: CNS, mmePerUnit: 0, buprenorphine: false, name };
    if (!drugName) return { kind: OTHER, mmePerUnit: 0, buprenorphine: false, name };
  }
  const name = (drugName ?? '').toLowerCase();
  const words: string[] = name.match(INGREDIENT_WORD) ?? [];
  const label = drugName ?? 'unnamed drug';
  if (words.includes('naloxone') && !words.includes('buprenorphine'))
    return { kind: NALOXONE, mmePerUnit: 0, buprenorphine: false, name: label };
  const ingredient = words.find((w) => k.opioidIngredientNames.has(w));
  if (ingredient) {
    const patch = /patch|transdermal/.test(name);
    if (ingredient === 'buprenorphine') {
      const oud = otp || /sublingual|buccal|film|suboxone|zubsolv|implant|sublocade/.test(name);
      return { kind: oud ? MOUD : OPIOID, mmePerUnit: 0, buprenorphine: true, name: label };
    }
    if (ingredient === 'methadone' && otp) return { kind: MOUD, mmePerUnit: 0, buprenorphine: false, name: label };
    const st = parseStrength(strength);
    if (!st) return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name: label };
    if (ingredient === 'fentanyl') {
      if (!patch) return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name: label };
      const mcgPerHr = st.unit.startsWith('mg') ? st.value * 1000 : st.value;
      return { kind: OPIOID, mmePerUnit: mcgPerHr * FENTANYL_PATCH_FACTOR * 3, buprenorphine: false, name: label };
    }
    const f = mmeFactors2022[ingredient];
    const mg = st.unit.startsWith('mcg') || st.unit.startsWith('ug') || st.unit.startsWith('µg') ? st.value / 1000 : st.value;
    return { kind: OPIOID, mmePerUnit: f === undefined ? NaN : mg * f, buprenorphine: false, name: label };
  }
  if (words.some((w) => k.benzodiazepineNames.has(w))) return { kind: BENZO, mmePerUnit: 0, buprenorphine: false, name: label };
  if (words.some((w) => k.cnsDepressantNames.has(w))) return { kind: CNS, mmePerUnit: 0, buprenorphine: false, name: label };
  return { kind: OTHER, mmePerUnit: 0, buprenorphine: false, name: label };
}

/** Thrown for a row the screening cannot use; `field` names the column, never the value. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a row and returns its fill day; `dates` caches date strings (an extract has few distinct days). */
export function validateRow(row: DispensingRow, dates?: Map<string, number>): Day {
  if (!row.personId) throw new RowError('person_id', 'is empty');
  let day = dates?.get(row.fillDate);
  if (day === undefined) {
    day = /^\d{4}-\d{2}-\d{2}$/.test(row.fillDate) ? toDay(row.fillDate) : undefined;
    if (day === undefined || dayToIso(day) !== row.fillDate) throw new RowError('fill_date', 'must be a date (YYYY-MM-DD)');
    dates?.set(row.fillDate, day);
  }
  if (!row.rxcui && !row.drugName) throw new RowError('rxcui', 'or drug_name is required');
  if (!(row.quantity > 0) || !Number.isFinite(row.quantity)) throw new RowError('quantity', 'must be a number above 0');
  if (!(row.daysSupply >= 1) || !Number.isInteger(row.daysSupply) || row.daysSupply > 366)
    throw new RowError('days_supply', 'must be a whole number from 1 to 366');
  if (!row.prescriberId) throw new RowError('prescriber_id', 'is empty');
  if (!row.pharmacyId) throw new RowError('pharmacy_id', 'is empty');
  return day;
}
