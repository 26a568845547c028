import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventImportResult } from '@continuum/contracts';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';

/*
 * Navigators and re-entry staff import their own organization's records: a preview with row-level
 * errors first (nothing saved), then all or nothing; never as another organization.
 */

let t: TestApp;
let jail: { id: string };
let clinic: { id: string };
type Who = Awaited<ReturnType<typeof signedInAs>>;
let reentry: Who;
let navigator: Who;
let clinicNavigator: Who;
let analyst: Who;
let clinician: Who;

const countEvents = async () =>
  Number(
    (
      await t.db
        .selectFrom('person_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const csv = (who: Who, path: string, body: string) =>
  t.app.inject({ method: 'POST', url: path, headers: { ...who.headers, 'content-type': 'text/csv' }, payload: body });

beforeAll(async () => {
  t = await buildTestApp();
  jail = await createTestOrganization(t.db, t.clock, { name: 'County Jail', type: 'corrections' });
  clinic = await createTestOrganization(t.db, t.clock, { name: 'Eastside Clinic', type: 'primary_care' });
  reentry = await signedInAs(t, ['partner_staff'], { organizationId: jail.id });
  navigator = await signedInAs(t, ['care_navigator'], { organizationId: jail.id });
  clinicNavigator = await signedInAs(t, ['care_navigator'], { organizationId: clinic.id });
  analyst = await signedInAs(t, ['analyst'], { organizationId: jail.id });
  clinician = await signedInAs(t, ['clinician'], { organizationId: jail.id });
  const person = (await createTestPerson(t.db, t.clock, jail.id)).id;
  await t.db
    .insertInto('person_identifiers')
    .values({ person_id: person, organization_id: jail.id, kind: 'booking_number', value: 'BK-100', created_at: t.clock.now() })
    .execute();
});
afterAll(async () => t?.close());

const header = 'identifier_kind,identifier_value,type,occurred_at,external_id,data.facility,data.milestone';
const good = [
  'booking_number,BK-100,custody_release,2026-01-10T09:00:00Z,rel-1,County Jail,',
  'booking_number,BK-100,recovery_milestone,2026-01-12,ms-1,,peer_support',
].join('\n');
const bad = [
  'booking_number,BK-100,custody_release,2026-01-10T09:00:00Z,rel-2,County Jail,',
  'booking_number,BK-999,custody_release,2026-01-10T09:00:00Z,rel-3,County Jail,',
  'booking_number,BK-100,recovery_milestone,not-a-date,ms-2,,finished',
].join('\n');

describe('care-event import by navigators and re-entry staff', () => {
  it('previews with row-level errors (row number and field), saving nothing, audited', async () => {
    const before = await countEvents();
    const res = await csv(reentry, '/api/care-events/import/csv/preview', `${header}\n${bad}\n`);
    expect(res.statusCode).toBe(200);
    const result = res.json<CareEventImportResult>();
    expect(result.applied).toBe(false);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'identifier_value'],
      [3, 'data.milestone'],
      [3, 'occurred_at'],
    ]);
    expect(result.preview).toEqual([{ row: 1, type: 'custody_release', occurredAt: '2026-01-10T09:00:00Z' }]);
    expect(await countEvents()).toBe(before);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'organization_id', 'details'])
      .where('action', '=', 'care-events.import.preview')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ organization_id: jail.id, details: { rows: 3, rowsWithErrors: 2, errors: 3 } });
  });

  it('applies all or nothing: a file with an error writes no row; a clean file writes every row', async () => {
    const before = await countEvents();
    expect((await csv(navigator, '/api/care-events/import/csv', `${header}\n${bad}\n`)).statusCode).toBe(422);
    expect(await countEvents()).toBe(before);
    const preview = (await csv(navigator, '/api/care-events/import/csv/preview', `${header}\n${good}\n`)).json<CareEventImportResult>();
    expect(preview).toMatchObject({ applied: false, errors: [], written: 0 });
    expect(preview.preview).toHaveLength(2);
    const applied = await csv(navigator, '/api/care-events/import/csv', `${header}\n${good}\n`);
    expect(applied.statusCode).toBe(200);
    expect(applied.json<CareEventImportResult>()).toMatchObject({ applied: true, written: 2 });
    expect(await countEvents()).toBe(before + 2);
  });

  it('a navigator of one organization cannot import for another', async () => {
    const before = await countEvents();
    for (const path of ['/api/care-events/import/csv', '/api/care-events/import/csv/preview']) {
      const res = await csv(clinicNavigator, `${path}?organizationId=${jail.id}`, `${header}\n${good}\n`);
      expect(res.statusCode).toBe(403);
    }
    // Importing as their own organization, another organization's identifiers match no one.
    const own = (await csv(clinicNavigator, '/api/care-events/import/csv/preview', `${header}\n${good}\n`)).json<CareEventImportResult>();
    expect(own.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [1, 'identifier_value', 'No person with that identifier at your organization'],
      [2, 'identifier_value', 'No person with that identifier at your organization'],
    ]);
    expect(await countEvents()).toBe(before);
  });

  it('roles without import (analysts) are refused', async () => {
    expect((await csv(analyst, '/api/care-events/import/csv/preview', `${header}\n${good}\n`)).statusCode).toBe(403);
  });

  it("a type the point-of-care table keeps for clinicians (a diagnosis) refuses a navigator's whole file, naming the row and type; a clinician's is accepted", async () => {
    const dxHeader = 'identifier_kind,identifier_value,type,occurred_at,external_id,data.facility,data.code';
    const file = [
      `${dxHeader}`,
      'booking_number,BK-100,custody_release,2026-02-10T09:00:00Z,rel-dx-1,County Jail,',
      'booking_number,BK-100,diagnosis,2026-02-11,dx-1,,F11.20',
    ].join('\n');
    const before = await countEvents();
    const preview = (await csv(navigator, '/api/care-events/import/csv/preview', `${file}\n`)).json<CareEventImportResult>();
    expect(preview.errors).toEqual([{ row: 2, field: 'type', message: 'Your role may not record diagnosis events' }]);
    expect(preview.preview).toEqual([{ row: 1, type: 'custody_release', occurredAt: '2026-02-10T09:00:00Z' }]);
    const refused = await csv(navigator, '/api/care-events/import/csv', `${file}\n`);
    expect(refused.statusCode).toBe(422);
    expect(await countEvents()).toBe(before);
    const accepted = await csv(clinician, '/api/care-events/import/csv', `${file}\n`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<CareEventImportResult>()).toMatchObject({ applied: true, written: 2 });
    expect(await countEvents()).toBe(before + 2);
  });

  it("an organization's administrator loads its clinical records on its behalf, diagnoses included", async () => {
    const admin = await signedInAs(t, ['org_admin'], { organizationId: jail.id });
    const file = [
      'identifier_kind,identifier_value,type,occurred_at,external_id,data.facility,data.code',
      'booking_number,BK-100,diagnosis,2026-02-12,dx-admin-1,,F11.20',
    ].join('\n');
    const before = await countEvents();
    const preview = (await csv(admin, '/api/care-events/import/csv/preview', `${file}\n`)).json<CareEventImportResult>();
    expect(preview.errors).toEqual([]);
    const accepted = await csv(admin, '/api/care-events/import/csv', `${file}\n`);
    expect(accepted.statusCode).toBe(200);
    expect(await countEvents()).toBe(before + 1);
  });
});
