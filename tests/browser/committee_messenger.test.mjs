// Browser test of the committee's messenger and sender screens against a real `pol serve` and the fake Bot
// API peer (tests/e2e/peers/fake_bot_inbound.mjs) polled by a council bot: the member takes a link code on
// their account page and sends it to the bot, the linked chat shows; the secretary (council admin) names the
// committee's e-mail channel and SMS line on the committee's page; a scheduled meeting's invitation reaches
// the chat; the member unlinks it. Screenshots in tests/artifacts/.
//   node --test tests/browser/committee_messenger.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, loginOk, shot, latinDigitsInText } from './lib.mjs';
import { startServer } from '../e2e/harness.mjs';
import { assertStatus, demoIds, loginAs, until } from '../e2e/lib/common.mjs';
import { startFakeBotInbound } from '../e2e/peers/fake_bot_inbound.mjs';

const TOKEN = '555555:CouncilBotForTheConsole';
const CHAT = 8801234;
let srv, fake, browser, committee, channel, council;

before(async () => {
  fake = await startFakeBotInbound();
  srv = await startServer({ env: { POL_MESSENGER_POLL_TIMEOUT_S: '1' } });
  browser = await launchBrowser();
  const admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  const ids = await demoIds(admin);
  assertStatus(await admin.post('/api/v1/messenger/bots', { council_id: ids.councilId, kind: 'bale', name: 'ربات شورای اطلاع‌رسانی',
    token: TOKEN, base_url: fake.base }), 201);
  const list = assertStatus(await admin.post('/api/v1/press-lists', { council_id: ids.councilId, name: 'فهرست کمیته' }), 201).json;
  channel = assertStatus(await admin.post('/api/v1/channels', { council_id: ids.councilId, kind: 'email', name: 'رایانامهٔ دبیرخانهٔ کمیته',
    secret: 'smtp-password', config: { press_list_id: list.id, smtp_url: 'smtp://127.0.0.1:9', tls: 'none', username: 'pol',
      from_address: 'committee@council.example.ir', from_name: 'دبیرخانهٔ کمیته' } }), 201).json;
  committee = assertStatus(await council.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ روابط عمومی شورا' }), 201).json;
  assertStatus(await council.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users.committee.id, role: 'chair' }), 201);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await fake?.stop();
});

const texts = async () => (await fake.sent(TOKEN, CHAT)).filter((m) => m.method === 'sendMessage').map((m) => m.body.text);

test('the member links their chat, the secretary sets the senders, the invitation reaches the chat, the member unlinks', async () => {
  const member = await openPage(browser, srv);
  await loginOk(member, 'committee');
  await member.goto('/console/password');
  await member.getByTestId('messenger-link').getByText('هنوز گفتگویی وصل نشده است.').waitFor();
  await member.getByTestId('issue-link-code').click();
  const command = (await member.getByTestId('start-command').innerText()).trim();
  assert.match(command, /^\/start pol-[a-z2-9]{10}$/);
  await member.getByTestId('link-code').getByText('ربات شورای اطلاع‌رسانی').waitFor();
  await shot(member, 'committee-messenger-01-member-code');
  await fake.update(TOKEN, { message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: CHAT, type: 'private' },
    from: { id: CHAT, is_bot: false, first_name: 'عضو' }, text: command } });
  await until('the bot\'s answer', async () => (await texts()).some((t) => t.includes('وصل شد')));
  await member.reload();
  await member.getByTestId('linked-chats').getByText('ربات شورای اطلاع‌رسانی').waitFor();
  await shot(member, 'committee-messenger-02-member-linked');

  const secretary = await openPage(browser, srv);
  await loginOk(secretary, 'council');
  await secretary.goto(`/console/committee/${committee.id}`);
  await secretary.getByTestId('sender-mail-channel').selectOption(String(channel.id));
  await secretary.getByTestId('sender-sms-line').fill('۳۰۰۰۱۲۳۴');
  await secretary.getByTestId('save-senders').click();
  await secretary.getByTestId('sender-summary').getByText('رایانامهٔ دبیرخانهٔ کمیته', { exact: false }).waitFor();
  assert.ok((await secretary.getByTestId('sender-summary').innerText()).includes('۳۰۰۰۱۲۳۴'));
  assert.deepEqual(await latinDigitsInText(secretary, '[data-testid="sender-summary"]'), []);
  await shot(secretary, 'committee-messenger-03-secretary-senders');
  // Opened again, the stored line shows in Persian digits in its box too.
  await secretary.reload();
  await secretary.getByTestId('sender-sms-line').waitFor();
  assert.equal(await secretary.getByTestId('sender-sms-line').inputValue(), '۳۰۰۰۱۲۳۴');
  const saved = assertStatus(await council.get(`/api/v1/committees/${committee.id}/sender-settings`), 200).json;
  assert.equal(saved.mail_channel_id, channel.id);
  assert.equal(saved.sms_sender, '30001234');

  let m = assertStatus(await council.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: Date.now() + 3 * 86400000, place: 'تالار شورا' }), 201).json;
  m = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  await until('the invitation in the chat', async () => (await texts()).some((t) => t.includes('دعوت به جلسهٔ شمارهٔ ۱')));

  await member.getByRole('button', { name: 'جدا کردن' }).click();
  await member.getByTestId('messenger-link').getByText('هنوز گفتگویی وصل نشده است.').waitFor();
  await shot(member, 'committee-messenger-04-member-unlinked');
  for (const p of [member, secretary]) assert.deepEqual(p.errors, []);
});
