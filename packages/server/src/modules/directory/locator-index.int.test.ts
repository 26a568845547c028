import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { manualClock } from '../../clock.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { createFixtureService } from './directory.fixtures.ts';
import { LocatorIndex } from './locator-index.ts';

let t: OpenedDatabase;
const clock = manualClock(new Date('2026-01-15T17:00:00Z'));
const place = { latitude: 44.41, longitude: -123.05 };

beforeAll(async () => {
  t = await createTestDatabase();
  await createFixtureService(t.db, clock, { name: 'First clinic', at: place });
});
afterAll(() => t.close());

const names = (snapshot: { entries: { serviceName: string }[] }) => snapshot.entries.map((e) => e.serviceName).sort();

describe('the locator index', () => {
  it('answers searches from the previous snapshot while a reload waits behind a write transaction', async () => {
    let now = 0;
    const index = new LocatorIndex(250, () => now);
    expect(names(await index.current(t.db))).toEqual(['First clinic']);
    await createFixtureService(t.db, clock, { name: 'Second clinic', at: place });

    // A write transaction holds the directory's revisions (and, on PGlite, the only connection).
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const writer = t.db.transaction().execute(async (trx) => {
      await sql`lock table directory_revisions in access exclusive mode`.execute(trx);
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    try {
      now = 1000; // the recheck is due: it starts, and waits for the writer
      const blocked = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 3000).unref());
      const answers = await Promise.race([Promise.all([index.current(t.db), index.current(t.db), index.current(t.db)]), blocked]);
      expect(answers).not.toBe('blocked');
      for (const snapshot of answers as Awaited<ReturnType<LocatorIndex['current']>>[]) expect(names(snapshot)).toEqual(['First clinic']);
    } finally {
      release();
      await writer;
    }
    await index.settled();
    expect(names(await index.current(t.db))).toEqual(['First clinic', 'Second clinic']);
  });

  it('with no snapshot yet, or rechecking on every search, waits for the database', async () => {
    const index = new LocatorIndex(0);
    const first = await index.current(t.db);
    await createFixtureService(t.db, clock, { name: 'Third clinic', at: place });
    const second = await index.current(t.db);
    expect(names(first)).not.toContain('Third clinic');
    expect(names(second)).toContain('Third clinic');
  });

  it('shares one recheck among searches that arrive while it runs', async () => {
    let now = 0;
    const index = new LocatorIndex(250, () => now);
    const [a, b] = await Promise.all([index.current(t.db), index.current(t.db)]);
    expect(a).toBe(b);
    now = 1000;
    const c = await index.current(t.db); // unchanged directory: the recheck keeps the same snapshot
    await index.settled();
    expect(await index.current(t.db)).toBe(c);
    expect(c).toBe(a);
  });
});
