// The failed deliveries list (GET /api/v1/deliveries, the «انتشار» screen's first card) end to end: two
// agencies' Telegram channels with a wrong token (the fake Bot API refuses it: a permanent error), a
// release of each published. Each PR manager lists only their agency's failure, the council admin and the
// system admin both; editors none. Each row names the release, channel and cause in Persian; a retry
// queues it again (it fails again, one attempt more); a withdrawn release's failure stays listed but says
// it cannot be retried, and the API refuses that retry writing nothing. Bad parameters are Persian 400s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, uniq, assertNoSanitizerReports } from './lib/common.mjs';
import { startFakeBotApi } from './peers/fake_bot_api.mjs';

const GOOD = '123456:ABCdefGHIjklMNOpqrSTUvwx-yz';
const WRONG = '999999:WrongTokenWrongTokenWrong';
const CHATS = { '@qazvin_tamin': { id: -1001000000001, title: 'تأمین قزوین', username: 'qazvin_tamin' } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let srv, fake, admin, council, ids, managers = {}, editor;

before(async () => {
  fake = await startFakeBotApi({ tokens: [GOOD], chats: CHATS });
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  editor = await loginAs(srv, 'tamin-editor');
  for (const slug of ['tamin', 'behzisti']) managers[slug] = await loginAs(srv, `${slug}-manager`);
  ids = await demoIds(admin);
});
after(async () => {
  await srv?.stop();
  await fake?.close();
});

// A channel off its official host is the system admin's to create (issue 17).
async function wrongChannel(slug) {
  const name = `کانال ${slug} با توکن نادرست ${uniq('c')}`;
  assertStatus(await admin.post('/api/v1/channels', {
    agency_id: ids.agencies[slug].id, kind: 'telegram', name, config: { chat_id: '@qazvin_tamin', base_url: fake.base }, secret: WRONG,
  }), 201, `channel of ${slug}`);
  return name;
}

async function publish(slug, title) {
  const m = managers[slug];
  let r = assertStatus(await m.post('/api/v1/releases', { agency_id: ids.agencies[slug].id, title, lead: 'لید خبر.', body_html: '<p>متن خبر.</p>' }), 201).json;
  r = assertStatus(await m.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200).json;
  r = assertStatus(await m.post(`/api/v1/releases/${r.id}/approve`, { version: r.version }), 200).json;
  assert.equal(r.status, 'published');
  return r;
}

async function failedOf(client, releaseId, attempts = 1) {
  for (let i = 0; i < 300; i++) {
    const list = assertStatus(await client.get('/api/v1/deliveries?per_page=200'), 200).json;
    const row = list.items.find((d) => d.release_id === releaseId && d.attempts >= attempts);
    if (row) return { list, row };
    await sleep(100);
  }
  assert.fail(`release ${releaseId} never failed (${attempts} attempts)`);
}

test('each manager sees their agency\'s failed deliveries with the cause; retry; withdrawn; bad input', async () => {
  const tChannel = await wrongChannel('tamin');
  const bChannel = await wrongChannel('behzisti');
  const tRel = await publish('tamin', `خبر ناموفق تأمین ${uniq('t')}`);
  const bRel = await publish('behzisti', `خبر ناموفق بهزیستی ${uniq('b')}`);

  const { row: t } = await failedOf(managers.tamin, tRel.id);
  assert.equal(t.state, 'failed');
  assert.equal(t.release_title, tRel.title);
  assert.equal(t.release_status, 'published');
  assert.equal(t.channel_name, tChannel);
  assert.equal(t.agency_id, ids.agencies.tamin.id);
  assert.equal(t.retryable, true);
  assert.ok(hasPersian(t.error_fa) && t.error_fa.includes('توکن ربات پذیرفته نشد'), t.error_fa);
  assert.ok(!/[0-9]/.test(t.error_fa), `Persian digits in the cause: ${t.error_fa}`);
  await failedOf(managers.behzisti, bRel.id);

  // Scope: a PR manager sees only their agency's; the council admin and the system admin see both.
  const tList = assertStatus(await managers.tamin.get('/api/v1/deliveries?per_page=200'), 200).json;
  assert.ok(tList.items.every((d) => d.agency_id === ids.agencies.tamin.id), 'tamin sees only tamin');
  assert.ok(!tList.items.some((d) => d.release_id === bRel.id));
  assert.equal(tList.total, tList.items.length);
  for (const c of [council, admin]) {
    const all = assertStatus(await c.get('/api/v1/deliveries?per_page=200'), 200).json.items;
    assert.ok(all.some((d) => d.release_id === tRel.id) && all.some((d) => d.release_id === bRel.id));
  }
  const narrowed = assertStatus(await council.get(`/api/v1/deliveries?agency_id=${ids.agencies.behzisti.id}`), 200).json;
  assert.ok(narrowed.items.length >= 1 && narrowed.items.every((d) => d.agency_id === ids.agencies.behzisti.id));
  const none = assertStatus(await editor.get('/api/v1/deliveries'), 200).json;
  assert.deepEqual([none.items, none.total], [[], 0], 'an editor manages no channel');
  // Newest failure first.
  const order = assertStatus(await admin.get('/api/v1/deliveries?per_page=200'), 200).json.items;
  for (let i = 1; i < order.length; i++) assert.ok(order[i - 1].updated_at >= order[i].updated_at, 'newest first');

  // Retry: queued again, then failed again with one attempt more (the token is still wrong).
  const retried = assertStatus(await managers.tamin.post(`/api/v1/deliveries/${t.id}/retry`), 200).json;
  assert.equal(retried.state, 'queued');
  const { row: again } = await failedOf(managers.tamin, tRel.id, 2);
  assert.equal(again.id, t.id);
  assert.equal(fake.messages.length, 0, 'a wrong token sends nothing');

  // Withdrawn: still listed, not retryable; the API refuses the retry and writes nothing.
  const cur = assertStatus(await managers.behzisti.get(`/api/v1/releases/${bRel.id}`), 200).json;
  assertStatus(await managers.behzisti.post(`/api/v1/releases/${bRel.id}/withdraw`, { version: cur.version, reason: 'خطا در متن' }), 200, 'withdraw');
  const { row: w } = await failedOf(managers.behzisti, bRel.id);
  assert.equal(w.release_status, 'withdrawn');
  assert.equal(w.retryable, false);
  const auditBefore = assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
  assertError(await managers.behzisti.post(`/api/v1/deliveries/${w.id}/retry`), 409, 'release_not_published');
  assert.equal(assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total, auditBefore, 'the refused retry wrote nothing');
  assert.equal((await failedOf(managers.behzisti, bRel.id)).row.attempts, w.attempts);

  // Bad parameters: Persian 400s naming the field.
  assert.equal(assertError(await admin.get('/api/v1/deliveries?state=sent'), 400, 'invalid_field').field, 'state');
  assert.equal(assertError(await admin.get('/api/v1/deliveries?agency_id=abc'), 400).field, 'agency_id');
  assertError(await admin.get('/api/v1/deliveries?per_page=5000'), 400);
  assertStatus(await admin.get('/api/v1/deliveries?state=failed'), 200);
  assertNoSanitizerReports(srv);
});
