import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations } from './axe.ts';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';

/*
 * The demo analyst links a small file on the Record linkage page: uploads it, maps an unrecognized
 * date column by hand, starts the job, watches it finish, reads the summary and downloads the
 * de-identified analytic file. The file: 150 FEBRL 4 people (synthetic, packages/server/src/modules/
 * linkage/data/febrl) and corrupted duplicates of the first 60 of them, each with a run date.
 */
const baseUrl = inject('baseUrl');
const febrlDir = fileURLToPath(new URL('../../server/src/modules/linkage/data/febrl/', import.meta.url));
let browser: Browser;
let page: Page;

function rows(file: string): string[][] {
  return fs
    .readFileSync(`${febrlDir}${file}`, 'utf8')
    .split(/\r?\n/)
    .filter(Boolean)
    .slice(1)
    .map((l) => l.split(',').map((v) => v.trim()));
}

function emsFile(): { csv: string; names: string[] } {
  const originals = rows('dataset4a.csv').slice(0, 150);
  const dups = new Map(rows('dataset4b.csv').map((r) => [r[0]!, r]));
  const lines = ['rec_id,first_name,surname,dob,postcode,seen_on'];
  const names: string[] = [];
  originals.forEach((r, i) => {
    lines.push([r[0], r[1], r[2], r[9], r[7], `2025-0${1 + (i % 9)}-1${i % 9}`].join(','));
    if (r[2]) names.push(r[2]);
    const d = i < 60 ? dups.get(r[0]!.replace('-org', '-dup-0')) : undefined;
    if (d) lines.push([d[0], d[1], d[2], d[9], d[7], `2025-0${1 + (i % 9)}-2${i % 9}`].join(','));
  });
  return { csv: `${lines.join('\n')}\n`, names };
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await openPage(browser, baseUrl);
  await page.goto('/login');
  await page.getByLabel('Email address').fill('analyst@demo.continuum.example');
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
});
afterAll(async () => browser?.close());

describe('record linkage journey', () => {
  it('uploads a file, maps its columns, runs the job and downloads the de-identified analytic file', async () => {
    const { csv, names } = emsFile();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Record linkage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record linkage' }).waitFor();
    await page.getByLabel('Job name').fill('EMS runs, spring 2025');
    await page.getByRole('button', { name: 'New linkage job' }).click();
    await page.getByRole('heading', { level: 1, name: 'EMS runs, spring 2025' }).waitFor();

    await page.getByLabel('Source', { exact: true }).selectOption('ems');
    await page.getByLabel('File (CSV or NDJSON)').setInputFiles({ name: 'ems.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // Recognized names come filled in; the run date's column is not a recognized name, so it is mapped by hand.
    const given = page.getByLabel('Field for first_name');
    await expect.poll(() => given.inputValue()).toBe('given_name');
    expect(await page.getByLabel('Field for seen_on').inputValue()).toBe('');
    await page.getByLabel('Field for seen_on').selectOption('event_date');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add file' }).click();
    await page.getByRole('table', { name: 'Source files' }).getByRole('cell', { name: 'ems.csv' }).waitFor();

    await page.getByRole('button', { name: 'Start linkage' }).click();
    await page.getByRole('heading', { name: 'Summary' }).waitFor({ timeout: 90_000 });
    const summary = (await page.getByRole('region', { name: 'Summary' }).textContent())!;
    expect(summary).toMatch(/\d+ records, (\d+|<11) people\. Estimated precision \d+\.\d%/);
    await page.getByRole('table', { name: 'Estimated m and u per comparison level' }).waitFor();
    await page.getByRole('img', { name: 'Match-weight histogram' }).waitFor();
    await screenshot(page, 'linkage-summary');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'De-identified linked analytic file (CSV)' }).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(header).toBe('study_id,source,event_type,event_date_shifted,days_from_index,age_band,sex');
    expect(lines.length).toBe(csv.trim().split('\n').length - 1);
    // Duplicates share a study id: fewer people than records.
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBeLessThan(lines.length);
    // No direct identifiers: no family name from the upload appears in the file.
    const lower = text.toLowerCase();
    expect(names.filter((n) => n.length > 3 && /[g-z]/.test(n) && lower.includes(n.toLowerCase()))).toEqual([]);
  });
});
