import { describe, expect, it } from 'vitest';
import { parseBoundaries } from './boundary-validate.ts';
import { usCounties } from './us-counties.ts';

describe('usCounties', () => {
  it('ships every Oregon county, named with its state, and each passes the boundary checks', () => {
    const oregon = usCounties(['41']);
    expect(oregon.features).toHaveLength(36);
    const { features } = parseBoundaries(oregon, {
      idProperty: 'id',
      nameProperty: 'name',
      populationProperty: 'population',
      attributes: [],
    });
    expect(features.find((f) => f.sourceId === '41003')?.name).toBe('Benton, Oregon');
  });

  it('passes the boundary checks for every county of the 50 states, DC and Puerto Rico', () => {
    const states = Array.from({ length: 80 }, (_, i) => String(i + 1).padStart(2, '0'));
    const all = usCounties(states);
    expect(all.features.length).toBeGreaterThan(3200);
    expect(() =>
      parseBoundaries(all, { idProperty: 'id', nameProperty: 'name', populationProperty: 'population', attributes: [] }),
    ).not.toThrow();
  });
});
