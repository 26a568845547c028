import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations } from './axe.ts';
import { demoAdmin, launchChromium, screenshot } from './browser.ts';

/*
 * A clinician opens Continuum from the EHR (SMART App Launch 2.x). The EHR is played by a real
 * OpenID Connect provider (oidc-provider) with a small FHIR Patient endpoint that accepts only the
 * access tokens it issued, on this machine; the clinician is already signed in at the EHR as
 * "Practitioner/e2e-clinician", which a network administrator linked to the demo ED clinician.
 *
 * - EHR launch for a patient the network knows (by the EHR's MRN): the person page opens with them.
 * - Standalone launch (PKCE S256, no bare `launch` scope) for a patient the network does not know:
 *   the registration form opens filled from the EHR's Patient resource; nothing is registered until
 *   the clinician checks for duplicates and confirms; the next launch for that patient opens their page.
 */
const baseUrl = inject('baseUrl');
const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
const CLIENT_SECRET = 'e2e-continuum-client-secret';
const EHR_USER = 'Practitioner/e2e-clinician';
/** Unique per run, so a rerun against the same server starts from a patient it does not know. */
const run = Date.now().toString(36);
const knownMrn = `E2E-KNOWN-${run}`;
const newMrn = `E2E-NEW-${run}`;

let browser: Browser;
let ehr: Server;
let ehrUrl: string;
let provider: Provider;
let patientInContext = 'known';
let knownPersonId = '';

const patients: Record<string, () => unknown> = {
  known: () => ({ resourceType: 'Patient', id: 'known', identifier: [{ type: MR, value: knownMrn }] }),
  new: () => ({
    resourceType: 'Patient',
    id: 'new',
    identifier: [
      { type: MR, value: newMrn },
      { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-00-1234' },
    ],
    name: [{ use: 'official', family: 'Nakamura', given: ['Rei'] }],
    gender: 'female',
    birthDate: '1991-04-22',
    telecom: [{ system: 'phone', use: 'mobile', value: '(555) 410-2288' }],
    address: [{ use: 'home', line: ['48 Cannery Row'], city: 'Bayside', postalCode: '94010' }],
  }),
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
    const body = token ? patients[patient[1]!]?.() : undefined;
    res.writeHead(body ? 200 : token ? 404 : 401, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(body ?? { resourceType: 'OperationOutcome' }));
    return;
  }
  if (url.pathname.startsWith('/interaction/')) {
    // The clinician is signed in at the EHR: grant what the app asked for.
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: EHR_USER, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    grant.addOIDCClaims(['fhirUser']);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: EHR_USER }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  provider.callback()(req, res);
}

async function signedInContext(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return { context, page };
}

