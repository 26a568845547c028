import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';
import { addDays } from '@continuum/contracts';
import { injectAxe } from './axe.ts';

/*
 * A care navigator registers a person, links the partner's recovery housing to the care team, adds
 * a note and captures a consent naming the partner; the partner sees the note with the 42 CFR 2.32
 * notice; the person revokes; the partner sees "Restricted — consent needed" instead of the note.
 */
const baseUrl = inject('baseUrl');
const runId = Date.now().toString(36);
const givenName = 'Avery';
const familyName = `Quill${runId.replace(/[0-9]/g, '')}`;
const fullName = `${givenName} ${familyName}`;
const noteTitle = `Met at the recovery center ${runId}`;
const navigatorEmail = 'navigator@demo.continuum.example';
const partnerEmail = 'partner@demo.continuum.example';

let browser: Browser;
let navigator: Page;
let partner: Page;
let partnerOrganization = '';
let personPath = '';
let consentPath = '';

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** WCAG 2 A/AA violations axe-core finds on the page, as "rule: selector" lines. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  });
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function fillRegistration(page: Page): Promise<void> {
  await page.getByLabel('First name', { exact: true }).fill(givenName);
  await page.getByLabel('Last name', { exact: true }).fill(familyName);
  await page.getByLabel('Date of birth').fill('1991-07-23');
  await page.getByRole('button', { name: 'Check for existing records' }).click();
}

beforeAll(async () => {
  browser = await launchChromium();
  navigator = await openPage(browser, baseUrl);
  partner = await openPage(browser, baseUrl);
  await signInAs(partner, partnerEmail);
  partnerOrganization = ((await partner.locator('.header-organization').textContent()) ?? '').trim();
  await signInAs(navigator, navigatorEmail);
  // The navigator also works for the health department; this journey is the peer recovery organization's.
  const switcher = navigator.getByLabel('Organization', { exact: true });
  const peerOrganization = (await switcher.locator('option').allTextContents()).find((name) => /peer recovery/i.test(name));
  if (peerOrganization && (await switcher.locator('option:checked').textContent()) !== peerOrganization) {
    await switcher.selectOption({ label: peerOrganization });
    await navigator.getByRole('heading', { name: `You are working in ${peerOrganization}` }).waitFor();
  }
});

afterAll(async () => {
  await browser?.close();
});

