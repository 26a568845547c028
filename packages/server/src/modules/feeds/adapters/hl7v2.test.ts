import { describe, expect, it } from 'vitest';
import { FeedMessageError } from '../adapter.ts';
import { adtMessage, type AdtFields } from '../synthetic.ts';
import { acknowledgeAdt, hl7Time, planAdt, splitHl7 } from './hl7v2.ts';

const base: AdtFields = {
  facility: 'MERCY',
  controlId: 'MSG0001',
  trigger: 'A03',
  mrn: 'MRN123',
  familyName: 'Ashdown',
  givenName: 'Avery',
  birthDate: '19900102',
  sex: 'F',
  street: '12 Harbor St',
  city: 'Harbor',
  postalCode: '97101',
  phone: '5551234567',
  visit: 'V777',
  patientClass: 'E',
  admitted: new Date('2026-11-20T08:30:00Z'),
  chiefComplaint: 'Unresponsive',
  diagnoses: [
    { code: 'T40.1X1A', text: 'Poisoning by heroin' },
    { code: 'F11.20', text: 'Opioid dependence' },
  ],
};

const planUtc = (message: string) => planAdt(message, { timeZone: 'UTC' });

function errorOf(fn: () => unknown): FeedMessageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FeedMessageError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('HL7 v2 ADT → plan', () => {
  it('reads PID, PV1, PV2 and DG1 into an encounter and an overdose', () => {
    const plan = planUtc(adtMessage(base));
    expect(plan.messageType).toBe('ADT^A03');
    expect(plan.externalId).toBe('MSG0001');
    expect(plan.items).toHaveLength(1);
    const item = plan.items[0]!;
    expect(item.person).toEqual({
      identifiers: [{ kind: 'mrn', value: 'MRN123' }],
      familyName: 'Ashdown',
      givenName: 'Avery',
      birthDate: '1990-01-02',
      sex: 'female',
      phone: '5551234567',
      address: { line1: '12 Harbor St', city: 'Harbor', postalCode: '97101' },
    });
    expect(item.register).toBe('always');
    expect(item.events).toEqual([
      {
        type: 'encounter',
        occurredAt: '2026-11-20T08:30:00.000Z',
        data: { setting: 'emergency_department', principalDiagnosis: 'T40.1X1A', diagnoses: ['T40.1X1A', 'F11.20'] },
        externalId: 'hl7v2:visit:V777',
        detail: 'Chief complaint: Unresponsive',
      },
    ]);
    expect(item.overdose).toMatchObject({
      fatal: false,
      suspectedSubstances: ['heroin'],
      disposition: 'transported',
      externalId: 'hl7v2:visit:V777:overdose',
      postalCode: '97101',
    });
  });

  it.each([
    ['an opioid overdose', [{ code: 'T40.411A', text: '' }], true, true],
    ['OUD alone', [{ code: 'F11.20', text: '' }], true, false],
    ['an adverse effect only', [{ code: 'T40.2X5A', text: '' }], false, false],
    ['a sprain', [{ code: 'S93.401A', text: '' }], false, false],
    ['no diagnosis', [], false, false],
    ['a code without its dot', [{ code: 'T401X1A', text: '' }], true, true],
  ])('%s: care event %s, overdose %s', (_name, diagnoses, careEvent, overdose) => {
    const plan = planUtc(adtMessage({ ...base, diagnoses }));
    expect(plan.items.length > 0).toBe(careEvent);
    expect(plan.items[0]?.overdose !== undefined).toBe(overdose);
  });

  it.each([
    ['E', 'emergency_department'],
    ['I', 'inpatient'],
    ['O', 'outpatient'],
    ['', 'emergency_department'],
  ])('patient class %j is the setting %s', (patientClass, setting) => {
    const plan = planUtc(adtMessage({ ...base, patientClass }));
    expect(plan.items[0]!.events[0]!.data).toMatchObject({ setting });
  });

  it('an expired disposition (PV1-36 = 20) is a fatal overdose, reconciled with the visit’s overdose of that day', () => {
    const item = planUtc(adtMessage({ ...base, disposition: '20' })).items[0]!;
    expect(item.overdose).toMatchObject({ fatal: true, disposition: 'deceased' });
    expect(item.reconcileDeath).toEqual({ diedOn: '2026-11-20', withinDays: 1 });
    expect(planUtc(adtMessage(base)).items[0]!.reconcileDeath).toBeUndefined();
  });

  it('a visit’s messages replace its encounter: every one carries the whole visit under the visit number', () => {
    const [a01, a08] = [adtMessage({ ...base, trigger: 'A01', controlId: 'C1' }), adtMessage({ ...base, trigger: 'A08', controlId: 'C2' })];
    for (const message of [a01, a08]) {
      const item = planUtc(message).items[0]!;
      expect(item.replaceEvents).toBe(true);
      expect(item.events[0]!.externalId).toBe('hl7v2:visit:V777');
    }
  });

  it.each([
    ['New York, winter (UTC-5)', 'America/New_York', '20261120083000', '2026-11-20T13:30:00.000Z'],
    ['New York, summer (UTC-4)', 'America/New_York', '20260720083000', '2026-07-20T12:30:00.000Z'],
    ['Los Angeles, late evening: the next UTC day', 'America/Los_Angeles', '202611202245', '2026-11-21T06:45:00.000Z'],
    ['an explicit offset wins over the feed’s zone', 'America/New_York', '20261120083000-0800', '2026-11-20T16:30:00.000Z'],
  ])('a time without an offset is the sender’s local time: %s', (_name, timeZone, admittedText, iso) => {
    const plan = planAdt(adtMessage({ ...base, admittedText }), { timeZone });
    expect(plan.items[0]!.events[0]!.occurredAt).toBe(iso);
    expect(plan.items[0]!.overdose!.occurredAt).toBe(iso);
  });

  it.each([
    ['not HL7 at all', 'hello', 'malformed'],
    [
      'no PID',
      adtMessage(base)
        .split('\r')
        .filter((s) => !s.startsWith('PID'))
        .join('\r'),
      'malformed',
    ],
    ['no control id', adtMessage({ ...base, controlId: '' }), 'malformed'],
    ['a lab result', adtMessage(base).replace('ADT^A03^ADT_A01', 'ORU^R01^ORU_R01'), 'unsupported'],
    ['a merge (A40)', adtMessage(base).replace('ADT^A03^ADT_A01', 'ADT^A40^ADT_A39'), 'unsupported'],
    ['a code that is not ICD-10', adtMessage({ ...base, diagnoses: [{ code: '12345', text: '' }] }), 'malformed'],
  ])('%s → %s, the reason naming no value from the message', (_name, message, code) => {
    const error = errorOf(() => planUtc(message));
    expect(error.code).toBe(code);
    for (const value of ['Ashdown', 'Avery', '19900102', 'MRN123', '5551234567']) expect(error.reason).not.toContain(value);
  });

  it.each([
    ['20261120083000', '2026-11-20T08:30:00.000Z'],
    ['202611200830', '2026-11-20T08:30:00.000Z'],
    ['20261120', '2026-11-20T00:00:00.000Z'],
    ['20261120083000-0800', '2026-11-20T16:30:00.000Z'],
    ['20261120083000.123+0100', '2026-11-20T07:30:00.000Z'],
    ['2026-11-20', null],
    ['20261131083000', null],
    ['20261131083000+0000', null],
    ['', null],
  ])('HL7 time %j is %j', (raw, iso) => {
    expect(hl7Time(raw, 'UTC')).toBe(iso);
  });
});

