import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { randomBytes } from 'node:crypto';
import { SESSION_COOKIE, type EhrConnection, type EhrPatientPrefill, type Session } from '@continuum/contracts';
import { isSealed, secretBox, secretBoxFromKey } from '../../core/secret-box.ts';
import { clientSecretBinding, sealStoredEhrSecrets } from './connections.ts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';

/*
 * The whole SMART App Launch over HTTP against a real OpenID Connect provider (oidc-provider) playing
 * the EHR's authorization server, with a small FHIR Patient endpoint that accepts only the access
 * tokens it issued. The EHR user is already signed in at the EHR: the interaction step grants the
 * requested scopes for "Practitioner/prac-1" without a form. openid-client is not mocked.
 */

const PUBLIC = 'https://continuum.example.org';
const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };

let t: TestApp;
let ehr: Server;
let ehrUrl: string;
let provider: Provider;
let admin: SignedIn;
let orgId: string;
let clinicianId: string;
let personId: string;
let connection: EhrConnection;
/** What the EHR puts in the token response as the patient in context, and who is signed in at the EHR. */
let patientInContext = 'pat-1';
let ehrUser = 'Practitioner/prac-1';
const fhirRequests: { path: string; authorized: boolean }[] = [];

const patients: Record<string, unknown> = {
  'pat-1': { resourceType: 'Patient', id: 'pat-1', identifier: [{ type: MR, value: 'EHR-MRN-1' }], birthDate: '1988-06-15' },
  'pat-2': {
    resourceType: 'Patient',
    id: 'pat-2',
    identifier: [{ type: MR, value: 'EHR-MRN-UNKNOWN' }],
    name: [{ use: 'official', family: 'Okafor', given: ['Tobi'] }],
    birthDate: '1979-11-03',
    gender: 'male',
  },
};

async function handleEhr(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', ehrUrl);
  if (url.pathname === '/fhir/.well-known/smart-configuration') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        issuer: ehrUrl,
        authorization_endpoint: `${ehrUrl}/auth`,
        token_endpoint: `${ehrUrl}/token`,
        code_challenge_methods_supported: ['S256'],
        capabilities: ['launch-ehr', 'launch-standalone', 'client-confidential-symmetric', 'context-ehr-patient', 'sso-openid-connect'],
      }),
    );
    return;
  }
  const patient = /^\/fhir\/Patient\/([^/]+)$/.exec(url.pathname);
  if (patient) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ? await provider.AccessToken.find(bearer) : undefined;
    fhirRequests.push({ path: url.pathname, authorized: token !== undefined });
    const body = token ? patients[patient[1]!] : undefined;
    res.writeHead(body ? 200 : token ? 404 : 401, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(body ?? { resourceType: 'OperationOutcome' }));
    return;
  }
  if (url.pathname.startsWith('/interaction/')) {
    // The clinician is signed in at the EHR: grant what the app asked for.
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: ehrUser, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    grant.addOIDCClaims(['fhirUser']);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: ehrUser }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  provider.callback()(req, res);
}

