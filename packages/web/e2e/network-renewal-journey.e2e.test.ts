import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations } from './axe.ts';
import { launchChromium, openPage, screenshot, signIn } from './browser.ts';

/*
 * The renewal reminder over the demo community: the network administrator finds the reminder for
 * the referral agreement that ends 21 days after seeding in the inbox, opens it, extends the
 * agreement by a year, and the agreement leaves the "Renewal due soon" box.
 */
const baseUrl = inject('baseUrl');
const title = 'Harbor General ED to Tidewater OTP referral agreement';
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await openPage(browser, baseUrl);
  await admin.goto('/login');
  await signIn(admin);
  await admin.getByRole('navigation', { name: 'Main' }).waitFor();
});
afterAll(async () => browser?.close());

describe('agreement renewal journey', () => {
  it('opens the renewal reminder, extends the agreement and the reminder clears', async () => {
    await admin.goto('/inbox');
    const reminder = admin
      .getByRole('list', { name: 'Notifications' })
      .getByRole('listitem')
      .filter({ hasText: `“${title}” ends on` });
    await reminder.first().waitFor();
    expect(await reminder.first().getByText('Agreement ends in 30 days or fewer').count()).toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await reminder.first().getByRole('link', { name: 'Open' }).click();

    await admin.getByRole('heading', { level: 1, name: title }).waitFor();
    await admin.getByText('Renewal due soon').waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'network-agreement-renewal');
    await admin.getByRole('button', { name: 'Extend agreement' }).click();
    await admin.getByText(/^Renewed: the agreement now ends on/).waitFor();
    await admin.getByText('Renewal due soon').waitFor({ state: 'detached' });

    // The register no longer lists it among the renewals due; the notification was read on opening.
    await admin.getByRole('navigation', { name: 'Running the network' }).getByRole('link', { name: 'Agreements' }).click();
    await admin.getByRole('table', { name: 'Agreements, ending soonest first' }).getByRole('link', { name: title }).waitFor();
    expect(await admin.getByRole('list', { name: 'Renewals due' }).getByRole('link', { name: title }).count()).toBe(0);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.goto('/inbox');
    const read = admin
      .getByRole('list', { name: 'Notifications' })
      .getByRole('listitem')
      .filter({ hasText: `“${title}” ends on` });
    await read.first().waitFor();
    expect(
      await read
        .first()
        .getByRole('button', { name: /^Mark read/ })
        .count(),
    ).toBe(0);
  });
});
