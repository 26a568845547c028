import type { CareEventInput } from '@continuum/contracts';
import { columnIndex, extractColumns } from './dispensing-extract.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { BENZO, CNS, MOUD, NALOXONE, OPIOID, type DispensingRow } from './screening-model.ts';
import { resolveDrug, RowError, validateRow } from './screening-rows.ts';

/*
 * One PDMP dispensing (a row of the extract the screening command reads, dispensing-extract.ts) as
 * the care event a feed writes: the same columns, the same row checks and the same drug tables
 * (RxNorm code, else name and strength) as the screening, so a feed and a screening never disagree.
 */

export { columnIndex as checkExtractHeader, extractColumns };

export type DispensingOutcome = { ok: true; personId: string; event: CareEventInput | null } | { ok: false; field: string; reason: string };

const truthy = (v: string) => ['1', 'true', 'y', 'yes'].includes(v.trim().toLowerCase());

/** A row (column → text) → the dispensing's care event; null when the drug is none the network tracks. Reasons name columns, never values. */
export function dispensingCareEvent(record: Readonly<Record<string, string>>, externalId: string): DispensingOutcome {
  const get = (c: string) => (record[c] ?? '').trim();
  const row: DispensingRow = {
    personId: get('person_id'),
    fillDate: get('fill_date'),
    rxcui: get('rxcui') || undefined,
    drugName: get('drug_name') || undefined,
    strength: get('strength') || undefined,
    quantity: Number(get('quantity') || NaN),
    daysSupply: Number(get('days_supply') || NaN),
    prescriberId: get('prescriber_id'),
    pharmacyId: get('pharmacy_id'),
    otp: truthy(get('otp')),
  };
  try {
    validateRow(row);
  } catch (error) {
    if (error instanceof RowError) return { ok: false, field: error.field, reason: `${error.field} ${error.message}` };
    throw error;
  }
  if (row.rxcui !== undefined && !/^\d{1,10}$/.test(row.rxcui))
    return { ok: false, field: 'rxcui', reason: 'rxcui must be an RxNorm code' };
  const drug = resolveDrug(drugKnowledge(), row.rxcui, row.drugName, row.strength, row.otp ?? false);
  const occurredAt = `${row.fillDate}T12:00:00Z`;
  const common = {
    ...(row.rxcui ? { rxnormCode: row.rxcui } : {}),
    quantity: row.quantity,
    daysSupply: Math.min(row.daysSupply, 365),
    prescriber: row.prescriberId.slice(0, 120),
    pharmacy: row.pharmacyId.slice(0, 120),
  };
  const drugName = {
    drugName: (row.drugName ?? drug.name).slice(0, 200),
    ...(row.strength ? { strength: row.strength.slice(0, 60) } : {}),
  };
  let event: CareEventInput | null;
  if (drug.kind === MOUD) {
    const medication = drug.buprenorphine ? 'buprenorphine' : /naltrexone/i.test(drug.name) ? 'naltrexone' : 'methadone';
    event = { type: 'moud_dispense', occurredAt, data: { medication, ...common }, externalId };
  } else if (drug.kind === OPIOID) event = { type: 'opioid_dispense', occurredAt, data: { ...drugName, ...common }, externalId };
  else if (drug.kind === BENZO || drug.kind === CNS)
    event = { type: 'medication_dispense', occurredAt, data: { ...drugName, ...common }, externalId };
  else if (drug.kind === NALOXONE) event = { type: 'naloxone', occurredAt, data: { mode: 'kit_given', kits: 1 }, externalId };
  else event = null;
  return { ok: true, personId: row.personId, event };
}
