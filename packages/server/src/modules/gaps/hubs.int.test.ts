import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubsReport } from '@continuum/contracts';
import { createTestOrganization } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { writeCapacity } from '../directory/capacity.ts';
import { createFixtureService, fixtureAccess } from '../directory/directory.fixtures.ts';
import { setAreaEstimate } from '../learning/estimates.ts';
import { createAgreement } from '../network/index.ts';
import { insertPathway } from '../referrals/index.ts';

/*
 * The hub-and-spoke view on a real database: an OTP (the hub) with 100 slots in West, a primary care
 * practice prescribing buprenorphine (30 slots) in West that a pathway into the hub is open to, an
 * office-based naltrexone practice in East (no capacity stated) tied to the hub by an MOU, and a
 * non-member listing in East no hub supports. Areas are placed by their nearest centre (no boundaries).
 */

let t: TestApp;
let analyst: Awaited<ReturnType<typeof signedInAs>>;
let hubId: string;

beforeAll(async () => {
  t = await buildTestApp();
  analyst = await signedInAs(t, ['analyst']);
  await t.db
    .insertInto('areas')
    .values([
      { id: 'HW', name: 'West', town: 'West', postal_code: '00001', latitude: 44, longitude: -123.5, population: 10_000 },
      { id: 'HE', name: 'East', town: 'East', postal_code: '00002', latitude: 44, longitude: -122.5, population: 3_000 },
    ])
    .execute();
  await setAreaEstimate(t.db, t.clock, fixtureAccess, 'HW', { method: 'count', count: 200, source: 'test' });
  await setAreaEstimate(t.db, t.clock, fixtureAccess, 'HE', { method: 'count', count: 60, source: 'test' });
  const hub = await createTestOrganization(t.db, t.clock, { name: 'Tidewater OTP', type: 'opioid_treatment_program' });
  const primary = await createTestOrganization(t.db, t.clock, { name: 'Harbor Family Medicine', type: 'primary_care' });
  const office = await createTestOrganization(t.db, t.clock, { name: 'Fern Hollow Recovery Medicine', type: 'office_based_moud' });
  hubId = hub.id;
  const otp = await createFixtureService(t.db, t.clock, {
    name: 'Methadone',
    at: { latitude: 44.01, longitude: -123.5 },
    codes: ['METH', 'OTP'],
    memberOrganizationId: hub.id,
  });
  const bup = await createFixtureService(t.db, t.clock, {
    name: 'Office buprenorphine',
    at: { latitude: 44, longitude: -123.4 },
    codes: ['BU'],
    memberOrganizationId: primary.id,
  });
  await createFixtureService(t.db, t.clock, {
    name: 'Naltrexone clinic',
    at: { latitude: 44, longitude: -122.6 },
    codes: ['NU'],
    memberOrganizationId: office.id,
  });
  const stray = await createFixtureService(t.db, t.clock, {
    name: 'Unaffiliated prescriber',
    at: { latitude: 44.02, longitude: -122.5 },
    codes: ['BU'],
  });
  for (const [service, maximum] of [
    [otp, 100],
    [bup, 30],
    [stray, 10],
  ] as const)
    await writeCapacity(t.db, t.clock, fixtureAccess, service.service.id, { unit: 'slot', status: 'accepting', available: 1, maximum });
  await insertPathway(t.db, t.clock, fixtureAccess, {
    name: 'Spoke to hub: step up to methadone',
    description: null,
    referrerOrganizationTypes: ['primary_care'],
    referrerOrganizationIds: [],
    receiverOrganizationId: hub.id,
    serviceIds: [otp.service.id],
    inclusionCriteria: [],
    exclusionCriteria: [],
    requiredFields: [],
    requiredDocuments: [],
    ackHours: 24,
    firstContactDays: 3,
    warmHandoffExpected: true,
    receiverContact: { name: 'Intake', phone: null, email: null },
    activeFrom: '2020-01-01',
    activeUntil: null,
  });
  await createAgreement(t.db, t.clock, fixtureAccess, {
    kind: 'mou',
    title: 'Hub and spoke care coordination',
    status: 'active',
    parties: [
      { organizationId: hub.id, role: 'party' },
      { organizationId: office.id, role: 'party' },
    ],
    signatories: [],
    champions: [],
    dataKinds: [],
    purposes: [],
    scopeNote: null,
    effectiveOn: '2020-01-01',
    endsOn: null,
    pathwayIds: [],
    documentRef: null,
    notes: null,
  });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

describe('hub-and-spoke capacity', () => {
  it('counts prescribers, slots and need per area, and links the hub to the spokes a pathway or agreement ties it to', async () => {
    const response = await get('/api/gaps/hubs', analyst.headers);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<HubsReport>();
    expect(report.areaKind).toBeNull();
    expect(
      report.areas.map((a) => [a.areaId, a.hubs, a.prescribers, a.slots, a.slotsUnknown, a.need, a.shortfall, a.unsupportedPrescribers]),
    ).toEqual([
      ['HW', 1, 1, 130, 0, 200, 70, 0],
      ['HE', 0, 2, 10, 1, 60, null, 1],
    ]);
    expect(report.totals).toEqual({ hubs: 1, prescribers: 3, slots: 140, need: 260, shortfall: null });
    expect(report.hubs.map((h) => [h.organizationId, h.name, h.spokes.map((s) => [s.name, s.bases, s.referrals])])).toEqual([
      [
        hubId,
        'Methadone organization',
        [
          ['Naltrexone clinic organization', ['agreement'], 0],
          ['Office buprenorphine organization', ['pathway'], 0],
        ],
      ],
    ]);
    expect(report.unsupportedSpokes.map((s) => [s.name, s.locations.map((l) => l.areaId)])).toEqual([
      ['Unaffiliated prescriber organization', ['HE']],
    ]);
    expect(report.inputs.estimatesUpdatedAt).not.toBeNull();
  });

  it('exports the areas as CSV with the hubs that support each', async () => {
    const response = await get('/api/gaps/hubs/export.csv', analyst.headers);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.body.split('\r\n')).toEqual([
      'areaId,areaName,population,hubs,prescribers,slots,slotsUnknown,need,needBasis,slotsPerNeed,shortfall,unsupportedPrescribers,supportingHubs',
      'HW,West,10000,1,1,130,0,200,oud_estimate,0.65,70,0,Methadone organization',
      'HE,East,3000,0,2,10,1,60,oud_estimate,0.167,,1,Methadone organization',
      '',
    ]);
  });

  it('is for the needs-and-gaps roles, signed in', async () => {
    const clinician = await signedInAs(t, ['clinician']);
    expect((await get('/api/gaps/hubs', clinician.headers)).statusCode).toBe(403);
    expect((await get('/api/gaps/hubs/export.csv', clinician.headers)).statusCode).toBe(403);
    expect((await get('/api/gaps/hubs', {})).statusCode).toBe(401);
    expect((await get('/api/gaps/hubs?areaKind=planet', analyst.headers)).statusCode).toBe(400);
  });
});
