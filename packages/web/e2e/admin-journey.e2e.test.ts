import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, screenshot, signIn } from './browser.ts';

const baseUrl = inject('baseUrl');
const runId = Date.now().toString(36);
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openPage(browser, baseUrl);
  await page.goto('/login');
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

const heading = (name: string) => page.getByRole('heading', { level: 1, name });

describe('administration as the network administrator', () => {
  it('shows a server validation error next to the field, then creates the organization', async () => {
    await page.goto('/admin/organizations/new');
    await heading('New organization').waitFor();
    const name = `Northside Recovery Housing ${runId}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Recovery housing' });
    await page.getByLabel(/^Website/).fill('not a web address');
    await page.getByRole('button', { name: 'Create organization' }).click();

    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Website');
    expect(await page.getByLabel(/^Website/).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'organization-validation');

    await page.getByLabel(/^Website/).fill('https://northside.example');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await heading(name).waitFor();
    expect(await page.getByText('Organization created.').isVisible()).toBe(true);
  });

  it('adds a location to the organization', async () => {
    await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Locations' }).click();
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByLabel('Location name').fill('Main house');
    await page.getByLabel('Street address').fill('12 Alder Street');
    await page.getByLabel('City').fill('Harbor');
    await page.getByLabel('State').fill('OR');
    await page.getByLabel('ZIP code').fill('97420');
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByText('Main house added.').waitFor();
    await page.getByRole('rowheader', { name: 'Main house' }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain('12 Alder Street');
    await screenshot(page, 'organization-locations');
  });

  it('creates an API token, shows its secret once, and revokes it', async () => {
    await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('button', { name: 'New API token' }).click();
    await page.getByLabel('Token name').fill('Referral interface');
    await page.getByLabel('Partner staff').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByLabel('Secret', { exact: true });
    await secret.waitFor();
    expect((await secret.inputValue()).length).toBeGreaterThan(16);
    await screenshot(page, 'api-token-created');

    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    expect(await page.getByLabel('Secret', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke Referral interface' }).click();
    await page.getByRole('group', { name: 'Confirm' }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Token "Referral interface" was revoked.', { exact: false }).waitFor();
  });

  it('creates a user with a membership and lists them', async () => {
    await page.goto('/admin/users/new');
    await heading('New user').waitFor();
    await page.getByLabel('Full name').fill('Riley Nguyen');
    await page.getByLabel('Email address').fill(`riley.nguyen.${runId}@example.org`);
    await page.getByLabel('Initial password').fill('harbor-river-lantern-42');
    await page.getByLabel('Care navigator / peer specialist').check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await heading('Users').waitFor();
    await page.getByText('Account created for Riley Nguyen.').waitFor();

    await page.getByLabel('Search by name or email').fill(runId);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('rowheader', { name: 'Riley Nguyen' }).waitFor();
    await screenshot(page, 'users');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it('shows the audit log and verifies the chain', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await heading('Audit log').waitFor();
    await page.locator('tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('The audit chain is intact').waitFor();
    await screenshot(page, 'audit-log');
  });

  it('stays usable on a 375 px phone', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/admin/users');
    await heading('Users').waitFor();
    await page.locator('tbody tr').first().waitFor();
    await screenshot(page, 'users-phone', { fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
