import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../jobs/job-queue.ts';
import { jobRegistry } from '../../jobs/registry.ts';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { pdfTextRuns } from '../../test-support/pdf-text.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { measureDefinitions } from './definitions.ts';
import { pdfText } from './report-pdf.ts';

/*
 * The printable report over HTTP: 30 people referred from an ED to MOUD in March 2026, 15 of
 * whom start MOUD at an OTP; 3 naloxone kits in April (a count of 1–10, suppressed). The report
 * must carry the same numbers, and the same suppression, as the dashboard's reads.
 */

let t: TestApp;
let ed: { id: string };
let otp: { id: string };
type Who = Awaited<ReturnType<typeof signedInAs>>;
let analyst: Who;
let edClinician: Who;
let otpClinician: Who;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater OTP', type: 'opioid_treatment_program' });
  const health = await createTestOrganization(t.db, t.clock, { name: 'Public Health', type: 'public_health' });
  edClinician = await signedInAs(t, ['clinician'], { organizationId: ed.id });
  otpClinician = await signedInAs(t, ['clinician'], { organizationId: otp.id });
  analyst = await signedInAs(t, ['analyst'], { organizationId: health.id });
  const people: string[] = [];
  for (let i = 0; i < 30; i++) {
    const p = await createTestPerson(t.db, t.clock, ed.id, { sex: 'female', birthDate: '1985-04-02' });
    people.push(p.id);
    if (i < 15)
      await t.db
        .insertInto('person_identifiers')
        .values({ person_id: p.id, organization_id: otp.id, kind: 'mrn', value: `OTP-${i}`, created_at: t.clock.now() })
        .execute();
  }
  const edItems: unknown[] = people.flatMap((personId, i) => [
    {
      person: { personId },
      event: {
        type: 'diagnosis',
        occurredAt: '2026-03-02T10:00:00Z',
        data: { code: 'F11.20', severity: 'moderate' },
        externalId: `dx-${i}`,
      },
    },
    {
      person: { personId },
      event: {
        type: 'referral',
        occurredAt: '2026-03-02T11:00:00Z',
        data: { referralId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, status: 'sent', serviceKind: 'moud' },
        externalId: `ref-${i}`,
      },
    },
  ]);
  edItems.push({
    person: { personId: people[20]! },
    event: { type: 'naloxone', occurredAt: '2026-04-10T10:00:00Z', data: { mode: 'kit_given', kits: 3 }, externalId: 'kit-1' },
  });
  expect(
    (await t.app.inject({ method: 'POST', url: '/api/care-events', headers: edClinician.headers, payload: { items: edItems } })).statusCode,
  ).toBe(200);
  const otpItems = people.slice(0, 15).map((_, i) => ({
    person: { identifier: { kind: 'mrn', value: `OTP-${i}` } },
    event: {
      type: 'moud_dispense',
      occurredAt: '2026-03-05T15:00:00Z',
      data: { medication: 'buprenorphine', formulation: 'sublingual', daysSupply: 200 },
      externalId: `disp-${i}`,
    },
  }));
  expect(
    (await t.app.inject({ method: 'POST', url: '/api/care-events', headers: otpClinician.headers, payload: { items: otpItems } }))
      .statusCode,
  ).toBe(200);
  expect(
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/learning/recompute',
        headers: analyst.headers,
        payload: { from: '2026-01', to: '2026-10' },
      })
    ).statusCode,
  ).toBe(202);
  await drainJobs(t.db, t.clock, jobRegistry);
});
afterAll(async () => t?.close());

const getReport = (who: Who | null, query: string) =>
  t.app.inject({ method: 'GET', url: `/api/learning/report.pdf${query}`, headers: who ? { cookie: who.cookie } : {} });

describe('GET /api/learning/report.pdf', () => {
  it('returns the network report as a PDF download with the period, the cascade and every measure', async () => {
    const res = await getReport(analyst, '?from=2026-01&to=2026-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="continuum-report-network-2026-01-2026-10.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTextRuns(res.rawPayload);
    const all = text.join(' ').replace(/\s+/g, ' ');
    expect(all).toContain('Whole network · January 2026 – October 2026');
    expect(all).toContain('Generated 2026-11-20');
    for (const d of measureDefinitions) expect(all).toContain(pdfText(d.name));
    expect(all).toContain('ED-to-MOUD referral conversion within 7 days This period: 50.0% (15 of 30) Target: 70.0%');
    // The cascade: 30 identified, 15 started MOUD.
    expect(text[text.indexOf('Identified (positive screen or OUD diagnosis)') + 1]).toBe('30');
    expect(text[text.indexOf('Started medication for OUD') + 1]).toBe('15');
  });

  it('applies small-cell suppression as for analysts: 3 naloxone kits print as "fewer than 11"', async () => {
    const text = pdfTextRuns((await getReport(analyst, '?from=2026-01&to=2026-10')).rawPayload);
    const all = text.join(' ').replace(/\s+/g, ' ');
    expect(all).toContain('Naloxone kits distributed This period: fewer than 11 Target: none set');
    expect(all).not.toMatch(/\b3 kits\b/);
    // Nothing in the naloxone section (value, axis, points) gives the 3 away.
    const section = text.slice(text.indexOf('Naloxone kits distributed'), text.indexOf('Overdose reversals reported'));
    expect(section.filter((run) => /\b3\b/.test(run))).toEqual([]);
  });

  it('names the stratum value in the header', async () => {
    const res = await getReport(analyst, '?from=2026-01&to=2026-10&stratum=sex&stratumValue=female');
    expect(res.statusCode).toBe(200);
    const all = pdfTextRuns(res.rawPayload).join(' ').replace(/\s+/g, ' ');
    expect(all).toContain('Whole network, Sex: Female · January 2026 – October 2026');
    expect(all).toContain('ED-to-MOUD referral conversion within 7 days This period: 50.0% (15 of 30)');
  });

  it("gives an organization's report to its own staff and refuses another organization's", async () => {
    const own = await getReport(edClinician, `?organizationId=${ed.id}&from=2026-01&to=2026-10`);
    expect(own.statusCode).toBe(200);
    expect(pdfTextRuns(own.rawPayload).join(' ')).toContain('Harbor General ED · January 2026 – October 2026');
    const other = await getReport(edClinician, `?organizationId=${otp.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('is in the OpenAPI document as a PDF with its query', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get?: { parameters?: { name: string }[]; produces?: string[] } }>;
    };
    const op = doc.paths['/api/learning/report.pdf']?.get;
    expect(op?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'organizationId', 'stratum', 'stratumValue']));
  });

  it('needs a signed-in staff member and a well-formed query', async () => {
    expect((await getReport(null, '')).statusCode).toBe(401);
    const bad = await getReport(analyst, '?from=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('from');
  });
});
