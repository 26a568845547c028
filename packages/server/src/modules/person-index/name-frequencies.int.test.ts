import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { NameFrequencyReader } from './name-frequencies.ts';
import { MIN_RECORDS_FOR_TF } from './scoring.ts';

/** Name frequencies over the index's source records, and the floor below which none are given. */
let opened: OpenedDatabase;
let identityId: string;

async function addRecords(n: number, given: (i: number) => string, family: (i: number) => string, offset: number) {
  const now = new Date('2026-12-07T00:00:00Z');
  const rows = Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    return {
      identity_id: identityId,
      source_organization_id: null,
      source_system: 'test',
      source_record_id: `r${i}`,
      person_id: null,
      given: given(i),
      family: family(i),
      birth_date: '',
      sex: '',
      ssn: '',
      phone: '',
      street_number: '',
      street: '',
      city: '',
      zip: '',
      email: '',
      given_key: '',
      family_key: '',
      part2: false,
      created_at: now,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await opened.db
      .insertInto('source_records')
      .values(rows.slice(i, i + 500))
      .execute();
}

beforeAll(async () => {
  opened = await createTestDatabase();
  identityId = (
    await opened.db.insertInto('network_identities').values({ created_at: new Date() }).returning('id').executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => opened?.close());

describe('NameFrequencyReader', () => {
  it('gives no frequencies while fewer than MIN_RECORDS_FOR_TF records carry the field', async () => {
    await addRecords(
      MIN_RECORDS_FOR_TF - 1,
      (i) => (i % 10 === 0 ? 'john' : `given${i}`),
      (i) => (i % 50 === 0 ? 'smith' : `family${i}`),
      0,
    );
    expect(await new NameFrequencyReader().read(opened.db, 'john', 'smith')).toEqual({ given: null, family: null });
  });

  it('gives each name its share of the records that carry the field, once there are enough', async () => {
    // 1,000 records with a given name; 1,000 with a family name, 1 of them blank (not counted in the total).
    await addRecords(
      2,
      () => 'john',
      (i) => (i % 2 === 0 ? 'oyelaran' : ''),
      MIN_RECORDS_FOR_TF,
    );
    const reader = new NameFrequencyReader();
    const f = await reader.read(opened.db, 'john', 'smith');
    expect(f.given).toBeCloseTo(102 / 1001, 12);
    expect(f.family).toBeCloseTo(20 / 1000, 12);
    expect(await reader.read(opened.db, 'zebedee', 'oyelaran')).toEqual({ given: 0, family: 1 / 1000 });
    expect(await reader.read(opened.db, '', 'smith')).toEqual({ given: null, family: 20 / 1000 });
  });
});