/** JSON over the page's session (cookie + CSRF header), failing loudly on any error status. */
async function api<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': session.csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  browser = await launchChromium();
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
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${baseUrl}/launch/callback`],
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
    cookies: { keys: ['e2e-oidc-cookie-key'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, fhirUser: sub }) }),
  });
  // SMART: the token response names the patient in context.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.path === '/token' && ctx.status === 200 && body?.access_token) ctx.body = { ...body, patient: patientInContext };
  });

  // The ED clinician's organization connects its EHR; an administrator links the EHR user to the clinician.
  const clinician = await signedInContext('clinician@demo.continuum.example');
  const session = await api<{ user: { id: string }; activeOrganizationId: string }>(clinician.page, 'GET', '/api/auth/session');
  knownPersonId = (
    await api<{ id: string }>(clinician.page, 'POST', '/api/people', {
      givenName: 'Ines',
      familyName: `Whitfield${run.replace(/[0-9]/g, '')}`,
      birthDate: '1987-08-09',
      sex: 'female',
      identifier: { kind: 'mrn', value: knownMrn },
      confirmNoDuplicate: true,
    })
  ).id;
  await clinician.context.close();
  const admin = await signedInContext(demoAdmin.email);
  const connection = await api<{ id: string }>(admin.page, 'POST', '/api/admin/ehr-connections', {
    name: `Bayside ED EHR ${run}`,
    organizationId: session.activeOrganizationId,
    smart: { fhirBaseUrl: `${ehrUrl}/fhir`, clientId: 'continuum', clientSecret: CLIENT_SECRET },
  });
  await api(admin.page, 'POST', `/api/admin/ehr-connections/${connection.id}/users`, { fhirUser: EHR_USER, userId: session.user.id });
  await admin.context.close();
});
afterAll(async () => {
  await browser?.close();
  ehr?.closeAllConnections();
  await new Promise<void>((resolve) => (ehr ? ehr.close(() => resolve()) : resolve()));
});

/** Opens Continuum from the EHR in a fresh browser (no Continuum session yet) and returns the authorization request it made. */
async function launchFromEhr(query: string): Promise<{ page: Page; authorize: URL }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: baseUrl });
  const page = await context.newPage();
  let authorize: URL | null = null;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === ehrUrl && url.pathname === '/auth') authorize ??= url;
  });
  await page.goto(`/launch?iss=${encodeURIComponent(`${ehrUrl}/fhir`)}&${query}`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  expect(authorize).not.toBeNull();
  return { page, authorize: authorize! };
}

describe('SMART launch from the EHR', () => {
  it('EHR launch for a patient the network knows opens their person page, signed in as the linked clinician', async () => {
    patientInContext = 'known';
    const { page, authorize } = await launchFromEhr('launch=e2e-launch-1');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('launch')).toBe('e2e-launch-1');
    expect(authorize.searchParams.get('scope')).toContain('launch/patient');
    await page.waitForURL(`**/people/${knownPersonId}`);
    await page.getByRole('heading', { level: 1, name: /^Ines Whitfield/ }).waitFor();
    const session = await api<{ user: { email: string } }>(page, 'GET', '/api/auth/session');
    expect(session.user.email).toBe('clinician@demo.continuum.example');
    await screenshot(page, 'smart-launch-known-patient');
    await page.context().close();
  });

  it('standalone launch for a patient the network does not know offers registration filled from the EHR, saving nothing until confirmed', async () => {
    patientInContext = 'new';
    const { page, authorize } = await launchFromEhr('target=person');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.has('launch')).toBe(false);
    expect(authorize.searchParams.get('scope')!.split(' ')).not.toContain('launch');

    await page.waitForURL(/\/people\/new\?from=ehr-launch&launch=/);
    await page.getByText('The form starts from the details').waitFor();
    const form = page.getByRole('form', { name: 'Register a person' });
    expect(await form.getByLabel('First name', { exact: true }).inputValue()).toBe('Rei');
    expect(await form.getByLabel('Last name', { exact: true }).inputValue()).toBe('Nakamura');
    expect(await form.getByLabel('Date of birth', { exact: true }).inputValue()).toBe('1991-04-22');
    expect(await form.getByLabel('Sex', { exact: true }).inputValue()).toBe('female');
    expect(await form.getByLabel('Identifier type', { exact: true }).inputValue()).toBe('mrn');
    expect(await form.getByLabel(/Your organization’s identifier/).inputValue()).toBe(newMrn);
    expect(await form.getByLabel(/^Phone/).inputValue()).toBe('(555) 410-2288');
    expect(await form.getByLabel(/^Street address/).inputValue()).toBe('48 Cannery Row');
    await screenshot(page, 'smart-launch-register-prefilled');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Nothing registered yet: the EHR's MRN finds nobody.
    const before = await api<{ items: unknown[] }>(page, 'GET', `/api/people?q=${encodeURIComponent(newMrn)}`);
    expect(before.items).toHaveLength(0);

    await form.getByRole('button', { name: 'Check for existing records' }).click();
    await page.getByRole('button', { name: /Register this person|None of these — register a new person/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Rei Nakamura' }).waitFor();
    await page.getByText('Rei Nakamura is registered.').waitFor();
    const registeredId = /\/people\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.context().close();

    // The next launch for the same EHR patient finds them by the MRN registered from the EHR.
    const again = await launchFromEhr('launch=e2e-launch-2');
    await again.page.waitForURL(`**/people/${registeredId}`);
    await again.page.getByRole('heading', { level: 1, name: 'Rei Nakamura' }).waitFor();
    await again.page.context().close();
  });
});
