import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { part2Notice, type CareEventInput, type PersonSafety } from '@continuum/contracts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess } from '../../core/access-context.ts';
import { writeCareEvents } from '../registry/care-events.ts';

/*
 * GET /api/people/:id/safety and POST /api/people/:id/safety/naloxone-offered over a real database:
 * care events in, the same engine's figures out, through the chokepoint (restricted records are
 * never silently left out of a total; disclosures recorded).
 */

let t: TestApp;
let ed: { id: string };
let clinic: { id: string };
let otp: { id: string };
let stranger: { id: string };
let edClinician: SignedIn;
let edNavigator: SignedIn;
let edPartner: SignedIn;
let edAnalyst: SignedIn;
let clinicClinician: SignedIn;
let strangerClinician: SignedIn;
let clinicUserId: string;

// The manual clock stands at 2026-01-15T12:00Z.
const day = (iso: string) => `${iso}T10:00:00.000Z`;

async function write(organizationId: string, personId: string, events: CareEventInput[]) {
  await t.db.transaction().execute((trx) =>
    writeCareEvents(
      trx,
      t.clock,
      { ...systemAccess('test fixture'), organizationId },
      { organizationId, source: 'test' },
      events.map((event) => ({ personId, event })),
    ),
  );
}

const oxycodone5 = (date: string, quantity: number, extra: Partial<{ prescriber: string; pharmacy: string }> = {}): CareEventInput => ({
  type: 'opioid_dispense',
  occurredAt: day(date),
  data: {
    rxnormCode: '1049621',
    quantity,
    daysSupply: 30,
    prescriber: extra.prescriber ?? 'Dr. Avery Stone',
    pharmacy: extra.pharmacy ?? 'Harbor Pharmacy',
  },
});

async function getSafety(who: SignedIn, personId: string) {
  return t.app.inject({ method: 'GET', url: `/api/people/${personId}/safety`, headers: who.headers });
}

