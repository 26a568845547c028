import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { systemAccess } from '../core/access-context.ts';
import { listAgreements } from '../modules/network/index.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { DEMO_AGREEMENTS, DEMO_ENDING_SOON_DAYS } from './demo-network-seed.ts';
import { seedDemoCommunity } from './demo-seed.ts';

const clock = manualClock(new Date('2026-12-07T12:00:00Z'));
let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
  await seedDemoCommunity(opened.db, clock, { seed: 7, people: 0 });
}, 300_000);
afterAll(async () => opened?.close());

describe('the demo network register and training', () => {
  it('holds a QSOA, one agreement ending within 30 days with its renewal reminder, one terminated, one draft', async () => {
    const items = await listAgreements(opened.db, clock, systemAccess('test'), {});
    const byTitle = new Map(items.map((a) => [a.title, a]));
    expect(byTitle.get(DEMO_AGREEMENTS.qsoa)?.state).toBe('in_force');
    expect(byTitle.get(DEMO_AGREEMENTS.qsoa)?.kind).toBe('qsoa');
    expect(byTitle.get(DEMO_AGREEMENTS.endingSoon)).toMatchObject({ state: 'ending_soon', daysToEnd: DEMO_ENDING_SOON_DAYS });
    expect(byTitle.get(DEMO_AGREEMENTS.dataSharing)?.state).toBe('ending_soon');
    expect(byTitle.get(DEMO_AGREEMENTS.terminated)?.state).toBe('terminated');
    expect(items.filter((a) => a.state === 'draft')).toHaveLength(1);
    const admin = await opened.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'admin@demo.continuum.example')
      .executeTakeFirstOrThrow();
    const reminders = await opened.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', admin.id)
      .where('kind', '=', 'agreement.ending')
      .execute();
    expect(reminders).toContainEqual({
      title: 'Agreement ends in 30 days or fewer',
      link: `/network/agreements/${byTitle.get(DEMO_AGREEMENTS.endingSoon)!.id}`,
    });
  });

  it('holds the five courses with completions, current and expired, by organization and role', async () => {
    const courses = await opened.db.selectFrom('network_courses').select(['topic']).execute();
    expect(courses.map((c) => c.topic).sort()).toEqual(
      ['moud_prescribing', 'naloxone', 'part2_privacy', 'peer_recovery_certification', 'person_first_language'].sort(),
    );
    const completions = await opened.db.selectFrom('network_training_completions').select(['expires_on']).execute();
    expect(completions.length).toBeGreaterThan(50);
    expect(completions.some((c) => c.expires_on! < '2026-12-07')).toBe(true);
    expect(completions.some((c) => c.expires_on! >= '2026-12-07' && c.expires_on! <= '2027-01-06')).toBe(true);
  });
});
