import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventInput, PersonSafety, Timeline } from '@continuum/contracts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess } from '../../core/access-context.ts';
import { writeCareEvents } from './care-events.ts';

/*
 * POST /api/people/:id/care-events: touchpoints recorded at the point of care, validated like an
 * import row, written through the one care-event writer, audited, and read by the safety engine.
 */

let t: TestApp;
let ed: { id: string };
let clinician: SignedIn;
let navigator: SignedIn;
let partner: SignedIn;
let personId: string;

// The manual clock stands at 2026-01-15T12:00Z.
const day = (iso: string) => `${iso}T10:00:00.000Z`;
const post = (who: SignedIn, id: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/people/${id}/care-events`, headers: who.headers, payload });
const timeline = async (who: SignedIn) =>
  (await t.app.inject({ method: 'GET', url: `/api/people/${personId}/timeline`, headers: who.headers })).json<Timeline>();

const dast10 = { dast10: [true, true, false, true, false, false, false, false, false, false] };

beforeAll(async () => {
  t = await buildTestApp();
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  const as = async (roles: Parameters<typeof createTestUser>[2]['roles']) =>
    signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: ed.id, roles })).email);
  clinician = await as(['clinician']);
  navigator = await as(['care_navigator']);
  partner = await as(['partner_staff']);
  personId = (await createTestPerson(t.db, t.clock, ed.id, { birthDate: '1970-01-01' })).id;
});
afterAll(async () => t?.close());

describe('recording a touchpoint', () => {
  it('writes a DAST-10 screen with its answers to the timeline, audited as a point-of-care write', async () => {
    const res = await post(clinician, personId, {
      type: 'screening',
      occurredAt: day('2026-01-14'),
      data: { instrument: 'DAST-10', result: 'positive', score: 4, answers: dast10 },
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json<{ id: string }>();
    const entry = (await timeline(clinician)).entries.find((e) => e.id === id);
    expect(entry).toMatchObject({ type: 'screening', title: 'Screening', kind: 'screening', data: { score: 4, answers: dast10 } });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'care-events.write')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ source: 'point_of_care', written: 1 });
  });

  it('refuses a result the answers do not give, naming the field, and writes nothing', async () => {
    const before = (await timeline(clinician)).entries.length;
    const res = await post(clinician, personId, {
      type: 'screening',
      occurredAt: day('2026-01-14'),
      data: { instrument: 'DAST-10', result: 'negative', answers: dast10 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { fields: { path: string }[] } } }>().error.details.fields.map((f) => f.path)).toEqual([
      'body.data.result',
    ]);
    expect((await timeline(clinician)).entries.length).toBe(before);
  });

  it('lets each role record only its own kinds of touchpoint', async () => {
    const start = { type: 'moud_start', occurredAt: day('2026-01-14'), data: { medication: 'buprenorphine', doseMg: 16 } };
    expect((await post(navigator, personId, start)).statusCode).toBe(403);
    expect((await post(partner, personId, start)).statusCode).toBe(403);
    expect((await post(clinician, personId, start)).statusCode).toBe(201);
    const screen = {
      type: 'screening',
      occurredAt: day('2026-01-14'),
      data: { instrument: 'single-question', result: 'positive', score: 2, answers: { timesPastYear: 2 } },
    };
    expect((await post(navigator, personId, screen)).statusCode).toBe(201);
    expect((await post(partner, personId, screen)).statusCode).toBe(403);
    const release = { type: 'custody_release', occurredAt: day('2026-01-10'), data: { facility: 'County jail' } };
    expect((await post(partner, personId, release)).statusCode).toBe(201);
  });

  it('answers "not found" for a person who does not exist', async () => {
    const res = await post(clinician, '00000000-0000-4000-8000-000000000000', {
      type: 'appointment_attended',
      occurredAt: day('2026-01-14'),
      data: {},
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('a urine drug test recorded at the point of care and the prescribing-safety rule', () => {
  it('stops asking for a urine drug test once one is recorded', async () => {
    const person = (await createTestPerson(t.db, t.clock, ed.id, { birthDate: '1970-01-01' })).id;
    const oxycodone = (date: string): CareEventInput => ({
      type: 'opioid_dispense',
      occurredAt: day(date),
      data: { rxnormCode: '1049621', quantity: 60, daysSupply: 30 },
    });
    await t.db.transaction().execute((trx) =>
      writeCareEvents(trx, t.clock, { ...systemAccess('test fixture'), organizationId: ed.id }, { organizationId: ed.id, source: 'test' }, [
        { personId: person, event: oxycodone('2025-11-16') },
        { personId: person, event: oxycodone('2025-12-16') },
        { personId: person, event: oxycodone('2026-01-14') },
      ]),
    );
    const rules = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/people/${person}/safety`, headers: clinician.headers }))
        .json<PersonSafety>()
        .rules.map((r) => r.code);
    expect(await rules()).toContain('URINE_DRUG_TEST_DUE');
    const res = await post(clinician, person, {
      type: 'urine_drug_test',
      occurredAt: day('2026-01-15'),
      data: { results: { oxycodone: 'positive', fentanyl: 'negative', buprenorphine: 'negative' }, method: 'screen' },
    });
    expect(res.statusCode).toBe(201);
    const after = await rules();
    expect(after).not.toContain('URINE_DRUG_TEST_DUE');
    expect(after).not.toContain('UNEXPECTED_URINE_DRUG_TEST');
  });
});