beforeAll(async () => {
  t = await buildTestApp();
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  clinic = await createTestOrganization(t.db, t.clock, { name: 'Bayside Primary Care', type: 'primary_care' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  stranger = await createTestOrganization(t.db, t.clock, { name: 'Faraway Clinic', type: 'primary_care' });
  const user = async (organizationId: string, role: Parameters<typeof createTestUser>[2]['roles'][number]) => {
    const u = await createTestUser(t.db, t.clock, { organizationId, roles: [role] });
    return { u, signed: await signIn(t.app, u.email) };
  };
  edClinician = (await user(ed.id, 'clinician')).signed;
  edNavigator = (await user(ed.id, 'care_navigator')).signed;
  edPartner = (await user(ed.id, 'partner_staff')).signed;
  edAnalyst = (await user(ed.id, 'analyst')).signed;
  const c = await user(clinic.id, 'clinician');
  clinicClinician = c.signed;
  clinicUserId = c.u.id;
  strangerClinician = (await user(stranger.id, 'clinician')).signed;
});
afterAll(() => t.close());

describe('GET /api/people/:id/safety', () => {
  it('sums equal dispensings, draws the timeline and fires MME_AT_LEAST_90 with the citation', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id, { birthDate: '1970-03-01' });
    // Two equal fills of oxycodone 5 mg, 6 tablets a day each: 45 MME/day each, 90 together.
    await write(ed.id, person.id, [oxycodone5('2026-01-05', 180), oxycodone5('2026-01-05', 180, { pharmacy: 'Main Street Pharmacy' })]);
    const res = await getSafety(edClinician, person.id);
    expect(res.statusCode).toBe(200);
    const body = res.json<PersonSafety>();
    expect(body.status).toBe('complete');
    expect(body.mmePerDay).toBe(90);
    expect(body.timeline).toHaveLength(90);
    expect(body.timeline.find((p) => p.date === '2026-01-04')!.mmePerDay).toBeNull();
    expect(body.timeline.find((p) => p.date === '2026-01-05')!.mmePerDay).toBe(90);
    const rule = body.rules.find((r) => r.code === 'MME_AT_LEAST_90')!;
    expect(rule.citation).toContain('Recommendations 4 and 5');
    expect(rule.explanation).toContain('90 MME/day');
    expect(body.rules.map((r) => r.code)).toContain('OFFER_NALOXONE');
    expect(body.medications).toHaveLength(2);
    expect(body.taperSuggestion).toEqual({ ingredient: 'oxycodone', currentDailyMg: 60, dosesPerDay: 6 });
    expect(body.redisclosureNotice).toBeNull();
  });

  it('reads drugs given by name and strength, and a benzodiazepine dispensing', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [
      {
        type: 'opioid_dispense',
        occurredAt: day('2026-01-10'),
        data: { drugName: 'Oxycodone HCl tablet', strength: '10 MG', quantity: 90, daysSupply: 30 },
      },
      {
        type: 'medication_dispense',
        occurredAt: day('2026-01-10'),
        data: { drugName: 'Alprazolam tablet', strength: '1 MG', quantity: 60, daysSupply: 30, rxnormCode: '197321' },
      },
    ]);
    const body = (await getSafety(edClinician, person.id)).json<PersonSafety>();
    // 3 tablets × 10 mg × 1.5 = 45 MME/day.
    expect(body.mmePerDay).toBe(45);
    expect(body.rules.map((r) => r.code)).toEqual(expect.arrayContaining(['OPIOID_WITH_BENZODIAZEPINE', 'OFFER_NALOXONE']));
    expect(body.rules.map((r) => r.code)).not.toContain('MME_AT_LEAST_50');
  });

  it('names a drug whose MME cannot be computed instead of counting it as zero', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [
      {
        type: 'opioid_dispense',
        occurredAt: day('2026-01-10'),
        data: { drugName: 'Levorphanol tartrate', strength: '2 MG', quantity: 90, daysSupply: 30 },
      },
    ]);
    const body = (await getSafety(edClinician, person.id)).json<PersonSafety>();
    expect(body.mmePerDay).toBeNull();
    expect(body.notComputable.map((n) => n.reason)).toEqual(['no-conversion-factor']);
    expect(body.rules.map((r) => r.code)).toContain('MME_NOT_COMPUTABLE');
  });

  it('computes nothing when a medication record is restricted, and says so', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [oxycodone5('2026-01-05', 120)]);
    // A dispensing by an opioid treatment program (a Part 2 record) without a consent for the ED.
    await write(otp.id, person.id, [
      { type: 'moud_dispense', occurredAt: day('2026-01-12'), data: { medication: 'methadone', daysSupply: 1 } },
    ]);
    const res = await getSafety(edClinician, person.id);
    expect(res.statusCode).toBe(200);
    const body = res.json<PersonSafety>();
    expect(body.status).toBe('restricted');
    expect(body.restricted).toEqual([
      { kind: 'medications', count: 1, reason: expect.any(String), message: expect.stringContaining('Restricted') },
    ]);
    expect(body.mmePerDay).toBeNull();
    expect(body.timeline).toEqual([]);
    expect(body.rules).toEqual([]);
    expect(body.medications).toEqual([]);
  });

  it('computes with a warning when only a non-medication record is restricted', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [oxycodone5('2026-01-05', 120)]);
    await write(otp.id, person.id, [{ type: 'diagnosis', occurredAt: day('2026-01-02'), data: { code: 'F11.20' } }]);
    const body = (await getSafety(edClinician, person.id)).json<PersonSafety>();
    expect(body.status).toBe('partial');
    expect(body.restricted.map((r) => r.kind)).toEqual(['sud_treatment']);
    expect(body.mmePerDay).toBe(30);
  });

  it('uses diagnoses and overdoses: OUD without MOUD fires OFFER_MOUD; an overdose is a naloxone risk factor', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [
      oxycodone5('2026-01-05', 60),
      { type: 'diagnosis', occurredAt: day('2026-01-03'), data: { code: 'F11.20' } },
      { type: 'overdose', occurredAt: day('2025-12-20'), data: { fatal: false } },
    ]);
    const body = (await getSafety(edClinician, person.id)).json<PersonSafety>();
    expect(body.mmePerDay).toBe(15);
    const codes = body.rules.map((r) => r.code);
    expect(codes).toContain('OFFER_MOUD');
    expect(body.rules.find((r) => r.code === 'OFFER_NALOXONE')!.explanation).toContain('a history of overdose');
  });

  it('applies the sickle cell exclusion from a diagnosis', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [
      oxycodone5('2026-01-05', 360),
      { type: 'diagnosis', occurredAt: day('2025-06-01'), data: { code: 'D57.00' } },
    ]);
    const body = (await getSafety(edClinician, person.id)).json<PersonSafety>();
    expect(body.mmePerDay).toBe(90);
    expect(body.exclusions).toEqual(['sickle cell disease']);
    expect(body.rules.map((r) => r.code)).not.toContain('MME_AT_LEAST_90');
  });

  it('records the disclosure when another organization reads under a treating relationship', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [oxycodone5('2026-01-05', 120)]);
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: person.id,
        organization_id: clinic.id,
        user_id: clinicUserId,
        role: 'primary_care',
        since: '2026-01-01',
        until: null,
        created_at: t.clock.now(),
      })
      .execute();
    const res = await getSafety(clinicClinician, person.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<PersonSafety>().mmePerDay).toBe(30);
    const disclosures = await t.db
      .selectFrom('disclosures')
      .select(['kinds', 'record_count', 'basis', 'channel', 'recipient_organization_id'])
      .where('person_id', '=', person.id)
      .execute();
    const kinds = disclosures.flatMap((d) => d.kinds);
    expect(kinds).toEqual(expect.arrayContaining(['demographics', 'medications']));
    expect(disclosures.every((d) => d.recipient_organization_id === clinic.id && d.channel === 'web')).toBe(true);
  });

  it('carries the 42 CFR 2.32 notice when the figures rest on Part 2 records shared under consent', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(otp.id, person.id, [
      {
        type: 'moud_dispense',
        occurredAt: day('2026-01-12'),
        data: { medication: 'buprenorphine', formulation: 'sublingual', daysSupply: 7 },
      },
    ]);
    await t.db
      .insertInto('consents')
      .values({
        person_id: person.id,
        person_name: 'Avery Testperson',
        type: 'standard',
        status: 'signed',
        disclosers: JSON.stringify({ type: 'any_network_provider' }),
        recipients: JSON.stringify({ type: 'organizations', organizationIds: [ed.id] }),
        purposes: ['treatment'],
        kinds: ['medications'],
        information_description: 'My medications',
        language: 'en',
        expires_on: '2027-01-01',
        expiry_event: null,
        signed_at: t.clock.now(),
        created_by_organization_id: ed.id,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const body = (await getSafety(edClinician, person.id)).json<PersonSafety>();
    expect(body.status).toBe('complete');
    expect(body.medications.map((m) => m.drug)).toEqual(['buprenorphine (sublingual)']);
    expect(body.redisclosureNotice).toBe(part2Notice.en.full);
  });

  it('is for clinicians and care navigators; others are refused, strangers get "not found"', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    expect((await getSafety(edNavigator, person.id)).statusCode).toBe(200);
    expect((await getSafety(edPartner, person.id)).statusCode).toBe(403);
    expect((await getSafety(edAnalyst, person.id)).statusCode).toBe(403);
    const hidden = await getSafety(strangerClinician, person.id);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('PERSON_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: `/api/people/${person.id}/safety` })).statusCode).toBe(401);
  });
});

