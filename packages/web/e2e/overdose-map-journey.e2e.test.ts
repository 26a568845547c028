import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, problemsWhile, screenshot, withoutWebGl } from './browser.ts';

/*
 * The overdose map on the demo region's real boundaries: an analyst opens Overdose response and sees
 * the areas drawn by MapLibre GL (no tile server), chooses an area on the map for its daily series, and
 * the same from the table; without WebGL the same areas are drawn as SVG buttons on their boundaries.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function signInAsAnalyst(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill('analyst@demo.continuum.example');
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

describe('overdose map journey', () => {
  it('draws the areas on their boundaries with MapLibre, and a click on an area shows its series', async () => {
    const page = await openPage(browser, baseUrl);
    await signInAsAnalyst(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const problems = await problemsWhile(page, async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overdose response' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overdose response' }).waitFor();
      await page.locator('.overdose-area-map[data-state="ready"]').waitFor({ timeout: 30_000 });
    });
    expect(problems).toEqual([]);
    const map = page.getByRole('region', { name: /^Overdoses by area, last \d+ days\./ });
    expect(await map.locator('canvas').count()).toBe(1);
    expect(requests.filter((url) => !url.startsWith(baseUrl))).toEqual([]);
    await page.waitForTimeout(500);
    await screenshot(page, 'overdose-map', { fullPage: false });

    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/area=/);
    await page.getByRole('img', { name: /^Daily overdoses in / }).waitFor();

    // The table is the accessible equivalent: every area a button that does the same.
    const table = page.getByRole('table', { name: 'Counts by area' });
    const second = table.getByRole('button').nth(1);
    const name = (await second.textContent())!;
    await second.click();
    await page.getByRole('img', { name: new RegExp(`^Daily overdoses in ${name}`) }).waitFor();
    await page.context().close();
  });

  it('without WebGL draws the same boundaries as SVG, each area a button', async () => {
    const page = await openPage(browser, baseUrl);
    await withoutWebGl(page);
    await signInAsAnalyst(page);
    await page.goto('/overdose-response?days=30');
    // The analyst's published view reports a fixed period (28 days for "last 30").
    const map = page.getByRole('group', { name: /^Overdoses by area, last \d+ days$/ });
    await map.waitFor();
    expect(await page.locator('.overdose-area-map').count()).toBe(0);
    const cells = map.getByRole('button');
    expect(await cells.count()).toBeGreaterThan(3);
    // Real boundaries have many corners; a centre's cell has a handful.
    const corners = await map.locator('path[data-area]').first().getAttribute('d');
    expect(corners!.split(/[ML]/).length).toBeGreaterThan(12);
    await cells.first().press('Enter');
    await page.getByRole('img', { name: /^Daily overdoses in / }).waitFor();
    await page.context().close();
  });
});
