import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAccess } from '../../../core/access-context.ts';
import { createTestOrganization, createTestPerson } from '../../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { importFeedFile } from '../push.ts';

/* PDMP dispensing extracts through the real feed core: a known person's fills become care events; idempotent; a bad row queued. */

let t: TestApp;
let pdmp: { id: string; name: string };
let person: { id: string };
const system = systemAccess('test: pdmp');
const header = 'person_id,fill_date,rxcui,drug_name,strength,quantity,days_supply,prescriber_id,pharmacy_id,otp';
const importPdmp = (rows: string[]) => importFeedFile(t.db, t.clock, system, pdmp.name, 'pdmp', `${header}\n${rows.join('\n')}\n`);
const eventsOf = async (id: string) =>
  (await t.db.selectFrom('person_events').select('type').where('person_id', '=', id).orderBy('type').execute()).map((e) => e.type);
const countAll = async () =>
  Number(
    (
      await t.db
        .selectFrom('person_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  pdmp = await createTestOrganization(t.db, t.clock, { name: 'State PDMP', type: 'public_health' });
  person = await createTestPerson(t.db, t.clock, pdmp.id, { identifier: { kind: 'pdmp_id', value: 'P-9' } });
});
afterAll(async () => {
  await t?.close();
});

describe('PDMP dispensing extracts', () => {
  const rows = [
    'P-9,2026-11-10,1049621,,,120,30,DEA-1,PH-1,',
    'P-9,2026-11-12,,alprazolam,1 mg,30,30,DEA-2,PH-1,',
    'P-9,2026-11-14,,buprenorphine naloxone sublingual film,8 mg,14,7,DEA-3,PH-2,',
    'P-404,2026-11-14,1049621,,,60,30,DEA-1,PH-1,',
  ];

  it("a known person's fills become dispensing care events; a person not known keeps nothing", async () => {
    expect(await importPdmp(rows)).toEqual({ accepted: 4, rejected: 0, duplicates: 0 });
    expect(await eventsOf(person.id)).toEqual(['medication_dispense', 'moud_dispense', 'opioid_dispense']);
    expect(await t.db.selectFrom('people').select('id').execute()).toHaveLength(1);
  });

  it('a resent extract changes nothing; a bad row goes to the error queue naming its column', async () => {
    const before = await countAll();
    expect(await importPdmp(rows)).toEqual({ accepted: 0, rejected: 0, duplicates: 4 });
    expect(await importPdmp(['P-9,2026-11-16,,alprazolam,1 mg,-1,30,DEA-2,PH-1,'])).toEqual({ accepted: 0, rejected: 1, duplicates: 0 });
    expect(await countAll()).toBe(before);
    const error = await t.db.selectFrom('feed_messages').select(['error_reason']).where('status', '=', 'error').executeTakeFirstOrThrow();
    expect(error.error_reason).toContain('quantity');
    expect(error.error_reason).not.toContain('-1');
  });
});
