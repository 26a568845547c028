import { describe, expect, it } from 'vitest';
import { readServiceRequest, readTaskUpdate, taskUpdateToEvent, type TaskUpdate } from './referral-fhir.ts';

const u = (status: string, businessStatus: string | null = null, over: Partial<TaskUpdate> = {}): TaskUpdate => ({
  status,
  businessStatus,
  reason: null,
  outcome: null,
  appointmentAt: null,
  ...over,
});

describe('taskUpdateToEvent (Gravity Task status → referral event)', () => {
  it.each([
    ['requested', null, null, u('requested', 'acknowledged'), 'receive'],
    ['requested', null, null, u('received'), 'receive'],
    ['requested', null, null, u('requested'), 'unchanged'],
    ['requested', null, null, u('accepted'), 'accept'],
    ['requested', null, null, u('rejected', 'no_capacity'), 'reject'],
    ['requested', null, null, u('cancelled'), 'cancel'],
    ['received', null, null, u('requested', 'acknowledged'), 'unchanged'],
    ['received', null, null, u('requested'), null],
    ['received', null, null, u('accepted'), 'accept'],
    ['accepted', null, null, u('accepted', 'scheduled', { appointmentAt: '2026-02-01T10:00:00Z' }), 'schedule'],
    ['accepted', null, null, u('accepted', null, { appointmentAt: '2026-02-01T10:00:00Z' }), 'schedule'],
    ['scheduled', null, '2026-02-01T10:00:00.000Z', u('accepted', 'scheduled', { appointmentAt: '2026-02-01T10:00:00Z' }), 'unchanged'],
    ['scheduled', null, '2026-02-01T10:00:00.000Z', u('accepted', 'scheduled', { appointmentAt: '2026-02-03T10:00:00Z' }), 'schedule'],
    ['scheduled', null, '2026-02-01T10:00:00.000Z', u('in-progress'), 'attend'],
    ['in_progress', null, null, u('completed', null, { outcome: 'Started MOUD' }), 'complete'],
    ['scheduled', null, null, u('failed', 'no_show'), 'fail'],
    ['accepted', null, null, u('on-hold', 'waitlist'), 'hold'],
    ['on_hold', 'accepted', null, u('on-hold', 'anything'), 'unchanged'],
    ['on_hold', 'accepted', null, u('accepted'), 'resume'],
    ['on_hold', 'scheduled', null, u('accepted', 'scheduled'), 'resume'],
    ['on_hold', 'accepted', null, u('completed'), 'complete'],
    ['completed', null, null, u('completed'), 'unchanged'],
    ['completed', null, null, u('weird-status'), null],
  ] as const)('%s (before hold %s) ← %j', (state, before, appt, update, expected) => {
    expect(taskUpdateToEvent(state, before, appt, update)).toBe(expected);
  });
});

describe('readTaskUpdate', () => {
  it('reads status, business status, reason and outputs', () => {
    expect(
      readTaskUpdate({
        resourceType: 'Task',
        status: 'failed',
        businessStatus: { text: 'No show' },
        output: [{ type: { coding: [{ code: 'outcome' }] }, valueString: 'Did not come' }],
      }),
    ).toEqual({ status: 'failed', businessStatus: 'No show', reason: 'no_show', outcome: 'Did not come', appointmentAt: null });
    expect(readTaskUpdate({ resourceType: 'Patient' })).toEqual({ error: 'Expected a Task resource', path: 'body.resourceType' });
    expect(readTaskUpdate({ resourceType: 'Task' })).toMatchObject({ path: 'body.status' });
  });
});

describe('readServiceRequest', () => {
  const P = '11111111-1111-4111-8111-111111111111';
  const W = '22222222-2222-4222-8222-222222222222';
  const S = '33333333-3333-4333-8333-333333333333';
  const good = {
    resourceType: 'ServiceRequest',
    subject: { reference: `Patient/${P}` },
    code: { coding: [{ system: 'https://continuum.example.org/fhir/referral-pathway', code: W }] },
    performer: [{ reference: `HealthcareService/${S}` }],
    reasonCode: [{ text: 'Continue buprenorphine' }],
    priority: 'asap',
    identifier: [{ value: 'EHR-123' }],
    extension: [
      {
        url: 'https://continuum.example.org/fhir/StructureDefinition/referral-answer',
        extension: [
          { url: 'key', valueString: 'last_use' },
          { url: 'value', valueString: '2026-01-14' },
        ],
      },
      { url: 'https://continuum.example.org/fhir/StructureDefinition/referral-criterion-confirmed', valueString: 'oud' },
    ],
  };
  it('reads what a referral needs', () => {
    expect(readServiceRequest(good)).toEqual({
      personId: P,
      pathwayId: W,
      serviceId: S,
      reason: 'Continue buprenorphine',
      urgency: 'same_day',
      consentId: undefined,
      answers: { last_use: '2026-01-14' },
      criteriaConfirmed: ['oud'],
      externalId: 'EHR-123',
    });
  });
  it.each([
    ['subject', { ...good, subject: { reference: 'Group/x' } }, 'body.subject'],
    ['code', { ...good, code: { text: 'x' } }, 'body.code'],
    ['performer', { ...good, performer: [{ reference: `Organization/${S}` }] }, 'body.performer'],
    ['reasonCode', { ...good, reasonCode: [] }, 'body.reasonCode'],
  ])('names the missing %s', (_n, sr, path) => {
    expect(readServiceRequest(sr)).toMatchObject({ path });
  });
});
