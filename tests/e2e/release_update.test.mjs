// Corrections and withdrawals re-announced through distribution end to end (issue 16 §2): a release sent to
// Telegram, Bale, Eitaa, a webhook and a press list (the fake Bot API, the real aiosmtpd peer) is corrected —
// the Bot API messages are edited in place (editMessageText), the press contact gets a correction e-mail
// («اصلاحیه: …» with the note), the webhook is called with release.corrected — then withdrawn: the messages
// are deleted (deleteMessage), the webhook gets release.withdrawn, no e-mail is sent; Eitaa, whose API has
// neither operation, keeps its message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertStatus } from './lib/common.mjs';
import { EITAA_TOKEN, TOKEN, sleep, startDeliveryWorld, stopDeliveryWorld, until } from './lib/delivery.mjs';

const CHATS = {
  '@tamin_news': { id: -1001000000041, title: 'تأمین', username: 'tamin_news' },
  '@tamin_bale': { id: -1001000000042, title: 'تأمین در بله', username: 'tamin_bale' },
  '@tamin_eitaa': { id: -1001000000043, title: 'تأمین در ایتا', username: 'tamin_eitaa' },
};

const world = {};
let srv, smtp, fake, admin, manager, ids;
before(async () => {
  await startDeliveryWorld(world, { chats: CHATS, users: ['tamin-manager'] });
  ({ srv, smtp, fake, ids } = world);
  ({ admin, 'tamin-manager': manager } = world.sessions);
});
after(() => stopDeliveryWorld(world));

test('a correction edits the messages and mails the press list; a withdrawal deletes them', async () => {
  const agency_id = ids.agencies.tamin.id;
  const list = assertStatus(await manager.post('/api/v1/press-lists', { agency_id, name: 'خبرنگاران' }), 201).json;
  assertStatus(await manager.post(`/api/v1/press-lists/${list.id}/contacts`, { csv: 'email,name\nreporter1@irna.example.ir,مریم احمدی\n' }), 200);
  const bot = (kind, chat, secret = TOKEN) => ({ agency_id, kind, name: `${kind} ${chat}`, config: { chat_id: chat, base_url: fake.base }, secret });
  for (const body of [bot('telegram', '@tamin_news'), bot('bale', '@tamin_bale'), bot('eitaa', '@tamin_eitaa', EITAA_TOKEN),
    { agency_id, kind: 'webhook', name: 'وب‌هوک', config: { url: `${fake.base}/hook/agency` }, secret: 'hook-key-1' }]) {
    assertStatus(await admin.post('/api/v1/channels', body), 201, body.kind);
  }
  assertStatus(await manager.post('/api/v1/channels', { agency_id, kind: 'email', name: 'خبرنامه', secret: smtp.password,
    config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user,
      from_address: 'pr@tamin.example.ir', from_name: 'روابط عمومی تأمین' } }), 201);

  let r = assertStatus(await manager.post('/api/v1/releases', { agency_id, title: 'افتتاح شعبهٔ تازهٔ تأمین اجتماعی در آبیک',
    lead: 'شعبهٔ تازه افتتاح شد.', body_html: '<p>این شعبه به ده هزار بیمه‌شده خدمت می‌دهد.</p>' }), 201).json;
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200).json;
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/approve`, { version: r.version }), 200).json;
  const sent = await until('the release on every channel', async () => {
    const d = assertStatus(await manager.get(`/api/v1/releases/${r.id}/deliveries`), 200).json;
    const all = d.channels.filter((c) => c.kind !== 'site');
    return all.length === 5 && all.every((c) => c.sent > 0) ? d : null;
  });
  assert.ok(sent);
  const msg = (chat) => fake.messages.find((x) => x.chat === chat && x.method !== 'getMe');
  assert.equal(msg('tamin_news').method, 'sendMessage');
  const mailsBefore = smtp.received().length;
  assert.equal(mailsBefore, 1);

  // The correction.
  r = assertStatus(await manager.get(`/api/v1/releases/${r.id}`), 200).json;
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/correct`, { version: r.version,
    note: 'نام شهرستان درست شد.', title: 'افتتاح شعبهٔ تازهٔ تأمین اجتماعی در تاکستان' }), 200).json;
  await until('the Telegram message edited', async () => msg('tamin_news').edits === 1);
  assert.match(msg('tamin_news').text, /تاکستان/);
  await until('the Bale message edited', async () => msg('tamin_bale').edits === 1);
  assert.equal(msg('tamin_eitaa').edits, undefined, 'Eitaa has no edit');
  const correction = await until('the correction e-mail', async () => (smtp.received().length === 2 ? smtp.received() : null));
  const parsed = correction.map((x) => smtp.parse(x.file)).find((m) => m.subject.startsWith('اصلاحیه: '));
  assert.ok(parsed, 'a mail whose subject starts with «اصلاحیه:»');
  assert.match(parsed.subject, /تاکستان/);
  assert.match(parsed.parts.find((p) => p.type === 'text/plain').content, /نام شهرستان درست شد/);
  const hookCorrected = await until('the webhook called with release.corrected', async () =>
    fake.hooks.find((h) => h.headers['x-pol-event'] === 'release.corrected'));
  assert.equal(JSON.parse(hookCorrected.body).note, 'نام شهرستان درست شد.');

  // The withdrawal.
  r = assertStatus(await manager.get(`/api/v1/releases/${r.id}`), 200).json;
  assertStatus(await manager.post(`/api/v1/releases/${r.id}/withdraw`, { version: r.version, reason: 'خبر تکراری بود.' }), 200);
  await until('the Telegram message deleted', async () => msg('tamin_news').deleted === true);
  await until('the Bale message deleted', async () => msg('tamin_bale').deleted === true);
  const hookWithdrawn = await until('the webhook called with release.withdrawn', async () =>
    fake.hooks.find((h) => h.headers['x-pol-event'] === 'release.withdrawn'));
  assert.equal(JSON.parse(hookWithdrawn.body).reason, 'خبر تکراری بود.');
  await sleep(1000);
  assert.equal(smtp.received().length, 2, 'no e-mail for a withdrawal');
  assert.ok(!msg('tamin_eitaa').deleted, 'Eitaa has no delete');
  const jobs = assertStatus(await admin.get('/api/v1/jobs?kind=distribution.update'), 200).json.items;
  // Corrected: Telegram, Bale, the e-mail, the webhook; withdrawn: Telegram, Bale, the webhook.
  assert.equal(jobs.length, 4 + 3);
  assert.ok(jobs.every((j) => j.state === 'done'), JSON.stringify(jobs).slice(0, 400));
});
