import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '@continuum/contracts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess } from '../../core/access-context.ts';
import { writeCareEvents } from './care-events.ts';

let t: TestApp;
let otp: { id: string };
let clinic: { id: string };
let otpStaff: SignedIn;
let personId: string;

beforeAll(async () => {
  t = await buildTestApp();
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  clinic = await createTestOrganization(t.db, t.clock, { name: 'Bayside Primary Care', type: 'primary_care' });
  personId = (await createTestPerson(t.db, t.clock, otp.id)).id;
  const u = await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['clinician'] });
  otpStaff = await signIn(t.app, u.email);
});
afterAll(async () => t?.close());

const access = systemAccess('care-events test');

describe('writeCareEvents', () => {
  it('writes typed events with their data, kind and sensitivity, and they show on the timeline', async () => {
    const result = await t.db.transaction().execute((trx) =>
      writeCareEvents(trx, t.clock, access, { organizationId: otp.id, source: 'test' }, [
        {
          personId,
          event: { type: 'moud_dispense', occurredAt: '2026-10-01T15:00:00Z', data: { medication: 'methadone', daysSupply: 1 } },
        },
        {
          personId,
          event: {
            type: 'screening',
            occurredAt: '2026-09-20T15:00:00Z',
            data: { instrument: 'TAPS', result: 'positive' },
            title: 'TAPS screen',
          },
        },
      ]),
    );
    expect(result.written).toBe(2);
    const timeline = await t.app.inject({ method: 'GET', url: `/api/people/${personId}/timeline`, headers: { cookie: otpStaff.cookie } });
    expect(timeline.statusCode).toBe(200);
    const entries = (timeline.json() as Timeline).entries;
    const dispense = entries.find((e) => e.type === 'moud_dispense')!;
    expect(dispense).toMatchObject({
      kind: 'medications',
      sensitivity: 'part2',
      title: 'Medication for OUD dispensed',
      data: { medication: 'methadone', daysSupply: 1 },
    });
    expect(entries.find((e) => e.type === 'screening')).toMatchObject({ kind: 'screening', title: 'TAPS screen' });
  });

  it('labels a primary-care screening normal but SUD treatment records part2 wherever they come from', async () => {
    await t.db.transaction().execute((trx) =>
      writeCareEvents(trx, t.clock, access, { organizationId: clinic.id, source: 'test' }, [
        {
          personId,
          event: {
            type: 'screening',
            occurredAt: '2026-09-01T15:00:00Z',
            data: { instrument: 'DAST-10', result: 'negative' },
            externalId: 'pc-1',
          },
        },
        { personId, event: { type: 'diagnosis', occurredAt: '2026-09-01T15:00:00Z', data: { code: 'F11.20' }, externalId: 'pc-2' } },
      ]),
    );
    const rows = await t.db
      .selectFrom('person_events')
      .select(['type', 'sensitivity', 'kind'])
      .where('organization_id', '=', clinic.id)
      .orderBy('type')
      .execute();
    expect(rows).toEqual([
      { type: 'diagnosis', sensitivity: 'part2', kind: 'sud_treatment' },
      { type: 'screening', sensitivity: 'normal', kind: 'screening' },
    ]);
  });

  it('does not apply an event twice when the same organization sends the same external id', async () => {
    const again = await t.db.transaction().execute((trx) =>
      writeCareEvents(trx, t.clock, access, { organizationId: clinic.id, source: 'test' }, [
        {
          personId,
          event: {
            type: 'screening',
            occurredAt: '2026-09-01T15:00:00Z',
            data: { instrument: 'DAST-10', result: 'negative' },
            externalId: 'pc-1',
          },
        },
        {
          personId,
          event: {
            type: 'screening',
            occurredAt: '2026-09-02T15:00:00Z',
            data: { instrument: 'DAST-10', result: 'negative' },
            externalId: 'pc-3',
          },
        },
      ]),
    );
    expect(again.written).toBe(1);
    expect(again.alreadyPresent).toBe(1);
    expect(again.ids[0]).toBeNull();
    expect(again.ids[1]).toEqual(expect.any(String));
  });

  it('refuses the whole batch, naming the row, when a person does not exist', async () => {
    const before = await t.db
      .selectFrom('person_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute((trx) =>
        writeCareEvents(trx, t.clock, access, { organizationId: clinic.id, source: 'test' }, [
          { personId, event: { type: 'note', occurredAt: '2026-09-01T15:00:00Z', data: {} } },
          { personId: '00000000-0000-4000-8000-000000000000', event: { type: 'note', occurredAt: '2026-09-01T15:00:00Z', data: {} } },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'items.1.personId' }] });
    const after = await t.db
      .selectFrom('person_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
