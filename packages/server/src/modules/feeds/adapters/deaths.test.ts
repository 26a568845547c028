import { describe, expect, it } from 'vitest';
import { FeedMessageError } from '../adapter.ts';
import { isOpioidOverdoseDeath, planDeath, splitDeaths } from './deaths.ts';

const row = {
  record_id: 'ME-2026-0101',
  given_name: 'Robin',
  family_name: 'Ashgrove',
  birth_date: '1984-02-03',
  sex: 'F',
  date_of_death: '2026-11-21',
  manner: 'accident',
  underlying_cause: 'X42',
  multiple_causes: 'T40.4;T40.1',
  county: 'Harbor',
  postal_code: '97101',
};
const plan = (over: Record<string, unknown> = {}) => planDeath(JSON.stringify({ ...row, ...over }));

describe('the CDC opioid overdose death definition', () => {
  it.each<[string | null, string[], boolean]>([
    ['X42', ['T40.4'], true],
    ['X40', ['T40.1'], true],
    ['X44', ['T40.2', 'T42.4'], true],
    ['X62', ['T40.3'], true], // suicide
    ['X85', ['T40.0'], true], // homicide
    ['Y12', ['T40.6'], true], // undetermined intent
    ['Y14', ['T40.60'], true],
    ['X42', ['T40.5'], false], // cocaine only
    ['X42', ['T42.4'], false], // benzodiazepine only
    ['X42', [], false],
    ['I21.9', ['T40.4'], false], // not a poisoning death
    ['X45', ['T40.4'], false], // alcohol poisoning
    ['Y15', ['T40.4'], false],
    [null, ['T40.4'], false],
  ])('underlying %s with %j: %s', (underlying, causes, expected) => {
    expect(isOpioidOverdoseDeath(underlying, causes)).toBe(expected);
  });
});

describe('death records', () => {
  it('an opioid overdose death: a death care event, a fatal overdose to reconcile within 3 days, and registration', () => {
    const p = plan();
    expect(p).toMatchObject({ messageType: 'deaths:opioid_overdose', externalId: 'ME-2026-0101' });
    const item = p.items[0]!;
    expect(item.register).toBe('always');
    expect(item.events).toEqual([
      {
        type: 'death',
        occurredAt: '2026-11-21T00:00:00Z',
        data: { manner: 'accident', underlyingCause: 'X42', causes: ['T40.4', 'T40.1'], opioidOverdose: true },
        externalId: 'deaths:ME-2026-0101',
      },
    ]);
    expect(item.overdose).toEqual({
      occurredAt: '2026-11-21T00:00:00Z',
      fatal: true,
      naloxoneDoses: 0,
      naloxoneBy: [],
      suspectedSubstances: ['fentanyl', 'heroin'],
      disposition: 'deceased',
      externalId: 'deaths:ME-2026-0101:overdose',
      leaveBehindKits: 0,
      postalCode: '97101',
    });
    expect(item.reconcileDeath).toEqual({ diedOn: '2026-11-21', withinDays: 3 });
    expect(item.person).toMatchObject({ givenName: 'Robin', familyName: 'Ashgrove', birthDate: '1984-02-03', sex: 'female' });
  });

  it.each<[string, Record<string, unknown>, boolean, string]>([
    ['a natural death', { manner: 'natural', underlying_cause: 'I21.9', multiple_causes: 'I25.10' }, false, 'natural'],
    ['a pending manner with no cause yet', { manner: '', underlying_cause: '', multiple_causes: '' }, false, 'pending'],
    ['codes without dots', { underlying_cause: 'x42', multiple_causes: 'T404 T401' }, true, 'accident'],
    ['a suicide by opioid poisoning', { manner: 'Suicide', underlying_cause: 'X62' }, true, 'suicide'],
  ])('%s', (_name, over, overdose, manner) => {
    const item = plan(over).items[0]!;
    expect(item.events[0]!.data).toMatchObject({ manner, opioidOverdose: overdose });
    expect(item.overdose !== undefined).toBe(overdose);
    expect(item.register).toBe(overdose ? 'always' : 'if_known');
  });

  it.each([
    ['record_id', { record_id: '' }],
    ['date_of_death', { date_of_death: '11/21/2026' }],
    ['date_of_death', { date_of_death: '' }],
    ['birth_date', { birth_date: 'Feb 3' }],
    ['manner', { manner: 'overdose' }],
    ['underlying_cause', { underlying_cause: 'fentanyl!' }],
    ['multiple_causes', { multiple_causes: 'T40.4;oops!' }],
  ])('a bad %s is malformed, naming the column and no value', (column, over) => {
    let error: unknown;
    try {
      plan(over);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedMessageError);
    expect((error as FeedMessageError).reason).toContain(column);
    for (const v of ['Ashgrove', 'Robin', '11/21', 'Feb', 'oops', 'fentanyl!']) expect((error as FeedMessageError).reason).not.toContain(v);
  });

  it('splits CSV and JSON into canonical rows, so a resent row is the same message', () => {
    const csv = 'record_id,family_name,date_of_death\nA,Ashgrove,2026-11-21\nB,Birch,2026-11-22\n';
    expect(splitDeaths(csv)).toEqual([
      '{"date_of_death":"2026-11-21","family_name":"Ashgrove","record_id":"A"}',
      '{"date_of_death":"2026-11-22","family_name":"Birch","record_id":"B"}',
    ]);
    expect(splitDeaths('[{"record_id":"A","family_name":"Ashgrove","date_of_death":"2026-11-21"}]')[0]).toBe(splitDeaths(csv)[0]);
    expect(() => splitDeaths('record_id\n')).toThrow(FeedMessageError);
    expect(() => splitDeaths('[not json')).toThrow(FeedMessageError);
  });
});
