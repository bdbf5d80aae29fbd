// Monitoring alerts delivered through distribution end to end (issue 16 §2): a burst rule for an agency
// fires when a fetched feed mentions it; the agency's PR manager gets an e-mail (through the council's
// e-mail channel's SMTP server — the real aiosmtpd peer) and the agency's alert chat (a Telegram channel
// with purpose "alerts", the fake Bot API) a message, both with the alert, the item's title and outlet and
// a link to the item in the console; the PR manager's own chat, linked with a one-time code to the council's
// messenger bot (the fake inbound Bot API), gets it too — the item's title, outlet, tone and link; nothing
// is sent twice when the feed is fetched again, and the alert chat receives no releases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';
import { TOKEN, sleep, until } from './lib/delivery.mjs';
import { startFakeBotApi } from './peers/fake_bot_api.mjs';
import { startFakeBotInbound } from './peers/fake_bot_inbound.mjs';
import { startNewsServer } from './peers/news-server.mjs';
import { startSmtp } from './peers/smtp.mjs';

const CHATS = { '@tkr_alerts': { id: -1001000000031, title: 'هشدارهای تعاون', username: 'tkr_alerts' } };

const STAFF_TOKEN = '555555:CouncilBaleBotForAlerts';
const STAFF_CHAT = 7009876;
let srv, smtp, fake, inbound, site, admin, council, ids;
before(async () => {
  smtp = await startSmtp();
  fake = await startFakeBotApi({ tokens: [TOKEN], chats: CHATS });
  inbound = await startFakeBotInbound();
  site = await startNewsServer();
  srv = await startServer({
    env: { POL_PUBLIC_URL: 'https://news.qazvin.example.ir', POL_MONITOR_FETCH_TIMEOUT_MS: '2000',
      POL_MONITOR_SCHEDULE: '0', POL_MONITOR_HOST_INTERVAL_MS: '0', POL_MESSENGER_POLL_TIMEOUT_S: '1' },
  });
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  ids = await demoIds(admin);
});
after(async () => {
  await srv?.stop();
  await fake?.close();
  await inbound?.stop();
  await smtp?.stop();
  await site?.close?.();
  if (srv) assertNoSanitizerReports(srv);
});

async function fetchAll(sources) {
  for (const s of sources) {
    const before = Date.now() - 1;
    assertStatus(await admin.post(`/api/v1/monitor/sources/${s.id}/fetch`, {}), 202);
    await until(`source ${s.id} fetched`, async () =>
      (assertStatus(await admin.get(`/api/v1/monitor/sources/${s.id}`), 200).json.health.last_fetch_at ?? 0) > before);
  }
}

