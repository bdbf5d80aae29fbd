// The committee's notices through staff members' messenger chats (issue 13 §3, "the messenger bots where a
// member has linked one"), against the fake Bot API peer (peers/fake_bot_inbound.mjs) polled by a council
// bot: a member takes a one-time code in the console, sends it to the bot with /start, the bot answers in
// Persian and the chat is linked (audited); an unknown or used code links nothing. Scheduling a meeting
// then sends the invitation to that chat too — the Jalali date and time, the place, the online link and the
// member's RSVP link, which answers without logging in — and restarts run the reminder sweep: the hour
// reminder of one meeting and the day reminder of another arrive once each. Unlinked from the console
// (only by its owner), the chat gets nothing more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertStatus, demoIds, loginAs, assertNoSanitizerReports, until, sleep } from './lib/common.mjs';
import { startFakeBotInbound } from './peers/fake_bot_inbound.mjs';

const TOKEN = '444444:CouncilBaleBotForCommittee';
const ENV = { POL_MESSENGER_POLL_TIMEOUT_S: '1' };
const CHAT = 7001234, OTHER_CHAT = 7005678;

let fake, srv, admin, member, ids, bot;

const latin = (s) => s.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));


let nextMessageId = 1;
const say = (chat, text) => fake.update(TOKEN, { message: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000),
  chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'عضو', last_name: 'کمیته' }, text } });
const texts = async (chat) => (await fake.sent(TOKEN, chat)).filter((m) => m.method === 'sendMessage').map((m) => m.body.text);
const matching = async (chat, re) => (await texts(chat)).filter((t) => re.test(t));
const waitText = (chat, re, count = 1) =>
  until(`«${re}» in chat ${chat}`, async () => { const all = await matching(chat, re); return all.length >= count ? all : null; });

async function restart() {
  await srv.stop({ keepData: true });
  assertNoSanitizerReports(srv);
  srv = await startServer({ dataDir: srv.dataDir, env: ENV });
  admin = await loginAs(srv, 'admin');
  member = await loginAs(srv, 'committee');
}

before(async () => {
  fake = await startFakeBotInbound();
  srv = await startServer({ env: ENV });
  admin = await loginAs(srv, 'admin');
  member = await loginAs(srv, 'committee');
  ids = await demoIds(admin);
  bot = assertStatus(await admin.post('/api/v1/messenger/bots', { council_id: ids.councilId, kind: 'bale',
    name: 'ربات شورای اطلاع‌رسانی', token: TOKEN, base_url: fake.base }), 201).json;
});

after(async () => {
  if (srv) { assertNoSanitizerReports(srv); await srv.stop(); }
  if (fake) await fake.stop();
});

const audit = async () => assertStatus(await admin.get('/api/v1/audit?per_page=20'), 200).json;

async function schedule(committee, startsAt, extra = {}) {
  let m = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: startsAt, ...extra }), 201).json;
  m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  return m;
}

