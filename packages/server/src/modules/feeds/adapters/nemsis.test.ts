import { describe, expect, it } from 'vitest';
import { FeedMessageError } from '../adapter.ts';
import { exampleOverdose, nemsisDataSet, nemsisReport, type NemsisFields } from './nemsis-example.ts';
import { isOpioidOverdoseImpression, planNemsis, splitNemsis } from './nemsis.ts';

const plan = (over: Partial<NemsisFields> = {}) => planNemsis(nemsisReport({ ...exampleOverdose, ...over }));

function rejection(fn: () => unknown): FeedMessageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FeedMessageError) return error;
    throw error;
  }
  throw new Error('expected a FeedMessageError');
}

describe('NEMSIS v3.5 impressions', () => {
  it.each([
    ['T40.411A', true],
    ['T40.1X1A', true],
    ['T40.2X4A', true],
    ['T40.601A', true],
    ['T40.691A', true],
    ['T40.4X', true],
    ['T40.4', true],
    ['T40.60', true],
    ['T40.0X1A', true],
    ['T40.415A', false], // adverse effect
    ['T40.416A', false], // underdosing
    ['T40.411D', false], // subsequent encounter
    ['T40.5X1A', false], // cocaine
    ['T40.7X1A', false], // cannabis
    ['F11.20', false],
    ['T42.4X1A', false],
  ])('%s is an opioid overdose impression: %s', (code, expected) => {
    expect(isOpioidOverdoseImpression(code)).toBe(expected);
  });
});

