import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestOrganization } from '../test-support/factories.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { seedDemoPersonIndex } from './demo-person-index-seed.ts';

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-11-20T12:00:00Z'));

beforeAll(async () => {
  opened = await createTestDatabase();
  for (const type of ['emergency_department', 'opioid_treatment_program', 'primary_care'] as const)
    await createTestOrganization(opened.db, clock, { type });
});
afterAll(async () => {
  await opened.close();
});

describe('seedDemoPersonIndex', () => {
  it('leaves pairs in the review queue and links the one that agrees on everything', async () => {
    const result = await seedDemoPersonIndex(opened.db, clock);
    expect(result.people).toBe(8);
    expect(result.linked).toBe(1);
    expect(result.reviews).toBeGreaterThanOrEqual(2);
    const open = await opened.db.selectFrom('person_index_links').select('id').where('status', '=', 'review').execute();
    expect(open).toHaveLength(result.reviews);
  });
});
