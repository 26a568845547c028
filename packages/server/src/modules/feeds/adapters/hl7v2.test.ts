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
    const plan = planAdt(adtMessage(base));
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
    const plan = planAdt(adtMessage({ ...base, diagnoses }));
    expect(plan.items.length > 0).toBe(careEvent);
    expect(plan.items[0]?.overdose !== undefined).toBe(overdose);
  });

  it.each([
    ['E', 'emergency_department'],
    ['I', 'inpatient'],
    ['O', 'outpatient'],
    ['', 'emergency_department'],
  ])('patient class %j is the setting %s', (patientClass, setting) => {
    const plan = planAdt(adtMessage({ ...base, patientClass }));
    expect(plan.items[0]!.events[0]!.data).toMatchObject({ setting });
  });

  it('an expired disposition (PV1-36 = 20) is a fatal overdose', () => {
    expect(planAdt(adtMessage({ ...base, disposition: '20' })).items[0]!.overdose).toMatchObject({ fatal: true, disposition: 'deceased' });
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
    const error = errorOf(() => planAdt(message));
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
    ['', null],
  ])('HL7 time %j is %j', (raw, iso) => {
    expect(hl7Time(raw)).toBe(iso);
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
