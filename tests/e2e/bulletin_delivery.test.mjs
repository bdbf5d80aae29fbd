// The press bulletin delivered through distribution end to end (issue 12 §4): the council admin names the
// daily bulletin's recipients — a council press list over SMTP (the real aiosmtpd peer), a Telegram and a
// Bale channel (the fake Bot API) and an Eitaa channel — «run now» makes the bulletin on the durable job
// queue, and distribution's durable queue delivers it: each press contact gets an e-mail whose body is the
// bulletin's HTML e-mail and whose attachment is the PDF under its Persian filename (python's email
// package reads the RFC 2231 name; pdftotext reads «بولتن خبری روزانه» in it); the Bot API receives
// sendDocument (multipart, the same PDF) with a Persian caption, Eitaa sendFile. The archive shows each
// channel's delivery state; a recipient that is not the council's (a webhook, another id) is a Persian 400
// and writes nothing; a channel whose chat is unknown ends failed with a Persian error in the archive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { assertStatus, assertError, hasPersian } from './lib/common.mjs';
import { EITAA_TOKEN, TOKEN, sleep, startDeliveryWorld, stopDeliveryWorld, until as untilDone } from './lib/delivery.mjs';

const CHATS = {
  '@shora_news': { id: -1001000000021, title: 'شورای هماهنگی', username: 'shora_news' },
  '@shora_bale': { id: -1001000000022, title: 'شورا در بله', username: 'shora_bale' },
  '@shora_eitaa': { id: -1001000000023, title: 'شورا در ایتا', username: 'shora_eitaa' },
};
const squeeze = (s) => s.replace(/[\u202A-\u202E\u200C\u200E\u200F\s]/g, '');
const until = (what, fn, timeoutMs = 180000) => untilDone(what, fn, timeoutMs);
const pdfText = (buf) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-bulletin-mail-')), 'b.pdf');
  writeFileSync(file, buf);
  return squeeze(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
};

const world = {};
let srv, smtp, fake, admin, council, analyst, ids;
before(async () => {
  await startDeliveryWorld(world, { chats: CHATS, users: ['council', 'analyst'] });
  ({ srv, smtp, fake, ids } = world);
  ({ admin, council, analyst } = world.sessions);
});
after(() => stopDeliveryWorld(world));

