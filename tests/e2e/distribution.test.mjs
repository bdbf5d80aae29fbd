// Distribution end to end: a real `pol serve` delivering releases to protocol-faithful local peers —
// the fake Bot API / Eitaa / webhook receiver (peers/fake_bot_api.mjs) and a real SMTP server
// (peers/smtp_server.py, aiosmtpd) whose received messages are parsed back by python's email package.
// Faults: 429 with retry_after, 5xx, a channel down then back, SIGKILL in the middle of a fan-out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { rmSync } from 'node:fs';
import { startServer } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, uniq, hasPersian, assertNoSanitizerReports, until, sleep } from './lib/common.mjs';
import { writesNothing } from './lib/authz_writes.mjs';
import { startFakeBotApi } from './peers/fake_bot_api.mjs';
import { startSmtp } from './peers/smtp.mjs';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwx-yz';
const TOKEN2 = '654321:ZYXwvuTSRqpoNMLkjiHGFed_cb';
const EITAA_TOKEN = 'eitaa-token-0001';
const HOOK_KEY = 'hook-secret-key-1';
const CHATS = {
  '@qazvin_tamin': { id: -1001000000001, title: 'تأمین اجتماعی قزوین', username: 'qazvin_tamin' },
  '@tamin_bale': { id: -1001000000002, title: 'تأمین در بله', username: 'tamin_bale' },
  '@tamin_eitaa': { id: -1001000000003, title: 'تأمین در ایتا', username: 'tamin_eitaa' },
  '@chan_a1': { id: -1001000000011, title: 'الف', username: 'chan_a1' },
  '@chan_b2': { id: -1001000000012, title: 'ب', username: 'chan_b2' },
  '@chan_c3': { id: -1001000000013, title: 'ج', username: 'chan_c3' },
  '@chan_d4': { id: -1001000000014, title: 'د', username: 'chan_d4' },
  '@chan_e5': { id: -1001000000015, title: 'ه', username: 'chan_e5' },
};


let fake;
before(async () => {
  fake = await startFakeBotApi({ tokens: [TOKEN, TOKEN2], chats: CHATS, eitaaTokens: [EITAA_TOKEN] });
});
after(async () => { await fake?.close(); });

