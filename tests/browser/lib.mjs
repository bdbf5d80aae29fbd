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
    // The in-memory stand-in is for working on the console alone; under `make test` (CTest sets
    // POL_MAKE_TEST) a browser test must run against the real server.
    if (process.env.POL_MAKE_TEST) throw new Error('POL_MOCK is refused under make test: unset it');
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

// --- newsroom helpers ---
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A real (decodable) RGB PNG: a diagonal gradient of the given size. */
export function makePng(width = 320, height = 240, [r0, g0, b0] = [11, 94, 85]) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height);
      raw[row + 1 + x * 3] = Math.round(r0 + (255 - r0) * t);
      raw[row + 2 + x * 3] = Math.round(g0 + (220 - g0) * t);
      raw[row + 3 + x * 3] = Math.round(b0 + (160 - b0) * t);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Today's Jalali date and a wall-clock time `secondsAhead` from now, in the page's time zone (Latin digits). */
export async function jalaliNowPlus(page, secondsAhead) {
  return page.evaluate((s) => {
    const d = new Date(Date.now() + s * 1000);
    const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(d);
    const get = (t) => parts.find((p) => p.type === t).value;
    const p2 = (n) => String(n).padStart(2, '0');
    return { date: `${get('year')}/${get('month')}/${get('day')}`, time: `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`, ms: d.getTime() };
  }, secondsAhead);
}
