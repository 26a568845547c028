import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { injectAxe } from './axe.ts';
import { launchChromium, openPage, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page and returns its violations, one readable line each. */
async function axeViolations(target: Page): Promise<string[]> {
  await injectAxe(target);
  const violations = await target.evaluate(async () => {
    const runner = (window as unknown as { axe: { run: (context?: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await runner.run(document);
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

beforeAll(async () => {
  browser = await launchChromium();
  // A phone: the locator is used on the street as much as at a desk.
  page = await openPage(browser, baseUrl, { width: 390, height: 844 });
});

afterAll(async () => {
  await browser?.close();
});

describe('the public treatment locator, in Spanish, without signing in', () => {
  it('is reachable from the sign-in page and has no axe-core violations', async () => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'en español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Encontrar tratamiento y apoyo' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.getByRole('complementary', { name: 'Ayuda urgente' }).getByRole('link', { name: '988' }).getAttribute('href')).toBe(
      'tel:988',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'locator-es-phone');

    // Keyboard alone: the first Tab reaches the skip link, which moves focus to the page's content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ir al contenido principal');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('finds a walk-in buprenorphine clinic within 10 miles that takes Medicaid', async () => {
    await page.getByLabel('Código postal o ciudad').fill('Harbor City');
    await page.getByLabel('Distancia').selectOption({ label: 'A menos de 10 millas' });
    await page.getByRole('group', { name: 'Medicamento' }).getByLabel('Buprenorfina', { exact: true }).check();
    await page.getByLabel('Sin cita (no necesita hacer una cita)').check();
    await page.getByText(/^Más filtros/).click();
    await page.getByRole('group', { name: 'Pago' }).getByLabel('Medicaid', { exact: true }).check();
    // Keyboard alone: the search runs from the focused field with Enter.
    await page.getByLabel('Código postal o ciudad').press('Enter');

    const status = page.getByRole('status').filter({ hasText: /Se encontr/ });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^Se encontr(ó|aron) \d+ servicios? a menos de 10 millas de Harbor City\./);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      town: 'Harbor City',
      radius: '10',
      medication: 'BU',
      payment: 'MD',
      walkIn: 'true',
      lang: 'es',
    });

    const results = page.getByRole('list', { name: 'Resultados' }).getByRole('article');
    const count = await results.count();
    expect(count).toBeGreaterThan(0);
    const distances: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const card = results.nth(index);
      const distance = (await card.locator('.locator-distance').textContent()) ?? '';
      distances.push(Number(/a ([\d.]+) millas/.exec(distance)?.[1]));
      expect(await card.getByText('Sin cita', { exact: true }).count()).toBe(1);
      expect(await card.textContent()).toContain('Medicaid');
      expect(await card.textContent()).toContain('Buprenorfina');
    }
    expect(distances.every((miles) => miles <= 10)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(await page.getByRole('heading', { level: 3, name: 'Same-day buprenorphine, walk in' }).count()).toBeGreaterThan(0);
    // Every capacity badge says how old it is; stale ones never show counts.
    const badges = await page.locator('.capacity').allTextContents();
    for (const badge of badges) {
      expect(badge).toMatch(/Actualizado hace|Última actualización hace|Cupo no informado/);
      if (badge.includes('No confirmado recientemente')) expect(badge).not.toMatch(/disponibles/);
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'locator-es-results-phone');
  });

  it('opens the clinic, with a phone link and directions, and returns to the same results', async () => {
    const clinic = page.getByRole('article', { name: 'Same-day buprenorphine, walk in' }).first();
    expect(await clinic.getByRole('link', { name: /^Llamar al / }).getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    expect(await clinic.getByRole('link', { name: /^Cómo llegar a / }).getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions/,
    );
    await clinic.getByRole('link', { name: 'Detalles de Same-day buprenorphine, walk in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Same-day buprenorphine, walk in' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Dónde' }).waitFor();
    expect(
      await page
        .getByText('Lista de espera')
        .or(page.getByText('Acepta personas nuevas'))
        .or(page.getByText('No confirmado recientemente'))
        .or(page.getByText('Cupo no informado'))
        .count(),
    ).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'locator-es-details-phone');

    await page.getByRole('link', { name: 'Volver a los resultados' }).click();
    await page.getByRole('list', { name: 'Resultados' }).waitFor();
    expect(new URL(page.url()).searchParams.get('medication')).toBe('BU');
  });

  it('finds naloxone in one tap', async () => {
    await page.getByRole('button', { name: 'Encontrar naloxona y servicios de reducción de daños' }).click();
    await page.waitForURL(/harmReduction=/);
    const results = page.getByRole('list', { name: 'Resultados' }).getByRole('article');
    await results.first().waitFor();
    expect(await results.count()).toBeGreaterThan(0);
    expect(await results.first().textContent()).toMatch(/naloxona|jeringas|fentanilo/i);
    await screenshot(page, 'locator-es-naloxone-phone', { fullPage: false });
  });
});

describe('the locator in English on a desktop, from a shared link', () => {
  it('shows the same search from the URL, with no axe-core violations', async () => {
    const desktop = await openPage(browser, baseUrl);
    await desktop.goto('/find?zip=97106&radius=25&medication=METH,BU&hasCapacity=true&lang=en');
    await desktop.getByRole('heading', { level: 1, name: 'Find treatment and support' }).waitFor();
    const status = desktop.getByRole('status').filter({ hasText: /found within 25 miles of 97106/ });
    await status.waitFor();
    // The filters fold away behind a summary once there are results; the form still holds them.
    await desktop.getByText('Filters (3 on)').click();
    expect(await desktop.getByRole('checkbox', { name: 'Methadone' }).isChecked()).toBe(true);
    expect(await desktop.getByRole('checkbox', { name: 'Has openings now' }).isChecked()).toBe(true);
    // "Has openings now" keeps only current capacity that is accepting: no stale badge can appear.
    expect(await desktop.getByText('Not confirmed recently').count()).toBe(0);
    expect(await axeViolations(desktop)).toEqual([]);
    await screenshot(desktop, 'locator-en-desktop');
    await desktop.context().close();
  });
});

describe("an organization's staff keep their listing current, and the public sees it", () => {
  let staffPage: Page;
  const serviceName = 'Methadone and buprenorphine (opioid treatment program)';

  beforeAll(async () => {
    staffPage = await openPage(browser, baseUrl);
    await staffPage.goto('/login');
    await staffPage.getByLabel('Email address').fill('orgadmin@demo.continuum.example');
    await staffPage.getByLabel('Password').fill('continuum-demo');
    await staffPage.getByRole('button', { name: 'Sign in' }).click();
    await staffPage.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('verifies the listing, showing who verified it', async () => {
    await staffPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click();
    await staffPage.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    await staffPage.getByLabel('Only my organization').check();
    await staffPage.getByRole('button', { name: 'Search' }).click();
    await staffPage.waitForURL(/mine=true/);
    // Only the listing of the organization the person works in (the list reloads for the new filter).
    const rows = staffPage.getByRole('rowheader');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await rows.first().getByRole('link').click();
    await staffPage.getByRole('button', { name: 'Verify listing' }).click();
    await staffPage.getByText('Listing verified.').waitFor();
    await staffPage
      .getByRole('region', { name: 'Verification' })
      .getByText(/^Verified .+ by Priya Raman$/)
      .waitFor();
    await screenshot(staffPage, 'directory-listing');
  });

  it('updates capacity in one action, with its history', async () => {
    await staffPage.getByRole('link', { name: serviceName }).click();
    const form = staffPage.getByRole('form', { name: 'Update capacity' });
    await form.waitFor();
    await form.getByLabel('Status').selectOption({ label: 'Accepting new people' });
    await form.getByLabel('Available now').fill('5');
    await form.getByLabel(/^Total/).fill('12');
    await form.getByRole('button', { name: 'Update capacity' }).click();
    await staffPage.getByText(/^Capacity updated: Accepting new people · 5 of 12 slots · updated .+ by Priya Raman\.$/).waitFor();
    const history = staffPage.getByRole('table', { name: 'Capacity history' });
    await expect.poll(() => history.getByRole('row').nth(1).textContent(), { timeout: 10_000 }).toContain('Priya Raman');
    expect(await axeViolations(staffPage)).toEqual([]);
    await screenshot(staffPage, 'directory-capacity');
  });

  it('shows the fresh capacity on the public locator', async () => {
    const url = new URL(staffPage.url());
    const serviceId = url.pathname.split('/').at(-1) ?? '';
    await page.goto(`/find/services/${serviceId}?lang=en`);
    await page.getByRole('heading', { level: 1, name: serviceName }).waitFor();
    const capacity = page.getByRole('region', { name: 'Openings' });
    expect(await capacity.textContent()).toMatch(/Accepting new people5 slots openUpdated \d+ minutes? ago/);
  });
});
