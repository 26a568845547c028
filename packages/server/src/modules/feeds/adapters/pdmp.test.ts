import { describe, expect, it } from 'vitest';
import { FeedMessageError } from '../adapter.ts';
import { planPdmp, splitPdmp } from './pdmp.ts';

const header = 'person_id,fill_date,rxcui,drug_name,strength,quantity,days_supply,prescriber_id,pharmacy_id,otp';
const base = {
  person_id: 'P-9',
  fill_date: '2026-11-18',
  rxcui: '',
  drug_name: '',
  strength: '',
  quantity: '30',
  days_supply: '30',
  prescriber_id: 'DEA-1',
  pharmacy_id: 'PH-1',
  otp: '',
};
const plan = (over: Record<string, string>) => planPdmp(JSON.stringify({ ...base, ...over }));

describe('PDMP dispensing extracts', () => {
  it.each<[string, Record<string, string>, string | null]>([
    ['oxycodone by RxNorm code is an opioid dispensing', { rxcui: '1049621' }, 'opioid_dispense'],
    [
      'buprenorphine/naloxone film is medication for OUD',
      { drug_name: 'buprenorphine naloxone sublingual film', strength: '8 mg' },
      'moud_dispense',
    ],
    [
      'methadone from an opioid treatment program is medication for OUD',
      { drug_name: 'methadone oral solution', strength: '10 mg/mL', otp: 'true' },
      'moud_dispense',
    ],
    ['alprazolam is a benzodiazepine dispensing', { drug_name: 'alprazolam', strength: '1 mg' }, 'medication_dispense'],
    ['naloxone is a kit', { drug_name: 'naloxone nasal spray', strength: '4 mg' }, 'naloxone'],
    ['an antibiotic is nothing for the network', { drug_name: 'amoxicillin', strength: '500 mg' }, null],
  ])('%s', (_name, over, type) => {
    const p = plan(over);
    if (type === null) {
      expect(p.items).toEqual([]);
      return;
    }
    expect(p.messageType).toBe(`pdmp:${type}`);
    const item = p.items[0]!;
    expect(item.register).toBe('if_known');
    expect(item.person.identifiers).toEqual([{ kind: 'pdmp_id', value: 'P-9' }]);
    expect(item.events[0]).toMatchObject({ type, occurredAt: '2026-11-18T12:00:00Z' });
  });

  it('an opioid dispensing carries the fill as the safety rules read it', () => {
    expect(plan({ rxcui: '1049621' }).items[0]!.events[0]!.data).toMatchObject({
      rxnormCode: '1049621',
      quantity: 30,
      daysSupply: 30,
      prescriber: 'DEA-1',
      pharmacy: 'PH-1',
    });
  });

  it.each([
    ['fill_date', { fill_date: '18/11/2026', drug_name: 'alprazolam' }],
    ['quantity', { quantity: '-4', drug_name: 'alprazolam' }],
    ['days_supply', { days_supply: 'lots', drug_name: 'alprazolam' }],
    ['rxcui', { rxcui: '', drug_name: '' }],
    ['person_id', { person_id: '', drug_name: 'alprazolam' }],
  ])('a bad %s is malformed, naming the column and no value', (column, over) => {
    let error: unknown;
    try {
      plan(over);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedMessageError);
    expect((error as FeedMessageError).reason).toContain(column);
    for (const v of ['18/11', '-4', 'lots', 'P-9']) expect((error as FeedMessageError).reason).not.toContain(v);
  });

  it('splits CSV and NDJSON into the same canonical rows', () => {
    const csv = `${header}\nP-9,2026-11-18,1049621,,,30,30,DEA-1,PH-1,\n`;
    const ndjson = `${JSON.stringify({ ...base, rxcui: '1049621' })}\n`;
    expect(splitPdmp(csv)).toEqual(splitPdmp(ndjson));
    expect(splitPdmp(csv)).toHaveLength(1);
  });

  it('a header without a required column is malformed as a whole, naming the column', () => {
    expect(() => splitPdmp('person_id,fill_date\nP-9,2026-11-18\n')).toThrow(/quantity/);
  });
});