beforeAll(async () => {
  // Sessions outlive the hour the EHR's patient details are kept, so that hour is what the test sees end.
  t = await buildTestApp({ CONTINUUM_PUBLIC_URL: PUBLIC, CONTINUUM_SESSION_IDLE_MINUTES: '180' });
  ehr = createServer((req, res) => {
    handleEhr(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => ehr.listen(0, '127.0.0.1', resolve));
  ehrUrl = `http://127.0.0.1:${(ehr.address() as AddressInfo).port}`;
  provider = new Provider(ehrUrl, {
    clients: [
      {
        client_id: 'continuum',
        client_secret: 'continuum-client-secret-for-tests',
        redirect_uris: [`${PUBLIC}/launch/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'fhirUser', 'launch', 'launch/patient', 'patient/*.rs'],
    claims: { openid: ['sub'], fhirUser: ['fhirUser'] },
    conformIdTokenClaims: false,
    extraParams: ['launch', 'aud'],
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['oidc-cookie-key-for-tests'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, fhirUser: sub }) }),
  });
  // SMART: the token response names the patient in context.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.path === '/token' && ctx.status === 200 && body?.access_token) ctx.body = { ...body, patient: patientInContext };
  });

  orgId = (await createTestOrganization(t.db, t.clock, { name: 'Bayside Primary Care' })).id;
  const adminUser = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['network_admin'] });
  admin = await signIn(t.app, adminUser.email);
  clinicianId = (await createTestUser(t.db, t.clock, { organizationId: orgId, roles: ['clinician'] })).id;
  personId = (await createTestPerson(t.db, t.clock, orgId)).id;
  await t.db
    .insertInto('person_identifiers')
    .values({ person_id: personId, organization_id: orgId, kind: 'mrn', value: 'EHR-MRN-1', created_at: t.clock.now() })
    .execute();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/admin/ehr-connections',
    headers: admin.headers,
    payload: {
      name: 'Bayside EHR',
      organizationId: orgId,
      smart: { fhirBaseUrl: `${ehrUrl}/fhir`, clientId: 'continuum', clientSecret: 'continuum-client-secret-for-tests' },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  connection = created.json<EhrConnection>();
  const link = await t.app.inject({
    method: 'POST',
    url: `/api/admin/ehr-connections/${connection.id}/users`,
    headers: admin.headers,
    payload: { fhirUser: 'Practitioner/prac-1', userId: clinicianId },
  });
  expect(link.statusCode, link.body).toBe(201);
});
afterAll(async () => {
  await t.close();
  ehr.closeAllConnections();
  await new Promise<void>((resolve) => ehr.close(() => resolve()));
});

/** Follows the browser's redirects at the EHR (with its cookies) until it is sent back to Continuum. */
async function throughEhr(authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (next.startsWith(PUBLIC)) return new URL(next);
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the EHR stopped at ${res.status}: ${await res.text()}`);
    next = new URL(location, next).href;
  }
  throw new Error('too many redirects');
}

async function launch(query: string) {
  const start = await t.app.inject({ method: 'GET', url: `/launch?${query}` });
  expect(start.statusCode, start.body).toBe(302);
  const authorize = new URL(start.headers.location!);
  const callback = await throughEhr(authorize.href);
  const done = await t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` });
  return { authorize, callback, done };
}

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;

describe('SMART App Launch', () => {
  it('EHR launch: PKCE S256 and the SMART scopes, then the mapped user signed in on the safety panel of the patient in context', async () => {
    patientInContext = 'pat-1';
    const iss = encodeURIComponent(`${ehrUrl}/fhir`);
    const { authorize, done } = await launch(`iss=${iss}&launch=ehr-launch-123&target=safety`);
    expect(authorize.origin).toBe(ehrUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('launch launch/patient openid fhirUser patient/*.rs');
    expect(authorize.searchParams.get('launch')).toBe('ehr-launch-123');
    expect(authorize.searchParams.get('aud')).toBe(`${ehrUrl}/fhir`);
    expect(done.statusCode, done.body).toBe(302);
    expect(done.headers.location).toBe(`/people/${personId}#safety-heading`);
    expect(fhirRequests.at(-1)).toEqual({ path: '/fhir/Patient/pat-1', authorized: true });
    const cookie = sessionCookie(done)!;
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: cookie } });
    expect(session.statusCode).toBe(200);
    const body = session.json<Session>();
    expect(body.user.id).toBe(clinicianId);
    expect(body.activeOrganizationId).toBe(orgId);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['details', 'actor_user_id'])
      .where('action', '=', 'auth.login')
      .orderBy('occurred_at', 'desc')
      .execute();
    expect(audit.some((a) => a.actor_user_id === clinicianId && (a.details as { method?: string }).method === 'smart-launch')).toBe(true);
  });

  it('standalone launch: no bare launch scope; a patient the network does not know leads to registration from their EHR details', async () => {
    patientInContext = 'pat-2';
    const peopleBefore = await t.db.selectFrom('people').select('id').execute();
    const { authorize, done } = await launch(`iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&target=referral`);
    expect(authorize.searchParams.get('scope')).toBe('launch/patient openid fhirUser patient/*.rs');
    expect(authorize.searchParams.has('launch')).toBe(false);
    expect(done.statusCode, done.body).toBe(302);
    const landing = new URL(done.headers.location!, PUBLIC);
    expect(landing.pathname).toBe('/people/new');
    expect(landing.searchParams.get('from')).toBe('ehr-launch');
    const launchId = landing.searchParams.get('launch')!;
    const cookie = sessionCookie(done)!;

    const prefill = await t.app.inject({
      method: 'GET',
      url: `/api/ehr/launches/${launchId}/patient`,
      cookies: { [SESSION_COOKIE]: cookie },
    });
    expect(prefill.statusCode, prefill.body).toBe(200);
    expect(prefill.json<EhrPatientPrefill>()).toEqual({
      source: 'Bayside EHR',
      givenName: 'Tobi',
      familyName: 'Okafor',
      birthDate: '1979-11-03',
      sex: 'male',
      identifier: { kind: 'mrn', value: 'EHR-MRN-UNKNOWN' },
      phone: null,
      address: null,
    });
    // Kept sealed, for that session only, and nobody registered until the user confirms.
    const stored = await t.db.selectFrom('smart_launches').select('patient_prefill').where('id', '=', launchId).executeTakeFirstOrThrow();
    expect(isSealed(stored.patient_prefill!)).toBe(true);
    expect(stored.patient_prefill).not.toContain('Okafor');
    expect(await t.db.selectFrom('people').select('id').execute()).toHaveLength(peopleBefore.length);
    const otherSession = await t.app.inject({
      method: 'GET',
      url: `/api/ehr/launches/${launchId}/patient`,
      headers: { cookie: admin.cookie },
    });
    expect(otherSession.statusCode).toBe(404);
    t.clock.advance(61 * 60_000);
    try {
      const late = await t.app.inject({
        method: 'GET',
        url: `/api/ehr/launches/${launchId}/patient`,
        cookies: { [SESSION_COOKIE]: cookie },
      });
      expect(late.statusCode).toBe(404);
    } finally {
      t.clock.advance(-61 * 60_000);
    }
  });

  it('stores the client secret and the PKCE verifier sealed, never as plaintext', async () => {
    const row = await t.db
      .selectFrom('ehr_connections')
      .select('smart_client_secret')
      .where('id', '=', connection.id)
      .executeTakeFirstOrThrow();
    expect(isSealed(row.smart_client_secret!)).toBe(true);
    expect(row.smart_client_secret).not.toContain('continuum-client-secret-for-tests');
    expect(secretBox(t.config).open(row.smart_client_secret!, clientSecretBinding(connection.id))).toBe(
      'continuum-client-secret-for-tests',
    );
    const start = await t.app.inject({ method: 'GET', url: `/launch?iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&launch=x` });
    expect(start.statusCode).toBe(302);
    const latest = await t.db.selectFrom('smart_launches').select('code_verifier').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(isSealed(latest.code_verifier)).toBe(true);
  });

  it('seals a secret stored as plaintext before sealing, once, and the launch still works', async () => {
    await t.db
      .updateTable('ehr_connections')
      .set({ smart_client_secret: 'continuum-client-secret-for-tests' })
      .where('id', '=', connection.id)
      .execute();
    expect(await sealStoredEhrSecrets(t.db, secretBox(t.config))).toBe(1);
    expect(await sealStoredEhrSecrets(t.db, secretBox(t.config))).toBe(0);
    patientInContext = 'pat-1';
    const { done } = await launch(`iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&launch=x`);
    expect(done.headers.location).toBe(`/people/${personId}`);
  });

  it('says plainly when the stored secret was sealed with another key', async () => {
    const row = await t.db
      .selectFrom('ehr_connections')
      .select('smart_client_secret')
      .where('id', '=', connection.id)
      .executeTakeFirstOrThrow();
    const otherKey = secretBoxFromKey(randomBytes(32));
    await t.db
      .updateTable('ehr_connections')
      .set({ smart_client_secret: otherKey.seal('continuum-client-secret-for-tests', clientSecretBinding(connection.id)) })
      .where('id', '=', connection.id)
      .execute();
    try {
      const res = await t.app.inject({ method: 'GET', url: `/launch?iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&launch=x` });
      expect(res.statusCode).toBe(500);
      expect(res.body).toContain('cannot read this EHR connection&#39;s stored client secret');
      expect(res.body).toContain(`sealed with key ${otherKey.keyId}, but this server&#39;s key is ${secretBox(t.config).keyId}`);
    } finally {
      await t.db
        .updateTable('ehr_connections')
        .set({ smart_client_secret: row.smart_client_secret })
        .where('id', '=', connection.id)
        .execute();
    }
  });

  it('lands on the referral composer for the person', async () => {
    patientInContext = 'pat-1';
    const { done } = await launch(`iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&launch=x&target=referral`);
    expect(done.headers.location).toBe(`/referrals/new?personId=${personId}`);
  });

  it('refuses an EHR user not linked to a Continuum user with a clear page, and opens no session', async () => {
    ehrUser = 'Practitioner/prac-unlinked';
    try {
      const sessionsBefore = await t.db.selectFrom('sessions').select('id').execute();
      const { done } = await launch(`iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&launch=x`);
      expect(done.statusCode).toBe(403);
      expect(done.headers['content-type']).toContain('text/html');
      expect(done.body).toContain('not linked to a Continuum account');
      expect(sessionCookie(done)).toBeUndefined();
      expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(sessionsBefore.length);
    } finally {
      ehrUser = 'Practitioner/prac-1';
    }
  });

  it('refuses a callback used twice', async () => {
    patientInContext = 'pat-1';
    const { callback, done } = await launch(`iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&launch=x`);
    expect(done.statusCode).toBe(302);
    const again = await t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` });
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain('already used');
  });

  it('refuses an EHR that is not registered', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/launch?iss=${encodeURIComponent('https://unknown-ehr.example/fhir')}&launch=x`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('not registered');
  });
});
