import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { sql } from 'kysely';
import type { CdsResponse, EhrConnection } from '@continuum/contracts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { startLocalServer, type LocalServer } from '../../test-support/local-http-server.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { bundle, medicationRequest, patient } from '../safety/fhir-fixtures.ts';

let t: TestApp;
let jwks: LocalServer;
let admin: SignedIn;
let clinician: SignedIn;
let orgId: string;
let es384: { privateKey: CryptoKey; publicKey: CryptoKey };
let rs384: { privateKey: CryptoKey; publicKey: CryptoKey };
let stranger: { privateKey: CryptoKey; publicKey: CryptoKey };

const SERVICE = 'continuum-opioid-patient-view';
const serviceUrl = (base: string) => `${base}/cds-services/${SERVICE}`;

beforeAll(async () => {
  t = await buildTestApp({ CONTINUUM_PUBLIC_URL: 'https://continuum.example.org' });
  es384 = await generateKeyPair('ES384');
  rs384 = await generateKeyPair('RS384');
  stranger = await generateKeyPair('ES384', { extractable: true });
  const publicJwk = { ...(await exportJWK(es384.publicKey)), kid: 'ehr-key-1', alg: 'ES384', use: 'sig' };
  jwks = await startLocalServer((_req, url) => (url.pathname === '/.well-known/jwks.json' ? { json: { keys: [publicJwk] } } : undefined));
  orgId = (await createTestOrganization(t.db, t.clock)).id;
  const adminUser = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['network_admin'] });
  const clinicianUser = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] });
  admin = await signIn(t.app, adminUser.email);
  clinician = await signIn(t.app, clinicianUser.email);
  const register = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/ehr-connections', headers: admin.headers, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<EhrConnection>();
  };
  await register({
    name: 'General Hospital EHR',
    organizationId: orgId,
    cds: { issuer: 'https://ehr.general.example', jwksUrl: `${jwks.url}/.well-known/jwks.json` },
  });
  await register({
    name: 'Clinic EHR',
    organizationId: orgId,
    cds: { issuer: 'clinic-ehr', publicKeys: [{ ...(await exportJWK(rs384.publicKey)), alg: 'RS384' }], tenants: ['clinic-tenant'] },
  });
});
afterAll(async () => {
  await t.close();
  await jwks.close();
});

const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);

async function jwt(
  o: {
    key?: CryptoKey;
    alg?: string;
    kid?: string | null;
    iss?: string;
    aud?: string;
    exp?: number;
    iat?: number;
    jti?: string;
    tenant?: string;
  } = {},
) {
  const claims: Record<string, unknown> = {};
  if (o.tenant) claims.tenant = o.tenant;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: o.alg ?? 'ES384', typ: 'JWT', ...(o.kid === null ? {} : { kid: o.kid ?? 'ehr-key-1' }) })
    .setIssuer(o.iss ?? 'https://ehr.general.example')
    .setSubject('ehr-client')
    .setAudience(o.aud ?? serviceUrl('https://continuum.example.org'))
    .setIssuedAt(o.iat ?? nowSeconds())
    .setExpirationTime(o.exp ?? nowSeconds() + 300)
    .setJti(o.jti ?? randomUUID())
    .sign(o.key ?? es384.privateKey);
}

const patientView = {
  hook: 'patient-view',
  hookInstance: 'a4b6c2de-1111-4c1a-9d2e-0e5c7b1f2a01',
  context: { userId: 'Practitioner/7', patientId: 'p1' },
  prefetch: {
    patient: patient(),
    medications: bundle([
      medicationRequest({
        id: 'm1',
        rxcui: '1049621',
        dose: 2,
        unit: 'TAB',
        frequency: 4,
        supplyDays: 30,
        status: 'active',
        authoredOn: '2026-01-05',
      }),
    ]),
  },
};

const call = (token: string) =>
  t.app.inject({ method: 'POST', url: `/cds-services/${SERVICE}`, headers: { authorization: `Bearer ${token}` }, payload: patientView });

async function counts() {
  const jti = await sql<{ n: string }>`select count(*) as n from cds_jwt_ids`.execute(t.db);
  const audit = await sql<{ n: string }>`select count(*) as n from audit_events`.execute(t.db);
  return { jti: Number(jti.rows[0]!.n), audit: Number(audit.rows[0]!.n) };
}

