import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactsDir, demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';
import { injectAxe } from './axe.ts';

/*
 * The learning system in a real browser over the demo community: an analyst reads the cascade and
 * the measures, notes a PDSA cycle on a chart, downloads a chart as PNG (drawn onto a canvas by
 * Chromium) and SVG, and the printable report; a clinician lists the people behind a number.
 */
const baseUrl = inject('baseUrl');
const conversion = 'ED-to-MOUD referral conversion within 7 days';
let browser: Browser;
let analyst: Page;
let clinician: Page;

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** WCAG 2 A/AA violations axe-core finds on the page, as "rule: selector" lines. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  analyst = await openPage(browser, baseUrl);
  clinician = await openPage(browser, baseUrl);
  await signInAs(analyst, 'analyst@demo.continuum.example');
  await signInAs(clinician, 'clinician@demo.continuum.example');
  // The first computation runs as a job after the server starts; wait for it to finish.
  const deadline = Date.now() + 150_000;
  for (;;) {
    const runs = (await (await analyst.request.get('/api/learning/runs')).json()) as { items: { status: string }[] };
    if (runs.items.some((r) => r.status === 'done')) break;
    if (Date.now() > deadline) throw new Error('The learning computation did not finish in time.');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
});
afterAll(async () => browser?.close());

describe('analytics journey', () => {
  it('shows the analyst the cascade and every measure with its chart', async () => {
    await analyst.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await analyst.getByRole('heading', { level: 1, name: 'Cascade of care and quality measures' }).waitFor();
    const funnel = analyst.getByRole('img', { name: /^Cascade of care, Whole network/ });
    await funnel.waitFor();
    expect(await funnel.locator('g[data-stage]').count()).toBe(6);
    const card = analyst.getByRole('article', { name: conversion });
    // Charts load as their cards come near the viewport.
    await card.scrollIntoViewIfNeeded();
    const chart = card.getByRole('img', { name: new RegExp(`^${conversion}: `) }).first();
    await chart.waitFor({ timeout: 30_000 });
    // Every month is drawn as a point, or as * when it holds fewer than 11 people.
    const drawn =
      (await chart.locator('[data-part="points"] circle').count()) +
      (await chart.locator('[data-part="points"] [data-state="suppressed"]').count());
    expect(drawn).toBeGreaterThan(6);
    // The 13 quality measures and the 3 monthly counts the scenario model projects.
    expect(await analyst.getByRole('article').count()).toBe(16);
    for (const count of ['Overdose deaths (count)', 'Non-fatal overdoses (count)', 'People in MOUD (count)'])
      await analyst.getByRole('article', { name: count }).waitFor();
    await screenshot(analyst, 'analytics-dashboard', { fullPage: false });
    expect(await accessibilityViolations(analyst)).toEqual([]);
    await card.screenshot({ path: path.join(artifactsDir, 'analytics-conversion-card.png') });
  });

  it('lets the analyst note a PDSA cycle on the chart', async () => {
    const card = analyst.getByRole('article', { name: conversion });
    await card.getByText('Add an annotation').click();
    const form = card.getByRole('form', { name: 'Add the annotation' });
    const month = (await card
      .getByRole('img', { name: new RegExp(`^${conversion}: `) })
      .first()
      .locator('[data-part="points"] title')
      .last()
      .textContent())!.slice(0, 8);
    const date = new Date(`${month} 15 UTC`);
    await form.getByLabel('Date').fill(date.toISOString().slice(0, 10));
    await form.getByLabel('Kind').selectOption('pdsa');
    await form.getByLabel('What was changed or tested').fill('PDSA: text reminder the day after the ED visit');
    await form.getByRole('button', { name: 'Add the annotation' }).click();
    await card.getByText('Annotation added.').waitFor();
    await card.locator('[data-part="annotation"] text', { hasText: 'PDSA: text reminder the day' }).first().waitFor();
  });

  it('downloads the chart as PNG and SVG, and the printable report', async () => {
    const card = analyst.getByRole('article', { name: conversion });
    const [png] = await Promise.all([
      analyst.waitForEvent('download'),
      card.getByRole('button', { name: `Download ${conversion} chart as PNG` }).click(),
    ]);
    const pngBytes = fs.readFileSync((await png.path())!);
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngBytes.length).toBeGreaterThan(5_000);
    expect(png.suggestedFilename()).toMatch(/^ed-moud-conversion-7-.*\.png$/);
    const [svg] = await Promise.all([
      analyst.waitForEvent('download'),
      card.getByRole('button', { name: `Download ${conversion} chart as SVG` }).click(),
    ]);
    const svgText = fs.readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg /);
    expect(svgText).toContain('PDSA: text reminder the day');
    const href = await analyst.getByRole('link', { name: 'Printable report (PDF)' }).getAttribute('href');
    const pdf = await analyst.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('lists the people behind a number for a clinician, through consent', async () => {
    await clinician.goto('/analytics');
    const card = clinician.getByRole('article', { name: conversion });
    await card.waitFor();
    await card.getByText('People behind the number').click();
    const form = card.getByRole('form', { name: `People behind ${conversion}` });
    await form.getByRole('button', { name: 'Show people' }).click();
    await card.getByRole('table', { name: new RegExp(`^${conversion}, .*: people$`) }).waitFor();
    await screenshot(clinician, 'analytics-drill-down');
  });
});
