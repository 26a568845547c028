import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';

/*
 * The emergency department's clinician records touchpoints at the point of care for a demo person
 * on long-term opioids whom the prescribing-safety panel asks to test: a DAST-10 screen (scored as
 * it is answered) and a urine drug test with per-substance results. Both appear on the timeline, and
 * the panel stops asking for a urine drug test.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openPage(browser, baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

describe('touchpoints at the point of care', () => {
  it('a clinician records a DAST-10 screen and a urine drug test and sees them on the timeline', async () => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill('clinician@demo.continuum.example');
    await page.getByLabel('Password').fill(demoAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // A person the ED may see for whom the safety panel asks for a urine drug test.
    const people = (await (await page.request.get('/api/people?limit=100')).json()) as { items: { id: string }[] };
    let personId = '';
    for (const p of people.items) {
      const safety = (await (await page.request.get(`/api/people/${p.id}/safety`)).json()) as { rules?: { code: string }[] };
      if ((safety.rules ?? []).some((r) => r.code === 'URINE_DRUG_TEST_DUE')) {
        personId = p.id;
        break;
      }
    }
    expect(personId).not.toBe('');
    await page.goto(`/people/${personId}`);
    const panel = page.getByRole('region', { name: 'Prescribing safety' });
    await panel.getByRole('list', { name: 'Active alerts' }).waitFor();
    expect(await panel.getByRole('list', { name: 'Active alerts' }).textContent()).toContain('URINE_DRUG_TEST_DUE');

    // DAST-10: items 1, 2, 4 and 5 "yes", item 3 ("always able to stop") "yes" (scores nothing), the rest "no".
    await page.getByRole('button', { name: 'Record a touchpoint' }).click();
    const form = page.getByRole('form', { name: 'Record a touchpoint' });
    for (let i = 0; i < 10; i++) {
      const group = form.getByRole('radiogroup', { name: new RegExp(`^${i + 1}\\. `) });
      await group.getByLabel(i <= 4 ? 'Yes' : 'No', { exact: true }).check();
    }
    expect(await form.getByTestId('screening-score').textContent()).toBe('Positive screen · Score 4 of 10 — Moderate level');
    await screenshot(page, 'touchpoint-dast10');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Screening recorded on the timeline.').waitFor();

    // Urine drug test.
    await page.getByRole('button', { name: 'Record a touchpoint' }).click();
    await form.getByLabel('What happened').selectOption('urine_drug_test');
    await form.getByLabel('Fentanyl', { exact: true }).selectOption('positive');
    await form.getByLabel('Buprenorphine', { exact: true }).selectOption('negative');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Urine drug test recorded on the timeline.').waitFor();

    const timeline = page.getByRole('list', { name: 'Timeline entries' });
    await timeline.getByText('DAST-10: positive (score 4)').waitFor();
    await timeline.getByText('Positive: Fentanyl · Negative: Buprenorphine').waitFor();
    await screenshot(page, 'touchpoint-timeline');

    // The safety panel no longer asks for a test.
    await panel.getByRole('list', { name: 'Active alerts' }).waitFor();
    expect(await panel.getByRole('list', { name: 'Active alerts' }).textContent()).not.toContain('URINE_DRUG_TEST_DUE');
  });
});
