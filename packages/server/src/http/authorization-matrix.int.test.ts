import fs from 'node:fs';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { roles, type Role } from '@continuum/contracts';
import { createTestOrganization, createTestPerson, createTestUser } from '../test-support/factories.ts';
import { exampleOf, jsonSchemaOf } from '../test-support/schema-example.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../test-support/test-app.ts';
import { CALLERS, expectedOutcomes, outcomeLetter } from './authorization-matrix.table.ts';

/*
 * The authorization matrix: every route Fastify registers (read with an onRoute hook, so a new route
 * cannot be missed) × every kind of caller (nobody, an API token, each role in one organization), each
 * answer reduced to one letter and compared with the table declared in authorization-matrix.table.ts.
 * A route missing from the table, a table entry without a route, any answer that differs (an
 * unexpected permit above all), a 5xx, or a non-public route answering anyone without credentials
 * fails. Person routes are asked about a real person registered by another organization, whom none
 * of these callers may see: the answer must be the same as for a person who does not exist.
 *
 * Requests carry dummy ids and, for a route with a body, a body its schema accepts (built from the
 * schema by test-support/schema-example.ts), so the role decision answers rather than the validation;
 * where no valid body can be built (refinements across fields) the route answers 'v' and its module's
 * tests cover the role decision. Relationship callers (another organization, consent given, revoked,
 * expired, break-glass) are in authorization-matrix.people.int.test.ts.
 *
 * After an intended change: UPDATE_AUTHZ_MATRIX=1 npx vitest run --project server <this file>, then
 * review the table's diff line by line.
 */

interface Route {
  method: string;
  url: string;
  isPublic: boolean;
  /** A body the route's schema accepts ('{}' when none could be built from it). */
  body: string;
}

const ZERO = '00000000-0000-4000-8000-000000000000';
let t: TestApp;
const routes: Route[] = [];
const callers = new Map<string, { headers: Record<string, string> }>();
let hiddenPersonId: string;

function collect(route: RouteOptions) {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
  if (route.url.startsWith('/api/docs')) return; // Swagger UI's static files
  const isPublic = route.config?.public === true || route.config?.optionalSession === true;
  const body = validBody((route.schema as { body?: unknown } | undefined)?.body);
  for (const method of methods) routes.push({ method, url: route.url, isPublic, body });
}

/** A real body for a route that takes one: the schema's own example, when the schema accepts it. */
function validBody(schema: unknown): string {
  const json = jsonSchemaOf(schema);
  if (!json || !(schema instanceof z.ZodType)) return '{}';
  const example = exampleOf(json);
  return schema.safeParse(example).success ? JSON.stringify(example) : '{}';
}

const key = (r: Route) => `${r.method} ${r.url}`;

/** A concrete URL: ids are a person nobody here may see (person routes) or an id that does not exist. */
function concrete(url: string, personId: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'id' && url.startsWith('/api/people/:id')) return personId;
    if (/id$/i.test(name)) return ZERO;
    return 'x';
  });
}

async function ask(route: Route, caller: string, personId = hiddenPersonId) {
  const { headers } = callers.get(caller)!;
  const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  const r = await t.app.inject({
    method: route.method as 'GET',
    url: concrete(route.url, personId),
    headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { payload: route.body } : {}),
  });
  const code = r.headers['content-type']?.toString().includes('json') ? (r.json() as { error?: { code?: string } }).error?.code : undefined;
  return { status: r.statusCode, code };
}

beforeAll(async () => {
  t = await buildTestApp({}, { onRoute: collect });
  const home = await createTestOrganization(t.db, t.clock, { name: 'Home Treatment', type: 'opioid_treatment_program' });
  const elsewhere = await createTestOrganization(t.db, t.clock, { name: 'Elsewhere Clinic', type: 'primary_care' });
  hiddenPersonId = (await createTestPerson(t.db, t.clock, elsewhere.id)).id;
  callers.set('nobody', { headers: {} });
  const signed: Record<string, SignedIn> = {};
  for (const role of roles) {
    const user = await createTestUser(t.db, t.clock, { organizationId: home.id, roles: [role as Role] });
    signed[role] = await signIn(t.app, user.email);
    callers.set(role, { headers: signed[role].headers });
  }
  const minted = await t.app.inject({
    method: 'POST',
    url: `/api/admin/organizations/${home.id}/api-tokens`,
    headers: signed.network_admin!.headers,
    payload: { name: 'Matrix token', roles: ['analyst'] },
  });
  expect(minted.statusCode).toBe(201);
  callers.set('token', { headers: { authorization: `Bearer ${(minted.json() as { secret: string }).secret}` } });
  // Ending or switching a session last, so the callers stay signed in for every other route.
  // Emergency access before them: it lets a clinician reach the hidden person (42 CFR 2.51), so every
  // other person route is asked while the person is still hidden from everyone here.
  const last = (r: Route) =>
    r.url === '/api/auth/logout' ? 3 : r.url === '/api/auth/organization' ? 2 : r.url.endsWith('/break-glass') ? 1 : 0;
  routes.sort((a, b) => last(a) - last(b) || key(a).localeCompare(key(b)));
}, 120_000);
afterAll(async () => t?.close());

describe('the authorization matrix', () => {
  it('declares every route, and only routes that exist', () => {
    expect(routes.length).toBeGreaterThan(100);
    const declared = Object.keys(expectedOutcomes).sort();
    expect(routes.map(key).sort()).toEqual(declared);
  });

  it('answers every route × caller as declared: no unexpected permit, no 5xx, nothing without credentials', async () => {
    const observed: Record<string, string> = {};
    for (const route of routes) {
      let letters = '';
      for (const caller of CALLERS) letters += outcomeLetter(await ask(route, caller));
      observed[key(route)] = letters;
    }
    if (process.env.UPDATE_AUTHZ_MATRIX === '1') {
      const file = new URL('./authorization-matrix.table.ts', import.meta.url);
      const text = fs.readFileSync(file, 'utf8');
      const start = text.indexOf('export const expectedOutcomes');
      const body = Object.entries(observed)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `  '${k}': '${v}',`)
        .join('\n');
      fs.writeFileSync(file, `${text.slice(0, start)}export const expectedOutcomes: Record<string, string> = {\n${body}\n};\n`);
    }
    for (const route of routes) {
      const letters = observed[key(route)]!;
      expect(letters, key(route)).not.toContain('x');
      if (!route.isPublic) expect(letters[0], `${key(route)} without credentials`).toBe('u');
    }
    const differences = routes
      .filter((r) => observed[key(r)] !== expectedOutcomes[key(r)])
      .map((r) => `${key(r)}: declared ${expectedOutcomes[key(r)]}, answered ${observed[key(r)]}`);
    expect(differences).toEqual([]);
  }, 300_000);

  it('answers about a person nobody here may see exactly as about a person who does not exist', async () => {
    const personRoutes = routes.filter((r) => r.url.startsWith('/api/people/:id') && r.method === 'GET');
    expect(personRoutes.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const route of personRoutes) {
      for (const caller of CALLERS) {
        const hidden = await ask(route, caller, hiddenPersonId);
        const missing = await ask(route, caller, ZERO);
        if (hidden.status !== missing.status || hidden.code !== missing.code)
          leaks.push(`${key(route)} as ${caller}: hidden ${hidden.status} ${hidden.code}, missing ${missing.status} ${missing.code}`);
        if (hidden.status === 403 && hidden.code !== 'FORBIDDEN' && hidden.code !== 'TOKEN_SCOPE_VIOLATION')
          leaks.push(`${key(route)} as ${caller}: 403 ${hidden.code}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});
