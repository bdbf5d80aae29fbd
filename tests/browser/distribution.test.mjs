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
import { dbQuery } from '../e2e/harness.mjs';

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

// Beside the releases' card: the failed deliveries of the other kinds (a correction re-announced, a
// monitoring alert to the manager's own chat), with the kind, what was sent, the Persian cause, the Jalali
// time and attempts in Persian digits, and a retry that answers in Persian.
test('the distribution screen lists failed corrections and alerts beside the releases, and retries one', async () => {
  const me = (await manager.get('/api/v1/auth/me')).json.user;
  const tamin = me.roles.find((g) => g.role === 'agency_pr_manager').agency_id;
  const council = me.roles.find((g) => g.role === 'agency_pr_manager').council_id;
  const failed = (await manager.get('/api/v1/deliveries')).json.items[0];
  assert.ok(failed, 'the first test left a failed release delivery');
  const now = Date.now();
  dbQuery(srv.dataDir, 'INSERT INTO release_updates(release_id, event, event_at, note, delivery_id, channel_id, state, attempts, ' +
    `error_code, error_fa, error_detail, created_at, updated_at) VALUES (${failed.release_id}, 'corrected', ${now}, 'عدد درست شد.', ` +
    `${failed.id}, ${failed.channel_id}, 'failed', 3, 'channel_error', 'سرویس کانال خطای موقت داد. پس از ۳ تلاش، ارسال متوقف شد.', 'HTTP 502', ${now}, ${now});`);
  dbQuery(srv.dataDir, 'INSERT INTO alert_deliveries(event_key, council_id, agency_id, subject, body, item_title, outlet, link, state, ' +
    `attempts, error_code, error_fa, created_at, updated_at, tone) VALUES ('browser:${now}', ${council}, ${tamin}, 'هشدار پایش رسانه', ` +
    `'خبر با لحن منفی در رسانهٔ سراسری', 'صف طولانی داروخانه‌های قزوین', 'ایرنا', 'https://news.example.ir/console/monitor/items/1', 'failed', 1, ` +
    `'chat_not_found', 'گفتگوی شخصی پیدا نشد.', ${now - 60000}, ${now - 60000}, 'negative');`);

  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  await page.getByTestId('nav-distribution').click();
  const card = page.getByTestId('failed-outbox');
  await card.waitFor();
  const upd = card.locator('[data-testid="outbox-row"][data-kind="release_update"]');
  const alert = card.locator('[data-testid="outbox-row"][data-kind="alert"]');
  await upd.waitFor();
  await alert.waitFor();
  assert.equal(await card.getByTestId('outbox-count').textContent(), '۲');
  assert.equal(await upd.getByTestId('outbox-kind').textContent(), 'اصلاحیهٔ خبر');
  assert.equal(await upd.getByTestId('outbox-title').getAttribute('href'), `/console/newsroom/${failed.release_id}`);
  assert.ok((await upd.getByTestId('outbox-cause').textContent()).includes('پس از ۳ تلاش'));
  assert.ok((await upd.textContent()).includes('۳ تلاش'));
  assert.equal(await alert.getByTestId('outbox-kind').textContent(), 'هشدار پایش');
  assert.equal(await alert.getByTestId('outbox-title').textContent(), 'صف طولانی داروخانه‌های قزوین');
  assert.equal(await alert.getByTestId('outbox-title').getAttribute('href'), '/console/monitor/items/1');
  assert.deepEqual(await latinDigitsInText(page, '[data-testid="failed-outbox"]'), []);
  // The releases' card is still there, above.
  await page.getByTestId('failed-deliveries').getByTestId('failed-row').first().waitFor();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'distribution-failed-outbox');

  // The kind filter, then the retry: queued again (the alert's chat row has no bot: the job cancels it).
  await page.locator('#outbox-kind').selectOption('alert');
  await card.locator('[data-testid="outbox-row"][data-kind="release_update"]').waitFor({ state: 'detached' });
  await alert.getByTestId('outbox-retry').click();
  await card.getByTestId('outbox-notice').filter({ hasText: 'دوباره در صف قرار گرفت' }).waitFor();
  await card.getByTestId('outbox-empty').waitFor();
  const audit = (await manager.get('/api/v1/outbox/failed?kind=alert')).json;
  assert.equal(audit.total, 0);
  assert.deepEqual(page.errors, []);
});
