import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { seedDemoCommunity } from './demo-seed.ts';
import { seedDemoWorklist } from './demo-worklist-seed.ts';

const clock = manualClock(new Date('2026-11-20T12:00:00Z'));
let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
  await seedDemoCommunity(opened.db, clock, { seed: 7, people: 400 });
});
afterAll(async () => opened?.close());

describe('seedDemoWorklist', () => {
  it('fills the worklists from the seeded signals, with contact attempts on the timeline, and is idempotent', async () => {
    const tasks = await opened.db.selectFrom('worklist_tasks').select(['kind', 'organization_id', 'dedupe_key']).execute();
    expect(tasks.length).toBeGreaterThan(0);
    const kinds = new Set(tasks.map((t) => t.kind));
    expect([...kinds].every((k) => ['custody_release_no_moud', 'post_overdose', 'moud_gap', 'no_show'].includes(k))).toBe(true);
    const attempts = await opened.db.selectFrom('worklist_contact_attempts').select('id').execute();
    const notes = await opened.db.selectFrom('person_events').select('id').where('source', '=', 'worklist').execute();
    expect(attempts.length).toBeGreaterThan(0);
    expect(notes.length).toBe(attempts.length);

    // A second run finds the same signals and makes nothing new.
    const again = await seedDemoWorklist(opened.db, clock, { seed: 7 });
    expect(again.created).toBe(0);
    expect(again.proposals).toBe(tasks.length);
  });
});
