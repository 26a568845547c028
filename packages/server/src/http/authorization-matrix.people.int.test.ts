import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestUser } from '../test-support/factories.ts';
import { exampleOf, jsonSchemaOf } from '../test-support/schema-example.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../test-support/test-app.ts';
import { outcomeLetter } from './authorization-matrix.table.ts';
import { PEOPLE_CALLERS, expectedPersonOutcomes, HIDDEN_CALLERS } from './authorization-matrix.people.table.ts';

/*
 * The authorization matrix for person routes, by relationship: every route under /api/people/:id
 * (read from Fastify's route table, so a new one cannot be missed) asked by staff of an organization
 * that did not register the person, about a person who
 *
 *   own       was registered by the caller's organization (the baseline);
 *   other     was registered elsewhere, with nothing linking the caller's organization to them;
 *   consent   signed a consent naming the caller's organization as recipient (treatment, all kinds);
 *   revoked   signed that consent and then revoked it;
 *   expired   signed that consent, whose expiry date has passed (before the nightly job marked it);
 *   glass     was registered elsewhere, and the caller opened emergency (break-glass) access.
 *
 * The callers are a clinician, a care navigator and an organization administrator. Write routes get a
 * body their schema accepts (built from the schema, or written below), so the decision, not the
 * validation, answers. Each answer is one letter (authorization-matrix.table.ts) compared with
 * authorization-matrix.people.table.ts; for the callers who may not see the person (other, revoked,
 * expired) every answer must also be the one given for a person who does not exist — 404, never 403
 * or anything that tells the two apart — and never a permit.
 *
 * After an intended change: UPDATE_AUTHZ_MATRIX=1 npx vitest run --project server <this file>, then
 * review the table's diff.
 */

interface Route {
  method: string;
  url: string;
  body: unknown;
}

const ZERO = '00000000-0000-4000-8000-000000000000';
const CALLER_ROLES = ['clinician', 'care_navigator', 'org_admin'] as const;

/** Bodies the schema example cannot give (refinements across fields, or an id that must exist). */
const bodies: Record<string, unknown> = {
  'POST /api/people/:id/consents': {
    type: 'standard',
    disclosers: { type: 'any_network_provider' },
    recipients: { type: 'treating_providers' },
    purposes: ['treatment'],
    kinds: ['sud_treatment'],
    informationDescription: 'My treatment record',
    expiresOn: '2027-06-30',
  },
  'POST /api/people/:id/break-glass': { reason: 'Unresponsive in the emergency department' },
  'POST /api/people/:id/events': { kind: 'notes', type: 'note', title: 'Called, left message' },
};

let t: TestApp;
const routes: Route[] = [];
const people = new Map<string, string>();
const callers = new Map<string, SignedIn>();

function collect(route: RouteOptions) {
  if (!route.url.startsWith('/api/people/:id')) return;
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
  for (const method of methods) routes.push({ method, url: route.url, body: (route.schema as { body?: unknown } | undefined)?.body });
}

const key = (r: Route) => `${r.method} ${r.url}`;

function bodyFor(route: Route): string {
  const given = bodies[key(route)];
  if (given) return JSON.stringify(given);
  const json = jsonSchemaOf(route.body);
  if (!json || !(route.body instanceof z.ZodType)) return '{}';
  const example = exampleOf(json);
  return route.body.safeParse(example).success ? JSON.stringify(example) : '{}';
}

async function ask(route: Route, caller: SignedIn, personId: string) {
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const url = route.url.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? personId : ZERO));
  const r = await t.app.inject({
    method: route.method as 'GET',
    url,
    headers: { ...caller.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { payload: bodyFor(route) } : {}),
  });
  const code = r.headers['content-type']?.toString().includes('json') ? (r.json() as { error?: { code?: string } }).error?.code : undefined;
  return { status: r.statusCode, code };
}

