import { beforeAll, describe, expect, it } from 'vitest';
import { linkRecords, type LinkResult } from './link.ts';
import { normalizePeople, type RawPerson } from './records.ts';
import { syntheticPeople } from './synthetic.ts';

/**
 * Hard cases, table-driven. Each case's records are added to 6,000 seeded synthetic records of 4,500
 * people so the model is trained as it would be on a real file (unsupervised: EM needs a population),
 * then the case's records are checked: same cluster or not.
 */
type Case = { name: string; records: RawPerson[]; same: boolean };
const addr = { address: '12 Oak Street', city: 'Springfield', zip: '21201' };
const cases: Case[] = [
  {
    name: 'twins: same family name, birth date and address, different given names → not a match',
    records: [
      { given_name: 'Ashley', family_name: 'Okonkwo', birth_date: '1994-05-05', sex: 'F', ...addr },
      { given_name: 'Brittany', family_name: 'Okonkwo', birth_date: '1994-05-05', sex: 'F', ...addr },
    ],
    same: false,
  },
  {
    name: 'Jr/Sr: father and son at the same address → not a match',
    records: [
      { given_name: 'John', family_name: 'Whitaker Sr', birth_date: '1950-01-10', sex: 'M', ...addr },
      { given_name: 'John', family_name: 'Whitaker', suffix: 'Jr.', birth_date: '1976-08-22', sex: 'M', ...addr },
    ],
    same: false,
  },
  {
    name: 'married-name change: same given name, birth date and SSN, different family name → match',
    records: [
      { given_name: 'Jennifer', family_name: 'Walczak', birth_date: '1985-07-08', ssn: '912-34-5670', sex: 'F', ...addr },
      {
        given_name: 'Jennifer',
        family_name: 'Osei',
        birth_date: '1985-07-08',
        ssn: '912-34-5670',
        sex: 'F',
        address: '4 Elm Ave',
        city: 'Shelbyville',
        zip: '21230',
      },
    ],
    same: true,
  },
  {
    name: 'nicknames: Bob / Robert → match',
    records: [
      { given_name: 'Robert', family_name: 'Kowalski', birth_date: '1970-02-03', sex: 'M', phone: '410-555-0142', ...addr },
      { given_name: 'Bob', family_name: 'Kowalski', birth_date: '1970-02-03', sex: 'M', phone: '410 555 0142' },
    ],
    same: true,
  },
  {
    name: 'transposed day and month → match',
    records: [
      { given_name: 'Keisha', family_name: 'Abernathy', birth_date: '1982-04-07', ssn: '934-11-2233', ...addr },
      { given_name: 'Keisha', family_name: 'Abernathy', birth_date: '07/04/1982', ...addr },
    ],
    same: true,
  },
  {
    name: 'missing SSN on one record → match on the rest',
    records: [
      { given_name: 'Terrence', family_name: 'Villanueva', birth_date: '1979-11-30', ssn: '955-66-7788', sex: 'M', ...addr },
      { given_name: 'Terrence', family_name: 'Villanueva', birth_date: '1979-11-30', ssn: '', sex: 'M', ...addr },
    ],
    same: true,
  },
  {
    name: 'two-part Hispanic surname and hyphenation: García López / García-López / García → one person',
    records: [
      { given_name: 'María', family_name: 'García López', birth_date: '1991-09-14', sex: 'F', ...addr },
      { given_name: 'Maria', family_name: 'Garcia-Lopez', birth_date: '1991-09-14', sex: 'F', ...addr },
      { given_name: 'MARIA', family_name: 'GARCIA', birth_date: '1991-09-14', sex: 'F', ...addr },
    ],
    same: true,
  },
  {
    name: 'common names in one town: John Smith ×5 with different birth dates → not merged',
    records: ['1960-01-15', '1971-06-02', '1983-03-27', '1990-12-09', '1999-08-18'].map((birth_date, i) => ({
      given_name: 'John',
      family_name: 'Smith',
      birth_date,
      sex: 'M',
      address: `${100 + i * 7} ${['Main St', 'Oak St', 'Park Ave', 'Pine Rd', 'Lake Dr'][i]}`,
      city: 'Springfield',
      zip: '21201',
    })),
    same: false,
  },
];

describe('hard cases', () => {
  const background = syntheticPeople({ people: 4500, records: 6000, seed: 11 });
  const raw: (RawPerson & { id: string })[] = background.map(({ person: _person, ...r }) => r);
  cases.forEach((c, k) => c.records.forEach((r, j) => raw.push({ ...r, id: `case${k}-${j}` })));
  const records = normalizePeople(raw);
  let result: LinkResult;
  let clusterOfId: Map<string, number>;
  beforeAll(async () => {
    result = await linkRecords(records);
    clusterOfId = new Map(records.map((r, i) => [r.id, result.clusters.clusterOf[i]!]));
  }, 120_000);

  it.each(cases.map((c, k) => [c.name, k, c] as const))('%s', (_name, k, c) => {
    const clusters = c.records.map((_, j) => clusterOfId.get(`case${k}-${j}`)!);
    if (c.same) expect(new Set(clusters).size).toBe(1);
    else expect(new Set(clusters).size).toBe(c.records.length);
  });

  it('every compared pair carries a waterfall that adds up to its weight', () => {
    for (let k = 0; k < Math.min(result.pairs.count, 50); k++) {
      const w = result.explain(k);
      const sum = w.contributions.reduce((s, x) => s + x.weight + x.tfAdjustment, w.prior);
      expect(sum).toBeCloseTo(result.pairs.weight[k]!, 9);
      expect(w.probability).toBeCloseTo(result.pairs.probability[k]!, 9);
      expect(w.contributions.map((x) => x.comparison)).toContain('birthDate');
    }
  });
});
