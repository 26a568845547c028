import { describe, expect, it } from 'vitest';
import type { OrganizationType, OverdoseSourceType, Role } from '@continuum/contracts';
import { careTeamAudience } from '../registry/sources/overdose-links.ts';
import { canReportAsExaminer, canRecordOverdose, overdoseView, sourceTypeFor, suppressCount } from './overdose-policy.ts';

describe('sourceTypeFor', () => {
  const cases: [OrganizationType, OverdoseSourceType][] = [
    ['ems', 'ems'],
    ['emergency_department', 'emergency_department'],
    ['hospital', 'emergency_department'],
    ['law_enforcement', 'law_enforcement'],
    ['corrections', 'law_enforcement'],
    ['medical_examiner', 'medical_examiner'],
    ['harm_reduction', 'community'],
    ['peer_recovery', 'community'],
  ];
  it.each(cases)('%s reports as %s', (type, source) => expect(sourceTypeFor(type)).toBe(source));
});

describe('roles', () => {
  const cases: [Role[], boolean, 'full' | 'aggregate' | 'none'][] = [
    [['clinician'], true, 'full'],
    [['care_navigator'], true, 'full'],
    [['partner_staff'], true, 'full'],
    [['analyst'], false, 'aggregate'],
    [['org_admin'], false, 'none'],
    [['network_admin'], false, 'full'],
    [['privacy_officer'], false, 'full'],
  ];
  it.each(cases)('%j: records %s, view %s', (roles, records, view) => {
    expect(canRecordOverdose(roles)).toBe(records);
    expect(overdoseView(roles)).toBe(view);
  });
  it('only a medical examiner office files an examiner report', () => {
    expect(canReportAsExaminer('medical_examiner', ['clinician'])).toBe(true);
    expect(canReportAsExaminer('ems', ['clinician'])).toBe(false);
    expect(canReportAsExaminer('medical_examiner', ['analyst'])).toBe(false);
  });
});

describe('suppressCount', () => {
  const cases: [number, boolean, number | null][] = [
    [10, true, null],
    [11, true, 11],
    [0, true, null],
    [3, false, 3],
  ];
  it.each(cases)('%i suppressed=%s → %s', (count, suppressed, shown) => expect(suppressCount(count, suppressed, 11)).toBe(shown));
});

describe('careTeamAudience', () => {
  it.each([
    ['care_navigator', 'navigator', ['care_navigator']],
    ['peer_support', 'navigator', ['care_navigator']],
    ['opioid_treatment_program', 'moud_program', ['clinician']],
    ['moud_prescriber', 'moud_program', ['clinician']],
    ['primary_care', 'care_team', ['clinician', 'care_navigator']],
  ] as const)('%s → %s', (role, reason, staff) => expect(careTeamAudience(role)).toEqual({ reason, staffRoles: staff }));
});
