// Messenger bots (issue 15) against the fake Bot API run as a separate process (peers/fake_bot_inbound.mjs):
// a full conversation to a tracking code; the answer and the rating coming back; kill -9 mid-conversation
// and mid-poll with no update lost or handled twice; the webhook's secret; a flood limited; retry_after
// honoured; a blocked chat.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, dbQuery } from './harness.mjs';
import { assertStatus, loginAs, demoIds, assertNoSanitizerReports, tamperLast, until, sleep } from './lib/common.mjs';
import { makePng } from './lib/images.mjs';
import { startFakeBotInbound } from './peers/fake_bot_inbound.mjs';

const TOKEN = '111111:PollingBotTokenForTests';
const HOOK_TOKEN = '222222:WebhookBotTokenForTests';
const BALE_TOKEN = '333333:BaleTaminBotTokenForTests';
const ENV = { POL_MESSENGER_POLL_TIMEOUT_S: '1', POL_MESSENGER_PER_CHAT_PER_MINUTE: '20' };

let fake, srv, admin, desk, ids, bot;

const latin = (s) => s.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));


let nextMessageId = 1;
function message(chat, extra) {
  return { message: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000),
    chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'شهروند', last_name: 'آزمون' }, ...extra } };
}
const say = (token, chat, text) => fake.update(token, message(chat, { text }));
const press = (token, chat, data) => fake.update(token, { callback_query: { id: `cb${nextMessageId++}`,
  from: { id: chat, is_bot: false, first_name: 'شهروند' }, message: { message_id: 1, chat: { id: chat, type: 'private' } }, data } });
const texts = async (token, chat) => (await fake.sent(token, chat)).filter((m) => m.method === 'sendMessage').map((m) => m.body.text);
async function waitText(token, chat, pattern, count = 1) {
  return until(`«${pattern}» in chat ${chat}`, async () => {
    const all = (await texts(token, chat)).filter((t) => pattern.test(t));
    return all.length >= count ? all : null;
  });
}

async function converse(chat, { photo = false, token = TOKEN, phone = '+989121110000' } = {}) {
  await say(token, chat, '/start');
  await waitText(token, chat, /نوع درخواست/);
  await say(token, chat, 'شکایت');
  await waitText(token, chat, /متن شکایت/);
  await say(token, chat, `مستمری این ماه من واریز نشده است ${chat}`);
  await say(token, chat, 'شعبهٔ مرکزی پاسخ تلفن را نمی‌دهد.');
  if (photo) {
    await fake.file(token, `photo-${chat}`, makePng(64, 48));
    await fake.update(token, message(chat, { photo: [{ file_id: `photo-${chat}-small`, width: 10, height: 8, file_size: 100 },
      { file_id: `photo-${chat}`, width: 64, height: 48, file_size: 500 }], caption: 'رسید بانک' }));
    await waitText(token, chat, /عکس دریافت شد/);
  }
  await say(token, chat, 'ارسال');
  await waitText(token, chat, /شمارهٔ همراه/);
  await fake.update(token, message(chat, { contact: { phone_number: phone, first_name: 'شهروند', user_id: chat } }));
  await waitText(token, chat, /کد ملی/);
  await say(token, chat, 'رد شدن');
  await waitText(token, chat, /خلاصهٔ درخواست/);
  await press(token, chat, 'confirm');
  const [done] = await waitText(token, chat, /کد رهگیری/);
  return latin(done).match(/(\d{4}) (\d{3}) (\d{3})/).slice(1).join('');
}

async function findRequest(code) {
  const list = assertStatus(await admin.get('/api/v1/citizen/requests?per_page=200'), 200).json.items;
  return list.find((r) => r.tracking_code === code);
}

before(async () => {
  fake = await startFakeBotInbound();
  srv = await startServer({ env: ENV });
  admin = await loginAs(srv, 'admin');
  desk = await loginAs(srv, 'tamin-desk');
  ids = await demoIds(admin);
  bot = assertStatus(await admin.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'telegram',
    name: 'ربات تأمین اجتماعی', token: TOKEN, base_url: fake.base, welcome: 'به ربات تأمین اجتماعی خوش آمدید.' }), 201).json;
});

after(async () => {
  if (srv) { assertNoSanitizerReports(srv); await srv.stop(); }
  if (fake) await fake.stop();
});