describe('HL7 v2 files', () => {
  const one = adtMessage(base);
  const two = adtMessage({ ...base, controlId: 'MSG0002' });
  it.each([
    ['blank lines, LF segments', `${one.replace(/\r/g, '\n')}\n\n${two.replace(/\r/g, '\n')}\n`],
    ['blank lines, CRLF segments', `${one.replace(/\r/g, '\r\n')}\r\n\r\n${two.replace(/\r/g, '\r\n')}`],
    ['MLLP framing', `\x0b${one}\x1c\r\x0b${two}\x1c\r`],
    ['no separator between messages', `${one}\r${two}`],
  ])('splits %s into two messages', (_name, content) => {
    expect(splitHl7(content)).toEqual([one, two]);
  });
});

describe('HL7 v2 acknowledgements', () => {
  const now = new Date('2026-11-20T09:00:00Z');
  it('AA echoes the control id and swaps sender and receiver', () => {
    const ack = acknowledgeAdt(adtMessage(base), { ok: true }, now).split('\r');
    expect(ack[0]).toMatch(/^MSH\|\^~\\&\|CONTINUUM\|NETWORK\|EDSYS\|MERCY\|20261120090000\|\|ACK\^A03\^ACK\|/);
    expect(ack[1]).toBe('MSA|AA|MSG0001');
  });
  it.each([
    ['malformed', 'AR'],
    ['unsupported', 'AR'],
    ['unmatchable', 'AE'],
    ['invalid_event', 'AE'],
    ['failed', 'AE'],
  ] as const)('%s is answered %s with an ERR segment', (code, ack) => {
    const lines = acknowledgeAdt(adtMessage(base), { ok: false, code, reason: 'A reason' }, now).split('\r');
    expect(lines[1]).toBe(`MSA|${ack}|MSG0001|A reason`);
    expect(lines[2]).toMatch(/^ERR\|\|\|\d{3}\^/);
  });
  it('refuses what cannot be parsed with an AR and an empty control id', () => {
    expect(acknowledgeAdt('garbage', { ok: false, code: 'malformed', reason: 'Unreadable' }, now).split('\r')[1]).toBe(
      'MSA|AR||Unreadable',
    );
  });
});