describe('consent journey: a navigator shares with consent, the person revokes', () => {
  it('registers a person after the duplicate check, which then finds them on a second attempt', async () => {
    expect(partnerOrganization).not.toBe('');
    await navigator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await heading(navigator, 'People').waitFor();
    await navigator.getByRole('link', { name: 'Register a person' }).click();
    await heading(navigator, 'Register a person').waitFor();
    await fillRegistration(navigator);
    await navigator.getByRole('heading', { name: 'No likely duplicates' }).waitFor();
    expect(await accessibilityViolations(navigator)).toEqual([]);
    await navigator.getByRole('button', { name: 'Register this person' }).click();
    await heading(navigator, fullName).waitFor();
    personPath = new URL(navigator.url()).pathname;
    expect(personPath).toMatch(/^\/people\/[0-9a-f-]{36}$/);

    await navigator.goto('/people/new');
    await fillRegistration(navigator);
    const candidates = navigator.getByRole('region', { name: 'People who may be the same person' });
    await candidates.waitFor();
    const row = candidates.getByRole('row').filter({ has: navigator.getByRole('link', { name: fullName }) });
    expect(await row.textContent()).toContain('Same date of birth');
    await screenshot(navigator, 'consent-duplicate-check');
    await row.getByRole('link', { name: fullName }).click();
    await heading(navigator, fullName).waitFor();
    expect(new URL(navigator.url()).pathname).toBe(personPath);
  });

  it('adds the partner organization to the care team and a note to the timeline', async () => {
    await navigator.getByRole('button', { name: 'Add to care team' }).click();
    await navigator.getByLabel('Find an organization by name').fill(partnerOrganization.split(' ').slice(0, 2).join(' '));
    await navigator.getByRole('button', { name: 'Find', exact: true }).click();
    await navigator.getByText(/found; choose one below/).waitFor();
    await navigator.getByLabel('Organization to link').selectOption({ label: partnerOrganization });
    await navigator.getByLabel('Role in the person’s care').selectOption({ label: 'Recovery housing' });
    await navigator.getByRole('form', { name: 'Add to care team' }).getByRole('button', { name: 'Add to care team' }).click();
    await navigator.getByText('Added to the care team.').waitFor();
    await navigator.getByRole('rowheader', { name: partnerOrganization }).waitFor();

    await navigator.getByRole('button', { name: 'Add an entry' }).click();
    await navigator.getByLabel('Title').fill(noteTitle);
    await navigator.getByRole('textbox', { name: /^Details/ }).fill('Looking for a recovery residence that welcomes buprenorphine.');
    await navigator.getByRole('button', { name: 'Save entry' }).click();
    await navigator.getByText('Added to the timeline.').waitFor();
    await navigator.getByRole('list', { name: 'Timeline entries' }).getByText(noteTitle).waitFor();
  });

  it('captures a consent naming the partner, signed with a drawn signature, and prints it', async () => {
    await navigator.getByRole('link', { name: 'New consent' }).click();
    await heading(navigator, 'New consent').waitFor();
    await navigator.getByRole('group', { name: 'Organizations that may receive the information' }).getByLabel(partnerOrganization).check();
    await navigator.getByRole('group', { name: 'What information' }).getByLabel('Care notes').check();
    await navigator.getByLabel('The information, in the person’s words').fill('My care notes from the peer recovery team.');
    const nextYear = addDays(Date.now(), 365).toISOString().slice(0, 10);
    await navigator.getByLabel('End date').fill(nextYear);
    await screenshot(navigator, 'consent-form');
    expect(await accessibilityViolations(navigator)).toEqual([]);
    await navigator.getByRole('button', { name: 'Save draft and continue to signing' }).click();
    await heading(navigator, `Consent of ${fullName}`).waitFor();
    consentPath = new URL(navigator.url()).pathname;

    const pad = navigator.getByRole('img', { name: 'Signature' });
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('The signature pad is not visible');
    await navigator.mouse.move(box.x + 40, box.y + box.height * 0.6);
    await navigator.mouse.down();
    for (const [dx, dy] of [
      [80, -30],
      [140, 20],
      [200, -25],
      [260, 15],
      [330, -10],
    ] as const) {
      await navigator.mouse.move(box.x + dx, box.y + box.height * 0.5 + dy, { steps: 4 });
    }
    await navigator.mouse.up();
    await navigator.getByText('Signature drawn.').waitFor();
    expect(await accessibilityViolations(navigator)).toEqual([]);
    await navigator.getByLabel(/The person read this form/).check();
    await navigator.getByRole('button', { name: 'Sign consent' }).click();
    await navigator.getByText('Consent signed. Print a copy for the person.').waitFor();
    const signature = navigator.getByRole('article').getByRole('img', { name: `Signed by ${fullName}` });
    expect(await signature.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    await navigator.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await navigator.getByRole('button', { name: 'Print form' }).click();
    expect(await navigator.locator('body').getAttribute('data-printed')).toBe('yes');
    await navigator.emulateMedia({ media: 'print' });
    expect(await navigator.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await navigator.getByRole('heading', { name: '7. My right to revoke (cancel) this consent' }).isVisible()).toBe(true);
    await screenshot(navigator, 'consent-printed');
    await navigator.emulateMedia({ media: 'screen' });
  });

  it('shows the partner the note with the redisclosure notice', async () => {
    await partner.goto(`/people?q=${encodeURIComponent(familyName)}`);
    await partner.getByRole('link', { name: fullName }).click();
    await heading(partner, fullName).waitFor();
    await partner.getByRole('list', { name: 'Timeline entries' }).getByText(noteTitle).waitFor();
    const notice = partner.getByText('Protected by 42 CFR Part 2 — do not share further');
    expect(await notice.isVisible()).toBe(true);
    expect(
      await partner.getByText(/This record which has been disclosed to you is protected by Federal confidentiality rules/).isVisible(),
    ).toBe(true);
    await screenshot(partner, 'consent-partner-sees-note');
    expect(await accessibilityViolations(partner)).toEqual([]);
  });

  it('revokes the consent; the partner then sees "Restricted — consent needed" instead of the note', async () => {
    await navigator.goto(consentPath);
    await navigator.getByRole('button', { name: 'Revoke consent' }).click();
    await navigator.getByLabel('How the person revoked').selectOption({ label: 'In writing' });
    await navigator.getByRole('form', { name: 'Revoke consent' }).getByRole('button', { name: 'Revoke consent' }).click();
    await navigator.getByText('Consent revoked. Nothing more is shared under it.').waitFor();

    await partner.goto(personPath);
    await heading(partner, fullName).waitFor();
    const restricted = partner.getByRole('list', { name: 'Restricted information' });
    await restricted.waitFor();
    const text = (await restricted.textContent()) ?? '';
    expect(text).toContain('Restricted — consent needed');
    expect(text).toContain('Care notes');
    expect(await partner.getByText(noteTitle).count()).toBe(0);
    expect(await partner.getByText('Protected by 42 CFR Part 2 — do not share further').count()).toBe(0);
    await screenshot(partner, 'consent-partner-restricted');
    expect(await accessibilityViolations(partner)).toEqual([]);
  });

  it('lets an emergency department clinician open the record in an emergency, with the expiry shown', async () => {
    const clinician = await openPage(browser, baseUrl);
    await signInAs(clinician, 'clinician@demo.continuum.example');
    await clinician.goto(personPath);
    await heading(clinician, 'Person not found').waitFor();
    await clinician.getByRole('button', { name: 'Emergency access' }).click();
    await clinician.getByLabel('Reason for emergency access').fill('Brought in by EMS after an overdose, unresponsive');
    await clinician.getByLabel(/I confirm this is a medical emergency/).check();
    await clinician.getByRole('button', { name: 'Start emergency access' }).click();
    await heading(clinician, fullName).waitFor();
    await clinician.getByText(/^Emergency access until /).waitFor();
    await clinician.getByRole('list', { name: 'Timeline entries' }).getByText(noteTitle).waitFor();
    await screenshot(clinician, 'consent-emergency-access');
    expect(await accessibilityViolations(clinician)).toEqual([]);
  });

  it('stays usable on a 375 px phone', async () => {
    await partner.setViewportSize({ width: 375, height: 812 });
    await partner.goto(personPath);
    await heading(partner, fullName).waitFor();
    expect(await partner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await navigator.setViewportSize({ width: 375, height: 812 });
    await navigator.goto(consentPath);
    await heading(navigator, `Consent of ${fullName}`).waitFor();
    expect(await navigator.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(navigator, 'consent-phone', { fullPage: false });
  });
});
