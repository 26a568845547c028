import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** Screenshots and the server log land here (gitignored). */
export const artifactsDir = fileURLToPath(new URL('../.test-artifacts/', import.meta.url));

export const demoAdmin = { email: 'admin@demo.continuum.example', password: 'continuum-demo' };

/** Debian's Chromium: browser downloads are blocked where the project runs. */
export function launchChromium(): Promise<Browser> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function openPage(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  return context.newPage();
}

/** Saves `<name>.png` for a person to look at; `fullPage: false` keeps only what fits the viewport. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage });
}

export async function signIn(page: Page, password = demoAdmin.password): Promise<void> {
  await page.getByLabel('Email address').fill(demoAdmin.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Every console error, page error and CSP violation the page reports while `visit` runs. */
export async function problemsWhile(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  };
  const onPageError = (error: Error) => problems.push(`page error: ${error.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await visit();
  page.off('console', onConsole);
  page.off('pageerror', onPageError);
  return problems;
}

/** Makes the page's browser report no WebGL (as some browsers, remote desktops and locked-down machines do). */
export async function withoutWebGl(page: Page): Promise<void> {
  // A string, not a function: the test transform would wrap a function expression in a helper the page lacks.
  await page.addInitScript({
    content: `(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return String(kind).startsWith('webgl') ? null : original.call(this, kind, ...rest);
      };
    })();`,
  });
}
