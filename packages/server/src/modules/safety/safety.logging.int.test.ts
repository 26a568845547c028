import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { manualClock } from '../../clock.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { approvePendingTokens, createTestMemberAccess, createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { testConfig } from '../../test-support/test-app.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { createApiToken } from '../identity/api-tokens.ts';
import { bundle, medicationRequest } from './fhir-fixtures.ts';

let opened: OpenedDatabase;
const lines: string[] = [];
let app: Awaited<ReturnType<typeof buildApp>>;
let token: string;
let personId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const clock = manualClock();
  const config = testConfig({ LOG_LEVEL: 'info' });
  app = await buildApp({ config, db: opened.db, engine: opened.engine, clock }, { logStream: { write: (l) => void lines.push(l) } });
  await app.ready();
  const org = await createTestOrganization(opened.db, clock);
  const admin = await createTestMemberAccess(opened.db, clock, org.id, ['org_admin']);
  token = (await createApiToken(opened.db, clock, admin, org.id, { name: 'EHR', roles: ['clinician'] }, config)).secret;
  await approvePendingTokens(opened.db);
  personId = (await createTestPerson(opened.db, clock, org.id, { familyName: 'Quintero-Marker' })).id;
});
afterAll(async () => {
  await app.close();
  await opened.close();
});

describe('prescribing-safety logs', () => {
  it('never carry the payload, even when it is refused', async () => {
    const marker = 'Marisol-Quintero-1961-04-09';
    const patient = { resourceType: 'Patient', id: 'p1', name: [{ text: marker }], birthDate: '1961-04-09' };
    const request = {
      hook: 'order-sign',
      context: { patientId: 'p1', draftOrders: bundle([medicationRequest({ rxcui: '1049621', status: 'draft', supplyDays: 30 })]) },
      prefetch: { patient, medications: null },
    };
    const ok = await app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-sign',
      headers: { authorization: `Bearer ${token}` },
      payload: request,
    });
    expect(ok.statusCode).toBe(200);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/safety/check',
      headers: { authorization: `Bearer ${token}` },
      payload: { hook: 'order-sign', context: { patientId: marker }, prefetch: { patient: { name: marker } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain(marker);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).not.toContain(marker);
    expect(lines.join('')).not.toContain('1961-04-09');
  });

  it('the person panel and naloxone record log neither the note, the name nor the figures', async () => {
    const note = 'Gave-kit-to-sister-Marisol';
    const offered = await app.inject({
      method: 'POST',
      url: `/api/people/${personId}/safety/naloxone-offered`,
      headers: { authorization: `Bearer ${token}` },
      payload: { kits: 1, note },
    });
    expect(offered.statusCode).toBe(201);
    const panel = await app.inject({ method: 'GET', url: `/api/people/${personId}/safety`, headers: { authorization: `Bearer ${token}` } });
    expect(panel.statusCode).toBe(200);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/people/${personId}/safety/naloxone-offered`,
      headers: { authorization: `Bearer ${token}` },
      payload: { kits: 0, note },
    });
    expect(bad.statusCode).toBe(400);
    const logged = lines.join('');
    expect(logged).not.toContain(note);
    expect(logged).not.toContain('Quintero-Marker');
    expect(logged).not.toContain('lastNaloxoneKit');
  });
});
