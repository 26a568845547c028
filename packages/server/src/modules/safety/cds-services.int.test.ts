import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CareEventInput, CdsResponse } from '@continuum/contracts';
import { systemAccess } from '../../core/access-context.ts';
import { createApiToken } from '../identity/api-tokens.ts';
import { writeCareEvents } from '../registry/care-events.ts';
import { approvePendingTokens, createTestMemberAccess, createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { startLocalServer, type LocalServer } from '../../test-support/local-http-server.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { bundle, daysBefore, medicationRequest } from './fhir-fixtures.ts';
import { NALOXONE_NASAL_RXCUI } from './cds-hooks.ts';

/*
 * The CDS Hooks services as an EHR calls them: prefetch fetched from the EHR's FHIR server (a real
 * local HTTP server) when missing, cards with SMART, taper-planner and locator links and a naloxone
 * order suggestion, feedback stored, and the network's own dispensings added through the chokepoint
 * when consent allows.
 */

let t: TestApp;
let fhir: LocalServer;
let ehrOrg: { id: string };
let pharmacyOrg: { id: string };
let token: string;
const PUBLIC = 'https://continuum.example.org';
const SERVICE = 'continuum-opioid-patient-view';

// Oxycodone 5 mg, two tablets four times a day: 60 MME/day.
const oxycodone = () =>
  medicationRequest({
    id: 'rx1',
    rxcui: '1049621',
    dose: 2,
    unit: 'TAB',
    frequency: 4,
    supplyDays: 30,
    status: 'active',
    authoredOn: daysBefore(5),
  });

const mrPatient = (mrn: string) => ({
  resourceType: 'Patient',
  id: 'p1',
  birthDate: '1980-05-05',
  identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: mrn }],
});

beforeAll(async () => {
  t = await buildTestApp({ CONTINUUM_PUBLIC_URL: PUBLIC });
  ehrOrg = await createTestOrganization(t.db, t.clock, { name: 'Harbor Primary Care' });
  pharmacyOrg = await createTestOrganization(t.db, t.clock, { name: 'Outside Pharmacy Group', type: 'pharmacy' });
  const ehrAdmin = await createTestMemberAccess(t.db, t.clock, ehrOrg.id, ['org_admin']);
  token = (await createApiToken(t.db, t.clock, ehrAdmin, ehrOrg.id, { name: 'EHR', roles: ['clinician'] }, t.config)).secret;
  await approvePendingTokens(t.db);
  fhir = await startLocalServer((req, url) => {
    if (req.headers.authorization !== 'Bearer ehr-access-token') return { status: 401, json: { resourceType: 'OperationOutcome' } };
    if (url.pathname === '/fhir/Patient/p1') return { json: mrPatient('MRN-FETCHED') };
    if (url.pathname === '/fhir/MedicationRequest' && url.searchParams.get('patient') === 'p1') return { json: bundle([oxycodone()]) };
    if (url.pathname.startsWith('/fhir/')) return { json: bundle([]) };
    return undefined;
  });
});
afterAll(async () => {
  await t.close();
  await fhir.close();
});

const call = (payload: Record<string, unknown>, service = SERVICE) =>
  t.app.inject({ method: 'POST', url: `/cds-services/${service}`, headers: { authorization: `Bearer ${token}` }, payload });

