import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';

/*
 * Needs and gaps in a real browser over the demo community: an analyst runs the analysis, reads the
 * ranked table, sees the demo region's boundaries drawn by MapLibre GL (WebGL, no tile server), clicks
 * the map to place a candidate site and tries it.
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

describe('needs and gaps journey', () => {
  it('runs the analysis, maps it, ranks the areas, tries a site clicked on the map and models it in Scenarios', async () => {
    const requests: string[] = [];
    analyst.on('request', (r) => requests.push(r.url()));
    await analyst.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Needs and gaps' }).click();
    await analyst.getByRole('heading', { level: 1, name: 'Needs and gaps' }).waitFor();
    await analyst.getByRole('button', { name: 'Run a new analysis' }).click();
    const table = analyst.getByRole('table', { name: 'Areas, worst served first: Buprenorphine' });
    await table.waitFor({ timeout: 60_000 });
    expect(await table.getByRole('row').count()).toBeGreaterThan(10);

    const map = analyst.locator('.gaps-map[data-state="ready"]');
    await map.waitFor({ timeout: 30_000 });
    expect(await map.locator('canvas').count()).toBe(1);
    // No tile server by default: every request stays on the app's own origin.
    expect(requests.filter((url) => !url.startsWith(baseUrl))).toEqual([]);

    await map.scrollIntoViewIfNeeded();
    await analyst.waitForTimeout(500);
    await screenshot(analyst, 'gaps-map', { fullPage: false });
    const box = (await map.boundingBox())!;
    await analyst.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await analyst.getByLabel('Latitude').inputValue()).toMatch(/^4\d\.\d+$/);
    await analyst.getByLabel(/Capacity/).fill('60');
    await analyst.getByRole('button', { name: 'Try this site' }).click();
    await analyst
      .getByRole('status')
      .getByText(/Distance deserts \d+ → \d+/)
      .waitFor();
    await screenshot(analyst, 'gaps-siting', { fullPage: false });

    // The same site as a scenario: its 60 slots as extra buprenorphine capacity.
    await analyst.getByRole('link', { name: 'Model this site in Scenarios' }).click();
    const scenario = analyst.getByRole('form', { name: 'New scenario run' }).getByRole('group', { name: 'Scenario 1' });
    await scenario.waitFor();
    expect(await scenario.getByLabel('Name of scenario 1').inputValue()).toBe('New site: +60 buprenorphine slots');
    expect(await scenario.getByLabel('Extra buprenorphine slots', { exact: true }).inputValue()).toBe('60');
  });
});
