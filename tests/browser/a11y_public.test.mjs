// Accessibility and markup of the public pages: axe-core (injected through playwright-core) on the news
// portal, an article with a photo (the demo council's week), an agency's page, the 404 page, the search
// page and the citizens' form and track pages — a serious or critical violation fails the test, with the
// rule, the element and axe's help text — and html-validate (markup.mjs: the Nu checker's errors) on the
// HTML as the server sends it.
//   node --test tests/browser/a11y_public.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, shot } from './lib.mjs';
import { startDemoWeek, violations, articleWithPhoto } from './a11y_lib.mjs';
import { markupErrors } from './markup.mjs';

let env, article, agency;
before(async () => {
  env = await startDemoWeek('a11y-public');
  article = await articleWithPhoto(env.srv);
  agency = (await (await fetch(env.srv.url('/'))).text()).match(/href="(\/agencies\/[^"/]+)"/)?.[1];
});
after(async () => env?.stop());

test('public pages have no serious or critical axe violation', async () => {
  assert.ok(article, 'the demo week has an article with a photo on the portal');
  assert.ok(agency, 'the portal links an agency page');
  const page = await openPage(env.browser, env.srv, { width: 390, height: 844 });
  const paths = ['/', agency, article, '/no/such/page', '/citizen', '/citizen/track', '/search?q=' + encodeURIComponent('بیمه')];
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

test('public pages as served are valid HTML (html-validate, the Nu checker\'s errors)', async () => {
  assert.ok(article && agency);
  const found = {};
  for (const p of ['/', agency, article, '/citizen', '/citizen/track']) {
    const res = await fetch(env.srv.url(p));
    assert.equal(res.status, 200, p);
    const errors = await markupErrors(await res.text());
    if (errors.length) found[p] = errors;
  }
  assert.deepEqual(found, {});
});
