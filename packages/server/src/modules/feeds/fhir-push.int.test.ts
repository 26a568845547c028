import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvePendingTokens, createTestMemberAccess, createTestOrganization } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createApiToken } from '../identity/api-tokens.ts';
import { fhirEdEncounter, fhirOudCondition, fhirPatient, ndjson } from './adapters/fhir-example.ts';
import { createFeedSource } from './sources.ts';

/* The FHIR feed's API: a partner's API token pushes bulk NDJSON and single resources to its own FHIR feed. */

let t: TestApp;
let token: string;
let otherToken: string;
let feedId: string;
let rosterFeedId: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-22T12:00:00Z'));
  const ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  const jail = await createTestOrganization(t.db, t.clock, { name: 'County Jail', type: 'corrections' });
  const admin = await createTestMemberAccess(t.db, t.clock, ed.id, ['org_admin']);
  token = (await createApiToken(t.db, t.clock, admin, ed.id, { name: 'FHIR partner', roles: ['partner_staff'] }, t.config)).secret;
  const jailAdmin = await createTestMemberAccess(t.db, t.clock, jail.id, ['org_admin']);
  otherToken = (await createApiToken(t.db, t.clock, jailAdmin, jail.id, { name: 'Jail', roles: ['partner_staff'] }, t.config)).secret;
  await approvePendingTokens(t.db);
  feedId = (await createFeedSource(t.db, t.clock, admin, { kind: 'fhir', name: 'HARBOR-FHIR' }, 'UTC')).id;
  rosterFeedId = (await createFeedSource(t.db, t.clock, admin, { kind: 'roster', name: 'HARBOR-ROSTER' }, 'UTC')).id;
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, payload: unknown, bearer: string | null = token) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
const count = async (table: 'people' | 'person_events' | 'feed_messages') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /api/feeds/:id/fhir/$import', () => {
  it('applies bulk NDJSON line by line and answers the summary; a resend is all duplicates', async () => {
    const body = { ndjson: ndjson([fhirPatient(), fhirEdEncounter(), fhirOudCondition()]) };
    const res = await post(`/api/feeds/${feedId}/fhir/$import`, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, rejected: 0, duplicates: 0 });
    expect(await count('people')).toBe(1);
    expect((await post(`/api/feeds/${feedId}/fhir/$import`, body)).json()).toEqual({ accepted: 0, rejected: 0, duplicates: 3 });
  });

  it('needs a token; another organization does not find the feed; a feed of another kind is a 400 naming the id', async () => {
    expect((await post(`/api/feeds/${feedId}/fhir/$import`, { ndjson: '{}' }, null)).statusCode).toBe(401);
    expect((await post(`/api/feeds/${feedId}/fhir/$import`, { ndjson: '{}' }, otherToken)).statusCode).toBe(404);
    const wrongKind = await post(`/api/feeds/${rosterFeedId}/fhir/$import`, { ndjson: '{}' });
    expect(wrongKind.statusCode).toBe(400);
    expect(JSON.stringify(wrongKind.json())).toContain('"id"');
    const noBody = await post(`/api/feeds/${feedId}/fhir/$import`, { content: 'x' });
    expect(noBody.statusCode).toBe(400);
    expect(JSON.stringify(noBody.json())).toContain('ndjson');
  });
});

describe('POST /api/feeds/:id/fhir', () => {
  it('applies one resource; sent again it is a duplicate', async () => {
    const condition = fhirOudCondition({ id: 'cond-api', recordedDate: '2026-11-21' });
    const first = await post(`/api/feeds/${feedId}/fhir`, condition);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'accepted' });
    expect((await post(`/api/feeds/${feedId}/fhir`, condition)).json()).toMatchObject({
      status: 'duplicate',
      messageId: first.json<{ messageId: string }>().messageId,
    });
  });

  it('a resource it cannot read is a 400 naming the element, and nothing is kept', async () => {
    const before = await Promise.all([count('person_events'), count('feed_messages')]);
    const res = await post(`/api/feeds/${feedId}/fhir`, fhirOudCondition({ id: 'cond-bad', recordedDate: undefined }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: { fields: [{ path: 'Condition.recordedDate' }] } } });
    const wrongType = await post(`/api/feeds/${feedId}/fhir`, { resourceType: 'Procedure', id: 'x' });
    expect(wrongType.statusCode).toBe(400);
    expect(JSON.stringify(wrongType.json())).toContain('resourceType');
    expect(await Promise.all([count('person_events'), count('feed_messages')])).toEqual(before);
  });

  it('a resource that cannot be matched goes to the error queue and says so', async () => {
    const res = await post(`/api/feeds/${feedId}/fhir`, fhirOudCondition({ id: 'cond-x', subject: { reference: 'Patient/nobody' } }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', code: 'unmatchable' });
  });
});