// A tamin release written, submitted and approved by the agency's PR manager: published at once.
async function publish(manager, agencyId, extra = {}) {
  let r = assertStatus(await manager.post('/api/v1/releases', {
    agency_id: agencyId, title: extra.title || `افتتاح شعبهٔ تازهٔ تأمین اجتماعی در تاکستان ${uniq('n')}`,
    lead: 'شعبهٔ تازه با حضور مدیرکل افتتاح شد.',
    body_html: extra.body_html || '<p>این شعبه به بیش از بیست هزار بیمه‌شده خدمت می‌دهد. ساعت کار آن از هفت صبح است.</p>',
  }), 201, 'create').json;
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200, 'submit').json;
  const t0 = Date.now();
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/approve`, { version: r.version, ...(extra.approve || {}) }), 200, 'approve').json;
  r.publishMs = Date.now() - t0;
  return r;
}

async function deliveries(client, releaseId) {
  return assertStatus(await client.get(`/api/v1/releases/${releaseId}/deliveries`), 200, 'deliveries').json;
}
async function settled(client, releaseId, expectCount) {
  return until(`deliveries of release ${releaseId} to settle`, async () => {
    const d = await deliveries(client, releaseId);
    const open = d.items.filter((x) => x.state === 'queued' || x.state === 'sending');
    const pending = d.channels.filter((c) => c.kind !== 'site' && c.queued + c.sending + c.sent + c.failed + c.cancelled === 0);
    return d.items.length >= expectCount && open.length === 0 && pending.length === 0 ? d : null;
  }, 60000);
}

function messenger(kind, chat, extra = {}) {
  const base = fake.base;
  if (kind === 'eitaa') return { kind, name: `ایتا ${chat}`, config: { chat_id: chat, base_url: base }, secret: EITAA_TOKEN, ...extra };
  return { kind, name: `${kind === 'bale' ? 'بله' : 'تلگرام'} ${chat}`, config: { chat_id: chat, base_url: base }, secret: TOKEN, ...extra };
}

test('one release reaches every channel: Telegram, Bale, Eitaa, webhook and the press list over SMTP', async () => {
  const smtp = await startSmtp();
  const srv = await startServer({ env: { POL_PUBLIC_URL: 'https://news.qazvin.example.ir' } });
  try {
    const manager = await loginAs(srv, 'tamin-manager');
    const editor = await loginAs(srv, 'tamin-editor');
    const admin = await loginAs(srv, 'admin');  // messengers off their official host: a system admin's choice
    const ids = await demoIds(admin);
    const agency_id = ids.agencies.tamin.id;

    const list = assertStatus(await manager.post('/api/v1/press-lists', { agency_id, name: 'خبرنگاران استان' }), 201).json;
    const imp = assertStatus(await manager.post(`/api/v1/press-lists/${list.id}/contacts`, {
      csv: 'email,name,outlet,beats\nreporter1@irna.example.ir,مریم احمدی,ایرنا,اجتماعی\n' +
        '"Reporter2@ISNA.example.ir","علی رضایی","ایسنا","کار و تعاون"\nnot-an-address,بی‌نشانی,روزنامه,\n' +
        'reporter3@mehr.example.ir,زهرا کریمی,مهر,رفاه\n',
    }), 200).json;
    assert.equal(imp.added, 3);
    assert.equal(imp.rejected, 1);
    assert.equal(imp.problems[0].line, 3, 'the malformed row is named by its line');
    assert.equal(imp.problems[0].code, 'invalid_email');
    assert.ok(hasPersian(imp.problems[0].message));

    const created = {};
    for (const body of [
      messenger('telegram', '@qazvin_tamin'),
      messenger('bale', '@tamin_bale'),
      messenger('eitaa', '@tamin_eitaa'),
      { kind: 'webhook', name: 'سامانهٔ خبرگزاری', config: { url: `${fake.base}/hook/agency` }, secret: HOOK_KEY },
      { kind: 'email', name: 'خبرنامهٔ خبرنگاران', secret: smtp.password,
        config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user,
          from_address: 'pr@tamin.example.ir', from_name: 'روابط عمومی تأمین اجتماعی قزوین' } },
    ]) {
      const r = assertStatus(await (body.config.base_url ? admin : manager).post('/api/v1/channels', { agency_id, ...body }), 201, `create ${body.kind}`);
      created[body.kind] = r.json;
      assert.ok(!r.text.includes(body.secret), `${body.kind}: the secret is never shown back`);
      assert.equal(r.json.secret_set, true);
      assert.match(r.json.secret_hint, /^••••/);
    }
    assert.equal(created.telegram.secret_hint, '••••-yz'.replace('-yz', TOKEN.slice(-4)));
    const listed = assertStatus(await manager.get('/api/v1/channels'), 200);
    for (const s of [TOKEN, EITAA_TOKEN, HOOK_KEY, smtp.password]) assert.ok(!listed.text.includes(s), 'no secret in the list');
    // The console's "test channel" action reaches the fake.
    const t = assertStatus(await manager.post(`/api/v1/channels/${created.telegram.id}/test`), 200).json;
    assert.equal(t.ok, true, JSON.stringify(t));
    assert.equal(fake.messages.at(-1).text, 'پیام آزمایشی از «پل»: اتصال این کانال برقرار است.');
    const before = fake.messages.length;

    const rel = await publish(manager, agency_id);
    assert.equal(rel.status, 'published');
    const d = await settled(editor, rel.id, 4 + 3);  // editors of the agency see the deliveries
    const byKind = Object.fromEntries(d.items.filter((x) => !x.recipient).map((x) => [x.channel_kind, x]));
    for (const kind of ['telegram', 'bale', 'eitaa', 'webhook']) {
      assert.equal(byKind[kind]?.state, 'sent', `${kind}: ${JSON.stringify(byKind[kind])}`);
      assert.equal(byKind[kind].state_name, 'ارسال شد');
      assert.ok(byKind[kind].sent_at >= rel.published_at);
    }
    const site = d.channels.find((c) => c.kind === 'site');
    assert.equal(site.state, 'sent', 'the public site counts as a channel');
    assert.equal(site.url, `https://news.qazvin.example.ir/news/${rel.id}`);
    const tg = fake.messages.slice(before).filter((m) => m.chat === 'qazvin_tamin');
    assert.equal(tg.length, 1);
    assert.equal(byKind.telegram.message_id, String(tg[0].message_id));
    assert.equal(byKind.telegram.url, `https://t.me/qazvin_tamin/${tg[0].message_id}`);
    assert.ok(tg[0].raw.includes(`<b>${rel.title}</b>`), tg[0].raw);
    assert.ok(tg[0].raw.includes(`<a href="https://news.qazvin.example.ir/news/${rel.id}">متن کامل خبر</a>`));
    assert.equal(fake.messages.slice(before).filter((m) => m.chat === 'tamin_bale').length, 1);
    assert.ok(byKind.bale.url.startsWith('https://ble.ir/tamin_bale/'));
    const eitaa = fake.messages.slice(before).filter((m) => m.api === 'eitaa');
    assert.equal(eitaa.length, 1);
    assert.ok(eitaa[0].text.includes(`https://news.qazvin.example.ir/news/${rel.id}`));

    // Webhook: JSON of the release, HMAC-SHA256 over "<timestamp>.<body>".
    const hook = fake.hooks.at(-1);
    const expected = 'sha256=' + crypto.createHmac('sha256', HOOK_KEY).update(`${hook.headers['x-pol-timestamp']}.${hook.body}`).digest('hex');
    assert.equal(hook.headers['x-pol-signature'], expected);
    assert.equal(hook.headers['x-pol-event'], 'release.published');
    const payload = JSON.parse(hook.body);
    assert.equal(payload.release.id, rel.id);
    assert.equal(payload.release.title, rel.title);
    assert.equal(hook.headers['x-pol-delivery'], String(byKind.webhook.id));

    // Press e-mail: one message per subscribed contact, parsed back.
    // Press contacts' addresses: masked for the editor (she reads the release, she does not manage the
    // press list), in full for the PR manager (issue #17, finding 13).
    assert.deepEqual(d.items.filter((x) => x.channel_kind === 'email').map((x) => x.recipient).sort(),
      ['r***@irna.example.ir', 'r***@isna.example.ir', 'r***@mehr.example.ir']);
    assert.ok(!JSON.stringify(d).includes('reporter1@'), 'no full address anywhere in the editor\'s view');
    const full = await deliveries(manager, rel.id);
    const mails = full.items.filter((x) => x.channel_kind === 'email');
    assert.deepEqual(mails.map((x) => x.recipient).sort(),
      ['reporter1@irna.example.ir', 'reporter2@isna.example.ir', 'reporter3@mehr.example.ir']);
    assert.deepEqual(mails.map((x) => x.state), ['sent', 'sent', 'sent']);
    const got = smtp.received();
    assert.equal(got.length, 3);
    assert.deepEqual(got.map((g) => g.rcpt_tos[0]).sort(), ['reporter1@irna.example.ir', 'reporter2@isna.example.ir', 'reporter3@mehr.example.ir']);
    let unsubscribeUrl;
    for (const g of got) {
      const m = smtp.parse(g.file);
      assert.equal(m.subject, rel.title, 'the Persian subject decodes back');
      assert.match(m.raw_subject, /^Subject: =\?UTF-8\?B\?/, 'RFC 2047 encoded-word');
      assert.equal(m.ascii_only, true, '7-bit clean on the wire');
      assert.ok(m.max_line <= 998, `line length ${m.max_line} (RFC 5322)`);
      assert.equal(m.content_type, 'multipart/alternative');
      const [plain, html] = m.parts;
      assert.equal(plain.type, 'text/plain');
      assert.equal(plain.charset, 'utf-8');
      assert.equal(plain.cte, 'quoted-printable');
      assert.ok(plain.content.includes('این شعبه به بیش از بیست هزار بیمه‌شده خدمت می‌دهد.'));
      assert.equal(html.type, 'text/html');
      assert.equal(html.cte, 'base64');
      assert.ok(html.content.includes('dir="rtl"'));
      assert.ok(html.content.includes(`https://news.qazvin.example.ir/news/${rel.id}`));
      // (python's address parser puts a space between adjacent encoded-words of a display name.)
      assert.match(m.from.replace(/\s+/g, ' '), /روابط عمومی تأمین اجتماعی قزوین <pr@tamin\.example\.ir>/);
      const delivery = mails.find((x) => x.recipient === g.rcpt_tos[0]);
      assert.equal(m.message_id, `<pol.d${delivery.id}.r${rel.id}@tamin.example.ir>`, 'stable Message-ID');
      assert.equal(m.list_unsubscribe_post, 'List-Unsubscribe=One-Click');
      assert.match(m.list_unsubscribe.trim(), /^<https:\/\/news\.qazvin\.example\.ir\/unsubscribe\/[0-9a-f]{32}>$/);
      if (g.rcpt_tos[0] === 'reporter2@isna.example.ir') unsubscribeUrl = m.list_unsubscribe.trim().slice(1, -1);
    }

    // Unsubscribe: the page works without JS; the one-click POST (RFC 8058) records it.
    const path = new URL(unsubscribeUrl).pathname;
    const page = await fetch(srv.url(path));
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes('dir="rtl"') && html.includes('<form method="post"') && html.includes('reporter2@isna.example.ir'));
    const one = await fetch(srv.url(path), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(one.status, 200);
    assert.ok((await one.text()).includes('اشتراک شما لغو شد'));
    const contacts = assertStatus(await manager.get(`/api/v1/press-lists/${list.id}/contacts`), 200).json.items;
    assert.ok(contacts.find((c) => c.email === 'reporter2@isna.example.ir').unsubscribed_at > 0, 'recorded');
    assert.equal((await fetch(srv.url('/unsubscribe/' + 'f'.repeat(32)))).status, 404);

    const rel2 = await publish(manager, agency_id);
    const d2 = await settled(manager, rel2.id, 4 + 2);
    assert.deepEqual(d2.items.filter((x) => x.channel_kind === 'email').map((x) => x.recipient).sort(),
      ['reporter1@irna.example.ir', 'reporter3@mehr.example.ir'], 'the unsubscribed address gets nothing more');
    assert.equal(smtp.received().length, 5);
  } finally {
    await srv.stop();
    await smtp.stop();
    assertNoSanitizerReports(srv);
  }
});

