// Accessibility and markup of the console's main screens, signed in as the council's head: axe-core on the
// login page, the dashboard, the newsroom, the citizens' inbox and monitoring (a serious or critical
// violation fails the test, with the rule, the element and axe's help text), and html-validate
// (markup.mjs: the Nu checker's errors) on the dashboard's DOM as React rendered it.
//   node --test tests/browser/a11y_console.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, loginOk, shot } from './lib.mjs';
import { startDemoWeek, violations } from './a11y_lib.mjs';
import { markupErrors } from './markup.mjs';

let env;
before(async () => {
  env = await startDemoWeek('a11y-console');
});
after(async () => env?.stop());

test('main console screens have no serious or critical axe violation', async () => {
  const page = await openPage(env.browser, env.srv);
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

test('the dashboard, rendered, is valid HTML (html-validate, the Nu checker\'s errors)', async () => {
  const page = await openPage(env.browser, env.srv, { width: 390, height: 844 });
  await loginOk(page, 'council');
  await page.getByTestId('insight-dashboard').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await markupErrors(await page.content()), []);
});
