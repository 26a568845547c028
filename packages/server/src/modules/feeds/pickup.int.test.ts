import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMemberAccess, createTestOrganization } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { pickUpFeedFiles } from './pickup.ts';
import { createFeedSource } from './sources.ts';
import { rosterCsv } from './synthetic.ts';

/* Scheduled folder pickup on a real temporary folder: applied and moved, a bad file to failed/ with its reason, a resent file all duplicates. */

let t: TestApp;
let root: string;
let rosterDir: string;
let deathsDir: string;
let hl7Dir: string;

const release = (booking: string, family: string) => ({
  event: 'release',
  occurred_at: '2026-11-20T10:00:00Z',
  booking_number: booking,
  given_name: 'Jordan',
  family_name: family,
  birth_date: '1985-03-04',
  oud: 'yes',
});
const drop = (dir: string, name: string, content: string) => fs.writeFileSync(path.join(dir, name), content);
const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const pickUp = () => pickUpFeedFiles(t.db, t.clock, root, { settleMs: 0 });

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-pickup-'));
  const jail = await createTestOrganization(t.db, t.clock, { name: 'County Jail', type: 'corrections' });
  const admin = await createTestMemberAccess(t.db, t.clock, jail.id, ['org_admin']);
  rosterDir = path.join(root, (await createFeedSource(t.db, t.clock, admin, { kind: 'roster', name: 'JAIL' }, 'UTC')).id);
  deathsDir = path.join(root, (await createFeedSource(t.db, t.clock, admin, { kind: 'deaths', name: 'ME' }, 'UTC')).id);
  hl7Dir = path.join(root, (await createFeedSource(t.db, t.clock, admin, { kind: 'hl7v2', name: 'ED' }, 'UTC')).id);
  for (const d of [rosterDir, deathsDir, hl7Dir]) fs.mkdirSync(d);
});
afterAll(async () => {
  fs.rmSync(root, { recursive: true, force: true });
  await t?.close();
});

describe('folder pickup', () => {
  it('applies a dropped roster and moves it to processed/; leaves files still being written and other kinds alone', async () => {
    const roster = rosterCsv([release('B1', 'Coldbrook'), release('B2', 'Hollins')]);
    drop(rosterDir, 'roster-1.csv', roster);
    drop(rosterDir, 'roster-2.csv.part', roster);
    drop(hl7Dir, 'adt.hl7', 'MSH|x');
    const results = await pickUp();
    expect(results).toEqual([
      {
        sourceId: path.basename(rosterDir),
        file: 'roster-1.csv',
        outcome: 'processed',
        summary: { accepted: 2, rejected: 0, duplicates: 0 },
      },
    ]);
    expect(listing(rosterDir)).toEqual(['processed', 'processing', 'roster-2.csv.part']);
    expect(listing(path.join(rosterDir, 'processed'))).toEqual(['20261120T120000Z-roster-1.csv']);
    expect(listing(hl7Dir)).toEqual(['adt.hl7']);
    const people = await t.db.selectFrom('people').select('family_name').orderBy('family_name').execute();
    expect(people.map((p) => p.family_name)).toEqual(['Coldbrook', 'Hollins']);
  });

  it('a file dropped again is all duplicates and changes nothing', async () => {
    drop(rosterDir, 'roster-1-again.csv', rosterCsv([release('B1', 'Coldbrook'), release('B2', 'Hollins')]));
    const [result] = await pickUp();
    expect(result).toMatchObject({ outcome: 'processed', summary: { accepted: 0, rejected: 0, duplicates: 2 } });
    expect(await t.db.selectFrom('people').select('id').execute()).toHaveLength(2);
  });

  it('a file with a rejected row goes to failed/ with the reason, without any value from it', async () => {
    t.clock.set(new Date('2026-11-20T12:01:00Z'));
    drop(
      deathsDir,
      'deaths.csv',
      'record_id,given_name,family_name,birth_date,sex,date_of_death\nME-1,Robin,Ashgrove,1984-02-03,F,not-a-date\n',
    );
    const [result] = await pickUp();
    expect(result).toMatchObject({ file: 'deaths.csv', outcome: 'failed', summary: { accepted: 0, rejected: 1, duplicates: 0 } });
    const failed = path.join(deathsDir, 'failed');
    expect(listing(failed)).toEqual(['20261120T120100Z-deaths.csv', '20261120T120100Z-deaths.csv.reason.txt']);
    const reason = fs.readFileSync(path.join(failed, '20261120T120100Z-deaths.csv.reason.txt'), 'utf8');
    expect(reason).toContain('"rejected":1');
    expect(reason).toContain('date_of_death');
    expect(reason).not.toContain('Ashgrove');
    expect(await t.db.selectFrom('feed_messages').select('status').where('status', '=', 'error').execute()).toHaveLength(1);
  });

  it('takes again a file a stopped run left in processing/', async () => {
    fs.mkdirSync(path.join(rosterDir, 'processing'), { recursive: true });
    drop(path.join(rosterDir, 'processing'), 'left.csv', rosterCsv([release('B3', 'Larkspur')]));
    const [result] = await pickUp();
    expect(result).toMatchObject({ file: 'left.csv', outcome: 'processed', summary: { accepted: 1 } });
    expect(listing(path.join(rosterDir, 'processing'))).toEqual([]);
  });
});