test('long releases are cut at a sentence with the link; 429 retry_after and 5xx are retried; nothing blocks publishing', async () => {
  const srv = await startServer({ env: { POL_PUBLIC_URL: 'https://news.example.ir' } });
  try {
    const manager = await loginAs(srv, 'tamin-manager');
    const admin = await loginAs(srv, 'admin');  // messengers off their official host: a system admin's choice
    const ids = await demoIds(admin);
    const agency_id = ids.agencies.tamin.id;
    assertStatus(await admin.post('/api/v1/channels', { agency_id, ...messenger('telegram', '@chan_a1') }), 201);
    const before = fake.messages.length;
    fake.failNext(1, { status: 429, retry_after: 2 });
    fake.failNext(1, { status: 502 });
    const sentences = Array.from({ length: 400 }, (_, i) => `بند ${i + 1} از گزارش عملکرد سالانهٔ سازمان در استان است.`);
    const rel = await publish(manager, agency_id, { body_html: `<p>${sentences.join(' ')}</p>` });
    const d = await settled(manager, rel.id, 1);
    const item = d.items[0];
    assert.equal(item.state, 'sent', JSON.stringify(item));
    assert.equal(item.attempts, 3, '429, then 502, then sent');
    const mine = fake.messages.slice(before).filter((m) => m.chat === 'chan_a1');
    assert.equal(mine.length, 1);
    assert.ok(mine[0].text.length <= 4096, `within the text limit: ${mine[0].text.length}`);
    assert.ok(mine[0].text.endsWith('متن کامل خبر'), 'the link to the full article stays at the end');
    assert.match(mine[0].raw, /است\. …\n\n<a href="https:\/\/news\.example\.ir\/news\/\d+">متن کامل خبر<\/a>$/, 'cut after a whole sentence');
  } finally {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
});

test('bad input: invalid tokens and chat ids, unreachable SMTP, malformed addresses — clear Persian errors, publish never blocked', async () => {
  const srv = await startServer();
  try {
    const manager = await loginAs(srv, 'tamin-manager');
    const editor = await loginAs(srv, 'tamin-editor');
    const admin = await loginAs(srv, 'admin');  // messengers off their official host: a system admin's choice
    const ids = await demoIds(admin);
    const agency_id = ids.agencies.tamin.id;
    // Refused at once, nothing written.
    await writesNothing(admin, async () => assertError(await admin.post('/api/v1/channels', { agency_id, ...messenger('telegram', '@chan_b2'), secret: 'not a token' }), 400, 'invalid_secret'));
    await writesNothing(admin, async () => assertError(await admin.post('/api/v1/channels', { agency_id, ...messenger('telegram', '@chan_b2'), secret: '12345:short' }), 400, 'invalid_token'));
    await writesNothing(admin, async () => assertError(await admin.post('/api/v1/channels', { agency_id, ...messenger('telegram', 'chan b2') }), 400, 'invalid_field'));
    await writesNothing(admin, async () => assertError(await manager.post('/api/v1/channels', { agency_id, kind: 'fax', name: 'x', config: {}, secret: 'x' }), 400, 'invalid_kind'));
    await writesNothing(admin, async () => assertError(await editor.post('/api/v1/channels', { agency_id, ...messenger('telegram', '@chan_b2') }), 403, 'forbidden'));
    assert.equal(assertStatus(await manager.get('/api/v1/channels'), 200).json.items.length, 0);
    // Well-formed but wrong: the channel answers, the console shows why.
    const wrongToken = assertStatus(await admin.post('/api/v1/channels', { agency_id, ...messenger('telegram', '@chan_b2'), secret: '999999:WrongTokenWrongTokenWrong' }), 201).json;
    const wrongChat = assertStatus(await admin.post('/api/v1/channels', { agency_id, ...messenger('telegram', '@no_such_chan') }), 201).json;
    const list = assertStatus(await manager.post('/api/v1/press-lists', { agency_id, name: 'فهرست آزمون' }), 201).json;
    const imp = assertStatus(await manager.post(`/api/v1/press-lists/${list.id}/contacts`, { contacts: [
      { email: 'ok@example.ir', name: 'درست' }, { email: 'bad@@example.ir' }, { email: 'spaces in@example.ir' }, { email: 'OK@example.ir' },
    ] }), 200).json;
    assert.equal(imp.added, 1);
    assert.deepEqual(imp.problems.map((p) => [p.line, p.code]), [[2, 'invalid_email'], [3, 'invalid_email'], [4, 'duplicate']]);
    const deadSmtp = assertStatus(await manager.post('/api/v1/channels', { agency_id, kind: 'email', name: 'SMTP خاموش',
      config: { press_list_id: list.id, smtp_url: 'smtp://127.0.0.1:9', tls: 'none', from_address: 'pr@tamin.example.ir' } }), 201).json;
    const test = assertStatus(await manager.post(`/api/v1/channels/${wrongToken.id}/test`), 200).json;
    assert.equal(test.ok, false);
    assert.equal(test.error_code, 'invalid_token');
    assert.ok(hasPersian(test.error_fa));

    const rel = await publish(manager, agency_id);
    assert.equal(rel.status, 'published', 'publishing is never blocked by a channel');
    const d = await until('errors to show', async () => {
      const x = await deliveries(manager, rel.id);
      const tok = x.items.find((i) => i.channel_id === wrongToken.id);
      const chat = x.items.find((i) => i.channel_id === wrongChat.id);
      const mail = x.items.find((i) => i.channel_id === deadSmtp.id);
      return tok?.state === 'failed' && chat?.state === 'failed' && mail?.error_code ? { tok, chat, mail } : null;
    });
    assert.equal(d.tok.error_code, 'invalid_token');
    assert.equal(d.tok.attempts, 1, 'a permanent error is not retried');
    assert.ok(hasPersian(d.tok.error_fa) && d.tok.error_detail.includes('401'));
    assert.equal(d.chat.error_code, 'chat_not_found');
    assert.equal(d.chat.error_detail, 'HTTP 400', 'the status only: the remote answer is never passed on');
    assert.equal(d.mail.error_code, 'smtp_unreachable');
    assert.equal(d.mail.state, 'queued', 'an unreachable server is retried with backoff');
    assert.ok(hasPersian(d.mail.error_fa));

    // Fix the token and retry from the console; editors may look but not retry.
    await writesNothing(admin, async () => assertError(await editor.post(`/api/v1/deliveries/${d.tok.id}/retry`), 403, 'forbidden'));
    const ch = assertStatus(await manager.get(`/api/v1/channels/${wrongToken.id}`), 200).json;
    assertStatus(await manager.patch(`/api/v1/channels/${ch.id}`, { version: ch.version, secret: TOKEN }), 200);
    assertStatus(await manager.post(`/api/v1/deliveries/${d.tok.id}/retry`), 200);
    await until('the retried delivery to be sent', async () => (await deliveries(manager, rel.id)).items.find((i) => i.id === d.tok.id).state === 'sent');
    await writesNothing(admin, async () => assertError(await manager.post(`/api/v1/deliveries/${d.tok.id}/retry`), 409, 'not_retryable'));
    // Cancel the e-mail that keeps failing.
    const cancelled = assertStatus(await manager.post(`/api/v1/deliveries/${d.mail.id}/cancel`), 200).json;
    assert.equal(cancelled.state, 'cancelled');
  } finally {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
});

test('a channel down for a while, then back: delivered once', async () => {
  const srv = await startServer();
  try {
    const manager = await loginAs(srv, 'tamin-manager');
    const admin = await loginAs(srv, 'admin');  // messengers off their official host: a system admin's choice
    const ids = await demoIds(admin);
    assertStatus(await admin.post('/api/v1/channels', { agency_id: ids.agencies.tamin.id, ...messenger('bale', '@chan_c3') }), 201);
    const before = fake.messages.length;
    await fake.down();
    let rel;
    try {
      rel = await publish(manager, ids.agencies.tamin.id);
      await until('the failure to show', async () => {
        const x = (await deliveries(manager, rel.id)).items[0];
        return x?.error_code === 'channel_unreachable' && x.state === 'queued' && x.attempts >= 1;
      });
    } finally {
      await fake.up();
    }
    const d = await settled(manager, rel.id, 1);
    assert.equal(d.items[0].state, 'sent');
    assert.equal(d.items[0].error_code, '', 'the error is cleared once sent');
    assert.equal(fake.messages.slice(before).filter((m) => m.chat === 'chan_c3').length, 1);
  } finally {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
});

test('pol serve killed with SIGKILL in the middle of a fan-out: every delivery sent exactly once, none lost', async () => {
  const smtp = await startSmtp();
  const srv = await startServer({ env: { POL_DIST_LEASE_MS: '1500' } });
  const dir = srv.dataDir;
  let again;
  try {
    const manager = await loginAs(srv, 'tamin-manager');
    const admin = await loginAs(srv, 'admin');  // messengers off their official host: a system admin's choice
    const ids = await demoIds(admin);
    const agency_id = ids.agencies.tamin.id;
    const chats = ['@chan_a1', '@chan_b2', '@chan_c3', '@chan_d4', '@chan_e5'];
    for (const [i, chat] of chats.entries()) {
      assertStatus(await admin.post('/api/v1/channels', { agency_id, ...messenger(i % 2 ? 'bale' : 'telegram', chat) }), 201);
    }
    const list = assertStatus(await manager.post('/api/v1/press-lists', { agency_id, name: 'فهرست بزرگ' }), 201).json;
    const contacts = Array.from({ length: 120 }, (_, i) => ({ email: `r${i}@press.example.ir`, name: `خبرنگار ${i}` }));
    assertStatus(await manager.post(`/api/v1/press-lists/${list.id}/contacts`, { contacts }), 200);
    assertStatus(await manager.post('/api/v1/channels', { agency_id, kind: 'email', name: 'خبرنامه', secret: smtp.password,
      config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user, from_address: 'pr@tamin.example.ir' } }), 201);

    const before = fake.messages.length;
    fake.hold();
    const releases = [];
    for (let i = 0; i < 3; i++) releases.push(await publish(manager, agency_id, { title: `خبر شمارهٔ ${i + 1} برای آزمون توقف ناگهانی ${uniq('k')}` }));
    // Let a few through, then kill while others are in flight (received by the channel, not yet processed).
    for (let i = 0; i < 4; i++) {
      await until('a request in flight', async () => fake.heldCount >= 1);
      fake.releaseOne();
    }
    // Kill once the answers already given are recorded (the window between a channel accepting a message
    // and Pol committing `sent` cannot be closed for the Bot API: docs/distribution.md), while other
    // requests are in flight, unprocessed.
    await until('the answered deliveries to be recorded', async () => {
      let sent = 0;
      for (const rel of releases) {
        sent += (await deliveries(manager, rel.id)).items.filter((x) => !x.recipient && x.state === 'sent').length;
      }
      return sent === fake.messages.length - before;
    });
    await until('more requests in flight', async () => fake.heldCount >= 1);
    srv.child.kill('SIGKILL');
    await new Promise((r) => (srv.child.exitCode !== null || srv.child.signalCode ? r() : srv.child.once('exit', r)));
    // The kernel closed the dead process's sockets; wait until the fake has seen every held request's
    // client go (its 'close' event), or release() could process one whose close is still unread — a
    // message the dead Pol never saw answered, sent again after the restart.
    await until('the held requests to notice their clients are gone', async () => fake.heldCount === 0);
    fake.release();  // nothing is left held; kept so that a late arrival is never left hanging
    const sentBeforeKill = fake.messages.length - before;
    assert.ok(sentBeforeKill >= 1 && sentBeforeKill < 15, `mid fan-out (${sentBeforeKill} of 15 sent)`);

    again = await startServer({ dataDir: dir, env: { POL_DIST_LEASE_MS: '1500' } });
    const m2 = await loginAs(again, 'tamin-manager');
    for (const rel of releases) {
      const d = await settled(m2, rel.id, 5 + 120);
      assert.deepEqual([...new Set(d.channels.filter((c) => c.kind !== 'site').map((c) => c.failed + c.queued + c.sending + c.cancelled))], [0],
        `release ${rel.id}: nothing failed, queued or cancelled`);
      for (const chat of chats) {
        const n = fake.messages.slice(before).filter((m) => m.chat === chat.slice(1) && m.raw.includes(rel.title)).length;
        assert.equal(n, 1, `release ${rel.id} on ${chat}: sent exactly once (got ${n})`);
      }
    }
    // E-mail: none lost; a copy re-sent after the crash carries the same Message-ID.
    const byRcpt = new Map();
    const all = smtp.received();
    const parsed = smtp.parseMany(all.map((g) => g.file));
    for (const [i, g] of all.entries()) {
      const m = parsed[i];
      const key = `${g.rcpt_tos[0]} ${m.subject}`;
      if (!byRcpt.has(key)) byRcpt.set(key, new Set());
      byRcpt.get(key).add(m.message_id);
    }
    assert.equal(byRcpt.size, 3 * 120, 'every recipient got every release');
    for (const [k, idsSeen] of byRcpt) assert.equal(idsSeen.size, 1, `${k}: one Message-ID for all copies`);
  } finally {
    fake.release();
    await again?.stop();
    if (srv.child.exitCode === null && srv.child.signalCode === null) await srv.stop();
    rmSync(dir, { recursive: true, force: true });
    await smtp.stop();
    if (again) assertNoSanitizerReports(again);
  }
});

test('scheduled releases go out at their time, once', async () => {
  const srv = await startServer();
  try {
    const manager = await loginAs(srv, 'tamin-manager');
    const admin = await loginAs(srv, 'admin');  // messengers off their official host: a system admin's choice
    const ids = await demoIds(admin);
    assertStatus(await admin.post('/api/v1/channels', { agency_id: ids.agencies.tamin.id, ...messenger('telegram', '@chan_d4') }), 201);
    const before = fake.messages.length;
    const at = Date.now() + 2500;
    const rel = await publish(manager, ids.agencies.tamin.id, { approve: { publish_at: at } });
    assert.equal(rel.status, 'scheduled');
    const early = await deliveries(manager, rel.id);
    assert.equal(early.items.length, 0, 'nothing goes out before its time');
    assert.equal(early.channels[0].state, 'queued', 'the site waits too');
    const d = await settled(manager, rel.id, 1);
    assert.equal(d.items[0].state, 'sent');
    assert.ok(d.items[0].sent_at >= at, 'not before the scheduled time');
    await sleep(1000);
    assert.equal(fake.messages.slice(before).filter((m) => m.chat === 'chan_d4').length, 1, 'once');
  } finally {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
});