const request = (prefetch: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => ({
  hook: 'patient-view',
  hookInstance: '5b1f3c2a-2222-4c1a-9d2e-0e5c7b1f2a02',
  context: { userId: 'Practitioner/7', patientId: 'p1' },
  ...(prefetch ? { prefetch } : {}),
  ...extra,
});

describe('prefetch and fhirServer', () => {
  it('fetches what the EHR did not prefetch from its FHIR server with the bearer token it gave', async () => {
    const before = fhir.requests.length;
    const res = await call(
      request(undefined, {
        fhirServer: `${fhir.url}/fhir`,
        fhirAuthorization: {
          access_token: 'ehr-access-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.read',
          subject: 'continuum',
        },
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const seen = fhir.requests.slice(before);
    expect(seen.map((r) => r.path)).toContain('/fhir/Patient/p1');
    expect(seen.map((r) => r.path)).toContain('/fhir/MedicationRequest?patient=p1');
    expect(seen.every((r) => r.authorization === 'Bearer ehr-access-token')).toBe(true);
    expect(res.json<CdsResponse>().cards.map((c) => c.source.topic.code)).toContain('MME_AT_LEAST_50');
  });

  it('uses the prefetch as sent and fetches only the keys left out', async () => {
    const before = fhir.requests.length;
    const res = await call(
      request(
        { patient: mrPatient('X'), medications: bundle([]) },
        { fhirServer: `${fhir.url}/fhir`, fhirAuthorization: { access_token: 'ehr-access-token', token_type: 'Bearer' } },
      ),
    );
    expect(res.statusCode, res.body).toBe(200);
    const paths = fhir.requests.slice(before).map((r) => r.path);
    expect(paths).not.toContain('/fhir/Patient/p1');
    expect(paths.some((p) => p.startsWith('/fhir/MedicationRequest'))).toBe(false);
    expect(paths).toContain('/fhir/Condition?patient=p1');
    expect(res.json<CdsResponse>().cards.map((c) => c.source.topic.code)).not.toContain('MME_AT_LEAST_50');
  });

  it('refuses a request with neither the required prefetch nor a FHIR server, naming the key', async () => {
    const res = await call(request({ medications: bundle([]) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.prefetch.patient');
  });

  it('says so when the FHIR server refuses the token', async () => {
    const res = await call(
      request(undefined, { fhirServer: `${fhir.url}/fhir`, fhirAuthorization: { access_token: 'wrong', token_type: 'Bearer' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].message).toContain('401');
  });
});

describe('cards', () => {
  it('carry the SMART app, taper planner and locator links, and a naloxone order to accept', async () => {
    const res = await call(request({ patient: mrPatient('X'), medications: bundle([oxycodone()]) }));
    const cards = res.json<CdsResponse>().cards;
    const naloxone = cards.find((c) => c.source.topic.code === 'OFFER_NALOXONE')!;
    const order = naloxone.suggestions!.find((s) => s.label === 'Offer naloxone')!;
    expect(order.actions).toEqual([
      expect.objectContaining({
        type: 'create',
        resource: expect.objectContaining({
          resourceType: 'MedicationRequest',
          status: 'draft',
          subject: { reference: 'Patient/p1' },
          medicationCodeableConcept: expect.objectContaining({ coding: [expect.objectContaining({ code: NALOXONE_NASAL_RXCUI })] }),
        }),
      }),
    ]);
    expect(naloxone.links).toContainEqual({
      label: 'Open in Continuum',
      url: `${PUBLIC}/launch`,
      type: 'smart',
      appContext: '{"target":"safety"}',
    });
    expect(naloxone.links).toContainEqual(expect.objectContaining({ url: `${PUBLIC}/find`, type: 'absolute' }));
    const taper = cards.flatMap((c) => c.links ?? []).find((l) => l.label === 'Plan a taper');
    expect(taper?.url).toBe(`${PUBLIC}/prescribing-safety/taper?ingredient=oxycodone&dailyMg=40&dosesPerDay=2`);
  });
});

describe('feedback', () => {
  it('stores accepted and overridden cards with the reason, audited with counts only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/cds-services/${SERVICE}/feedback`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        feedback: [
          { card: 'card-1', outcome: 'accepted', acceptedSuggestions: [{ id: 'sugg-1' }], outcomeTimestamp: '2026-01-15T11:59:00Z' },
          {
            card: 'card-2',
            outcome: 'overridden',
            overrideReason: {
              reason: { code: 'patient-declined', system: 'https://example.org/override-reasons', display: 'Declined' },
              userComment: 'Will revisit',
            },
            outcomeTimestamp: '2026-01-15T11:59:30Z',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await t.db.selectFrom('cds_feedback').selectAll().orderBy('card_uuid').execute();
    expect(rows.map((r) => [r.card_uuid, r.outcome, r.accepted_suggestions, r.override_reason_code, r.override_comment])).toEqual([
      ['card-1', 'accepted', ['sugg-1'], null, null],
      ['card-2', 'overridden', [], 'patient-declined', 'Will revisit'],
    ]);
    const audit = await t.db.selectFrom('audit_events').select(['details']).where('action', '=', 'cds.feedback').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ accepted: 1, overridden: 1 });
  });

  it('refuses a bad outcome naming the field, storing nothing', async () => {
    const before = await t.db.selectFrom('cds_feedback').select('id').execute();
    const res = await t.app.inject({
      method: 'POST',
      url: `/cds-services/${SERVICE}/feedback`,
      headers: { authorization: `Bearer ${token}` },
      payload: { feedback: [{ card: 'c', outcome: 'ignored', outcomeTimestamp: '2026-01-15T11:59:00Z' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toContain('outcome');
    expect(await t.db.selectFrom('cds_feedback').select('id').execute()).toHaveLength(before.length);
  });

  it('is refused without credentials', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/cds-services/${SERVICE}/feedback`, payload: { feedback: [] } });
    expect(res.statusCode).toBe(401);
  });
});

describe("the network's own dispensings", () => {
  const outsideFill = (i: number): CareEventInput => ({
    type: 'opioid_dispense',
    occurredAt: `${daysBefore(3 + i)}T10:00:00.000Z`,
    data: { rxnormCode: '1049621', quantity: 90, daysSupply: 30, prescriber: `Dr. Outside ${i}`, pharmacy: `Outside Pharmacy ${i}` },
  });

  async function personWithOutsideFills(mrn: string) {
    const person = await createTestPerson(t.db, t.clock, pharmacyOrg.id, { birthDate: '1980-05-05' });
    await t.db
      .insertInto('person_identifiers')
      .values({ person_id: person.id, organization_id: ehrOrg.id, kind: 'mrn', value: mrn, created_at: t.clock.now() })
      .execute();
    await t.db.transaction().execute((trx) =>
      writeCareEvents(
        trx,
        t.clock,
        { ...systemAccess('test fixture'), organizationId: pharmacyOrg.id },
        { organizationId: pharmacyOrg.id, source: 'test' },
        [0, 1, 2, 3, 4].map((i) => ({ personId: person.id, event: outsideFill(i) })),
      ),
    );
    return person;
  }

  const disclosuresTo = async (personId: string) =>
    (
      await sql<{
        n: string;
      }>`select count(*) as n from disclosures where person_id = ${personId} and recipient_organization_id = ${ehrOrg.id} and source_organization_id = ${pharmacyOrg.id}`.execute(
        t.db,
      )
    ).rows[0]!.n;

  it('leaves them out when the person has not consented, disclosing nothing', async () => {
    const person = await personWithOutsideFills('MRN-NOCONSENT');
    const res = await call(request({ patient: mrPatient('MRN-NOCONSENT'), medications: bundle([]) }));
    expect(res.statusCode, res.body).toBe(200);
    const codes = res.json<CdsResponse>().cards.map((c) => c.source.topic.code);
    expect(codes).not.toContain('MULTIPLE_PRESCRIBERS_AND_PHARMACIES');
    expect(codes).not.toContain('MME_AT_LEAST_90');
    expect(Number(await disclosuresTo(person.id))).toBe(0);
  });

  it('adds them when the person consented to share medications with the EHR’s organization, recording the disclosure', async () => {
    const person = await personWithOutsideFills('MRN-CONSENT');
    await t.db
      .insertInto('consents')
      .values({
        person_id: person.id,
        person_name: 'Avery Testperson',
        type: 'standard',
        status: 'signed',
        disclosers: JSON.stringify({ type: 'any_network_provider' }),
        recipients: JSON.stringify({ type: 'organizations', organizationIds: [ehrOrg.id] }),
        purposes: ['treatment'],
        kinds: ['medications'],
        information_description: 'My medications',
        language: 'en',
        expires_on: '2027-01-01',
        expiry_event: null,
        signed_at: t.clock.now(),
        created_by_organization_id: ehrOrg.id,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const res = await call(request({ patient: mrPatient('MRN-CONSENT'), medications: bundle([]) }));
    expect(res.statusCode, res.body).toBe(200);
    const cards = res.json<CdsResponse>().cards;
    const multiple = cards.find((c) => c.source.topic.code === 'MULTIPLE_PRESCRIBERS_AND_PHARMACIES');
    expect(multiple).toBeDefined();
    expect(multiple!.detail).toContain('5 dispensing record(s) the Continuum network holds from 1 organization(s) outside this EHR');
    expect(cards.map((c) => c.source.topic.code)).toContain('MME_AT_LEAST_90');
    expect(Number(await disclosuresTo(person.id))).toBeGreaterThan(0);
  });

  it('does not match a patient whose record number the organization does not hold', async () => {
    await personWithOutsideFills('MRN-OTHER');
    const res = await call(request({ patient: mrPatient('MRN-UNKNOWN'), medications: bundle([]) }));
    expect(res.json<CdsResponse>().cards.map((c) => c.source.topic.code)).not.toContain('MULTIPLE_PRESCRIBERS_AND_PHARMACIES');
  });
});
