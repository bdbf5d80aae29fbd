// Shared setup for the console browser tests: a real `pol serve` (or the
// in-memory stand-in when POL_MOCK=1), Debian's chromium via playwright-core,
// and helpers for logging in and saving screenshots to tests/artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, ApiClient, DEMO_PASSWORD, repoRoot } from '../e2e/harness.mjs';
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';

export { ApiClient, DEMO_PASSWORD };
export const artifacts = path.join(repoRoot, 'tests/artifacts');

export async function startBackend() {
  if (process.env.POL_MOCK) {
    const { startMock } = await import('./mock-server.mjs');
    return startMock();
  }
  return startServer();
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
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

/** A fresh browser context (own cookie jar) and page, with errors collected. */
export async function openPage(browser, srv, { width = 1366, height = 860 } = {}) {
  const context = await browser.newContext({
    baseURL: srv.base,
    viewport: { width, height },
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

export async function login(page, name, password = DEMO_PASSWORD) {
  await page.goto('/console/');
  await page.getByLabel('نام کاربری، شمارهٔ همراه یا رایانامه').fill(name);
  await page.getByLabel('گذرواژه', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ورود', exact: true }).click();
}

export async function loginOk(page, name, password = DEMO_PASSWORD) {
  await login(page, name, password);
  await page.getByTestId('nav').waitFor({ state: 'attached' });
}

export async function shot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Test ids of the sidebar navigation entries. */
export async function navIds(page) {
  return page.getByTestId('nav').locator('[data-testid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
}

/** Visible text outside LTR islands (bdi, inputs, code) — must use Persian digits. */
export async function latinDigitsInText(page, selector = 'body') {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('bdi,pre,code,script,style,noscript,[dir="ltr"],option')) continue;
      if (/[0-9]/.test(n.textContent)) out.push(n.textContent.trim());
    }
    return out;
  }, selector);
}
