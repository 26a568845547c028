import fs from 'node:fs';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { injectAxe } from './axe.ts';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';
import { portalBundle } from './portal-bundle.ts';

/*
 * A person's own portal on a small phone (360×740): a care navigator invites them; they sign in with
 * the code from the development mailbox, read their consents and stop one, see who saw their record
 * and download it as CSV, press "I need help today", and switch to Spanish. axe-core finds no WCAG 2.2
 * A/AA violation on any portal page. (Staff invite through the API: the staff page's button is not built.)
 */
const baseUrl = inject('baseUrl');
const runId = Date.now().toString(36);
const address = `portal-${runId}@example.org`;
const phone = { width: 360, height: 740 };

let browser: Browser;
let navigator: Page;
let admin: Page;
let person: Page;
let personId = '';
let givenName = '';
const loadedScripts = new Set<string>();

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** JSON over a staff page's session (cookie + CSRF header), failing loudly on any error status. */
async function api<T = unknown>(request: APIRequestContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const session = (await (await request.get('/api/auth/session')).json()) as { csrfToken: string };
  const response = await request.fetch(path, {
    method,
    headers: { 'x-csrf-token': session.csrfToken },
    ...(body === undefined ? {} : { data: body }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** WCAG 2.0, 2.1 and 2.2 A/AA violations axe-core finds on the page, as "rule: selector" lines. */
async function wcag22Violations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  });
}

/** The page fits the phone: nothing wider than the screen (WCAG 1.4.10 reflow). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function expectAccessiblePhonePage(page: Page, name: string) {
  expect(await wcag22Violations(page), name).toEqual([]);
  expect(await overflow(page), name).toBeLessThanOrEqual(0);
  await screenshot(page, `portal-${name}`);
}

/** Help now, on every portal page: 988, 911, the locator and naloxone. */
async function expectHelpNow(page: Page, title = 'Help now') {
  const help = page.getByRole('complementary', { name: title });
  await expect(help.getByRole('link', { name: '988' }).getAttribute('href')).resolves.toBe('tel:988');
  await expect(help.getByRole('link', { name: '911' }).getAttribute('href')).resolves.toBe('tel:911');
  expect(await help.getByRole('link').count()).toBe(4);
}

type Mail = { to: string; subject: string; text: string };

/**
 * Waits for a message to the person's address: email is delivered by the job queue after the
 * request answers, behind whatever the demo community queued, so the mailbox is polled (up to 60 s).
 */
async function waitForMail(matches: (mail: Mail) => boolean, what: string): Promise<Mail> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const mailbox = await api<{ items: Mail[] }>(admin.request, 'GET', '/api/dev/mailbox');
    const mail = mailbox.items.find((m) => m.to === address && matches(m));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`No ${what} arrived in the development mailbox.`);
}

