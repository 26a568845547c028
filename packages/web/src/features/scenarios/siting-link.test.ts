import { describe, expect, it } from 'vitest';
import type { GapCategory } from '@continuum/contracts';
import { scenarioFromSiting, scenarioHrefFromSiting } from './siting-link.ts';

describe('a scenario from a needs-and-gaps siting', () => {
  it.each<[GapCategory, number | null, string | null]>([
    ['buprenorphine', 120, '/scenarios?sitingCategory=buprenorphine&sitingSlots=120'],
    ['methadone', 40, '/scenarios?sitingCategory=methadone&sitingSlots=40'],
    ['naltrexone', 5, '/scenarios?sitingCategory=naltrexone&sitingSlots=5'],
    ['buprenorphine', null, null],
    ['buprenorphine', 0, null],
    ['buprenorphine', 2.5, null],
    ['harm_reduction', 100, null],
    ['residential', 20, null],
  ])('%s with capacity %s links to %s', (category, capacity, href) => {
    expect(scenarioHrefFromSiting(category, capacity)).toBe(href);
  });

  it('fills the first scenario with the slots of that medication only', () => {
    const draft = scenarioFromSiting(new URLSearchParams('sitingCategory=naltrexone&sitingSlots=15'));
    expect(draft?.name).toBe('New site: +15 XR-naltrexone slots');
    expect(draft?.levers.extraSlots).toEqual({ buprenorphine: 0, methadone: 0, naltrexone: 15 });
    expect(draft?.levers.naloxoneKitsPerYear).toBeNull();
  });

  it.each([
    '',
    'sitingCategory=peer_support&sitingSlots=10',
    'sitingCategory=methadone&sitingSlots=-3',
    'sitingCategory=methadone&sitingSlots=x',
  ])('ignores an address without a usable siting: %s', (query) => {
    expect(scenarioFromSiting(new URLSearchParams(query))).toBeNull();
  });
});