test('a member links their chat with a code; invitations, RSVP links and both reminders come there; unlinking stops them', async () => {
  // The code, from the member's profile: the council's bot is offered.
  const offer = assertStatus(await member.post('/api/v1/auth/messenger-link'), 201).json;
  assert.match(offer.code, /^pol-[a-z2-9]{10}$/);
  assert.equal(offer.start_command, `/start ${offer.code}`);
  assert.ok(offer.expires_at > Date.now() + 14 * 60000);
  assert.deepEqual(offer.bots.map((b) => b.id), [bot.id]);
  assert.ok(!('token' in offer.bots[0]));

  // An unknown code links nothing; the right one links the chat and the bot says so in Persian.
  await say(CHAT, 'pol-zzzzzzzzzz');
  await waitText(CHAT, /معتبر نیست/);
  assert.deepEqual(assertStatus(await member.get('/api/v1/auth/messenger-chats'), 200).json.items, []);
  await say(CHAT, `/start ${offer.code}`);
  const [welcome] = await waitText(CHAT, /وصل شد/);
  assert.ok(welcome.includes('عضو کمیتهٔ روابط عمومی'), welcome);  // the member's name
  const chats = assertStatus(await member.get('/api/v1/auth/messenger-chats'), 200).json.items;
  assert.equal(chats.length, 1);
  assert.equal(chats[0].bot_id, bot.id);
  assert.equal(chats[0].chat, '70•••34');
  assert.equal(chats[0].active, true);
  assert.ok((await audit()).items.some((e) => e.action === 'messenger_link' && e.entity_id === String(chats[0].id)));
  // The code is used: from another chat it links nothing.
  await say(OTHER_CHAT, offer.code);
  await waitText(OTHER_CHAT, /معتبر نیست/);
  assert.equal(assertStatus(await member.get('/api/v1/auth/messenger-chats'), 200).json.items.length, 1);

  // A committee with the member; a meeting within the hour, with a place and an online link.
  const committee = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ پیام‌رسان' }), 201).json;
  const seat = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users.committee.id }), 201).json.id;
  const soon = Date.now() + 50 * 60000;
  const m1 = await schedule(committee, soon, { place: 'تالار شورا', online_url: 'https://meet.example.ir/pr-committee' });
  const [invite] = await waitText(CHAT, /دعوت به جلسهٔ شمارهٔ ۱/);
  const day = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(soon));
  const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(soon));
  assert.ok(invite.includes(day), `${invite} has ${day}`);
  assert.ok(latin(invite).includes(hhmm), `${invite} has ${hhmm}`);
  assert.ok(invite.includes('مکان: تالار شورا'), invite);
  assert.ok(invite.includes('https://meet.example.ir/pr-committee'), invite);
  const link = invite.match(/http:\/\/127\.0\.0\.1:\d+\/committee\/rsvp\/[0-9a-f.]+/)[0];
  assert.ok(link.includes(`/${m1.id}.${seat}.`), link);
  let notices = assertStatus(await admin.get(`/api/v1/committee-meetings/${m1.id}/notices`), 200).json.items;
  assert.deepEqual(notices.filter((n) => n.channel === 'messenger').map((n) => [n.kind, n.status]), [['invite', 'sent']]);

  // The RSVP link of the message answers without logging in.
  const answered = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rsvp=yes' });
  assert.equal(answered.status, 200);
  const view = assertStatus(await admin.get(`/api/v1/committee-meetings/${m1.id}`), 200).json;
  assert.equal(view.attendance.find((a) => a.member_id === seat).rsvp, 'yes');

  // A second meeting tomorrow; the sweep at start sends the hour reminder of the first and the day
  // reminder of the second, once each (a second start adds nothing).
  const m2 = await schedule(committee, Date.now() + 20 * 3600000, { place: 'اتاق ۲' });
  await waitText(CHAT, /دعوت به جلسهٔ شمارهٔ ۲/);
  await restart();
  await waitText(CHAT, /جلسهٔ شمارهٔ ۱ .*تا یک ساعت دیگر/);
  await waitText(CHAT, /جلسهٔ شمارهٔ ۲ .*در ۲۴ ساعت آینده/);
  await restart();
  await sleep(1500);
  assert.equal((await matching(CHAT, /یادآوری: /)).length, 2, 'each reminder once');
  notices = assertStatus(await admin.get(`/api/v1/committee-meetings/${m2.id}/notices`), 200).json.items;
  assert.deepEqual(notices.filter((n) => n.channel === 'messenger').map((n) => [n.kind, n.status]).sort(),
    [['invite', 'sent'], ['remind_day', 'sent']]);

  // Only the owner unlinks (someone else: 404, still linked); then a new meeting's invitation goes
  // nowhere near the chat.
  assert.equal((await admin.delete(`/api/v1/auth/messenger-chats/${chats[0].id}`)).status, 404);
  assert.equal(assertStatus(await member.get('/api/v1/auth/messenger-chats'), 200).json.items.length, 1);
  assert.equal((await member.delete(`/api/v1/auth/messenger-chats/${chats[0].id}`)).status, 204);
  assert.deepEqual(assertStatus(await member.get('/api/v1/auth/messenger-chats'), 200).json.items, []);
  assert.ok((await audit()).items.some((e) => e.action === 'messenger_unlink'));
  const m3 = await schedule(committee, Date.now() + 3 * 86400000);
  await until('the third meeting\'s notices', async () =>
    assertStatus(await admin.get(`/api/v1/committee-meetings/${m3.id}/notices`), 200).json.items.length === 0 ||
    assertStatus(await admin.get(`/api/v1/committee-meetings/${m3.id}/notices`), 200).json.items.every((n) => n.status !== 'pending'));
  await sleep(1500);
  notices = assertStatus(await admin.get(`/api/v1/committee-meetings/${m3.id}/notices`), 200).json.items;
  assert.equal(notices.filter((n) => n.channel === 'messenger').length, 0);
  assert.equal((await matching(CHAT, /دعوت به جلسهٔ شمارهٔ ۳/)).length, 0);
});
