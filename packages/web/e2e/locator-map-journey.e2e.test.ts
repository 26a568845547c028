import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, problemsWhile, screenshot, withoutWebGl } from './browser.ts';

/*
 * The public locator's results on a map beside the list, for someone not signed in: numbered markers
 * over the network's area boundaries (MapLibre GL, no tile server), each a keyboard button that takes
 * the person to that result in the list; in Spanish too; and without WebGL the list alone, with no
 * console error either way.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe('the locator map', () => {
  it('shows the results as numbered markers beside the list; a marker, by keyboard, goes to its result', async () => {
    const page = await openPage(browser, baseUrl);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const problems = await problemsWhile(page, async () => {
      await page.goto('/find?town=Harbor%20City&radius=25');
      await page.locator('.locator-area-map[data-state="ready"]').waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
    });
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(baseUrl))).toEqual([]);
    const map = page.getByRole('region', { name: /^Map of the results/ });
    expect(await map.locator('canvas').count()).toBe(1);
    const list = page.locator('#locator-result-list > li');
    const markers = map.getByRole('button', { name: /^\d+\. / });
    expect(await markers.count()).toBe(await list.count());
    await map.getByRole('button', { name: /^Where you searched from: / }).waitFor();
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await screenshot(page, 'locator-map', { fullPage: false });

    const second = markers.nth(1);
    const name = (await second.getAttribute('aria-label'))!.replace(/^2\. /, '').split(',')[0]!;
    await second.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.id)).toBe('locator-result-2');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(name);
    await page.context().close();
  });

  it('speaks Spanish on the Spanish page', async () => {
    const page = await openPage(browser, baseUrl);
    await page.goto('/find?lang=es&town=Harbor%20City&radius=25');
    const map = page.getByRole('region', { name: /^Mapa de los resultados/ });
    await map.locator('canvas').waitFor({ timeout: 30_000 });
    await map.getByRole('button', { name: /^Lugar desde donde buscó: / }).waitFor();
    expect(await map.getByRole('button', { name: /^1\. .*, a \d+\.\d millas$/ }).count()).toBe(1);
    await page.getByText('Los números corresponden a la lista.', { exact: false }).waitFor();
    await page.context().close();
  });

  it('without WebGL shows the list alone, with no console error', async () => {
    const page = await openPage(browser, baseUrl);
    await withoutWebGl(page);
    const problems = await problemsWhile(page, async () => {
      await page.goto('/find?town=Harbor%20City&radius=25');
      await page.locator('#locator-result-list > li').first().waitFor();
      await page.waitForLoadState('networkidle');
    });
    expect(problems).toEqual([]);
    expect(await page.locator('.locator-map').count()).toBe(0);
    await page.context().close();
  });
});