describe('NEMSIS v3.5 patient care reports', () => {
  it('a suspected fentanyl overdose with naloxone goes to the overdose module, placed by the incident ZIP and never its street', () => {
    const p = plan();
    expect(p).toMatchObject({ messageType: 'nemsis:pcr:overdose', externalId: 'PCR-1001' });
    const item = p.items[0]!;
    expect(item.register).toBe('always');
    expect(item.person).toEqual({
      identifiers: [{ kind: 'ems_patient_id', value: 'EMS-77' }],
      familyName: 'Rivera',
      givenName: 'Sam',
      birthDate: '1991-04-05',
      sex: 'male',
      phone: '',
      address: { line1: '', city: '', postalCode: '97102' },
    });
    expect(item.overdose).toEqual({
      occurredAt: '2026-11-20T15:58:00.000Z',
      fatal: false,
      naloxoneDoses: 2,
      naloxoneBy: ['ems'],
      suspectedSubstances: ['fentanyl'],
      disposition: 'transported',
      externalId: 'nemsis:pcr:PCR-1001:overdose',
      leaveBehindKits: 1,
      postalCode: '97101',
    });
    expect(JSON.stringify(p)).not.toContain('Dock');
    expect(JSON.stringify(p)).not.toContain('Hidden');
  });

  it.each<[string, Partial<NemsisFields>, Record<string, unknown>]>([
    [
      'naloxone alone is a suspected overdose of an unknown substance',
      { primaryImpression: 'R40.20', secondaryImpressions: [] },
      { suspectedSubstances: ['unknown'], naloxoneDoses: 2 },
    ],
    ['an impression alone, without naloxone', { naloxone: [] }, { naloxoneDoses: 0, naloxoneBy: [] }],
    [
      'a secondary impression is read',
      { primaryImpression: 'R06.89', secondaryImpressions: ['T40.1X1A'], naloxone: [] },
      { suspectedSubstances: ['heroin'] },
    ],
    [
      'naloxone given before EMS care',
      { naloxone: [{ at: '2026-11-20T07:50:00-08:00', prior: true }, { at: '2026-11-20T08:01:00-08:00' }] },
      { naloxoneBy: ['ems', 'other'] },
    ],
    ['expired in the field is fatal', { arrestEnd: '3018003', transport: '4230013' }, { fatal: true, disposition: 'deceased' }],
    ['refused care', { transport: '4230013', care: '4228007' }, { disposition: 'refused' }],
    ['no transport, not refused: released', { transport: '4230013' }, { disposition: 'released' }],
    ['no disposition recorded', { transport: undefined }, { disposition: 'unknown' }],
    ['no incident ZIP: the home ZIP', { sceneZip: undefined }, { postalCode: '97102' }],
    ['no ZIP at all: the organization places it', { sceneZip: undefined, homeZip: undefined }, { postalCode: null }],
    ['onset time first', { onset: '2026-11-20T07:40:00-08:00' }, { occurredAt: '2026-11-20T15:40:00.000Z' }],
    ['no dispatch times: the first naloxone', { arrived: undefined }, { occurredAt: '2026-11-20T16:01:00.000Z' }],
    ['leave-behind kits counted as given', { leaveBehind: '2' }, { leaveBehindKits: 2 }],
    ['leave-behind yes is one kit', { leaveBehind: '9923003' }, { leaveBehindKits: 1 }],
    ['no leave-behind', { leaveBehind: undefined }, { leaveBehindKits: 0 }],
  ])('%s', (_name, over, expected) => {
    expect(plan(over).items[0]!.overdose).toMatchObject(expected);
  });

  it('an OUD impression without an overdose is a diagnosis', () => {
    const p = plan({ primaryImpression: 'F11.23', secondaryImpressions: [], naloxone: [] });
    expect(p.messageType).toBe('nemsis:pcr:oud');
    expect(p.items[0]!.overdose).toBeUndefined();
    expect(p.items[0]!.events).toEqual([
      { type: 'diagnosis', occurredAt: '2026-11-20T15:58:00.000Z', data: { code: 'F11.23' }, externalId: 'nemsis:pcr:PCR-1001:diagnosis' },
    ]);
  });

  it('a call with nothing for the network keeps nothing', () => {
    expect(plan({ primaryImpression: 'S52.501A', secondaryImpressions: [], naloxone: [] }).items).toEqual([]);
  });

  it('gender female, or the 3.5 sex element', () => {
    expect(plan({ gender: '9906001' }).items[0]!.person.sex).toBe('female');
    expect(plan({ gender: undefined }).items[0]!.person.sex).toBe('unknown');
  });

  it.each<[string, string, string]>([
    ['not XML', '<PatientCareReport><eRecord>', 'not well-formed'],
    ['no report number', nemsisReport({ ...exampleOverdose, reportNumber: '' }).replace(' UUID="pcr-"', ''), 'eRecord.01'],
    ['a bad impression code', nemsisReport({ ...exampleOverdose, primaryImpression: 'overdose!' }), 'eSituation.11'],
    ['a bad naloxone time', nemsisReport({ ...exampleOverdose, naloxone: [{ at: 'yesterday' }] }), 'eMedications.01'],
    ['a bad date of birth', nemsisReport({ ...exampleOverdose, birthDate: '05/04/1991' }), 'ePatient.17'],
    ['no time at all', nemsisReport({ ...exampleOverdose, arrived: undefined, naloxone: [] }), 'eTimes.07'],
    ['two reports in one message', nemsisDataSet([nemsisReport(exampleOverdose), nemsisReport(exampleOverdose)]), 'one PatientCareReport'],
  ])('%s is malformed, the reason naming elements and no values', (_name, message, field) => {
    const e = rejection(() => planNemsis(message));
    expect(e.code).toBe('malformed');
    expect(e.reason).toContain(field);
    for (const v of ['Rivera', 'Sam', '1991', 'overdose!', 'yesterday', '05/04']) expect(e.reason).not.toContain(v);
  });

  it('splits an EMS export into its reports, as sent, namespaced or not', () => {
    const a = nemsisReport(exampleOverdose);
    const b = nemsisReport({ ...exampleOverdose, reportNumber: 'PCR-1002' });
    expect(splitNemsis(nemsisDataSet([a, b]))).toEqual([a, b]);
    const prefixed = `<n:EMSDataSet xmlns:n="http://www.nemsis.org"><n:Header><n:PatientCareReport><n:eRecord><n:eRecord.01>X</n:eRecord.01></n:eRecord></n:PatientCareReport></n:Header></n:EMSDataSet>`;
    const parts = splitNemsis(prefixed);
    expect(parts).toHaveLength(1);
    expect(planNemsis(parts[0]!)).toMatchObject({ externalId: 'X', items: [] });
  });

  it('a whole data set with one report may be pushed as a message', () => {
    expect(planNemsis(nemsisDataSet([nemsisReport(exampleOverdose)])).externalId).toBe('PCR-1001');
  });

  it.each([
    ['not XML', 'hello <'],
    ['no reports', nemsisDataSet([])],
  ])('a file that is %s is malformed as a whole', (_name, content) => {
    expect(rejection(() => splitNemsis(content)).code).toBe('malformed');
  });
});
