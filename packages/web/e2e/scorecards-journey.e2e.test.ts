import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, screenshot, signIn } from './browser.ts';

/*
 * The quarterly partner review in a real browser over the demo community: the network administrator
 * opens the partner scorecards, picks a quarter and a partner, reads the measures against their
 * targets and a run chart, prints the scorecard (print styles: no navigation or controls) and
 * downloads it as CSV.
 */
const baseUrl = inject('baseUrl');
const partner = 'Lighthouse Bridge Clinic';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openPage(browser, baseUrl);
  await page.goto('/login');
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
});
afterAll(async () => browser?.close());

describe('quarterly partner review', () => {
  it('opens a partner’s scorecard for a quarter with its measures, targets and run charts', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partner scorecards' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner scorecards' }).waitFor();
    const quarter = page.getByLabel('Quarter');
    const last = await quarter.inputValue();
    expect(last).toMatch(/^\d{4}-Q[1-4]$/);
    await page.getByLabel('Partner').selectOption({ label: partner });
    const heading = page.getByRole('heading', { level: 2, name: `${partner}, ${last}` });
    await heading.waitFor();
    const table = page.getByRole('table', { name: `Measures for ${last}` });
    const received = table.getByRole('row', { name: /Referrals received/ });
    expect(await received.textContent()).toMatch(/\d/);
    const ack = table.getByRole('row', { name: /Time to acknowledge/ });
    expect(await ack.textContent()).toMatch(/at most 24\.0 hours/);
    expect(await ack.textContent()).toMatch(/Meets target|Misses target|Not shown/);
    const chart = page.getByRole('img', { name: /^Time to acknowledge \(hours, monthly median\): Run chart/ });
    await chart.waitFor();
    expect(await chart.locator('[data-part="points"] circle').count()).toBeGreaterThan(3);
    await screenshot(page, 'scorecards-partner');
  });

  it('prints without the app around it and downloads the CSV', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByLabel('Partner').isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: /^Measures for / }).isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'Letter' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'organization,pathway,measure,unit,period,value,numerator,denominator,suppressed,target,meets_target,median_center',
    );
    expect(text).toContain(`${partner},,ack_hours,hours,`);
  });
});
