import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { seedDemoCommunity } from './demo-seed.ts';
import { seedDemoWorklist } from './demo-worklist-seed.ts';
import { DAY_MS } from '@continuum/contracts';

const clock = manualClock(new Date('2026-11-20T12:00:00Z'));
let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
  await seedDemoCommunity(opened.db, clock, { seed: 7, people: 400 });
});
afterAll(async () => opened?.close());

describe('seedDemoWorklist', () => {
  it('fills the worklists as if the job had been running: old tasks worked and done, recent ones open; attempts on the timeline; idempotent', async () => {
    const tasks = await opened.db
      .selectFrom('worklist_tasks')
      .select(['kind', 'organization_id', 'dedupe_key', 'status', 'due_at', 'outcome'])
      .execute();
    expect(tasks.length).toBeGreaterThan(0);
    const kinds = new Set(tasks.map((t) => t.kind));
    expect([...kinds].every((k) => ['custody_release_no_moud', 'post_overdose', 'moud_gap', 'no_show'].includes(k))).toBe(true);
    // Nothing open is more than two days overdue: older tasks were worked and have an outcome.
    const twoDaysAgo = clock.now().getTime() - 2 * DAY_MS;
    expect(tasks.filter((t) => t.status !== 'done' && t.due_at.getTime() < twoDaysAgo)).toEqual([]);
    expect(tasks.filter((t) => t.status === 'done').every((t) => t.outcome !== null)).toBe(true);
    const attempts = await opened.db.selectFrom('worklist_contact_attempts').select('id').execute();
    const notes = await opened.db.selectFrom('person_events').select('id').where('source', '=', 'worklist').execute();
    expect(attempts.length).toBeGreaterThan(0);
    expect(notes.length).toBe(attempts.length);

    // A second run finds the same signals and makes nothing new.
    const again = await seedDemoWorklist(opened.db, clock, { seed: 7 });
    expect(again.created).toBe(0);
    expect(again.completed).toBe(0);
  });
});