test('bot configuration: token write-only, test connection, bad input refused', async () => {
  assert.equal(bot.token_hint.endsWith('ests'), true);
  assert.equal(JSON.stringify(bot).includes(TOKEN), false, 'the token never comes back');
  const t = assertStatus(await admin.post(`/api/v1/messenger/bots/${bot.id}/test`), 200).json;
  assert.equal(t.ok, true, JSON.stringify(t));
  assert.equal(t.username, 'pol_test_bot');
  const bad = await admin.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'telegram', name: 'x', token: 'nope' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.code, 'invalid_token');
  // A PR manager may not point a bot at another host.
  const mgr = await loginAs(srv, 'tamin-manager');
  const host = await mgr.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'bale', name: 'y', token: '5:abc', base_url: 'https://bots.example.ir' });
  assert.equal(host.status, 403);
  assert.equal(host.json.error.code, 'official_host_only');
  const list = assertStatus(await admin.get('/api/v1/messenger/bots'), 200).json.items;
  assert.deepEqual(list.map((b) => b.id), [bot.id], 'refused creates wrote nothing');
});

test('a full conversation files a request in the same inbox, with the photo and the channel', async () => {
  const code = await converse(501, { photo: true });
  assert.match(code, /^\d{10}$/);
  const item = await until('the request in the inbox', () => findRequest(code));
  assert.equal(item.channel, 'telegram');
  assert.equal(item.agency_id, ids.agencies.tamin.id);
  assert.equal(item.state, 'open', 'an own contact is a verified mobile: routed at once');
  const full = assertStatus(await desk.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  assert.equal(full.request?.channel ?? full.channel, 'telegram');
  const attachments = full.attachments || full.request?.attachments || [];
  assert.equal(attachments.length, 1, 'the photo is attached');
  // The keyboards the citizen saw: the request types, the contact button, the inline confirm.
  const sent = await fake.sent(TOKEN, '501');
  assert.ok(sent.some((m) => m.body.reply_markup?.keyboard?.flat().some((b) => b.request_contact)), 'contact button');
  assert.ok(sent.some((m) => m.body.reply_markup?.inline_keyboard), 'inline keyboard');
  assert.ok((await fake.sent(TOKEN)).some((m) => m.method === 'answerCallbackQuery'), 'the button press is answered');
  // /status answers from the same data.
  await say(TOKEN, 501, `/status ${code}`);
  await waitText(TOKEN, 501, /در دست بررسی دستگاه/);
});

test('the answer, the closing and the rating come back through the chat', async () => {
  const code = await converse(502);
  const item = await until('the request', () => findRequest(code));
  let cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/reply`, { version: item.version, body: 'مستمری فردا واریز می‌شود.' }), 200).json;
  await waitText(TOKEN, 502, /مستمری فردا واریز می‌شود/);
  cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/close`, { version: cur.version, outcome: 'resolved' }), 200).json;
  await waitText(TOKEN, 502, /بسته شد/);
  const closing = (await fake.sent(TOKEN, '502')).find((m) => /بسته شد/.test(m.body.text || ''));
  const buttons = closing.body.reply_markup.inline_keyboard.flat();
  const five = buttons.find((b) => b.callback_data.endsWith(':5'));
  assert.ok(five && buttons.some((b) => b.text === 'حل نشد'));
  await press(TOKEN, 502, five.callback_data);
  await waitText(TOKEN, 502, /امتیاز شما ثبت شد/);
  const rated = assertStatus(await desk.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  assert.equal(rated.request?.csat ?? rated.csat, 5);
  // Another chat cannot use the buttons of this request.
  await press(TOKEN, 503, `reopen:${item.id}`);
  await waitText(TOKEN, 503, /دیگر کار نمی‌کند/);
});

