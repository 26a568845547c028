import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations } from './axe.ts';
import { launchChromium, openPage, signIn } from './browser.ts';

/*
 * A learning-management import over the demo community: the network administrator adds a course,
 * uploads a CSV with one bad line (the line and column are shown, nothing is imported), then the
 * corrected file, and the coverage of the ED's clinicians for that course goes from 0 to 1.
 */
const baseUrl = inject('baseUrl');
const course = `Trauma-informed care ${Date.now()}`;
const ed = 'Harbor General Hospital Emergency Department';
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

async function edClinicians(page: Page): Promise<string> {
  await page.goto('/network/training');
  await page.locator('#coverage-course').selectOption({ label: course });
  const row = page
    .getByRole('table', { name: 'Training coverage' })
    .getByRole('row')
    .filter({ hasText: ed })
    .filter({ hasText: 'Clinician' });
  await row.first().waitFor();
  return (await row.first().locator('td').nth(4).textContent()) ?? '';
}

describe('training import journey', () => {
  it('shows the bad line and column, then imports the good file and coverage changes', async () => {
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
    await admin.locator('#course-topic').selectOption('trauma_informed_care');
    await admin.locator('#course-title').fill(course);
    await admin.getByRole('button', { name: 'Add course' }).click();
    await admin.getByRole('table', { name: 'Courses' }).getByText(course).waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    expect(await edClinicians(admin)).toBe('0');

    await admin.getByRole('link', { name: 'Import from a learning-management CSV' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Import training records' }).waitFor();
    const header = 'email,course,completed_on';
    const good = `clinician@demo.continuum.example,${course},2026-11-30`;
    await admin.getByLabel('CSV file').setInputFiles({
      name: 'lms.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n${good}\nclinician@demo.continuum.example,${course},30/11/2026\n`),
    });
    await admin.getByRole('button', { name: 'Import' }).click();
    const problems = admin.getByRole('list', { name: 'Problems in the file' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Line 3, column completed_on');
    expect(await accessibilityViolations(admin)).toEqual([]);

    await admin
      .getByLabel('CSV file')
      .setInputFiles({ name: 'lms.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${good}\n`) });
    await admin.getByRole('button', { name: 'Import' }).click();
    await admin.getByText('1 completion imported.').waitFor();
    expect(await edClinicians(admin)).toBe('1');
  });
});