test('the daily bulletin reaches the press list (PDF attached) and the messenger channels (sendDocument)', async () => {
  const council_id = ids.councilId;
  const list = assertStatus(await council.post('/api/v1/press-lists', { council_id, name: 'خبرنگاران شورا' }), 201).json;
  assertStatus(await council.post(`/api/v1/press-lists/${list.id}/contacts`, {
    csv: 'email,name,outlet\nreporter1@irna.example.ir,مریم احمدی,ایرنا\nreporter2@isna.example.ir,علی رضایی,ایسنا\n',
  }), 200);
  const mail = assertStatus(await council.post('/api/v1/channels', { council_id, kind: 'email', name: 'خبرنامهٔ شورا', secret: smtp.password,
    config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user,
      from_address: 'pr@shora.example.ir', from_name: 'روابط عمومی شورا' } }), 201).json;
  // Messengers off their official host: a system admin's choice (as in distribution.test.mjs).
  const bot = (kind, chat, secret = TOKEN) => ({ council_id, kind, name: `${kind} ${chat}`, config: { chat_id: chat, base_url: fake.base }, secret });
  const telegram = assertStatus(await admin.post('/api/v1/channels', bot('telegram', '@shora_news')), 201).json;
  const bale = assertStatus(await admin.post('/api/v1/channels', bot('bale', '@shora_bale')), 201).json;
  const eitaa = assertStatus(await admin.post('/api/v1/channels', bot('eitaa', '@shora_eitaa', EITAA_TOKEN)), 201).json;
  const lost = assertStatus(await admin.post('/api/v1/channels', bot('telegram', '@no_such_chat')), 201).json;
  const hook = assertStatus(await admin.post('/api/v1/channels', { council_id, kind: 'webhook', name: 'وب‌هوک',
    config: { url: `${fake.base}/hook/x` }, secret: 'hook-key-1' }), 201).json;

  // Bad recipients: Persian 400, nothing written.
  const put = (channel_ids) => council.put('/api/v1/insight/bulletin/schedules',
    { council_id, period: 'day', time: '08:00', channel_ids });
  for (const bad of [[mail.id, hook.id], [mail.id, 987654]]) {
    assertError(await put(bad), 400, 'invalid_channel');  // also checks the message is Persian
  }
  assertError(await put(['x']), 400, 'invalid_field');
  const none = assertStatus(await analyst.get(`/api/v1/insight/bulletin/schedules?council_id=${council_id}`), 200).json.items;
  assert.deepEqual(none, [], 'nothing written');

  const set = assertStatus(await put([mail.id, telegram.id, bale.id, eitaa.id, lost.id]), 200).json.schedule;
  assert.deepEqual(set.channel_ids, [mail.id, telegram.id, bale.id, eitaa.id, lost.id].sort((a, b) => a - b));

  const sentBefore = fake.messages.length;
  assertStatus(await council.post('/api/v1/insight/bulletin/run', { council_id, period: 'day' }), 202);
  const archived = await until('the bulletin delivered on every channel', async () => {
    const items = assertStatus(await analyst.get(`/api/v1/insight/bulletin/archive?council_id=${council_id}`), 200).json.items;
    const b = items[0];
    if (!b) return null;
    const open = b.deliveries.some((d) => d.queued + d.sending > 0);
    return b.deliveries.length === 5 && !open ? b : null;
  });
  const by = Object.fromEntries(archived.deliveries.map((d) => [d.channel_id, d]));
  assert.equal(by[mail.id].sent, 2, 'both press contacts');
  assert.equal(by[mail.id].kind, 'email');
  for (const ch of [telegram, bale, eitaa]) assert.equal(by[ch.id].sent, 1, `${ch.kind} sent`);
  assert.equal(by[telegram.id].url.startsWith('https://t.me/shora_news/'), true, by[telegram.id].url);
  assert.equal(by[bale.id].url.startsWith('https://ble.ir/shora_bale/'), true);
  assert.equal(by[lost.id].failed, 1, 'an unknown chat fails for good');
  assert.ok(hasPersian(by[lost.id].error), by[lost.id].error);

  // The archived PDF: what every channel received.
  const pdf = Buffer.from(await (await fetch(`${srv.base}/api/v1/insight/bulletin/archive/${archived.id}`,
    { headers: { cookie: analyst.cookie } })).arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

  // E-mail: one per contact, the HTML e-mail as the body, the PDF attached under its Persian name.
  const received = smtp.received();
  assert.equal(received.length, 2);
  assert.deepEqual(received.map((r) => r.rcpt_tos[0]).sort(), ['reporter1@irna.example.ir', 'reporter2@isna.example.ir']);
  const m = smtp.parse(received[0].file);
  assert.match(m.subject, /^بولتن خبری روزانه/);
  assert.equal(m.content_type, 'multipart/mixed');
  assert.ok(m.max_line <= 78, `line length ${m.max_line}`);
  assert.ok(m.ascii_only, 'the raw message is 7-bit');
  assert.ok(m.list_unsubscribe?.includes('https://news.qazvin.example.ir/unsubscribe/'));
  const html = m.parts.find((p) => p.type === 'text/html');
  assert.match(html.content, /dir="rtl"/);
  const att = m.parts.find((p) => p.disposition === 'attachment');
  assert.equal(att.type, 'application/pdf');
  assert.match(att.filename, /^بولتن خبری روزانه [۰-۹]{4}-[۰-۹]{2}-[۰-۹]{2}\.pdf$/);
  assert.equal(att.sha256, createHash('sha256').update(pdf).digest('hex'), 'the attachment is the archived PDF');
  assert.match(readFileSync(received[0].file, 'latin1'), /filename\*0\*=UTF-8''%D8%A8/, 'RFC 2231 filename');
  assert.ok(pdfText(pdf).includes(squeeze('بولتن خبری روزانه')), 'pdftotext reads the bulletin');

  // Messengers: sendDocument (Telegram, Bale) and sendFile (Eitaa) with the same PDF and a Persian caption.
  const docs = fake.messages.slice(sentBefore);
  const tg = docs.find((x) => x.chat === 'shora_news');
  assert.equal(tg.method, 'sendDocument');
  assert.equal(tg.document.mime_type, 'application/pdf');
  assert.ok(tg.document.data.equals(pdf), 'Telegram received the archived PDF');
  assert.match(tg.document.file_name, /^بولتن خبری روزانه .*\.pdf$/);
  assert.match(tg.caption, /بولتن خبری روزانه/);
  assert.equal(docs.find((x) => x.chat === 'shora_bale').method, 'sendDocument');
  const ei = docs.find((x) => x.chat === 'shora_eitaa');
  assert.equal(ei.method, 'sendFile');
  assert.ok(ei.document.data.equals(pdf));
  assert.equal(docs.length, 3, 'one document per messenger channel, nothing else');

  // A repeated job adds nothing: the same run's job is deduplicated; a second run is a new bulletin.
  const audit = assertStatus(await admin.get('/api/v1/audit?entity=council'), 200).json.items;
  assert.ok(audit.some((e) => e.action === 'insight.bulletin.schedule' && JSON.stringify(e.detail ?? e.details ?? '').includes(String(mail.id))),
    'the recipients are audited');
});
