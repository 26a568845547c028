import { describe, expect, it } from 'vitest';
import { FeedMessageError } from '../adapter.ts';
import { rosterCsv } from '../synthetic.ts';
import { planRosterRow, splitRoster } from './roster.ts';

const row = {
  event: 'release',
  occurred_at: '2026-11-20T10:00:00Z',
  booking_number: 'B100',
  given_name: 'Jordan',
  family_name: 'Coldbrook',
  birth_date: '1985-03-04',
  sex: 'M',
  phone: '555-010-2000',
  address: '4 Mill St',
  city: 'Harbor',
  postal_code: '97101',
  facility: 'County Jail',
  oud: 'yes',
};

function plan(r: Record<string, unknown>, timeZone = 'UTC') {
  return planRosterRow(JSON.stringify(r), { timeZone });
}

describe('jail rosters', () => {
  it('a release of a person with OUD is a custody_release that registers when unknown', () => {
    const p = plan(row);
    expect(p.messageType).toBe('roster:release');
    expect(p.items[0]!.register).toBe('always');
    expect(p.items[0]!.events).toEqual([
      { type: 'custody_release', occurredAt: '2026-11-20T10:00:00Z', data: { facility: 'County Jail' }, externalId: 'roster:release:B100' },
    ]);
    expect(p.items[0]!.person).toMatchObject({
      identifiers: [{ kind: 'booking_number', value: 'B100' }],
      sex: 'male',
      phone: '5550102000',
    });
  });

  it('MOUD at release is continuity: a moud_administration at the release', () => {
    const events = plan({ ...row, moud_medication: 'Buprenorphine', moud_days_supply: '7' }).items[0]!.events;
    expect(events.map((e) => e.type)).toEqual(['custody_release', 'moud_administration']);
    expect(events[1]).toMatchObject({ data: { medication: 'buprenorphine', daysSupply: 7 }, externalId: 'roster:release:B100:moud' });
  });

  it.each([
    ['yes', 'always'],
    ['Y', 'always'],
    ['no', 'if_known'],
    ['unknown', 'if_known'],
    ['', 'if_known'],
  ])('oud %j → register %s', (oud, register) => {
    expect(plan({ ...row, oud }).items[0]!.register).toBe(register);
  });

  it('a booking is a custody_booking', () => {
    expect(plan({ ...row, event: 'booking' }).items[0]!.events[0]!.type).toBe('custody_booking');
  });

  it.each([
    ['occurred_at "2026-11-20 10:00" in a UTC feed', 'UTC', '2026-11-20 10:00', '2026-11-20T10:00:00.000Z'],
    ['a local time: the jail’s wall clock, in the feed’s zone', 'America/Los_Angeles', '2026-11-20 22:15', '2026-11-21T06:15:00.000Z'],
    ['a local time with seconds and a fraction', 'America/New_York', '2026-07-04T09:00:30.250', '2026-07-04T13:00:30.000Z'],
    ['a date alone: the start of that day where the jail is', 'America/New_York', '2026-11-20', '2026-11-20T05:00:00.000Z'],
    ['an explicit offset wins over the feed’s zone', 'America/New_York', '2026-11-20T10:00:00-08:00', '2026-11-20T10:00:00-08:00'],
    ['Z is UTC whatever the feed’s zone', 'America/New_York', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z'],
  ])('reads %s', (_name, timeZone, occurredAt, iso) => {
    const events = plan({ ...row, occurred_at: occurredAt, moud_medication: 'buprenorphine' }, timeZone).items[0]!.events;
    expect(events.map((e) => e.occurredAt)).toEqual([iso, iso]);
  });

  it.each([
    ['no event', { event: '' }, 'event'],
    ['a transfer', { event: 'transfer' }, 'event'],
    ['no booking number', { booking_number: '' }, 'booking_number'],
    ['a bad date', { occurred_at: 'yesterday' }, 'occurred_at'],
    ['a bad birth date', { birth_date: '04/03/1985' }, 'birth_date'],
    ['an unknown medication', { moud_medication: 'oxycodone' }, 'moud_medication'],
  ])('%s is malformed, naming the column and no value', (_name, patch, column) => {
    try {
      plan({ ...row, ...patch });
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(FeedMessageError);
      expect((error as FeedMessageError).code).toBe('malformed');
      expect((error as FeedMessageError).reason).toContain(column);
      expect((error as FeedMessageError).reason).not.toContain('Coldbrook');
    }
  });

  it('splits CSV and JSON into the same canonical rows', () => {
    const csv = splitRoster(rosterCsv([row, { ...row, booking_number: 'B101' }]));
    expect(csv).toHaveLength(2);
    const fromJson = splitRoster(JSON.stringify({ rows: [row] }));
    expect(planRosterRow(fromJson[0]!, { timeZone: 'UTC' })).toEqual(planRosterRow(csv[0]!, { timeZone: 'UTC' }));
    expect(splitRoster(JSON.stringify([row]))).toEqual(fromJson);
  });

  it.each([
    ['broken JSON', '[{"event":'],
    ['an empty JSON list', '[]'],
    ['CSV with a ragged row', 'event,booking_number\nrelease,B1,extra\n'],
  ])('%s cannot be split', (_name, content) => {
    expect(() => splitRoster(content)).toThrow(FeedMessageError);
  });
});
