import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { navSections, visibleNavSections, type NavSection } from './nav-config.ts';

const labelsFor = (roles: Role[]) => visibleNavSections(roles).map((section) => section.label);

describe('visibleNavSections', () => {
  it.each<[Role[], string[]]>([
    [[], ['Home']],
    [
      ['network_admin'],
      [
        'Home',
        'Directory',
        'Referrals',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Partner scorecards',
        'Needs and gaps',
        'Scenarios',
        'Person index review',
        'Feeds',
        'Administration',
        'Audit log',
      ],
    ],
    [
      ['org_admin'],
      ['Home', 'Directory', 'Referrals', 'Worklist', 'Prescribing safety', 'Analytics', 'Partner scorecards', 'Feeds', 'Administration'],
    ],
    [['privacy_officer'], ['Home', 'People', 'Partner scorecards', 'Record linkage', 'Person index review', 'Privacy review', 'Audit log']],
    [
      ['clinician'],
      [
        'Home',
        'Directory',
        'People',
        'Referrals',
        'Worklist',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Partner scorecards',
      ],
    ],
    [
      ['care_navigator'],
      [
        'Home',
        'Directory',
        'People',
        'Referrals',
        'Worklist',
        'Overdose response',
        'Analytics',
        'Partner scorecards',
        'Needs and gaps',
        'Scenarios',
      ],
    ],
    [['partner_staff'], ['Home', 'Directory', 'People', 'Referrals', 'Overdose response', 'Analytics', 'Partner scorecards']],
    [
      ['analyst'],
      [
        'Home',
        'Directory',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Partner scorecards',
        'Needs and gaps',
        'Scenarios',
        'Record linkage',
      ],
    ],
    [
      ['org_admin', 'privacy_officer'],
      [
        'Home',
        'Directory',
        'People',
        'Referrals',
        'Worklist',
        'Prescribing safety',
        'Analytics',
        'Partner scorecards',
        'Record linkage',
        'Person index review',
        'Feeds',
        'Administration',
        'Privacy review',
        'Audit log',
      ],
    ],
  ])('roles %j see %j', (roles, expected) => {
    expect(labelsFor(roles)).toEqual(expected);
  });

  it('hides sections that are not built yet, whatever the roles', () => {
    const planned: NavSection = { id: 'x', label: 'Planned', path: '/x', roles: 'everyone', available: false, description: '' };
    expect(visibleNavSections(['network_admin'], [planned])).toEqual([]);
  });

  it('declares every section once, with a unique path', () => {
    const paths = navSections.map((section) => section.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
