// Accessibility and markup of the release editor (an agency editor's new release) and of a published
// release's read-only view (the council's head): axe-core (a serious or critical violation fails the test)
// and html-validate (markup.mjs: the Nu checker's errors) on the DOM as React rendered it.
//   node --test tests/browser/a11y_release.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, loginOk, shot, ApiClient } from './lib.mjs';
import { startDemoWeek, violations } from './a11y_lib.mjs';
import { markupErrors } from './markup.mjs';

let env, editor, published;
before(async () => {
  env = await startDemoWeek('a11y-release');
  const admin = new ApiClient(env.srv.base);
  await admin.login('admin');
  const item = (await admin.get('/api/v1/releases?status=published&per_page=1')).json.items[0];
  editor = await openPage(env.browser, env.srv);
  await loginOk(editor, 'tamin-editor');
  await editor.goto('/console/newsroom/new');
  await editor.getByTestId('release-title').waitFor();
  await editor.waitForLoadState('networkidle');
  if (item) {
    published = await openPage(env.browser, env.srv);
    await loginOk(published, 'council');
    await published.goto(`/console/newsroom/${item.id}`);
    await published.getByTestId('release-body').waitFor();
    await published.waitForLoadState('networkidle');
  }
});
after(async () => env?.stop());

test('the release editor and a published release have no serious or critical axe violation', async () => {
  assert.ok(published, 'the demo week has a published release');
  const found = {};
  let v = await violations(editor);
  if (v.length) found.editor = v;
  await shot(editor, 'a11y-03-editor');
  v = await violations(published);
  if (v.length) found['published release'] = v;
  await shot(published, 'a11y-04-published-release');
  assert.deepEqual(found, {});
});

test('the release editor and a published release, rendered, are valid HTML (html-validate, the Nu checker\'s errors)', async () => {
  assert.ok(published, 'the demo week has a published release');
  const found = {};
  for (const [name, page] of [['editor', editor], ['published release', published]]) {
    const errors = await markupErrors(await page.content());
    if (errors.length) found[name] = errors;
  }
  assert.deepEqual(found, {});
});