test('an alert reaches the PR manager by e-mail and the agency alert chat, once', async () => {
  const council_id = ids.councilId;
  const tkr = ids.agencies.tkr.id;
  const mgr = ids.users['tkr-manager'];
  assertStatus(await admin.patch(`/api/v1/users/${mgr.id}`, { version: mgr.version, email: 'manager@tkr.example.ir' }), 200);

  const list = assertStatus(await council.post('/api/v1/press-lists', { council_id, name: 'فهرست شورا' }), 201).json;
  assertStatus(await council.post('/api/v1/channels', { council_id, kind: 'email', name: 'رایانامهٔ شورا', secret: smtp.password,
    config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user,
      from_address: 'pr@shora.example.ir', from_name: 'روابط عمومی شورا' } }), 201);
  assertError(await admin.post('/api/v1/channels', { agency_id: tkr, kind: 'telegram', name: 'x',
    config: { chat_id: '@tkr_alerts', base_url: fake.base, purpose: 'everything' }, secret: TOKEN }), 400, 'invalid_field');
  const chat = assertStatus(await admin.post('/api/v1/channels', { agency_id: tkr, kind: 'telegram', name: 'هشدارهای پایش',
    config: { chat_id: '@tkr_alerts', base_url: fake.base, purpose: 'alerts' }, secret: TOKEN }), 201).json;
  assert.equal(chat.config.purpose, 'alerts');

  // The PR manager links their own chat: a one-time code sent to the council's bot.
  assertStatus(await admin.post('/api/v1/messenger/bots', { council_id, kind: 'bale', name: 'ربات شورا',
    token: STAFF_TOKEN, base_url: inbound.base }), 201);
  const manager = await loginAs(srv, 'tkr-manager');
  const offer = assertStatus(await manager.post('/api/v1/auth/messenger-link'), 201).json;
  await inbound.update(STAFF_TOKEN, { message: { message_id: 1, date: Math.floor(Date.now() / 1000),
    chat: { id: STAFF_CHAT, type: 'private' }, from: { id: STAFF_CHAT, is_bot: false, first_name: 'مدیر' }, text: `/start ${offer.code}` } });
  const staffTexts = async () => (await inbound.sent(STAFF_TOKEN, String(STAFF_CHAT))).filter((m) => m.method === 'sendMessage').map((m) => m.body.text);
  await until('the chat linked', async () => (await staffTexts()).some((t) => /وصل شد/.test(t)));

  assertStatus(await council.post('/api/v1/monitor/alert-rules',
    { council_id, agency_id: tkr, kind: 'mention_burst', threshold: 1, window_minutes: 10080 }), 201);
  const sources = [];
  for (const [name, url, kind] of [['خبرگزاری نمونه', '/good/rss.xml'], ['اتم نمونه', '/atom/feed.xml'],
    ['جی‌سان‌فید نمونه', '/json/feed.json'], ['سایت بی‌خوراک', '/listing/', 'listing'], ['سایت قدیمی ۱۲۵۶', '/cp1256/rss.xml']]) {
    sources.push(assertStatus(await admin.post('/api/v1/monitor/sources',
      { council_id, name, url: site.url(url), tier: 'national', fetch_interval_s: 900, ...(kind ? { kind } : {}) }), 201).json);
  }
  // The demo's watchlists name the ministry's agencies: the fetched items mention tkr.
  await fetchAll(sources);

  const mentioned = assertStatus(await admin.get(`/api/v1/monitor/items?agency_id=${tkr}`), 200).json;
  assert.ok(mentioned.total >= 1, 'an item mentions the agency');
  const mails = await until('the alert e-mail', async () => {
    const r = smtp.received().filter((x) => x.rcpt_tos.includes('manager@tkr.example.ir'));
    return r.length ? r : null;
  });
  const m = smtp.parse(mails[0].file);
  assert.match(m.subject, /^هشدار پایش رسانه: /);
  const text = m.parts.find((p) => p.type === 'text/plain').content;
  assert.match(text, /افزایش ناگهانی اخبار/);
  assert.match(text, /https:\/\/news\.qazvin\.example\.ir\/console\/monitor\/items\/\d+/);
  assert.match(m.parts.find((p) => p.type === 'text/html').content, /dir="rtl"/);

  const msg = await until('the alert chat message', async () => fake.messages.find((x) => x.chat === 'tkr_alerts'));
  assert.equal(msg.method, 'sendMessage');
  assert.match(msg.text, /هشدار پایش رسانه/);
  assert.match(msg.raw, /href="https:\/\/news\.qazvin\.example\.ir\/console\/monitor\/items\/\d+"/);

  // The manager's own chat: the alert with the item's title, outlet, tone and the console link.
  const staffAlert = await until('the alert in the manager\'s own chat', async () =>
    (await staffTexts()).find((t) => /هشدار پایش رسانه/.test(t)));
  assert.match(staffAlert, /رسانه: /);
  assert.match(staffAlert, /لحن: (منفی|مثبت|خنثی)/);
  const staffRaw = (await inbound.sent(STAFF_TOKEN, String(STAFF_CHAT))).find((m) => /هشدار پایش رسانه/.test(m.body.text));
  assert.match(JSON.stringify(staffRaw.body), /news\.qazvin\.example\.ir\/console\/monitor\/items\/\d+/);

  // Fetched again: no new alert, nothing sent twice.
  await fetchAll(sources);
  await sleep(1500);
  assert.equal(smtp.received().filter((x) => x.rcpt_tos.includes('manager@tkr.example.ir')).length, 1);
  assert.equal(fake.messages.filter((x) => x.chat === 'tkr_alerts').length, 1);
  assert.equal((await staffTexts()).filter((t) => /هشدار پایش رسانه/.test(t)).length, 1);
  const jobs = assertStatus(await admin.get('/api/v1/jobs?kind=distribution.alert'), 200).json.items;
  assert.equal(jobs.length, 3, 'one job per recipient: the e-mail, the alert chat, the manager\'s own chat');
  assert.ok(jobs.every((j) => j.state === 'done'), JSON.stringify(jobs).slice(0, 400));

  // The alert chat takes no releases.
  let r = assertStatus(await manager.post('/api/v1/releases', { agency_id: tkr, title: 'نشست هم‌اندیشی تعاونی‌های استان',
    lead: 'نشست برگزار شد.', body_html: '<p>نشست با حضور مدیران برگزار شد.</p>' }), 201).json;
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200).json;
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/approve`, { version: r.version }), 200).json;
  const d = assertStatus(await manager.get(`/api/v1/releases/${r.id}/deliveries`), 200).json;
  assert.ok(!d.channels.some((c) => c.channel_id === chat.id), 'the alert chat is not a release channel');
  await sleep(1000);
  assert.equal(fake.messages.filter((x) => x.chat === 'tkr_alerts').length, 1);
});
