// Browser test of distribution against a real `pol serve`: the agency's PR manager adds a Telegram
// channel (pointing at the local fake Bot API) on the «انتشار» screen, tests it, publishes a release and
// sees it «ارسال شد» in the release's deliveries panel, with the channel's message link; a channel with a
// wrong token shows its Persian error and a retry button, and is listed with its cause on the «انتشار»
// screen's failed deliveries, from where it is retried.
//   node --test tests/browser/distribution.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, launchBrowser, openPage, loginOk, shot, ApiClient, latinDigitsInText } from './lib.mjs';
import { startFakeBotApi } from '../e2e/peers/fake_bot_api.mjs';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwx-yz';
let srv, browser, fake, manager;

before(async () => {
  fake = await startFakeBotApi({ tokens: [TOKEN], chats: { '@qazvin_tamin': { id: -1001000000001, title: 'تأمین قزوین', username: 'qazvin_tamin' } } });
  srv = await startBackend();
  browser = await launchBrowser();
  manager = new ApiClient(srv.base);
  assert.equal((await manager.login('tamin-manager')).status, 200);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await fake?.close();
});

async function snap(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

test('a PR manager configures a Telegram channel, publishes, and sees «ارسال شد»', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  await page.getByTestId('nav-distribution').click();
  // A messenger off its official host (here the local fake Bot API) is a system admin's choice since
  // issue 17, so the admin creates the channel for the agency; the PR manager works with it on the screen.
  const admin = new ApiClient(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const me0 = (await manager.get('/api/v1/auth/me')).json.user;
  const tamin = me0.roles.find((g) => g.role === 'agency_pr_manager').agency_id;
  const made = await admin.post('/api/v1/channels', { agency_id: tamin, kind: 'telegram', name: 'کانال تلگرام تأمین اجتماعی قزوین', config: { chat_id: '@qazvin_tamin', base_url: fake.base }, secret: TOKEN });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  await page.reload();
  await page.getByTestId('distribution-page').waitFor();
  const row = page.getByTestId('channel-row').filter({ hasText: 'کانال تلگرام تأمین اجتماعی قزوین' });
  await row.waitFor();
  assert.ok((await row.textContent()).includes('••••x-yz'), 'the token is shown masked');
  assert.ok(!(await page.content()).includes(TOKEN), 'the token is never on the page');
  await row.getByTestId('channel-test').click();
  await row.getByTestId('channel-test-result').filter({ hasText: 'پیام آزمایشی فرستاده شد.' }).waitFor();
  assert.equal(fake.messages.length, 1);
  await snap(page, 'distribution-channels');

  // A second channel with a well-formed but wrong token, to see an error in Persian.
  const wrong = await admin.post('/api/v1/channels', { agency_id: tamin, kind: 'telegram', name: 'کانال با توکن نادرست', config: { chat_id: '@qazvin_tamin', base_url: fake.base }, secret: '999999:WrongTokenWrongTokenWrong' });
  assert.equal(wrong.status, 201, JSON.stringify(wrong.json));
  await page.reload();
  await page.getByTestId('channel-row').filter({ hasText: 'کانال با توکن نادرست' }).waitFor();

  // Publish through the API (the newsroom's own browser test covers the editor), then open the release.
  const me = (await manager.get('/api/v1/auth/me')).json.user;
  const agency_id = me.roles.find((g) => g.role === 'agency_pr_manager').agency_id;
  let r = (await manager.post('/api/v1/releases', { agency_id, title: 'آغاز ثبت‌نام بیمهٔ رانندگان در قزوین', lead: 'ثبت‌نام از شنبه آغاز می‌شود.', body_html: '<p>رانندگان می‌توانند با مراجعه به شعب ثبت‌نام کنند.</p>' })).json;
  r = (await manager.post(`/api/v1/releases/${r.id}/submit`, { version: r.version })).json;
  r = (await manager.post(`/api/v1/releases/${r.id}/approve`, { version: r.version })).json;
  assert.equal(r.status, 'published');

  await page.goto(`/console/newsroom/${r.id}`);
  const panel = page.getByTestId('deliveries-panel');
  await panel.waitFor();
  const tg = panel.locator('[data-testid="delivery-row"][data-kind="telegram"]').filter({ hasText: 'کانال تلگرام تأمین اجتماعی قزوین' });
  await tg.getByTestId('delivery-state').filter({ hasText: 'ارسال شد' }).waitFor({ timeout: 20000 });
  const link = tg.getByTestId('delivery-link');
  assert.match(await link.getAttribute('href'), /^https:\/\/t\.me\/qazvin_tamin\/\d+$/);
  const site = panel.locator('[data-testid="delivery-row"][data-kind="site"]');
  assert.equal(await site.getAttribute('data-state'), 'sent', 'the public site counts as a channel');
  const bad = panel.locator('[data-testid="delivery-row"][data-kind="telegram"]').filter({ hasText: 'کانال با توکن نادرست' });
  await bad.getByTestId('delivery-state').filter({ hasText: 'ناموفق' }).waitFor({ timeout: 20000 });
  assert.ok((await bad.getByTestId('delivery-error').textContent()).includes('توکن ربات پذیرفته نشد'));
  await bad.getByTestId('delivery-retry').waitFor();
  const text = await panel.textContent();
  assert.ok(!/[0-9]/.test(text.replace(/https?:\S+/g, '')), `Persian digits in the panel: ${text}`);
  await snap(page, 'distribution-deliveries');

  // The distribution screen lists the agency's failed deliveries: release (linked), channel, cause, retry.
  await page.getByTestId('nav-distribution').click();
  const failed = page.getByTestId('failed-deliveries');
  const frow = failed.getByTestId('failed-row').filter({ hasText: 'کانال با توکن نادرست' });
  await frow.waitFor();
  assert.equal(await frow.count(), 1, 'one failed delivery: the wrong token');
  assert.equal(await failed.getByTestId('failed-row').filter({ hasText: 'کانال تلگرام تأمین اجتماعی قزوین' }).count(), 0, 'a sent delivery is not listed');
  assert.ok((await frow.getByTestId('failed-cause').textContent()).includes('توکن ربات پذیرفته نشد'));
  assert.equal(await frow.getAttribute('data-release'), String(r.id));
  assert.equal(await frow.getByTestId('failed-release').getAttribute('href'), `/console/newsroom/${r.id}`);
  assert.equal(await failed.getByTestId('failed-count').textContent(), '۱');
  assert.deepEqual(await latinDigitsInText(page, '[data-testid="failed-deliveries"]'), []);
  await snap(page, 'distribution-failed');
  const sentBefore = fake.messages.length;
  await frow.getByTestId('failed-retry').click();
  await failed.getByTestId('failed-notice').filter({ hasText: 'دوباره در صف قرار گرفت' }).waitFor();
  // The retry goes to the channel again (and fails again: the token is still wrong), so the row comes back.
  let api;
  for (let i = 0; i < 200; i++) {
    api = await manager.get('/api/v1/deliveries');
    if (api.json?.total === 1 && api.json.items[0].attempts >= 2) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(api.status, 200);
  assert.equal(api.json.total, 1);
  assert.ok(api.json.items[0].attempts >= 2, `retried: ${JSON.stringify(api.json.items[0])}`);
  await page.reload();
  await frow.filter({ hasText: '۲ تلاش' }).waitFor();
  assert.equal(fake.messages.length, sentBefore, 'a wrong token sends nothing');
  assert.deepEqual(page.errors, []);
});
