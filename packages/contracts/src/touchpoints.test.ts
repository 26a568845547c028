import { describe, expect, it } from 'vitest';
import { mayRecordCareEvent, recordableCareEventTypes } from './touchpoints.ts';

describe('who records which touchpoint', () => {
  it.each([
    [['clinician'], 'moud_start', true],
    [['care_navigator'], 'moud_start', false],
    [['care_navigator'], 'screening', true],
    [['partner_staff'], 'screening', false],
    [['partner_staff'], 'custody_release', true],
    [['org_admin'], 'custody_release', false],
    [['clinician'], 'opioid_dispense', false],
    [['analyst', 'clinician'], 'urine_drug_test', true],
  ] as const)('%j may record %s: %s', (roles, type, may) => {
    expect(mayRecordCareEvent(roles, type)).toBe(may);
  });

  it('lists the forms a role is offered', () => {
    expect(recordableCareEventTypes(['partner_staff'])).toEqual([
      'custody_release',
      'recovery_milestone',
      'appointment_attended',
      'appointment_missed',
    ]);
    expect(recordableCareEventTypes(['privacy_officer'])).toEqual([]);
  });
});
