import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@continuum/contracts';
import { buildTestApp, signedInAs, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await buildTestApp(
    { CONTINUUM_BODY_LIMIT_BYTES: '2048' },
    {
      beforeReady: (app) => {
        const r = app.withTypeProvider<ZodTypeProvider>();
        r.get('/api/test/boom', async () => {
          throw new Error('database said: Key (email)=(person@example.org) already exists');
        });
        r.get(
          '/api/test/leaky',
          { schema: { response: { 200: z.object({ id: z.string(), name: z.string() }) } } },
          async () =>
            ({
              id: 'x',
              name: 'shown',
              birthDate: '1980-01-01',
              passwordHash: 'secret',
            }) as { id: string; name: string },
        );
      },
    },
  );
  admin = await signedInAs(t, ['network_admin']);
});
afterAll(() => t.close());

const post = (payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/admin/organizations',
    headers: { ...admin.headers, 'content-type': 'application/json', ...headers },
    payload,
  });

async function organizationCount() {
  const r = await t.db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('error shapes', () => {
  it.each([
    ['malformed JSON', '{"name": "x", ', {}, 400, 'MALFORMED_REQUEST', undefined],
    ['an empty body', '', {}, 400, 'MALFORMED_REQUEST', undefined],
    [
      'an unknown field',
      JSON.stringify({ name: 'x', type: 'pharmacy', favouriteColour: 'blue' }),
      {},
      400,
      'VALIDATION_FAILED',
      'body.favouriteColour',
    ],
    ['a wrong type', JSON.stringify({ name: 42, type: 'pharmacy' }), {}, 400, 'VALIDATION_FAILED', 'body.name'],
    ['a value outside the vocabulary', JSON.stringify({ name: 'x', type: 'spaceport' }), {}, 400, 'VALIDATION_FAILED', 'body.type'],
    ['a missing field', JSON.stringify({ type: 'pharmacy' }), {}, 400, 'VALIDATION_FAILED', 'body.name'],
    ['a body that is not an object', JSON.stringify(['x']), {}, 400, 'VALIDATION_FAILED', 'body'],
    ['an oversized body', JSON.stringify({ name: 'x'.repeat(5000), type: 'pharmacy' }), {}, 413, 'PAYLOAD_TOO_LARGE', undefined],
    [
      'a form body',
      'name=x&type=pharmacy',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      undefined,
    ],
  ])('%s is a clear 4xx that changes nothing', async (_label, payload, headers, status, code, field) => {
    const before = await organizationCount();
    const r = await post(payload, headers);
    expect(r.statusCode).toBe(status);
    const body = errorBodySchema.parse(r.json());
    expect(body.error.code).toBe(code);
    expect(body.error.details?.requestId).toBe(r.headers['x-request-id']);
    if (field) expect(body.error.details?.fields?.map((f) => f.path)).toContain(field);
    expect(await organizationCount()).toBe(before);
  });

  it('names a bad query parameter and a bad path parameter', async () => {
    const q = await t.app.inject({ method: 'GET', url: '/api/admin/organizations?limit=abc', headers: { cookie: admin.cookie } });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details.fields[0].path).toBe('querystring.limit');
    const p = await t.app.inject({ method: 'GET', url: '/api/admin/organizations/not-a-uuid', headers: { cookie: admin.cookie } });
    expect(p.statusCode).toBe(400);
    expect(p.json().error.details.fields[0].path).toBe('params.id');
  });

  it('answers an unknown API path with NOT_FOUND', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie: admin.cookie } });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });

  it('answers an unknown failure with a bare 500 and the request id, never the message', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/test/boom', headers: { cookie: admin.cookie } });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({
      error: { code: 'INTERNAL', message: 'Something went wrong on our side.', details: { requestId: r.headers['x-request-id'] } },
    });
    expect(r.body).not.toContain('person@example.org');
  });

  it('sends only the fields a response schema declares', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/test/leaky', headers: { cookie: admin.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ id: 'x', name: 'shown' });
  });

  it('keeps the not-found resource codes per entity', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/admin/organizations/00000000-0000-4000-8000-000000000000',
      headers: { cookie: admin.cookie },
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('ORGANIZATION_NOT_FOUND');
  });
});

describe('public endpoints', () => {
  it('serves health, readiness and the OpenAPI document without authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).json()).toEqual({
      status: 'ready',
      database: 'up',
      migrations: 'current',
    });
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().paths['/api/admin/organizations'].post).toBeDefined();
    expect(doc.json().paths['/api/auth/login'].post).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });
});