test('done when: the Social Security bot in Bale, a complaint with a photo, the desk answers it in the web inbox, the citizen rates it', async () => {
  const bale = assertStatus(await admin.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'bale',
    name: 'ربات تأمین اجتماعی در بله', token: BALE_TOKEN, base_url: fake.base, welcome: 'به ربات تأمین اجتماعی در بله خوش آمدید.' }), 201).json;
  assert.equal(bale.kind, 'bale');
  assert.equal(bale.mode, 'polling');
  await say(BALE_TOKEN, 1001, '/start');
  await waitText(BALE_TOKEN, 1001, /خوش آمدید/);
  const code = await converse(1001, { photo: true, token: BALE_TOKEN, phone: '+989121110201' });
  // The desk's own inbox (the same API and page as the portal's requests): the Bale request beside web ones.
  const inbox = assertStatus(await desk.get('/api/v1/citizen/requests?per_page=200'), 200).json.items;
  const item = inbox.find((r) => r.tracking_code === code);
  assert.ok(item, 'the Bale request is in the desk inbox');
  assert.equal(item.channel, 'bale');
  assert.equal(item.agency_id, ids.agencies.tamin.id);
  assert.equal(item.state, 'open', 'the shared own contact verified the mobile');
  assert.ok(inbox.some((r) => r.channel === 'web'), 'web requests are listed in the same inbox');
  const full = assertStatus(await desk.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  assert.equal((full.attachments || full.request?.attachments || []).length, 1, 'the photo is attached');
  // The desk answers and closes; both arrive in the Bale chat.
  let cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/reply`, { version: item.version, body: 'مستمری شما روز شنبه واریز می‌شود.' }), 200).json;
  await waitText(BALE_TOKEN, 1001, /روز شنبه واریز می‌شود/);
  cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/close`, { version: cur.version, outcome: 'resolved' }), 200).json;
  await waitText(BALE_TOKEN, 1001, /بسته شد/);
  const closing = (await fake.sent(BALE_TOKEN, '1001')).find((m) => /بسته شد/.test(m.body.text || ''));
  const four = closing.body.reply_markup.inline_keyboard.flat().find((b) => b.callback_data.endsWith(':4'));
  await press(BALE_TOKEN, 1001, four.callback_data);
  await waitText(BALE_TOKEN, 1001, /امتیاز شما ثبت شد/);
  const rated = assertStatus(await desk.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  assert.equal(rated.request?.csat ?? rated.csat, 4, 'the rating is on the request');
  assert.equal(rated.request?.channel ?? rated.channel, 'bale');
  // Nothing of this conversation went through the Telegram bot.
  assert.equal((await fake.sent(TOKEN, '1001')).length, 0);
});

test('privacy: the export shows the chat\'s unfinished conversation, filed or not; the erasure clears it', async () => {
  const council = await loginAs(srv, 'council');
  // Chat 1101 filed a request with its own number and has begun another conversation since.
  const code = await converse(1101, { phone: '+989121110301' });
  const received = (await texts(TOKEN, '1101')).filter((t) => /دریافت شد/.test(t)).length;
  await say(TOKEN, 1101, '/new');
  await say(TOKEN, 1101, 'پرسش');
  await say(TOKEN, 1101, 'نشانی خانه‌ام خیابان آزادی پلاک ۱۱۰۱ است');
  await waitText(TOKEN, 1101, /دریافت شد/, received + 1);
  // Chat 1103 of someone else, also in the middle of a conversation.
  await say(TOKEN, 1103, '/new');
  await say(TOKEN, 1103, 'پرسش');
  await say(TOKEN, 1103, 'پرسشی که می‌ماند');
  await waitText(TOKEN, 1103, /دریافت شد/);
  // Chat 1105 shared the same number and stopped before filing: no request links it to the mobile.
  await say(TOKEN, 1105, '/new');
  await say(TOKEN, 1105, 'پیشنهاد');
  await say(TOKEN, 1105, 'پیشنهادی که هرگز فرستاده نشد');
  await say(TOKEN, 1105, 'ارسال');
  await waitText(TOKEN, 1105, /شمارهٔ همراه/);
  await fake.update(TOKEN, message(1105, { contact: { phone_number: '+989121110301', first_name: 'شهروند', user_id: 1105 } }));
  await waitText(TOKEN, 1105, /کد ملی/);

  const exp = assertStatus(await council.get('/api/v1/citizen/export?mobile=09121110301'), 200).json;
  assert.equal(exp.chats.length, 2, JSON.stringify(exp.chats));
  const chat = exp.chats.find((c) => c.chat_id === '1101');
  const unfiled = exp.chats.find((c) => c.chat_id === '1105');
  assert.equal(unfiled.tracking_code, '');
  assert.equal(unfiled.conversation.state, 'national');
  assert.equal(unfiled.conversation.mobile, '09121110301');
  assert.ok(unfiled.conversation.parts.some((p) => p.includes('هرگز فرستاده نشد')), JSON.stringify(unfiled));
  assert.equal(chat.chat_id, '1101');
  assert.equal(chat.tracking_code, code);
  assert.equal(chat.channel, 'telegram');
  assert.equal(chat.conversation.state, 'text');
  assert.equal(chat.conversation.type, 'question');
  assert.ok(chat.conversation.parts.some((p) => p.includes('پلاک ۱۱۰۱')), JSON.stringify(chat.conversation));

  assert.equal(assertStatus(await council.post('/api/v1/citizen/erase', { mobile: '09121110301' }), 200).json.erased, 1);
  assert.equal(dbQuery(srv.dataDir, "SELECT state || '|' || data FROM messenger_chats WHERE chat_id = '1101'").trim(), 'idle|{}');
  assert.equal(dbQuery(srv.dataDir, "SELECT COUNT(*) FROM messenger_links WHERE chat_id = '1101'").trim(), '0');
  assert.equal(dbQuery(srv.dataDir, "SELECT state || '|' || data FROM messenger_chats WHERE chat_id = '1105'").trim(), 'idle|{}');
  assert.deepEqual(assertStatus(await council.get('/api/v1/citizen/export?mobile=09121110301'), 200).json.chats, []);
  // The chat starts afresh: «ارسال» no longer files what was gathered before the erasure.
  const count = async (re) => (await texts(TOKEN, '1101')).filter((t) => re.test(t)).length;
  const [hints, asked] = [await count(/\/new/), await count(/شمارهٔ همراه/)];
  await say(TOKEN, 1101, 'ارسال');
  await waitText(TOKEN, 1101, /\/new/, hints + 1);
  assert.equal(await count(/شمارهٔ همراه/), asked, 'no request began from the erased text');
  // Someone else's conversation is left alone.
  assert.equal(dbQuery(srv.dataDir, "SELECT state FROM messenger_chats WHERE chat_id = '1103'").trim(), 'text');
});

