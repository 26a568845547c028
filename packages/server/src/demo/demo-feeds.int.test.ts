import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestOrganization } from '../test-support/factories.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { startDemoFeeds } from './demo-feeds.ts';

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-11-20T12:00:00Z'));
const silent = { info: () => {}, error: () => {} };

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(async () => {
  await opened?.close();
});

describe('the demo feeds', () => {
  it('do nothing without the demo community', async () => {
    expect(await startDemoFeeds(opened.db, clock, silent)).toBeNull();
  });

  it("set up the demo ED's ADT feed and the demo jail's roster and receive a round of synthetic messages", async () => {
    for (const type of ['emergency_department', 'corrections'] as const) {
      const org = await createTestOrganization(opened.db, clock, { type });
      await opened.db.updateTable('organizations').set({ is_demo: true }).where('id', '=', org.id).execute();
    }
    const demo = (await startDemoFeeds(opened.db, clock, silent, { everyMs: 3_600_000 }))!;
    await demo.firstRound;
    demo.stop();
    const sources = await opened.db.selectFrom('feed_sources').select(['kind', 'last_message_at']).orderBy('kind').execute();
    expect(sources.map((s) => s.kind)).toEqual(['hl7v2', 'roster']);
    expect(sources.every((s) => s.last_message_at !== null)).toBe(true);
    const received = await opened.db.selectFrom('feed_daily_counts').select(['received', 'rejected']).execute();
    expect(received.reduce((s, r) => s + r.received, 0)).toBe(3);
    expect(received.reduce((s, r) => s + r.rejected, 0)).toBe(0);
  });
});
