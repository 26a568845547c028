import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { drugKnowledge } from './drug-knowledge.ts';
import { parseSafetyRequest, type Hook } from './fhir-adapter.ts';
import { bundle, daysBefore, medicationRequest, patient, TODAY } from './fhir-fixtures.ts';
import { evaluateSafety } from './rules.ts';
import { toDay } from './safety-model.ts';

/* Two resources with one id: the same order sent twice counts once; different content is kept and reported. */

const k = drugKnowledge();
const asOf = toDay(TODAY)!;

function parse(drafts: Resource[], medications: Resource[], hook: Hook = 'order-select') {
  return parseSafetyRequest(
    k,
    {
      hook,
      hookInstance: 'x',
      context: { patientId: 'p1', draftOrders: bundle(drafts) },
      prefetch: { patient: patient(), medications: bundle(medications) },
    },
    asOf,
  );
}

const opioidDraft = medicationRequest({ id: 'rx1', rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, supplyDays: 30, status: 'draft' });
/** Alprazolam 0.5 mg, active, with the draft's id. */
const benzodiazepine = medicationRequest({
  id: 'rx1',
  rxcui: '197321',
  dose: 1,
  unit: 'TAB',
  frequency: 2,
  supplyDays: 30,
  authoredOn: daysBefore(20),
});

describe('duplicate resource ids', () => {
  it('a prefetch order with the draft’s id but another drug is kept, reported, and fires its alerts', () => {
    const parsed = parse([opioidDraft], [benzodiazepine]);
    expect(parsed.facts.orders.map((o) => o.id)).toEqual(['rx1', 'rx1#2']);
    expect(parsed.triggerOrderIds).toEqual(['rx1']);
    expect(parsed.facts.issues).toEqual([
      {
        field: 'body.prefetch.medications.entry[0].resource.id',
        message: expect.stringMatching(/same id as body\.context\.draftOrders\.entry\[0\]\.resource.*different medication/),
      },
    ]);
    const fired = evaluateSafety(k, parsed.facts, parsed.hook, parsed.triggerOrderIds).rules.map((r) => r.code);
    expect(fired).toEqual(expect.arrayContaining(['OPIOID_WITH_BENZODIAZEPINE', 'RECORD_PROBLEM']));
  });
  it('the draft also sent in the prefetch (same drug, dose and supply; another status) counts once, with no problem', () => {
    const parsed = parse([opioidDraft], [{ ...opioidDraft, status: 'active' }], 'order-sign');
    expect(parsed.facts.orders).toHaveLength(1);
    expect(parsed.facts.issues).toBeUndefined();
  });
  it('two different prefetch orders with one id are both kept', () => {
    const other = medicationRequest({
      id: 'rx1',
      rxcui: '1049621',
      dose: 2,
      unit: 'TAB',
      frequency: 4,
      supplyDays: 30,
      authoredOn: daysBefore(3),
    });
    const parsed = parse([], [benzodiazepine, other], 'patient-view');
    expect(parsed.facts.orders.map((o) => o.id)).toEqual(['rx1', 'rx1#2']);
    expect(parsed.facts.issues).toHaveLength(1);
  });
});
