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

    // The exports: the map as drawn (PNG), the one-page brief and the GeoJSON.
    const [download] = await Promise.all([
      analyst.waitForEvent('download'),
      analyst.getByRole('button', { name: 'Map picture (PNG)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('needs-and-gaps-buprenorphine.png');
    const png = await download.createReadStream();
    const head = await new Promise<Buffer>((resolve) => png.once('data', (chunk) => resolve(chunk as Buffer)));
    expect(head.subarray(1, 4).toString('latin1')).toBe('PNG');
    const brief = await analyst.request.get(
      (await analyst.getByRole('link', { name: 'One-page brief for a grant (PDF)' }).getAttribute('href'))!,
    );
    expect(brief.status()).toBe(200);
    expect(brief.headers()['content-type']).toContain('application/pdf');
    const geojson = await analyst.request.get(
      (await analyst.getByRole('link', { name: 'Areas with results (GeoJSON)' }).getAttribute('href'))!,
    );
    const collection = (await geojson.json()) as { features: { geometry: unknown }[] };
    expect(collection.features.length).toBeGreaterThan(10);
    expect(collection.features.every((f) => f.geometry !== null)).toBe(true);

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