test('kill -9 mid-conversation and mid-poll: nothing lost, nothing handled twice', async () => {
  await say(TOKEN, 601, '/new');
  await say(TOKEN, 601, 'پرسش');
  await say(TOKEN, 601, 'ساعت کاری شعبه چیست؟');
  await waitText(TOKEN, 601, /دریافت شد/);
  // Sending is at least once: a send killed between the Bot API's answer and its commit goes again, so
  // the kill waits until every reply so far is recorded as sent (what is under test is the updates).
  await until('the messenger queue idle', async () => !assertStatus(await admin.get('/api/v1/jobs'), 200).json.stats
    .some((d) => d.queue === 'messenger' && (d.state === 'ready' || d.state === 'leased') && d.count > 0));
  // The poller is waiting in getUpdates now (1 s long poll); the server dies without a word.
  await srv.stop({ keepData: true, signal: 'SIGKILL' });
  await say(TOKEN, 601, 'و روز پنجشنبه؟');
  await say(TOKEN, 601, 'ارسال');
  srv = await startServer({ dataDir: srv.dataDir, env: ENV });
  admin = await loginAs(srv, 'admin');
  desk = await loginAs(srv, 'tamin-desk');
  await waitText(TOKEN, 601, /شمارهٔ همراه/);
  await until('the queue drained', async () => (await fake.state(TOKEN)).pending.length === 0);
  await sleep(1500);  // a further poll round: nothing comes twice
  const all = await texts(TOKEN, 601);
  assert.equal(all.filter((t) => /دریافت شد/.test(t)).length, 2, all.join(' | '));
  assert.equal(all.filter((t) => /شمارهٔ همراه/.test(t)).length, 1, all.join(' | '));
  // The conversation continues where it was.
  await fake.update(TOKEN, message(601, { contact: { phone_number: '09121110001', user_id: 601 } }));
  await waitText(TOKEN, 601, /کد ملی/);
});

test('the webhook: a wrong secret is refused and does nothing; a retried update is handled once', async () => {
  const hook = assertStatus(await admin.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'bale',
    name: 'ربات بله', token: HOOK_TOKEN, base_url: fake.base, mode: 'webhook' }), 201).json;
  const t = assertStatus(await admin.post(`/api/v1/messenger/bots/${hook.id}/test`), 200).json;
  assert.equal(t.ok, true, JSON.stringify(t));
  const info = (await fake.state(HOOK_TOKEN)).webhook;
  assert.equal(info.url, `${srv.base}/hooks/messenger/${hook.id}`);
  assert.ok(info.secret_token.length >= 16);
  const update = { update_id: 9001, ...message(701, { text: '/start' }) };
  for (const secret of ['', 'wrong-secret', tamperLast(info.secret_token)]) {
    const r = await fetch(srv.url(`/hooks/messenger/${hook.id}`), { method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(update) });
    assert.equal(r.status, 401);
  }
  await sleep(500);
  assert.equal((await texts(HOOK_TOKEN, '701')).length, 0, 'a refused call sent nothing');
  assert.equal((await fake.update(HOOK_TOKEN, update)).webhook_status, 200);
  assert.equal((await fake.update(HOOK_TOKEN, update)).webhook_status, 200, 'a retried update is accepted');
  await waitText(HOOK_TOKEN, '701', /نوع درخواست/);
  await sleep(800);
  assert.equal((await texts(HOOK_TOKEN, '701')).filter((x) => /نوع درخواست/.test(x)).length, 1, 'handled once');
});

