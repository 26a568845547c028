import { describe, expect, it } from 'vitest';
import { blockPairs, DEFAULT_RULES } from './blocking.ts';
import { encodeRecords } from './encode.ts';
import { normalizePeople } from './records.ts';

const people = normalizePeople([
  { id: 'a', given_name: 'Ann', family_name: 'Lee', birth_date: '1990-01-01', ssn: '111-22-3333' },
  { id: 'b', given_name: 'Ann', family_name: 'Lee', birth_date: '1990-01-01', ssn: '111-22-3333' },
  { id: 'c', given_name: 'Lee', family_name: 'Ann', birth_date: '1980-05-05' },
  { id: 'd', given_name: 'Bo', family_name: 'Chu', birth_date: '1990-01-01', ssn: '111-22-3333' },
  { id: 'e', given_name: 'Cy', family_name: 'Dee' },
]);

describe('blocking', () => {
  it('unions the rules without repeating a pair, left < right', () => {
    const e = encodeRecords(people, new Map());
    const b = blockPairs(e, { rules: DEFAULT_RULES });
    const pairs = Array.from({ length: b.count }, (_, k) => `${b.left[k]}-${b.right[k]}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // names (either order): a-b, a-c, b-c; ssn adds a-d, b-d; e blocks with nobody.
    expect(pairs.sort()).toEqual(['0-1', '0-2', '0-3', '1-2', '1-3']);
    for (let k = 0; k < b.count; k++) expect(b.left[k]!).toBeLessThan(b.right[k]!);
    expect(b.perRule[0]).toMatchObject({ name: 'given+family (either order)', pairs: 3 });
  });

  it('in link mode only pairs across sources', () => {
    const recs = people.map((p, i) => ({ ...p, source: i % 2 === 0 ? 'x.csv' : 'y.csv' }));
    const e = encodeRecords(recs, new Map());
    const b = blockPairs(e, { mode: 'link' });
    for (let k = 0; k < b.count; k++) expect(e.source[b.left[k]!]).not.toBe(e.source[b.right[k]!]);
    expect(b.count).toBeGreaterThan(0);
  });

  it('skips a block larger than the cap (a shared placeholder), and counts it', () => {
    const many = normalizePeople(
      Array.from({ length: 20 }, (_, i) => ({
        id: `r${i}`,
        given_name: `g${i}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!),
        family_name: 'x',
        ssn: '555-12-3456',
      })),
    );
    const e = encodeRecords(many, new Map());
    const b = blockPairs(e, { rules: DEFAULT_RULES.filter((r) => r.name === 'ssn'), maxBlockSize: 10 });
    expect(b.count).toBe(0);
    expect(b.perRule[0]!.skippedBlocks).toBe(1);
  });
});