describe('CDS Hooks JWT bearer authentication', () => {
  it('accepts an ES384 JWT verified with the JWK Set the EHR serves, and keeps its jti', async () => {
    const before = await counts();
    const res = await call(await jwt());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CdsResponse>().cards.length).toBeGreaterThan(0);
    expect(jwks.requests.some((r) => r.path === '/.well-known/jwks.json')).toBe(true);
    expect((await counts()).jti).toBe(before.jti + 1);
  });

  it('accepts an RS384 JWT verified with a registered public key, with its tenant', async () => {
    const res = await call(await jwt({ key: rs384.privateKey, alg: 'RS384', kid: null, iss: 'clinic-ehr', tenant: 'clinic-tenant' }));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('accepts the discovery URL as the audience', async () => {
    const res = await call(await jwt({ aud: 'https://continuum.example.org/cds-services' }));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a replayed JWT (same jti), recording nothing more', async () => {
    const token = await jwt();
    expect((await call(token)).statusCode).toBe(200);
    const before = await counts();
    const replay = await call(token);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.message).toContain('replay');
    expect(await counts()).toEqual(before);
  });

  const refusals: [string, () => Promise<string>, string][] = [
    ['a wrong audience', () => jwt({ aud: 'https://elsewhere.example/cds-services/x' }), '"aud"'],
    [
      'another service as the audience',
      () => jwt({ aud: 'https://continuum.example.org/cds-services/continuum-opioid-order-sign' }),
      '"aud"',
    ],
    ['an expired JWT', () => jwt({ iat: nowSeconds() - 600, exp: nowSeconds() - 120 }), 'expired'],
    ['an unknown issuer', () => jwt({ iss: 'https://unknown.example' }), 'not a registered'],
    ['a signature by a key the EHR does not publish', () => jwt({ key: stranger.privateKey }), 'signature'],
    ['a JWT living more than five minutes', () => jwt({ exp: nowSeconds() + 3600 }), 'five minutes'],
    ['a JWT issued in the future', () => jwt({ iat: nowSeconds() + 120, exp: nowSeconds() + 240 }), 'future'],
    [
      'a missing tenant for a client registered with tenants',
      () => jwt({ key: rs384.privateKey, alg: 'RS384', kid: null, iss: 'clinic-ehr' }),
      'tenant',
    ],
    ['a wrong tenant', () => jwt({ key: rs384.privateKey, alg: 'RS384', kid: null, iss: 'clinic-ehr', tenant: 'other' }), 'tenant'],
    [
      'an HMAC-signed JWT',
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('https://ehr.general.example')
          .setAudience(serviceUrl('https://continuum.example.org'))
          .setIssuedAt(nowSeconds())
          .setExpirationTime(nowSeconds() + 60)
          .setJti(randomUUID())
          .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-0123456789')),
      'algorithm',
    ],
  ];

  it.each(refusals)('refuses %s with 401 and records nothing', async (_name, make, reason) => {
    const before = await counts();
    const res = await call(await make());
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(res.json().error.message).toContain(reason);
    expect(await counts()).toEqual(before);
  });

  it('refuses a JWT without a jti', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid: 'ehr-key-1' })
      .setIssuer('https://ehr.general.example')
      .setAudience(serviceUrl('https://continuum.example.org'))
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + 60)
      .sign(es384.privateKey);
    const res = await call(token);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('"jti"');
  });

  it('forgets a jti once its JWT has expired', async () => {
    await call(await jwt());
    t.clock.advance(10 * 60 * 1000);
    await call(await jwt());
    const rows = await t.db.selectFrom('cds_jwt_ids').select('expires_at').execute();
    expect(rows.every((r) => r.expires_at.getTime() > t.clock.now().getTime() - 60_000)).toBe(true);
  });

  it('refuses a deactivated connection', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/ehr-connections', headers: admin.headers })).json<{
      items: EhrConnection[];
    }>();
    const clinic = list.items.find((c) => c.cds?.issuer === 'clinic-ehr')!;
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/ehr-connections/${clinic.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const res = await call(await jwt({ key: rs384.privateKey, alg: 'RS384', kid: null, iss: 'clinic-ehr', tenant: 'clinic-tenant' }));
    expect(res.statusCode).toBe(401);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/ehr-connections/${clinic.id}`,
      headers: admin.headers,
      payload: { active: true },
    });
  });
});

describe('EHR connection administration', () => {
  it('lists connections without secrets and audits each registration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/ehr-connections', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: EhrConnection[] }>().items;
    expect(items.map((c) => c.name).sort()).toEqual(['Clinic EHR', 'General Hospital EHR']);
    expect(items.find((c) => c.name === 'Clinic EHR')!.cds).toMatchObject({ issuer: 'clinic-ehr', jwksUrl: null, publicKeyCount: 1 });
    const audits = await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'ehr-connection.%').execute();
    expect(audits.filter((a) => a.action === 'ehr-connection.create')).toHaveLength(2);
  });

  it('is for network administrators only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/ehr-connections', headers: clinician.headers });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a private key, a second use of an issuer, and neither jwksUrl nor keys, naming the field', async () => {
    const { d: _d, ...pub } = await exportJWK(stranger.privateKey);
    const privateJwk = { ...pub, d: _d };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'X', organizationId: orgId, cds: { issuer: 'x', publicKeys: [privateJwk] } }, 400, 'cds.publicKeys'],
      [{ name: 'X', organizationId: orgId, cds: { issuer: 'x' } }, 400, 'cds.jwksUrl'],
      [{ name: 'X', organizationId: orgId, cds: { issuer: 'clinic-ehr', jwksUrl: 'https://x.example/jwks' } }, 409, ''],
    ];
    for (const [payload, status, path] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/ehr-connections', headers: admin.headers, payload });
      expect(res.statusCode, res.body).toBe(status);
      if (path) expect(JSON.stringify(res.json().error)).toContain(path.split('.')[1]);
    }
  });
});
