import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, roles, type Role } from '@continuum/contracts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { createTestOrganization, createTestUser } from '../test-support/factories.ts';
import { buildTestApp, signIn, type TestApp } from '../test-support/test-app.ts';
import { badText, badValue, hostileStrings, malformedJson, toJsonText } from '../test-support/bad-input.ts';
import { EXAMPLE_ID, exampleOf, fieldPaths, jsonSchemaOf } from '../test-support/schema-example.ts';
import { CALLERS, expectedOutcomes } from './authorization-matrix.table.ts';

/*
 * Bad-input fuzzing over every route's schema, driven by the route table Fastify builds (an onRoute
 * hook), so a new route is fuzzed without being listed. For each route that takes path parameters, a
 * query or a body, fast-check generates requests that change one thing in a valid-looking request:
 * a path parameter, a query parameter or a body field set to a hostile value (injection strings,
 * path traversal, NUL, the right-to-left override, lone surrogates, invalid dates, 1e400, negative
 * numbers, huge strings, the wrong type), an unknown field, a missing field, malformed JSON, the
 * wrong media type. Every request the route's own schema refuses must answer a 4xx in the one error
 * shape, never echoing the hostile value, and change nothing: the audit trail's last entry is the
 * same after each request (every state change is audited) and the row count of every table is the same
 * after each route's cases. A request the schema accepts (an injection string in
 * a free-text search) is sent only to GET routes, and must not answer 5xx.
 *
 * The caller is a member of one organization in the role the authorization matrix says may use the
 * route (a network administrator otherwise), so the schema, not the role check, answers.
 * Bounded for CI: a fixed seed, RUNS cases per route. A failure prints the seed, the path and the
 * counterexample; rerun one route with FUZZ_ROUTE='POST /api/people', more cases with FUZZ_RUNS.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

interface Route {
  method: string;
  url: string;
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
}

interface Case {
  kind: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body?: { text: string; contentType: string };
  /** The hostile value sent, when the response must not echo it. */
  sent?: string;
}

let t: TestApp;
const routes: Route[] = [];
const headersByRole = new Map<string, Record<string, string>>();
let tables: string[] = [];

function collect(route: RouteOptions) {
  if (route.url.startsWith('/api/docs')) return;
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
  const schema = (route.schema ?? {}) as { body?: unknown; querystring?: unknown; params?: unknown };
  for (const method of methods)
    routes.push({ method, url: route.url, body: schema.body, querystring: schema.querystring, params: schema.params });
}

const key = (r: Route) => `${r.method} ${r.url}`;
const paramNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
const accepts = (schema: unknown, value: unknown) => schema instanceof z.ZodType && schema.safeParse(value).success;

/** The role to call a route as: the first the authorization matrix permits, else a network administrator. */
function callerFor(route: Route): Role {
  const letters = expectedOutcomes[key(route)] ?? '';
  const index = [...letters].findIndex((l, i) => l === 'p' && i >= 2);
  return (index >= 2 ? CALLERS[index] : 'network_admin') as Role;
}

/** The row count of every table. */
async function rowCounts(): Promise<string> {
  const counts = await sql<{ t: string; n: string }>`${sql.raw(
    tables.map((name) => `select '${name}' as t, count(*)::text as n from "${name}"`).join(' union all '),
  )}`.execute(t.db);
  return JSON.stringify(counts.rows);
}

