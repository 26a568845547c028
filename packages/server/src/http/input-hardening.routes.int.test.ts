import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@continuum/contracts';
import { createTestOrganization, createTestPerson } from '../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../test-support/test-app.ts';

/*
 * Bad input found by probing the running app from outside (issue "Correctness and hardening",
 * item 16): each answers a 4xx in the one error shape, naming the field, and changes nothing.
 */

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedInAs(t, ['network_admin']);
});
afterAll(() => t.close());

async function count(table: 'organizations' | 'directory_organizations' | 'locations') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
  t.app.inject({ method, url, headers: { ...admin.headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

function expectFieldError(r: { statusCode: number; json(): unknown }, field: string) {
  expect(r.statusCode).toBe(400);
  const body = errorBodySchema.parse(r.json());
  expect(body.error.code).toBe('VALIDATION_FAILED');
  expect(body.error.details?.fields?.map((f) => f.path)).toContain(field);
}

describe('a NUL character in any text', () => {
  it.each([
    ['a top-level field', '/api/admin/organizations', { name: 'Harbor\u0000Clinic', type: 'pharmacy' }, 'body.name', 'organizations'],
    [
      'an optional field',
      '/api/directory/organizations',
      { name: 'Harbor Clinic', description: 'Walk-ins\u0000welcome' },
      'body.description',
      'directory_organizations',
    ],
  ] as const)('in %s is a 400 naming the field, nothing written', async (_label, url, payload, field, table) => {
    const before = await count(table);
    expectFieldError(await send('POST', url, payload), field);
    expect(await count(table)).toBe(before);
  });

  it('in a query parameter is a 400 naming the parameter', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/admin/organizations?q=a%00b', headers: { cookie: admin.cookie } });
    expectFieldError(r, 'querystring.q');
  });

  it('in a nested field names the nested path', async () => {
    const person = { givenName: 'Ana', familyName: 'Ruiz', birthDate: '1990-01-01', address: { line1: '1 Pier\u0000Rd' } };
    const navigator = await signedInAs(t, ['care_navigator']);
    const r = await t.app.inject({ method: 'POST', url: '/api/people', headers: navigator.headers, payload: person });
    expectFieldError(r, 'body.address.line1');
  });
});

describe('websites', () => {
  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.org/'])(
    '%s is refused for a directory listing and a network organization',
    async (website) => {
      const before = await count('directory_organizations');
      expectFieldError(await send('POST', '/api/directory/organizations', { name: 'Harbor Clinic', website }), 'body.website');
      expect(await count('directory_organizations')).toBe(before);
      expectFieldError(await send('POST', '/api/admin/organizations', { name: 'Harbor', type: 'pharmacy', website }), 'body.website');
    },
  );

  it('accepts an https address', async () => {
    const r = await send('POST', '/api/directory/organizations', { name: 'Harbor Clinic', website: 'https://harbor.example.org/' });
    expect(r.statusCode).toBe(201);
  });
});

describe('media types and oversized requests', () => {
  it('answers a text/plain body with 415 UNSUPPORTED_MEDIA_TYPE, as documented', async () => {
    const before = await count('organizations');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/admin/organizations',
      headers: { ...admin.headers, 'content-type': 'text/plain' },
      payload: '{"name":"x","type":"pharmacy"}',
    });
    expect(r.statusCode).toBe(415);
    expect(errorBodySchema.parse(r.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await count('organizations')).toBe(before);
  });

  it('answers an oversized query string with 431 in the error shape', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const r = await fetch(`${address}/api/public/locator/search?q=${'x'.repeat(20_000)}`);
    expect(r.status).toBe(431);
    expect(r.headers.get('content-type')).toContain('application/json');
    const body = errorBodySchema.parse(await r.json());
    expect(body.error.code).toBe('HEADERS_TOO_LARGE');
    expect(body.error.details?.requestId).toBe(r.headers.get('x-request-id'));
  });

  it.each([
    ['a path parameter over the router’s length limit', `/api/referrals/${'1'.repeat(36)}/attachments/${'A'.repeat(5_000)}`],
    ['a path that is not valid percent-encoding', '/api/people/%E0%A4%A/care-team/x/end'],
  ])('answers %s with 400 in the error shape, without echoing the path', async (_name, url) => {
    const r = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(r.statusCode).toBe(400);
    const body = errorBodySchema.parse(r.json());
    expect(body.error.code).toBe('MALFORMED_REQUEST');
    expect(r.body).not.toContain('AAAA');
    expect(r.body).not.toContain('%E0');
  });
});

describe('location lists are paged', () => {
  it('answers a page of an organization’s locations with the total', async () => {
    const org = await createTestOrganization(t.db, t.clock);
    for (const name of ['Annex', 'Branch', 'Clinic']) {
      const r = await send('POST', `/api/admin/organizations/${org.id}/locations`, {
        name,
        address1: '1 Main St',
        city: 'Portland',
        region: 'ME',
        postalCode: '04101',
      });
      expect(r.statusCode).toBe(201);
    }
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/admin/organizations/${org.id}/locations?limit=2&offset=1`,
      headers: admin.headers,
    });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 3, items: [{ name: 'Branch' }, { name: 'Clinic' }] });
    const tooMany = await t.app.inject({
      method: 'GET',
      url: `/api/admin/organizations/${org.id}/locations?limit=100000`,
      headers: admin.headers,
    });
    expectFieldError(tooMany, 'querystring.limit');
  });

  it('answers a page of a directory listing’s locations with the total', async () => {
    const listing = (await send('POST', '/api/directory/organizations', { name: 'Paged Clinic' })).json() as { id: string };
    for (const name of ['East', 'North', 'West']) {
      const r = await send('POST', `/api/directory/organizations/${listing.id}/locations`, {
        name,
        address1: '1 Main St',
        city: 'Portland',
        region: 'ME',
        postalCode: '04101',
        latitude: 43.66,
        longitude: -70.26,
      });
      expect(r.statusCode).toBe(201);
    }
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/directory/organizations/${listing.id}/locations?limit=2`,
      headers: admin.headers,
    });
    expect(page.json()).toMatchObject({ total: 3, items: [{ name: 'East' }, { name: 'North' }] });
  });
});

describe('CSV exports', () => {
  it('escapes a formula in the accounting of disclosures', async () => {
    const home = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
    const evil = await createTestOrganization(t.db, t.clock, { name: '=HYPERLINK("http://evil.example","Click")' });
    const person = await createTestPerson(t.db, t.clock, home.id);
    await t.db
      .insertInto('disclosures')
      .values({
        occurred_at: t.clock.now(),
        person_id: person.id,
        source_organization_id: home.id,
        recipient_organization_id: evil.id,
        recipient_user_id: null,
        recipient_token_id: null,
        kinds: ['demographics'],
        record_refs: JSON.stringify([]),
        record_count: 1,
        purpose: 'treatment',
        basis: 'consent',
        consent_id: null,
        break_glass_id: null,
        channel: 'web',
        request_id: null,
      })
      .execute();
    const privacy = await signedInAs(t, ['privacy_officer'], { organizationId: home.id });
    const csv = await t.app.inject({ method: 'GET', url: `/api/people/${person.id}/disclosures.csv`, headers: { cookie: privacy.cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
