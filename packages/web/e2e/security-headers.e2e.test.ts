import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, problemsWhile, signIn } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('public pages under the Content-Security-Policy', () => {
  it('/find is served with a strict CSP, runs under it, and logs no console errors', async () => {
    const page = await openPage(browser, baseUrl);
    let csp: string | undefined;
    const problems = await problemsWhile(page, async () => {
      const response = await page.goto('/find');
      csp = response?.headers()['content-security-policy'];
      await page.getByRole('heading', { level: 1, name: 'Find treatment and support' }).waitFor();
      await page.waitForLoadState('networkidle');
    });
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('/login runs under the CSP without console errors, and signing in works', async () => {
    const page = await openPage(browser, baseUrl);
    const problems = await problemsWhile(page, async () => {
      await page.goto('/login');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
    });
    expect(problems).toEqual([]);
    await signIn(page);
    await page.getByRole('button', { name: /sign out/i }).waitFor();
    await page.context().close();
  });

  it('an inline script injected into the page is refused by the CSP', async () => {
    const page = await openPage(browser, baseUrl);
    await page.goto('/find');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await page.context().close();
  });
});
