import { describe, expect, it } from 'vitest';
import { mayTakeRegistryAction, organizationTypes, registryActions, roles, type RegistryAction, type Role } from '@continuum/contracts';
import { recordSensitivity } from './registry-policy.ts';

// Pins the registry's role table as the server enforces it (people.ts `requireRegistryRole`); the table itself
// lives in contracts so the web app and its fakes refuse the same callers.
const expected: Record<RegistryAction, readonly Role[]> = {
  'person.register': ['clinician', 'care_navigator', 'partner_staff'],
  'person.update': ['clinician', 'care_navigator', 'partner_staff'],
  'person.identifier.add': ['clinician', 'care_navigator', 'partner_staff'],
  'person.care-team.change': ['clinician', 'care_navigator'],
  'person.care-team.approve': ['privacy_officer'],
  'person.event.add': ['clinician', 'care_navigator', 'partner_staff'],
  'person.merge': ['privacy_officer'],
  'consent.write': ['clinician', 'care_navigator', 'privacy_officer'],
  'disclosures.read': ['privacy_officer'],
  'break-glass.start': ['clinician'],
  'break-glass.review': ['privacy_officer'],
  'person.portal.invite': ['clinician', 'care_navigator', 'privacy_officer'],
};

describe('registry action roles', () => {
  const cases = registryActions.flatMap((action) => roles.map((role) => [action, role, expected[action].includes(role)] as const));
  it.each(cases)('%s by %s → %s', (action, role, allowed) => {
    expect(mayTakeRegistryAction([role], action)).toBe(allowed);
  });
  it('refuses a caller with no roles and allows one holding any permitted role', () => {
    expect(mayTakeRegistryAction([], 'person.register')).toBe(false);
    expect(mayTakeRegistryAction(['analyst', 'privacy_officer'], 'person.merge')).toBe(true);
  });
});

describe('record sensitivity', () => {
  // 42 CFR 2.11: records from a Part 2 program are Part 2 whatever the caller asks.
  const part2Programs: readonly string[] = ['opioid_treatment_program', 'office_based_moud', 'behavioral_health', 'peer_recovery'];
  it.each(organizationTypes.map((t) => [t, part2Programs.includes(t) ? 'part2' : 'normal'] as const))(
    'medications from a %s is %s',
    (orgType, sensitivity) => {
      expect(recordSensitivity(orgType, 'medications', 'normal')).toBe(sensitivity);
    },
  );
  it('labels counseling notes and SUD treatment part2 from any source and otherwise keeps the requested label', () => {
    expect(recordSensitivity('hospital', 'counseling_notes', 'normal')).toBe('part2');
    expect(recordSensitivity('hospital', 'sud_treatment', undefined)).toBe('part2');
    expect(recordSensitivity('hospital', 'medications', undefined)).toBe('normal');
  });
});
