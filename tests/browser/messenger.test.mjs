// Browser test of the messenger bots screen («ربات‌های پیام‌رسان») against a real `pol serve`: the agency's PR
// manager adds a Bale bot with the form (shared form parts, web/src/components/ConfigForm.tsx); a malformed
// token is refused with its Persian message under the field and nothing is added; the token is shown masked.
//   node --test tests/browser/messenger.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, launchBrowser, openPage, loginOk, shot, ApiClient } from './lib.mjs';

const TOKEN = '424242:BaleBotTokenForTheBrowserTest';
let srv, browser;

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a PR manager adds a Bale bot; a malformed token is refused in Persian', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  await page.getByTestId('nav-messenger').click();
  await page.getByTestId('bot-form').waitFor();
  await page.getByTestId('bot-name').fill('ربات تأمین اجتماعی');
  await page.getByTestId('bot-token').fill('not-a-token');
  await page.getByTestId('bot-save').click();
  const invalid = page.getByTestId('bot-form').locator('.invalid-feedback');
  await invalid.first().waitFor();
  assert.match(await invalid.first().innerText(), /[\u0600-\u06FF]/, 'a Persian message under the field');
  const manager = new ApiClient(srv.base);
  assert.equal((await manager.login('tamin-manager')).status, 200);
  assert.equal((await manager.get('/api/v1/messenger/bots')).json.items.length, 0, 'nothing was added');

  await page.getByTestId('bot-token').fill(TOKEN);
  await page.getByTestId('bot-save').click();
  const row = page.getByTestId('bot-row').filter({ hasText: 'ربات تأمین اجتماعی' });
  await row.waitFor();
  assert.ok((await row.innerText()).includes('بله'));
  assert.ok((await row.innerText()).includes(TOKEN.slice(-4)), 'the token is shown by its last characters');
  assert.ok(!(await page.content()).includes(TOKEN), 'the token is never on the page');
  const bots = (await manager.get('/api/v1/messenger/bots')).json.items;
  assert.deepEqual(bots.map((b) => [b.kind, b.mode, b.name]), [['bale', 'polling', 'ربات تأمین اجتماعی']]);
  await shot(page, 'messenger-bots');
  assert.deepEqual(page.errors, []);
});