test('a flood is limited per chat, with one polite notice', async () => {
  for (let i = 0; i < 30; i++) await say(TOKEN, 801, `پیام ${i}`);
  await waitText(TOKEN, 801, /زیاد بود/);
  await until('the queue drained', async () => (await fake.state(TOKEN)).pending.length === 0);
  await sleep(1000);
  const all = await texts(TOKEN, 801);
  assert.equal(all.filter((t) => /زیاد بود/.test(t)).length, 1);
  assert.ok(all.length <= 21, `at most 20 answers and one notice, got ${all.length}`);
});

test('retry_after is honoured and a blocked chat stops receiving; unknown content answered politely', async () => {
  await fake.fail(TOKEN, 1, 1, 901);
  const at = Date.now();
  await fake.update(TOKEN, message(901, { sticker: { file_id: 'stk' } }));
  await waitText(TOKEN, 901, /نمی‌توانیم بخوانیم/);
  const sent = await fake.sent(TOKEN, '901');
  assert.equal(sent[0].method, 'refused-429');
  assert.ok(sent.find((m) => m.method === 'sendMessage').at - at >= 1000, 'sent again after retry_after');
  // A blocked chat: the request stays, nothing more is sent.
  const code = await converse(902);
  const item = await until('the request', () => findRequest(code));
  await fake.block(TOKEN, 902);
  const before = (await fake.sent(TOKEN, '902')).length;
  let cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/reply`, { version: item.version, body: 'پاسخ اول' }), 200).json;
  await sleep(1500);
  cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/reply`, { version: cur.version, body: 'پاسخ دوم' }), 200).json;
  await sleep(1500);
  assert.equal((await fake.sent(TOKEN, '902')).length, before, 'nothing reached the blocked chat');
  assert.equal(cur.state, 'answered', 'the request is kept and handled');
});

test('per-channel volumes in the citizens\' statistics equal the requests per channel', async () => {
  // Every request staff see (verified, not merged), from the inbox API, page by page.
  const all = [];
  for (let page = 1; ; page++) {
    const p = assertStatus(await admin.get(`/api/v1/citizen/requests?per_page=200&page=${page}`), 200).json;
    all.push(...p.items);
    if (all.length >= p.total || p.items.length === 0) break;
  }
  const seen = all.filter((r) => r.state !== 'merged' && r.state !== 'unverified');
  const count = (rows) => rows.reduce((m, r) => ({ ...m, [r.channel]: (m[r.channel] ?? 0) + 1 }), {});
  const expected = count(seen);
  assert.ok(expected.web > 0 && expected.telegram > 0 && expected.bale > 0, JSON.stringify(expected));
  const council = await loginAs(srv, 'council');
  const csat = assertStatus(await council.get('/api/v1/citizen/csat'), 200).json;
  assert.deepEqual(csat.channels, expected);
  for (const a of csat.items)
    assert.deepEqual(a.channels, count(seen.filter((r) => r.agency_id === a.agency_id)), a.agency_name);
  assert.deepEqual(csat.unrouted_channels, count(seen.filter((r) => r.agency_id == null)));
  // The insight dashboard's citizens panel: the same counts over the requests received in its period.
  const d = assertStatus(await council.get(`/api/v1/insight/dashboard?council_id=${ids.councilId}`), 200).json;
  const inPeriod = count(seen.filter((r) => r.created_at >= d.period.from && r.created_at < d.period.to));
  assert.deepEqual(Object.fromEntries(d.requests_by_channel.map((b) => [b.channel, b.count])), inPeriod);
  const received = d.figures.find((f) => f.metric === 'requests_received').value;
  assert.equal(d.requests_by_channel.reduce((n, b) => n + b.count, 0), received);
  assert.ok(inPeriod.bale >= 1 && inPeriod.telegram >= 1, 'the bots\' requests of today are in the period');
});
