import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, screenshot, signIn } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const newPage = (width = 1280, height = 860): Promise<Page> => openPage(browser, baseUrl, { width, height });

describe('signing in and out', () => {
  it('signs in as the demo administrator, opens Organizations and signs out again', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await screenshot(page, 'login');

    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    const session = (await page.evaluate(async () => (await fetch('/api/auth/session')).json())) as {
      user: { displayName: string };
    };
    expect(await page.getByRole('banner').textContent()).toContain(session.user.displayName);
    expect(await nav.getByRole('link', { name: 'Administration' }).isVisible()).toBe(true);
    await screenshot(page, 'home');

    await nav.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    const rows = page.getByRole('table').locator('tbody tr th a');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await screenshot(page, 'organizations');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByText('You have signed out.').isVisible()).toBe(true);
    await page.context().close();
  });

  it('explains a wrong password and stays on the login page', async () => {
    const page = await newPage();
    await page.goto('/login');
    await signIn(page, 'not-the-demo-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email address or password is not correct');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-wrong-password');
    await page.context().close();
  });

  it('is readable on a 375 px phone, with the menu behind a button', async () => {
    const page = await newPage(375, 812);
    await page.goto('/login');
    await screenshot(page, 'login-phone');
    await signIn(page);
    const menuButton = page.getByRole('button', { name: 'Menu' });
    await menuButton.waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await screenshot(page, 'home-phone');

    await menuButton.click();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    await page.getByRole('table').locator('tbody tr th a').first().waitFor();
    await screenshot(page, 'organizations-phone', { fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
