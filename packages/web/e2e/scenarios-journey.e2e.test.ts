import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';

/*
 * What-if scenarios in a real browser over the demo community: an analyst chooses a naloxone lever,
 * runs it against today on the server's worker thread, watches the progress and reads the comparison,
 * the fan charts, the fit against the community's own months and the tornado.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let analyst: Page;

beforeAll(async () => {
  browser = await launchChromium();
  analyst = await openPage(browser, baseUrl);
  await analyst.goto('/login');
  await analyst.getByLabel('Email address').fill('analyst@demo.continuum.example');
  await analyst.getByLabel('Password').fill(demoAdmin.password);
  await analyst.getByRole('button', { name: 'Sign in' }).click();
  await analyst.getByRole('navigation', { name: 'Main' }).waitFor();
});
afterAll(async () => browser?.close());

describe('scenarios journey', () => {
  it('runs a naloxone scenario against today and shows the comparison, fan charts, fit and tornado', async () => {
    await analyst.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scenarios' }).click();
    await analyst.getByRole('heading', { level: 1, name: 'Scenarios' }).waitFor();
    const form = analyst.getByRole('form', { name: 'New scenario run' });
    await form.getByLabel(/Name of the run/).fill('More naloxone, two years');
    await form.getByLabel('Years (1–10)').fill('2');
    await form.getByLabel('Draws', { exact: true }).fill('200');
    await form.getByLabel('Name of scenario 1').fill('More naloxone');
    await form.getByLabel('Naloxone kits per year', { exact: true }).fill('20000');
    await form.getByRole('button', { name: 'Run against today' }).click();
    await analyst.getByRole('heading', { level: 1, name: 'More naloxone, two years' }).waitFor();
    const table = analyst.getByRole('table', { name: 'Scenarios side by side: median (90% interval)' });
    await table.waitFor({ timeout: 120_000 });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Over 2 years', 'Today', 'More naloxone']);
    const averted = await table
      .getByRole('row', { name: /^Deaths averted/ })
      .getByRole('cell')
      .allTextContents();
    expect(averted[0]).toBe('—');
    expect(averted[1]).toMatch(/^-?\d[\d,]* \(-?\d[\d,]*(–| to )-?\d[\d,]*\)$/);
    const fan = analyst.getByRole('img', { name: 'Overdose deaths: median and 90% interval by month' });
    expect(await fan.locator('polygon').count()).toBe(2);
    await analyst.getByRole('img', { name: 'Non-fatal overdoses by month: observed months and the calibrated model' }).waitFor();
    await analyst.getByRole('img', { name: 'What “More naloxone” depends on: deaths averted' }).waitFor();
    await analyst.getByText(/This is a model, not a forecast/).waitFor();
    await screenshot(analyst, 'scenarios-run', { fullPage: false });
    const brief = await analyst.request.get((await analyst.getByRole('link', { name: 'Download the brief (PDF)' }).getAttribute('href'))!);
    expect(brief.status()).toBe(200);
    expect((await brief.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
