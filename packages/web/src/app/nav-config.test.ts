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
        'Needs and gaps',
        'Scenarios',
        'Person index review',
        'Network',
        'Feeds',
        'Administration',
        'Audit log',
      ],
    ],
    [
      ['org_admin'],
      ['Home', 'Directory', 'Referrals', 'Worklist', 'Prescribing safety', 'Analytics', 'Network', 'Feeds', 'Administration'],
    ],
    [['privacy_officer'], ['Home', 'People', 'Record linkage', 'Person index review', 'Network', 'Privacy review', 'Audit log']],
    [
      ['clinician'],
      ['Home', 'Directory', 'People', 'Referrals', 'Worklist', 'Prescribing safety', 'Overdose response', 'Analytics', 'Network'],
    ],
    [
      ['care_navigator'],
      ['Home', 'Directory', 'People', 'Referrals', 'Worklist', 'Overdose response', 'Analytics', 'Needs and gaps', 'Scenarios', 'Network'],
    ],
    [['partner_staff'], ['Home', 'Directory', 'People', 'Referrals', 'Overdose response', 'Analytics', 'Network']],
    [
      ['analyst'],
      [
        'Home',
        'Directory',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Needs and gaps',
        'Scenarios',
        'Record linkage',
        'Network',
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
        'Record linkage',
        'Person index review',
        'Network',
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