describe('POST /api/people/:id/safety/naloxone-offered', () => {
  it('writes a naloxone care event, audits it, and the naloxone rule no longer fires', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    await write(ed.id, person.id, [oxycodone5('2026-01-05', 360)]);
    expect((await getSafety(edClinician, person.id)).json<PersonSafety>().rules.map((r) => r.code)).toContain('OFFER_NALOXONE');

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/safety/naloxone-offered`,
      headers: edClinician.headers,
      payload: { kits: 2 },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const event = await t.db
      .selectFrom('person_events')
      .select(['type', 'kind', 'data', 'organization_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      type: 'naloxone',
      kind: 'overdose_events',
      organization_id: ed.id,
      data: { mode: 'kit_given', kits: 2 },
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', '=', 'safety.naloxone-offered')
      .where('entity_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);

    const after = (await getSafety(edClinician, person.id)).json<PersonSafety>();
    expect(after.rules.map((r) => r.code)).not.toContain('OFFER_NALOXONE');
    expect(after.rules.map((r) => r.code)).toContain('MME_AT_LEAST_90');
    expect(after.lastNaloxoneKit).toBe('2026-01-15');
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/safety/naloxone-offered`,
      headers: edClinician.headers,
      payload: { kits: 0 },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('kits');
    const events = await t.db.selectFrom('person_events').select('id').where('person_id', '=', person.id).execute();
    expect(events).toEqual([]);
  });

  it('refuses partner staff and gives strangers "not found"', async () => {
    const person = await createTestPerson(t.db, t.clock, ed.id);
    const partner = await t.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/safety/naloxone-offered`,
      headers: edPartner.headers,
      payload: {},
    });
    expect(partner.statusCode).toBe(403);
    const hidden = await t.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/safety/naloxone-offered`,
      headers: strangerClinician.headers,
      payload: {},
    });
    expect(hidden.statusCode).toBe(404);
  });
});