async function latestCode(): Promise<string> {
  const mail = await waitForMail((m) => /\b\d{6}\b/.test(m.text), 'sign-in code');
  return /\b(\d{6})\b/.exec(mail.text)![1]!;
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

beforeAll(async () => {
  browser = await launchChromium();
  navigator = await openPage(browser, baseUrl);
  admin = await openPage(browser, baseUrl);
  await signInAs(navigator, 'navigator@demo.continuum.example');
  await signInAs(admin, demoAdmin.email);
  // A person the navigator's organization holds, with at least two consents in force (one to stop).
  const people = await api<{ items: { id: string; givenName: string }[] }>(navigator.request, 'GET', '/api/people?limit=100');
  for (const candidate of people.items) {
    const consents = await api<{ items: { status: string }[] }>(navigator.request, 'GET', `/api/people/${candidate.id}/consents`);
    if (consents.items.filter((c) => c.status === 'signed').length < 2) continue;
    personId = candidate.id;
    givenName = candidate.givenName;
    break;
  }
  expect(personId).not.toBe('');
  person = await openPage(browser, baseUrl, phone);
  person.on('response', (response) => {
    if (response.url().endsWith('.js')) loadedScripts.add(new URL(response.url()).pathname.slice(1));
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('portal journey on a small phone', () => {
  it('a care navigator invites the person; the invitation arrives in the mailbox', async () => {
    const invited = await api<{ personId: string }>(navigator.request, 'POST', `/api/people/${personId}/portal-invitation`, {
      channel: 'email',
      address,
      language: 'en',
    });
    expect(invited.personId).toBe(personId);
    const invitation = await waitForMail((m) => m.subject === 'Your Continuum page', 'invitation');
    expect(invitation.text).toContain('/portal');
  });

  it('signs in with the code from the mailbox, on a page that fits the phone and passes axe', async () => {
    await person.goto('/portal?lang=en');
    await heading(person, 'Sign in to your page').waitFor();
    await expectHelpNow(person);
    await expectAccessiblePhonePage(person, 'sign-in');
    await person.getByLabel('Email or phone number').fill(address);
    await person.getByRole('button', { name: 'Send me a code' }).click();
    await person.getByLabel('Code (6 numbers)').waitFor();
    await expectAccessiblePhonePage(person, 'sign-in-code');
    await person.getByLabel('Code (6 numbers)').fill(await latestCode());
    await person.getByRole('button', { name: 'Sign in' }).click();
    await heading(person, `Hello, ${givenName}`).waitFor();
    await expectHelpNow(person);
    await expectAccessiblePhonePage(person, 'home');
  });

  it('loads only the portal’s chunks, none of the staff areas', () => {
    const allowed = portalBundle().files;
    expect([...loadedScripts].filter((file) => !allowed.has(file))).toEqual([]);
    expect([...loadedScripts].some((file) => file.includes('portal-routes'))).toBe(true);
  });

  it('reads the consents and stops one; staff see it stopped', async () => {
    await person.getByRole('navigation', { name: 'My page' }).getByRole('link', { name: 'My consents' }).click();
    await heading(person, 'My consents').waitFor();
    const stopButtons = person.getByRole('button', { name: 'Stop sharing' });
    await stopButtons.first().waitFor();
    const before = await stopButtons.count();
    await expectHelpNow(person);
    await expectAccessiblePhonePage(person, 'consents');
    await stopButtons.first().click();
    await person.getByText('Stop this consent now?').waitFor();
    await expectAccessiblePhonePage(person, 'consents-confirm');
    await person.getByRole('button', { name: 'Yes, stop it' }).click();
    await person.getByText('Done. This consent is stopped.').waitFor();
    expect(await stopButtons.count()).toBe(before - 1);
    await expectAccessiblePhonePage(person, 'consents-stopped');

    await person.reload();
    await heading(person, 'My consents').waitFor();
    await person.getByText('Stopped').first().waitFor();
    const staffView = await api<{ items: { status: string }[] }>(navigator.request, 'GET', `/api/people/${personId}/consents`);
    expect(staffView.items.filter((c) => c.status === 'revoked').length).toBeGreaterThanOrEqual(1);
  });

  it('sees who saw the record and downloads it as CSV', async () => {
    // The navigator reads the person's record: a read the accounting may list.
    await navigator.request.get(`/api/people/${personId}`);
    await person.getByRole('navigation', { name: 'My page' }).getByRole('link', { name: 'Who saw my record' }).click();
    await heading(person, 'Who saw my record').waitFor();
    await person.getByRole('link', { name: 'Download this list (CSV file)' }).waitFor();
    await expectHelpNow(person);
    await expectAccessiblePhonePage(person, 'who-saw-my-record');
    const [download] = await Promise.all([
      person.waitForEvent('download'),
      person.getByRole('link', { name: 'Download this list (CSV file)' }).click(),
    ]);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    const lines = csv.split(/\r?\n/).filter((line) => line.length > 0);
    expect(lines[0]).toBe('date,who saw it,from,what,why,emergency');
    // One row per entry the page lists.
    expect(lines.length - 1).toBe(await person.getByRole('main').getByRole('listitem').count());
  });

  it('"I need help today" reaches the care team', async () => {
    await person.getByRole('button', { name: 'I need help today' }).click();
    await person.getByText(/Someone will reach out to you today/).waitFor();
    await expectAccessiblePhonePage(person, 'help-today');
  });

  it('reads every page in Spanish, still passing axe', async () => {
    await person.getByRole('button', { name: 'Ver en español' }).click();
    await person.getByRole('complementary', { name: 'Ayuda ahora' }).waitFor();
    expect(await person.evaluate(() => document.documentElement.lang)).toBe('es');
    await person.getByRole('navigation', { name: 'Mi página' }).getByRole('link', { name: 'Inicio' }).click();
    await heading(person, `Hola, ${givenName}`).waitFor();
    await expectHelpNow(person, 'Ayuda ahora');
    await expectAccessiblePhonePage(person, 'es-home');
    await person.getByRole('navigation', { name: 'Mi página' }).getByRole('link', { name: 'Mis permisos' }).click();
    await heading(person, 'Mis permisos').waitFor();
    await person.getByText('Detenido').first().waitFor();
    await expectAccessiblePhonePage(person, 'es-consents');
    await person.getByRole('navigation', { name: 'Mi página' }).getByRole('link', { name: 'Quién vio mi expediente' }).click();
    await heading(person, 'Quién vio mi expediente').waitFor();
    await expectAccessiblePhonePage(person, 'es-who-saw-my-record');
  });

  it('signs out on all devices and is back at sign-in', async () => {
    await person.getByRole('button', { name: 'Salir en todos mis aparatos' }).click();
    await heading(person, 'Entrar a su página').waitFor();
    const session = await person.request.get('/api/portal/auth/session');
    expect(session.status()).toBe(204);
  });
});