beforeAll(async () => {
  t = await buildTestApp({}, { onRoute: collect });
  const source = await createTestOrganization(t.db, t.clock, { name: 'Source Program', type: 'opioid_treatment_program' });
  const here = await createTestOrganization(t.db, t.clock, { name: 'Caller Clinic', type: 'primary_care' });
  const navigator = await signIn(
    t.app,
    (await createTestUser(t.db, t.clock, { organizationId: source.id, roles: ['care_navigator'] })).email,
  );
  const post = async (url: string, payload: object, as = navigator) => {
    const r = await t.app.inject({ method: 'POST', url, headers: as.headers, payload });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string };
  };
  const names = ['Ashford', 'Brennan', 'Castillo', 'Dunmore', 'Ellsworth'];
  for (const [i, state] of ['other', 'consent', 'revoked', 'expired', 'glass'].entries()) {
    const { id } = await post('/api/people', {
      givenName: 'Matrix',
      familyName: names[i],
      birthDate: `1980-02-0${i + 1}`,
      sex: 'unknown',
      confirmNoDuplicate: true,
    });
    people.set(state, id);
    await post(`/api/people/${id}/events`, { kind: 'sud_treatment', type: 'moud_start', title: 'Methadone dose 60 mg' });
    if (state === 'other' || state === 'glass') continue;
    const consent = await post(`/api/people/${id}/consents`, {
      type: 'standard',
      disclosers: { type: 'any_network_provider' },
      recipients: { type: 'organizations', organizationIds: [here.id] },
      purposes: ['treatment'],
      kinds: ['sud_treatment', 'medications', 'referrals', 'overdose_events', 'screening', 'notes'],
      informationDescription: 'My records, for my care at the clinic',
      expiresOn: '2027-12-31',
    });
    await post(`/api/consents/${consent.id}/sign`, { signerName: 'Matrix Person', signatureMethod: 'attested', acknowledged: true });
    if (state === 'revoked') await post(`/api/consents/${consent.id}/revoke`, { method: 'written' });
    if (state === 'expired') await t.db.updateTable('consents').set({ expires_on: '2026-01-01' }).where('id', '=', consent.id).execute();
  }
  for (const role of CALLER_ROLES) {
    const user = await createTestUser(t.db, t.clock, { organizationId: here.id, roles: [role] });
    callers.set(role, await signIn(t.app, user.email));
    const own = await createTestUser(t.db, t.clock, { organizationId: source.id, roles: [role] });
    callers.set(`own ${role}`, await signIn(t.app, own.email));
  }
  await post(
    `/api/people/${people.get('glass')!}/break-glass`,
    { reason: 'Unresponsive in the emergency department' },
    callers.get('clinician'),
  );
  people.set('own', people.get('other')!);
  // Reads first, then writes, and opening emergency access last: it is how a clinician reaches a person
  // they may not otherwise see (42 CFR 2.51), so it answers them 201 and then widens what follows.
  const order = (r: Route) => (r.url.endsWith('/break-glass') ? 2 : r.method === 'GET' ? 0 : 1);
  routes.sort((a, b) => order(a) - order(b) || key(a).localeCompare(key(b)));
}, 120_000);
afterAll(async () => t?.close());

describe('person routes by relationship: another organization, consent given, revoked, expired, break-glass', () => {
  it('answers as declared, and a person the caller may not see exactly as one who does not exist', async () => {
    expect(routes.length).toBeGreaterThan(10);
    const observed: Record<string, string> = {};
    const leaks: string[] = [];
    for (const route of routes) {
      let letters = '';
      for (const { state, role } of PEOPLE_CALLERS) {
        const caller = callers.get(state === 'own' ? `own ${role}` : role)!;
        const answer = await ask(route, caller, people.get(state)!);
        letters += outcomeLetter(answer);
        if (HIDDEN_CALLERS.includes(state) && !route.url.endsWith('/break-glass')) {
          const missing = await ask(route, caller, ZERO);
          if (answer.status !== missing.status || answer.code !== missing.code || answer.status < 400)
            leaks.push(
              `${key(route)} as ${role} (${state}): ${answer.status} ${answer.code}, missing person ${missing.status} ${missing.code}`,
            );
        }
      }
      observed[key(route)] = letters;
    }
    if (process.env.UPDATE_AUTHZ_MATRIX === '1') {
      const fs = await import('node:fs');
      const file = new URL('./authorization-matrix.people.table.ts', import.meta.url);
      const text = fs.readFileSync(file, 'utf8');
      const start = text.indexOf('export const expectedPersonOutcomes');
      const body = Object.entries(observed)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `  '${k}': '${v}',`)
        .join('\n');
      fs.writeFileSync(file, `${text.slice(0, start)}export const expectedPersonOutcomes: Record<string, string> = {\n${body}\n};\n`);
    }
    expect(leaks).toEqual([]);
    for (const letters of Object.values(observed)) expect(letters).not.toContain('x');
    const differences = routes
      .filter((r) => observed[key(r)] !== expectedPersonOutcomes[key(r)])
      .map((r) => `${key(r)}: declared ${expectedPersonOutcomes[key(r)]}, answered ${observed[key(r)]}`);
    expect(differences).toEqual([]);
    expect(Object.keys(expectedPersonOutcomes).sort()).toEqual(routes.map(key).sort());
  }, 300_000);
});