/** The audit trail's last entry: every state change appends one in its own transaction. */
async function lastAuditEntry(): Promise<string> {
  const last = await sql<{ id: string | null }>`select max(id)::text as id from audit_events`.execute(t.db);
  return last.rows[0]?.id ?? '';
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let at = target;
  for (const part of path.slice(0, -1)) {
    const next = at[part];
    at[part] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
    at = at[part] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
}

/** The requests to try on one route, each with whether the route's schemas accept it. */
function casesFor(route: Route): fc.Arbitrary<Case> | null {
  const names = paramNames(route.url);
  const paramsJson = jsonSchemaOf(route.params);
  const baseParams: Record<string, string> = {};
  for (const name of names) {
    const example = paramsJson?.properties?.[name] ? exampleOf(paramsJson.properties[name]!, paramsJson) : EXAMPLE_ID;
    baseParams[name] = String(example);
  }
  const queryJson = jsonSchemaOf(route.querystring);
  const baseQuery = Object.fromEntries(
    Object.entries((queryJson ? exampleOf(queryJson) : {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  const bodyJson = route.method === 'GET' || route.method === 'DELETE' ? null : jsonSchemaOf(route.body);
  const baseBody = bodyJson ? exampleOf(bodyJson) : undefined;
  const json = (value: unknown) => ({ text: toJsonText(value), contentType: 'application/json' });
  const body = bodyJson ? json(baseBody) : undefined;
  const base = { params: baseParams, query: baseQuery, ...(body ? { body } : {}) };
  const arbs: fc.Arbitrary<Case>[] = [];

  if (names.length > 0)
    arbs.push(
      fc.record({ name: fc.constantFrom(...names), value: badText }).map(({ name, value }) => ({
        ...base,
        kind: `param ${name}`,
        params: { ...baseParams, [name]: value },
        sent: value,
      })),
    );
  if (queryJson) {
    const queryKeys = Object.keys(queryJson.properties ?? {});
    if (queryKeys.length > 0)
      arbs.push(
        fc.record({ name: fc.constantFrom(...queryKeys), value: badText }).map(({ name, value }) => ({
          ...base,
          kind: `query ${name}`,
          query: { ...baseQuery, [name]: value },
          sent: value,
        })),
      );
    arbs.push(
      fc
        .record({ name: fc.constantFrom('unknownField', 'role', 'organizationId', 'isAdmin', 'x'), value: badText })
        .map(({ name, value }) => ({
          ...base,
          kind: `query unknown ${name}`,
          query: { ...baseQuery, [name]: value },
        })),
    );
  }
  if (bodyJson) {
    const paths = fieldPaths(bodyJson);
    arbs.push(malformedJson.map((text) => ({ ...base, kind: 'body malformed JSON', body: { text, contentType: 'application/json' } })));
    arbs.push(badValue.map((value) => ({ ...base, kind: 'body of the wrong type', body: json(value) })));
    arbs.push(
      fc.constantFrom('application/xml', 'application/x-www-form-urlencoded', 'text/html').map((contentType) => ({
        ...base,
        kind: `body as ${contentType}`,
        body: { text: toJsonText(baseBody), contentType },
      })),
    );
    if (baseBody !== null && typeof baseBody === 'object' && !Array.isArray(baseBody)) {
      const obj = baseBody as Record<string, unknown>;
      arbs.push(
        fc
          .record({ name: fc.constantFrom('unknownField', 'role', 'id', 'createdAt', 'isAdmin', '__proto__x'), value: badValue })
          .map(({ name, value }) => {
            const b = structuredClone(obj);
            b[name] = value;
            return { ...base, kind: `body unknown ${name}`, body: json(b) };
          }),
      );
      if (paths.length > 0) {
        const weight = 4;
        arbs.push(
          ...Array.from({ length: weight }, () =>
            fc.record({ path: fc.constantFrom(...paths), value: badValue }).map(({ path, value }) => {
              const b = structuredClone(obj);
              setPath(b, path, value);
              return { ...base, kind: `body ${path.join('.')}`, body: json(b), ...(typeof value === 'string' ? { sent: value } : {}) };
            }),
          ),
        );
      }
      const required = Object.keys(obj);
      if (required.length > 0)
        arbs.push(
          fc.constantFrom(...required).map((name) => {
            const b = structuredClone(obj);
            delete b[name];
            return { ...base, kind: `body without ${name}`, body: json(b) };
          }),
        );
    }
  }
  return arbs.length > 0 ? fc.oneof(...arbs) : null;
}

/** Whether the route's schemas accept the request, as Fastify's validation would. */
function schemaAccepts(route: Route, c: Case): boolean {
  if (route.params instanceof z.ZodType) {
    if (!accepts(route.params, c.params)) return false;
  } else if (Object.values(c.params).some((v) => v !== EXAMPLE_ID)) {
    return false; // no schema: an id that is not one must still be refused (404 or 400)
  }
  if (route.querystring instanceof z.ZodType && !accepts(route.querystring, c.query)) return false;
  if (c.body) {
    if (c.body.contentType !== 'application/json') return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(c.body.text);
    } catch {
      return false;
    }
    if (/"__proto__"\s*:/.test(c.body.text)) return false; // Fastify refuses prototype poisoning
    if (route.body instanceof z.ZodType && !accepts(route.body, parsed)) return false;
  }
  return true;
}

function changedTables(before: string, after: string): string {
  const was = new Map((JSON.parse(before) as { t: string; n: string }[]).map((r) => [r.t, r.n]));
  return (JSON.parse(after) as { t: string; n: string }[])
    .filter((r) => was.get(r.t) !== r.n)
    .map((r) => `${r.t} ${was.get(r.t)} → ${r.n}`)
    .join(', ');
}

/** A failure message with long runs of one character shortened, so a huge input does not flood the report. */
const short = (text: string) => text.replace(/(.)\1{40,}/gsu, (run, ch: string) => `${ch}×${[...run].length}`).slice(0, 1500);

/** Percent-encoding that sends a lone surrogate as the bytes of its (invalid) UTF-8 form instead of throwing. */
function encodeSegment(value: string): string {
  return [...value]
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const u = ch.charCodeAt(0);
        return ['%ED', (0x80 | ((u >> 6) & 0x3f)).toString(16), (0x80 | (u & 0x3f)).toString(16)].join('%').toUpperCase();
      }
    })
    .join('');
}

function urlOf(route: Route, c: Case): string {
  const path = route.url.replace(/:(\w+)/g, (_m, name: string) => encodeSegment(c.params[name] ?? EXAMPLE_ID));
  const query = new URLSearchParams(c.query).toString();
  return query ? `${path}?${query}` : path;
}

interface Stats {
  routes: number;
  sent: number;
  refused: number;
  acceptedGets: number;
  skippedWrites: number;
}

async function fuzzRoute(route: Route, stats: Stats): Promise<string | null> {
  const arb = casesFor(route);
  if (!arb) return null;
  stats.routes += 1;
  const headers = headersByRole.get(callerFor(route))!;
  const property = fc.asyncProperty(arb, async (c) => {
    const refused = !schemaAccepts(route, c);
    if (!refused && route.method !== 'GET') {
      stats.skippedWrites += 1;
      return;
    }
    const before = refused ? await lastAuditEntry() : '';
    const r = await t.app.inject({
      method: route.method as 'GET',
      url: urlOf(route, c),
      headers: { ...headers, ...(c.body ? { 'content-type': c.body.contentType } : {}) },
      ...(c.body ? { payload: c.body.text } : {}),
    });
    stats.sent += 1;
    const where = `${c.kind}: ${r.statusCode} ${r.body.slice(0, 300)}`;
    expect(r.statusCode, where).toBeLessThan(500);
    if (!refused) {
      stats.acceptedGets += 1;
      return;
    }
    stats.refused += 1;
    expect(r.statusCode, where).toBeGreaterThanOrEqual(400);
    const shape = errorBodySchema.safeParse(JSON.parse(r.body));
    expect(shape.success, `${where} is not in the error shape`).toBe(true);
    if (shape.data?.error.code === 'VALIDATION_FAILED') expect(shape.data.error.details?.fields?.length, where).toBeGreaterThan(0);
    if (c.sent && c.sent.length >= 8 && hostileStrings.includes(c.sent)) expect(r.body, `${where} echoes the value`).not.toContain(c.sent);
    expect(await lastAuditEntry(), `${c.kind} wrote to the audit trail`).toBe(before);
  });
  const countsBefore = await rowCounts();
  const details = await fc.check(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
  if (!details.failed) {
    const countsAfter = await rowCounts();
    return countsAfter === countsBefore
      ? null
      : `${key(route)} (seed ${SEED}): a refused request changed a table's row count: ${changedTables(countsBefore, countsAfter)}`;
  }
  const [c] = details.counterexample ?? [];
  const error = details.errorInstance instanceof Error ? details.errorInstance.message.split('\n')[0] : String(details.errorInstance);
  return short(`${key(route)} (seed ${SEED}, path ${details.counterexamplePath}): ${error} — case ${JSON.stringify(c)}`);
}

beforeAll(async () => {
  t = await buildTestApp({}, { onRoute: collect });
  const home = await createTestOrganization(t.db, t.clock, { name: 'Fuzz Treatment', type: 'opioid_treatment_program' });
  for (const role of roles) {
    const user = await createTestUser(t.db, t.clock, { organizationId: home.id, roles: [role as Role] });
    headersByRole.set(role, (await signIn(t.app, user.email)).headers);
  }
  const found = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(t.db);
  tables = found.rows.map((r) => r.name);
  // Ending or switching a session is never reached (its body is refused), but sort it last anyway.
  routes.sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout') || key(a).localeCompare(key(b)));
}, 120_000);
afterAll(async () => t?.close());

describe('bad input on every route', () => {
  it('answers a 4xx in the error shape and changes nothing, never a 5xx', async () => {
    const only = process.env.FUZZ_ROUTE;
    const stats: Stats = { routes: 0, sent: 0, refused: 0, acceptedGets: 0, skippedWrites: 0 };
    const failures: string[] = [];
    for (const route of routes) {
      if (only && key(route) !== only) continue;
      const failure = await fuzzRoute(route, stats);
      if (failure) failures.push(failure);
    }
    process.stdout.write(`bad-input fuzzing (seed ${SEED}, ${RUNS} cases per route): ${JSON.stringify(stats)}\n`);
    expect(tables.length).toBeGreaterThan(50);
    if (!only) expect(stats.routes).toBeGreaterThan(150);
    expect(failures).toEqual([]);
    const chain = await verifyAuditChain(t.db);
    expect(chain.ok).toBe(true);
  }, 900_000);
});
