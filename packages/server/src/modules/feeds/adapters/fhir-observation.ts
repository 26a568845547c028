import type { CodeableConcept, Observation } from '@medplum/fhirtypes';
import { urineDrugTestLoinc, type UrineDrugTestSubstance } from '@continuum/contracts';
import type { FeedItem } from '../adapter.ts';
import { externalIdOf, fhirInstant, FhirResourceError, subjectPerson, type Context } from './fhir-resources.ts';

/* A FHIR R4 Observation of a urine drug screen (the LOINC codes of `urineDrugTestLoinc`) → the
 * `urine_drug_test` care event the touchpoint writes. Pure. */

const LOINC = 'http://loinc.org';
const urineLoincs = new Map(
  (Object.entries(urineDrugTestLoinc) as [UrineDrugTestSubstance, string | null][]).flatMap(([s, code]) =>
    code ? [[code, s] as const] : [],
  ),
);

function resultOf(o: { valueCodeableConcept?: CodeableConcept; valueString?: string; interpretation?: CodeableConcept[] }) {
  // SNOMED CT 10828004 Positive, 260385009 Negative; v3 ObservationInterpretation POS / NEG / DET / ND.
  const codes = [...(o.valueCodeableConcept?.coding ?? []), ...(o.interpretation ?? []).flatMap((i) => i.coding ?? [])].map(
    (c) => c.code ?? '',
  );
  const words = `${o.valueCodeableConcept?.text ?? ''} ${o.valueString ?? ''}`.toLowerCase();
  if (codes.some((c) => ['260385009', 'NEG', 'ND'].includes(c)) || /\bnegative\b|\bnot detected\b/.test(words)) return 'negative' as const;
  if (codes.some((c) => ['10828004', 'POS', 'DET'].includes(c)) || /\bpositive\b|\bdetected\b/.test(words)) return 'positive' as const;
  return null;
}

const udtSubstance = (cc: CodeableConcept | undefined) => {
  const code = cc?.coding?.find((c) => c.system === LOINC && c.code && urineLoincs.has(c.code))?.code;
  return code ? urineLoincs.get(code)! : null;
};

/** A urine drug screen (one LOINC code, or a panel whose components are): the `urine_drug_test` event the touchpoint writes. */
export function observationItem(o: Observation, context: Context): FeedItem | null {
  if (!['final', 'amended', 'corrected'].includes(o.status)) return null;
  const results: Partial<Record<UrineDrugTestSubstance, 'positive' | 'negative'>> = {};
  const parts = [
    { where: 'Observation.value[x]', code: o.code, value: o },
    ...(o.component ?? []).map((c, i) => ({ where: `Observation.component[${i}].value[x]`, code: c.code, value: c })),
  ];
  for (const part of parts) {
    const substance = udtSubstance(part.code);
    if (!substance) continue;
    const result = resultOf(part.value);
    if (!result) throw new FhirResourceError('malformed', part.where, 'a urine drug screen needs a positive or negative result');
    results[substance] = result;
  }
  if (Object.keys(results).length === 0) return null;
  const at = fhirInstant(o.effectiveDateTime) ?? fhirInstant(o.effectivePeriod?.start) ?? fhirInstant(o.issued);
  if (!at) throw new FhirResourceError('malformed', 'Observation.effectiveDateTime', 'give effectiveDateTime or issued');
  return {
    person: subjectPerson('Observation', o.subject, context),
    register: 'if_known',
    events: [{ type: 'urine_drug_test', occurredAt: at, data: { results }, externalId: externalIdOf(o) }],
  };
}
