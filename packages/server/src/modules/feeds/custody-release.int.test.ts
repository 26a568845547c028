import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '@continuum/contracts';
import { drainJobs } from '../../jobs/job-queue.ts';
import { jobRegistry, jobSchedules } from '../../jobs/registry.ts';
import { enqueueScheduled } from '../../jobs/schedule.ts';
import { systemAccess } from '../../core/access-context.ts';
import { createTestOrganization } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { readWorklistSignals } from '../registry/index.ts';
import { createFeedSource } from './sources.ts';
import { rosterCsv } from './synthetic.ts';

/*
 * The release-from-custody path as it runs in production, with nobody typing anything: the jail's
 * roster file lands in the pickup folder, the every-minute pickup job applies it, and the
 * 15-minute worklist job turns a release of a person with OUD and no MOUD continuity into the
 * custody-release outreach task once the rule's 72 hours have passed (worklist/rules.ts).
 */

let t: TestApp;
let root: string;
let rosterDir: string;
let jail: { id: string };

const RELEASED_AT = '2026-11-20T10:00:00Z';

/** What the scheduler does in one slot for the named schedules: enqueue them and run what is due. */
async function runSchedules(...names: string[]) {
  const schedules = jobSchedules.filter((s) => names.includes(s.job.name));
  expect(schedules.map((s) => s.job.name).sort()).toEqual([...names].sort());
  await enqueueScheduled(t.db, t.clock, schedules);
  const outcomes = await drainJobs(t.db, t.clock, jobRegistry, t.config);
  expect(outcomes.filter((o) => o.status !== 'done')).toEqual([]);
}

const person = (family: string) => t.db.selectFrom('people').select('id').where('family_name', '=', family).executeTakeFirst();

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'custody-release-'));
  t = await buildTestApp({ CONTINUUM_FEEDS_PICKUP_DIR: root });
  t.clock.set(new Date('2026-11-20T10:00:30Z'));
  jail = await createTestOrganization(t.db, t.clock, { name: 'Harbor County Jail', type: 'corrections' });
  const source = await createFeedSource(
    t.db,
    t.clock,
    systemAccess('test'),
    { organizationId: jail.id, kind: 'roster', name: 'JAIL' },
    'UTC',
  );
  rosterDir = path.join(root, source.id);
  fs.mkdirSync(rosterDir);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('a jail release reaches the worklist without anyone typing it', () => {
  it('the roster dropped at release is applied by the next minute’s pickup: the release is a signal at once', async () => {
    const release = { event: 'release', occurred_at: RELEASED_AT, birth_date: '1985-03-04', sex: 'M', oud: 'yes', facility: 'County Jail' };
    const file = path.join(rosterDir, 'roster-20261120.csv');
    fs.writeFileSync(
      file,
      rosterCsv([
        { ...release, booking_number: 'R1', given_name: 'Jordan', family_name: 'Coldbrook' },
        // Methadone given at release: MOUD continuity, so no outreach is due.
        {
          ...release,
          booking_number: 'R2',
          given_name: 'Harper',
          family_name: 'Hollins',
          moud_medication: 'methadone',
          moud_days_supply: 3,
        },
      ]),
    );
    // Written a while ago (the pickup leaves a file still being written alone).
    const past = new Date(Date.now() - 10 * MINUTE_MS);
    fs.utimesSync(file, past, past);

    t.clock.set(new Date('2026-11-20T10:01:00Z'));
    await runSchedules('feeds.pickup');
    expect(fs.readdirSync(path.join(rosterDir, 'processed'))).toHaveLength(1);
    const jordan = (await person('Coldbrook'))!;
    expect(jordan).toBeDefined();
    const signals = await readWorklistSignals(t.db, t.clock);
    expect(signals.find((s) => s.personId === jordan.id)?.events.map((e) => e.type)).toContain('custody_release');
  });

  it('the worklist job makes the custody-release task when the 72 hours pass with no MOUD contact, and none for the person given MOUD', async () => {
    const jordan = (await person('Coldbrook'))!;
    const harper = (await person('Hollins'))!;
    const tasks = (id: string) =>
      t.db.selectFrom('worklist_tasks').select(['kind', 'organization_id']).where('person_id', '=', id).execute();

    t.clock.set(new Date('2026-11-23T09:45:00Z'));
    await runSchedules('feeds.pickup', 'worklist.evaluate-signals');
    expect(await tasks(jordan.id)).toEqual([]);

    // The first 15-minute slot after the window closes.
    t.clock.set(new Date('2026-11-23T10:00:00Z'));
    await runSchedules('feeds.pickup', 'worklist.evaluate-signals');
    expect(await tasks(jordan.id)).toEqual([{ kind: 'custody_release_no_moud', organization_id: jail.id }]);
    expect(await tasks(harper.id)).toEqual([]);
  });
});
