import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';
import { addDays } from '@continuum/contracts';

/*
 * An EMS clinician records an overdose for a person known to the network; the person's navigator
 * sees the post-overdose outreach task on the worklist (and in the inbox); the emergency
 * department clinician who prescribed the person an opioid sees "An overdose involving a person in
 * your care was reported" in the inbox and, behind the link, the event with the person.
 */
const baseUrl = inject('baseUrl');
const runId = Date.now().toString(36);
const familyName = `Wrenfield${runId.replace(/[0-9]/g, '')}`;
const emsEmail = `paramedic-${runId}@ems.example.org`;
const emsPassword = `Station-${runId}-naloxone-kit`;

let browser: Browser;
let admin: Page;
let ems: Page;
let navigator: Page;
let clinician: Page;
let navigatorId = '';
let clinicianId = '';
let peerOrganizationId = '';
let edOrganizationId = '';
let emsOrganizationId = '';
let personId = '';
let eventPath = '';

async function signInAs(page: Page, email: string, password = demoAdmin.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

interface SessionInfo {
  user: { id: string };
  csrfToken: string;
  memberships: { organizationId: string; organizationName: string; organizationType: string }[];
}

async function session(page: Page): Promise<SessionInfo> {
  const res = await page.request.get('/api/auth/session');
  expect(res.status()).toBe(200);
  return (await res.json()) as SessionInfo;
}

/** A JSON call with the page's session cookie and CSRF token (setting up what the journey needs). */
async function api(page: Page, method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const { csrfToken } = await session(page);
  const res = await page.request.fetch(url, {
    method,
    headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    ...(body ? { data: JSON.stringify(body) } : {}),
  });
  return { status: res.status(), json: await res.json().catch(() => null) };
}

beforeAll(async () => {
  browser = await launchChromium();
  admin = await openPage(browser, baseUrl);
  ems = await openPage(browser, baseUrl);
  navigator = await openPage(browser, baseUrl);
  clinician = await openPage(browser, baseUrl);
  await signInAs(admin, demoAdmin.email);
  const orgs = (await api(admin, 'GET', '/api/organizations?type=ems')).json as { items: { id: string; name: string }[] };
  const emsOrg = orgs.items.find((o) => o.name === 'Harbor County Fire & EMS') ?? orgs.items[0]!;
  emsOrganizationId = emsOrg.id;
  const created = await api(admin, 'POST', '/api/admin/users', {
    email: emsEmail,
    displayName: 'Dev Anand',
    password: emsPassword,
    organizationId: emsOrg.id,
    roles: ['clinician'],
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);

  await signInAs(navigator, 'navigator@demo.continuum.example');
  const nav = await session(navigator);
  navigatorId = nav.user.id;
  peerOrganizationId = nav.memberships.find((m) => m.organizationType === 'peer_recovery')!.organizationId;
  await signInAs(clinician, 'clinician@demo.continuum.example');
  const cli = await session(clinician);
  clinicianId = cli.user.id;
  edOrganizationId = cli.memberships.find((m) => m.organizationType === 'emergency_department')!.organizationId;

  // EMS knows the person (registered at an earlier call); the peer navigator and the ED are on the care team.
  await signInAs(ems, emsEmail, emsPassword);
  const person = await api(ems, 'POST', '/api/people', {
    givenName: 'Casey',
    familyName,
    birthDate: '1987-09-02',
    sex: 'female',
    confirmNoDuplicate: true,
  });
  expect(person.status, JSON.stringify(person.json)).toBe(201);
  personId = (person.json as { id: string }).id;
  // Links EMS adds for other organizations wait for approval by an EMS privacy officer (docs/privacy.md, "Care-team links").
  const privacyEmail = `privacy-${runId}@ems.example.org`;
  const privacyCreated = await api(admin, 'POST', '/api/admin/users', {
    email: privacyEmail,
    displayName: 'Rae Okonjo',
    password: emsPassword,
    organizationId: emsOrganizationId,
    roles: ['privacy_officer'],
  });
  expect(privacyCreated.status, JSON.stringify(privacyCreated.json)).toBe(201);
  const emsPrivacy = await openPage(browser, baseUrl);
  await signInAs(emsPrivacy, privacyEmail, emsPassword);
  for (const member of [
    { organizationId: peerOrganizationId, userId: navigatorId, role: 'peer_support' },
    { organizationId: edOrganizationId, userId: clinicianId, role: 'emergency_department' },
  ]) {
    const added = await api(ems, 'POST', `/api/people/${personId}/care-team`, member);
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    const approved = await api(emsPrivacy, 'POST', `/api/people/${personId}/care-team/${(added.json as { id: string }).id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
  }
  await emsPrivacy.close();
  // The ED clinician prescribed an opioid two months ago (an import from the ED's system).
  const dispense = await api(clinician, 'POST', '/api/care-events', {
    items: [
      {
        person: { personId },
        event: {
          type: 'opioid_dispense',
          occurredAt: addDays(Date.now(), -60).toISOString(),
          data: { drugName: 'oxycodone 5 mg tablet', quantity: 12, daysSupply: 3, prescriberUserId: clinicianId },
        },
      },
    ],
  });
  expect(dispense.status, JSON.stringify(dispense.json)).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

describe('overdose response', () => {
  it('EMS records an overdose for the known person in a few steps', async () => {
    await ems.goto('/overdose-response/record');
    await ems.getByRole('heading', { level: 1, name: 'Record an overdose' }).waitFor();
    const area = ems.getByLabel('Area', { exact: true });
    await area.locator('option:nth-child(2)').waitFor({ state: 'attached' });
    await area.selectOption({ index: 1 });
    await ems.getByRole('checkbox', { name: 'Fentanyl' }).check();
    await ems.getByLabel('Find the person').fill(familyName);
    await ems.getByRole('button', { name: 'Search', exact: true }).click();
    await ems.getByRole('button', { name: `Select Casey ${familyName}` }).click();
    await screenshot(ems, 'overdose-record');
    await ems.getByRole('button', { name: 'Record overdose' }).click();
    await ems.getByText('Overdose recorded').waitFor();
    const notice = await ems.getByRole('status').filter({ hasText: 'Overdose recorded' }).textContent();
    expect(notice).toContain('linked providers were notified');
    expect(notice).toContain('A post-overdose outreach task was created');
    eventPath = new URL(ems.url()).pathname;
    expect(eventPath).toMatch(/^\/overdose-response\/events\/[0-9a-f-]{36}$/);
    expect(await ems.getByText(`Casey ${familyName}`).count()).toBeGreaterThan(0);
  });

  it("the navigator's worklist shows the post-overdose outreach task", async () => {
    // The task belongs to the peer recovery team: work in that organization.
    expect((await api(navigator, 'POST', '/api/auth/organization', { organizationId: peerOrganizationId })).status).toBe(200);
    await navigator.goto(`/worklist?scope=mine&kind=post_overdose&personId=${personId}`);
    await navigator.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    const row = navigator.getByRole('row').filter({ has: navigator.getByRole('link', { name: `Casey ${familyName}` }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Post-overdose outreach');
    await screenshot(navigator, 'overdose-worklist');
    await navigator.goto('/inbox');
    await navigator.getByText('New outreach task: Post-overdose outreach').first().waitFor();
    await navigator.getByText('An overdose involving a person in your care was reported').first().waitFor();
    // The task page's nearby-services lookup for the event's area.
    const nearby = await api(navigator, 'GET', `/api/overdose/events/${eventPath.split('/').at(-1)}/nearby-services`);
    expect(nearby.status).toBe(200);
    expect((nearby.json as { items: { category: string }[] }).items.length).toBeGreaterThan(0);
  });

  it('the prescriber sees the notification and, behind its link, the event with the person', async () => {
    await clinician.goto('/inbox');
    const item = clinician.getByRole('listitem').filter({ hasText: 'An overdose involving a person in your care was reported' }).first();
    await item.waitFor();
    expect(await item.textContent()).not.toContain(familyName);
    await screenshot(clinician, 'overdose-prescriber-inbox');
    await item.getByRole('link', { name: 'Open' }).click();
    await clinician.getByRole('heading', { level: 1, name: 'Overdose' }).waitFor();
    await clinician.getByRole('link', { name: new RegExp(`Casey ${familyName}`) }).waitFor();
    expect(new URL(clinician.url()).pathname).toBe(eventPath);
  });

  it('the map shows counts by area with a time series', async () => {
    await clinician.goto('/overdose-response?days=30');
    // The map itself (MapLibre, or SVG without WebGL) is walked in overdose-map-journey; here an area is
    // chosen from the counts table, the accessible equivalent that every browser has.
    const table = clinician.getByRole('table', { name: 'Counts by area' });
    await table.waitFor();
    await table.getByRole('button').first().click();
    await clinician.getByRole('img', { name: /Daily overdoses in/ }).waitFor();
    await screenshot(clinician, 'overdose-map');
  });
});
