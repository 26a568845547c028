import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';

/*
 * The emergency department's clinician opens a demo person whose opioid dose reached 90 MME/day and
 * sees the prescribing-safety panel: the chart with its 50 and 90 lines, MME_AT_LEAST_90 with its
 * citation, and records that naloxone was offered. The analyst then opens the prescriber report.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

async function signInAs(email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await openPage(browser, baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

describe('prescribing safety', () => {
  it('a clinician sees a high-dose person’s panel with MME_AT_LEAST_90 and records naloxone offered', async () => {
    await signInAs('clinician@demo.continuum.example');
    // Among the people the ED may see, the first whose panel shows 90 MME/day or more without naloxone.
    const people = (await (await page.request.get('/api/people?limit=100')).json()) as { items: { id: string }[] };
    let personId = '';
    for (const p of people.items) {
      const safety = (await (await page.request.get(`/api/people/${p.id}/safety`)).json()) as { rules?: { code: string }[] };
      const codes = (safety.rules ?? []).map((r) => r.code);
      if (codes.includes('MME_AT_LEAST_90') && codes.includes('OFFER_NALOXONE')) {
        personId = p.id;
        break;
      }
    }
    expect(personId).not.toBe('');

    await page.goto(`/people/${personId}`);
    const panel = page.getByRole('region', { name: 'Prescribing safety' });
    await panel.getByRole('img', { name: /Total MME per day/ }).waitFor();
    const chart = await panel.getByRole('img', { name: /Total MME per day/ }).textContent();
    expect(chart).toContain('50 MME/day');
    expect(chart).toContain('90 MME/day');
    const alerts = panel.getByRole('list', { name: 'Active alerts' });
    expect(await alerts.textContent()).toContain('MME_AT_LEAST_90');
    expect(await alerts.textContent()).toContain('Recommendations 4 and 5');
    await screenshot(page, 'safety-panel');

    await panel.getByRole('button', { name: 'Naloxone offered and kit given' }).click();
    await panel.getByText('Naloxone offered and a kit given: recorded on the timeline.').waitFor();
    await panel.getByText(/Last naloxone kit on record/).waitFor();
    expect(await panel.getByRole('list', { name: 'Active alerts' }).textContent()).not.toContain('OFFER_NALOXONE');

    await panel.getByRole('button', { name: 'Plan a taper' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan a taper' });
    await dialog.getByRole('button', { name: 'Show the schedule' }).click();
    await dialog.getByRole('table', { name: /Taper schedule/ }).waitFor();
    await screenshot(page, 'safety-taper');
  });

  it('the analyst opens the prescriber report and downloads it as CSV', async () => {
    await page.context().clearCookies();
    await signInAs('analyst@demo.continuum.example');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prescribing safety' }).click();
    const table = page.getByRole('table', { name: 'People flagged by each rule, per prescriber' });
    await table.waitFor();
    expect(await table.getByRole('rowheader', { name: 'Network' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('download')).toMatch(
      /^prescriber-report-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    await screenshot(page, 'prescriber-report');
  });
});
