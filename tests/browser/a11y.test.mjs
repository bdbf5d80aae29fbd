// Accessibility checks in the browser: axe-core (injected into each page through playwright-core) on the
// public pages — the news portal, an article, the 404 page, the citizens' form and track pages — and the
// main console screens (login, dashboard, newsroom, citizens' inbox, monitoring). A serious or critical
// violation fails the test, with the rule, the element and axe's help text.
//   node --test tests/browser/a11y.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchBrowser, openPage, loginOk, shot, ApiClient } from './lib.mjs';
import { startServer } from '../e2e/harness.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** Serious and critical axe violations on the page as it is now. */
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('public pages have no serious or critical axe violation', async () => {
  const admin = new ApiClient(srv.base);
  await admin.login('admin');
  const page = await openPage(browser, srv, { width: 390, height: 844 });
  const paths = ['/', '/no/such/page', '/citizen', '/citizen/track', '/search?q=' + encodeURIComponent('بیمه')];
  const article = (await (await fetch(srv.url('/'))).text()).match(/href="(\/news\/\d+[^"]*)"/)?.[1];
  assert.ok(article, 'the demo council has a published release on its portal');
  paths.push(article);
  const found = {};
  for (const p of paths) {
    await page.goto(p);
    const v = await violations(page);
    if (v.length) found[p] = v;
  }
  await page.goto(article);
  await shot(page, 'a11y-01-article-phone');
  assert.deepEqual(found, {});
});

test('main console screens have no serious or critical axe violation', async () => {
  const page = await openPage(browser, srv);
  await page.goto('/console/');
  await page.getByLabel('گذرواژه', { exact: true }).waitFor();
  const found = {};
  const check = async (name) => {
    const v = await violations(page);
    if (v.length) found[name] = v;
  };
  await check('login');
  await loginOk(page, 'council');
  await page.getByTestId('nav').waitFor();
  await check('dashboard');
  for (const [testId, name] of [['nav-newsroom', 'newsroom'], ['nav-citizen', 'citizen inbox'], ['nav-monitor', 'monitoring']]) {
    const link = page.getByTestId(testId);
    if (!(await link.count())) {
      found[name] = ['the council admin has no such entry'];
      continue;
    }
    await link.click();
    await page.waitForLoadState('networkidle');
    await check(name);
  }
  await shot(page, 'a11y-02-console-monitor');
  assert.deepEqual(found, {});
});
