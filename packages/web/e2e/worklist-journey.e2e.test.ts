import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';

/*
 * The demo care navigator opens their team's worklist, makes an outreach task by hand from a
 * person's page, logs a contact attempt — seeing a person-first language suggestion while typing
 * the note — and completes the task with an outcome; the attempt shows on the person's timeline.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openPage(browser, baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

describe('navigator worklist', () => {
  it('a navigator works an outreach task: contact attempt with language suggestions, then completed', async () => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill('navigator@demo.continuum.example');
    await page.getByLabel('Password').fill(demoAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();

    await nav.getByRole('link', { name: 'Worklist' }).click();
    await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await page.getByRole('table', { name: 'Outreach tasks' }).waitFor();
    await screenshot(page, 'worklist');

    // A person the navigator's organization may see: from their page to their outreach tasks, and a new one made by hand.
    const people = (await (await page.request.get('/api/people?limit=5')).json()) as { items: { id: string }[] };
    expect(people.items.length).toBeGreaterThan(0);
    await page.goto(`/people/${people.items[0]!.id}`);
    await page.getByRole('link', { name: 'Outreach tasks' }).click();
    const form = page.getByRole('region', { name: 'New outreach task' });
    await form.getByLabel('What for').fill('Check in after the court hearing and offer a ride to the clinic');
    await form.getByRole('button', { name: 'Create task' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outreach' }).waitFor();

    const person = page.getByRole('region', { name: 'Person' });
    await person.waitFor();
    const personHref = await person.getByRole('link').first().getAttribute('href');
    expect(personHref).toMatch(/^\/people\//);

    const attempt = page.getByRole('region', { name: 'Log a contact attempt' });
    await attempt.getByLabel('How').selectOption({ label: 'Phone call' });
    await attempt.getByLabel('Result').selectOption({ label: 'No answer' });
    await attempt.getByLabel(/Note/).fill('Called twice; his brother says he is an addict now');
    await attempt.getByText('Instead of “addict”, consider “person with a substance use disorder”', { exact: false }).waitFor();
    await screenshot(page, 'worklist-language-suggestion');
    await attempt.getByRole('button', { name: 'Log attempt' }).click();
    await page.getByText('Contact attempt logged.', { exact: false }).waitFor();
    const attempts = page.getByRole('list', { name: 'Contact attempts' });
    await attempts.getByText('Phone call: no answer').first().waitFor();

    const complete = page.getByRole('region', { name: 'Complete' });
    await complete.getByLabel('Outcome').selectOption({ label: 'Unable to reach' });
    await complete.getByRole('button', { name: 'Complete task' }).click();
    await page.getByText('Task completed.').waitFor();
    // Done: the actions are gone and the outcome shows.
    await page.getByRole('region', { name: 'Complete' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: 'Why' }).textContent()).toContain('Outcome: Unable to reach');
    await screenshot(page, 'worklist-task-completed');

    await page.goto(personHref!);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Outreach contact attempt').first().waitFor();
  });
});
