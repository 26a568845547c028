import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventInput } from '@continuum/contracts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { systemAccess, type AccessContext } from '../../../core/access-context.ts';
import { writeCareEvents } from '../care-events.ts';
import { mergePeople, readContext } from '../people.ts';
import { peopleRegisteredBy, readDispensingsForAggregate, readSafetySource } from './safety-source.ts';

let t: TestApp;
let ed: { id: string };
let otp: { id: string };
let clinic: { id: string };
let edAccess: AccessContext;
let clinicAccess: AccessContext;

const fill = (date: string, extra: Partial<CareEventInput> = {}): CareEventInput =>
  ({
    type: 'opioid_dispense',
    occurredAt: `${date}T10:00:00.000Z`,
    data: { rxnormCode: '1049621', quantity: 120, daysSupply: 30 },
    ...extra,
  }) as CareEventInput;
const write = (organizationId: string, personId: string, events: CareEventInput[]) =>
  t.db.transaction().execute((trx) =>
    writeCareEvents(
      trx,
      t.clock,
      { ...systemAccess('test fixture'), organizationId },
      { organizationId, source: 'test' },
      events.map((event) => ({ personId, event })),
    ),
  );
const read = (access: AccessContext, personId: string) =>
  t.db.transaction().execute((trx) => readSafetySource(trx, readContext(access, t.clock), personId));

beforeAll(async () => {
  t = await buildTestApp();
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  clinic = await createTestOrganization(t.db, t.clock, { name: 'Bayside Primary Care', type: 'primary_care' });
  const edUser = await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: ['clinician'] });
  const clinicUser = await createTestUser(t.db, t.clock, { organizationId: clinic.id, roles: ['clinician'] });
  edAccess = { actor: { type: 'user', userId: edUser.id, sessionId: 's' }, organizationId: ed.id, roles: ['clinician'], requestId: 'r1' };
  clinicAccess = {
    actor: { type: 'user', userId: clinicUser.id, sessionId: 's' },
    organizationId: clinic.id,
    roles: ['clinician'],
    requestId: 'r2',
  };
});
afterAll(() => t.close());

describe('readSafetySource', () => {
  it('returns the permitted events oldest first and one marker per restricted kind, with no dates or sources', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [
      fill('2026-01-05'),
      fill('2025-12-05'),
      { type: 'note', occurredAt: '2026-01-06T10:00:00.000Z', data: {} },
    ]);
    await write(otp.id, person.id, [
      { type: 'moud_dispense', occurredAt: '2026-01-07T10:00:00.000Z', data: { medication: 'methadone', daysSupply: 1 } },
      { type: 'moud_dispense', occurredAt: '2026-01-08T10:00:00.000Z', data: { medication: 'methadone', daysSupply: 1 } },
    ]);
    const source = await read(edAccess, person.id);
    expect(source.events.map((e) => [e.type, e.occurredAt.toISOString().slice(0, 10)])).toEqual([
      ['opioid_dispense', '2025-12-05'],
      ['opioid_dispense', '2026-01-05'],
    ]);
    expect(source.restricted).toEqual([{ kind: 'medications', count: 2, reason: expect.any(String), message: expect.any(String) }]);
    expect(JSON.stringify(source.restricted)).not.toMatch(/2026|Tidewater/);
    expect(source.birthDate).toBe('1988-06-15');
  });

  it('includes the events of a record merged into the person, and records the disclosure of what it read', async () => {
    const survivor = await createTestPerson(t.db, t.clock, ed.id);
    const merged = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, survivor.id, [fill('2026-01-05')]);
    await write(ed.id, merged.id, [fill('2026-01-06')]);
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: survivor.id,
        organization_id: clinic.id,
        user_id: null,
        role: 'primary_care',
        since: '2026-01-01',
        until: null,
        created_at: t.clock.now(),
      })
      .execute();
    const privacy = { actor: { type: 'system' as const, reason: 'test merge' }, organizationId: ed.id, roles: [], requestId: null };
    await mergePeople(t.db, t.clock, readContext(privacy, t.clock), {
      survivorId: survivor.id,
      mergedId: merged.id,
      reason: 'same person',
    });

    const source = await read(clinicAccess, merged.id);
    expect(source.personId).toBe(survivor.id);
    expect(source.events).toHaveLength(2);
    const disclosures = await t.db
      .selectFrom('disclosures')
      .select(['kinds', 'record_count', 'request_id'])
      .where('person_id', '=', survivor.id)
      .where('request_id', '=', 'r2')
      .execute();
    expect(disclosures.flatMap((d) => d.kinds).sort()).toEqual(['demographics', 'medications']);
    expect(disclosures.reduce((n, d) => n + d.record_count, 0)).toBe(3);
  });

  it('answers "not found" for a person the caller may not see', async () => {
    const person = await createTestPerson(t.db, t.clock, otp.id);
    await expect(read(edAccess, person.id)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });
});

describe('readDispensingsForAggregate', () => {
  it('reads normal dispensing records in the window with a per-read person number, leaves Part 2 records out, and audits once', async () => {
    const from = new Date('2026-01-10T00:00:00Z');
    const to = new Date('2026-01-12T00:00:00Z');
    const a = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, a.id, [fill('2026-01-10'), fill('2026-01-11'), fill('2026-01-12')]);
    await write(otp.id, a.id, [
      { type: 'moud_dispense', occurredAt: '2026-01-11T10:00:00.000Z', data: { medication: 'methadone', daysSupply: 1 } },
    ]);
    const audits = async () =>
      (await t.db.selectFrom('audit_events').select('id').where('action', '=', 'safety.aggregate-read').execute()).length;
    const before = await audits();
    const { rows, part2Excluded } = await readDispensingsForAggregate(t.db, t.clock, systemAccess('test'), { from, to, purpose: 'test' });
    expect(rows.map((r) => r.type)).toEqual(['opioid_dispense', 'opioid_dispense']);
    expect(new Set(rows.map((r) => r.personIndex)).size).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(a.id);
    expect(part2Excluded).toBe(1);
    expect(await audits()).toBe(before + 1);
  });

  it('reads page after page (keyset on time and id) without losing or repeating a row', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    // Five events at the same instant and two later: pages of two must cross the tie.
    await write(ed.id, person.id, [...Array.from({ length: 5 }, () => fill('2026-02-01')), fill('2026-02-02'), fill('2026-02-03')]);
    const window = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-04T00:00:00Z'), purpose: 'test' };
    const paged = await readDispensingsForAggregate(t.db, t.clock, systemAccess('test'), window, 2);
    const whole = await readDispensingsForAggregate(t.db, t.clock, systemAccess('test'), window);
    expect(paged.rows).toHaveLength(7);
    expect(paged.rows.map((r) => r.occurredAt.toISOString())).toEqual(whole.rows.map((r) => r.occurredAt.toISOString()));
  });

  it('peopleRegisteredBy lists ids in name order', async () => {
    const org = await createTestOrganization(t.db, t.clock);
    const zed = await createTestPerson(t.db, t.clock, org.id, { familyName: 'Zephyr' });
    const abe = await createTestPerson(t.db, t.clock, org.id, { familyName: 'Abernathy' });
    expect(await peopleRegisteredBy(t.db, org.id, 10)).toEqual([abe.id, zed.id]);
    expect(await peopleRegisteredBy(t.db, org.id, 1)).toEqual([abe.id]);
  });
});
