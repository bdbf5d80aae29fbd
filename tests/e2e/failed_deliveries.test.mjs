// The failed deliveries list (GET /api/v1/deliveries, the «انتشار» screen's first card) end to end: two
// agencies' Telegram channels with a wrong token (the fake Bot API refuses it: a permanent error), a
// release of each published. Each PR manager lists only their agency's failure, the council admin and the
// system admin both; editors none. Each row names the release, channel and cause in Persian; a retry
// queues it again (it fails again, one attempt more); a withdrawn release's failure stays listed but says
// it cannot be retried, and the API refuses that retry writing nothing. Bad parameters are Persian 400s.
// The other kinds beside them (GET /api/v1/outbox/failed): a correction whose Telegram edit is refused (the
// channel's token changed since) is listed for its agency's PR manager only, with the kind, the release and
// the Persian cause; the manager is notified in the bell; another agency's manager cannot retry it (404);
// with the token fixed, the manager's retry edits the message and the row leaves the list (audited).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, uniq, assertNoSanitizerReports } from './lib/common.mjs';
import { startFakeBotApi } from './peers/fake_bot_api.mjs';
import { TOKEN as GOOD, WRONG_TOKEN as WRONG, sleep, until, publish as publishAs, failedOutbox } from './lib/delivery.mjs';

const CHATS = { '@qazvin_tamin': { id: -1001000000001, title: 'تأمین قزوین', username: 'qazvin_tamin' } };

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

const publish = (slug, title) => publishAs(managers[slug], ids.agencies[slug].id, title);

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

test('a failed correction is listed beside the releases for its agency, notified, and retried once fixed', async () => {
  const tamin = ids.agencies.tamin.id;
  let ch = assertStatus(await admin.post('/api/v1/channels', { agency_id: tamin, kind: 'telegram',
    name: `کانال سالم تأمین ${uniq('g')}`, config: { chat_id: '@qazvin_tamin', base_url: fake.base }, secret: GOOD }), 201).json;
  const rel = await publish('tamin', `خبر اصلاح‌شدنی تأمین ${uniq('u')}`);
  const sent = await until('the release on the good channel', async () => {
    const d = assertStatus(await managers.tamin.get(`/api/v1/releases/${rel.id}/deliveries`), 200).json;
    return d.channels.find((c) => c.channel_id === ch.id && c.sent > 0);
  });
  assert.ok(sent);
  const message = () => fake.messages.find((x) => x.chat === 'qazvin_tamin' && x.method === 'sendMessage' && x.text.includes(rel.title));
  assert.ok(message(), 'the release reached the chat');
  // The channel's token changes (wrongly) before the correction: the edit is refused for good.
  ch = assertStatus(await admin.patch(`/api/v1/channels/${ch.id}`, { version: ch.version, secret: WRONG }), 200).json;
  const cur = assertStatus(await managers.tamin.get(`/api/v1/releases/${rel.id}`), 200).json;
  assertStatus(await managers.tamin.post(`/api/v1/releases/${rel.id}/correct`, { version: cur.version,
    note: 'عدد درست شد.', title: `${rel.title} (اصلاح‌شده)` }), 200);
  const { rows: [u] } = await failedOutbox(managers.tamin, 'the failed correction',
    (x) => x.kind === 'release_update' && x.ref_id === rel.id);
  assert.equal(u.kind_name, 'اصلاحیهٔ خبر');
  assert.equal(u.event, 'corrected');
  assert.equal(u.channel_id, ch.id);
  assert.equal(u.channel_name, ch.name);
  assert.equal(u.agency_id, tamin);
  assert.equal(u.state, 'failed');
  assert.equal(u.retryable, true);
  assert.ok(hasPersian(u.error_fa) && u.error_fa.includes('توکن ربات پذیرفته نشد'), u.error_fa);
  assert.match(u.title, /اصلاح‌شده/);

  // The PR manager is told in the bell, linked to the distribution screen.
  const notes = assertStatus(await managers.tamin.get('/api/v1/notifications?per_page=50'), 200).json.items;
  const note = notes.find((n) => n.kind === 'distribution.failed' && n.title.includes('اصلاحیهٔ') && n.title.includes(rel.title));
  assert.ok(note, JSON.stringify(notes.slice(0, 3)));
  assert.equal(note.link, '/console/distribution');

  // Scope: another agency's manager and an editor see none of it; the kind filter; bad input.
  const other = assertStatus(await managers.behzisti.get('/api/v1/outbox/failed?per_page=200'), 200).json;
  assert.ok(!other.items.some((x) => x.kind === 'release_update' && x.id === u.id));
  assert.ok(other.items.every((x) => x.agency_id === ids.agencies.behzisti.id));
  assert.deepEqual(assertStatus(await editor.get('/api/v1/outbox/failed'), 200).json.total, 0);
  const councilList = assertStatus(await council.get('/api/v1/outbox/failed?kind=release_update&per_page=200'), 200).json;
  assert.ok(councilList.items.some((x) => x.id === u.id) && councilList.items.every((x) => x.kind === 'release_update'));
  const bulletins = assertStatus(await council.get('/api/v1/outbox/failed?kind=bulletin&per_page=200'), 200).json;
  assert.ok(bulletins.items.every((x) => x.kind === 'bulletin'));
  assert.equal(assertError(await admin.get('/api/v1/outbox/failed?kind=sms'), 400, 'invalid_kind').field, 'kind');
  assert.equal(assertError(await admin.get('/api/v1/outbox/failed?agency_id=abc'), 400).field, 'agency_id');
  assertError(await managers.tamin.post(`/api/v1/outbox/sms/${u.id}/retry`), 400, 'invalid_kind');
  const auditBefore = assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
  assertError(await managers.behzisti.post(`/api/v1/outbox/release_update/${u.id}/retry`), 404);
  assertError(await managers.tamin.post(`/api/v1/outbox/alert/${u.id}/retry`), 404);
  assert.equal(assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total, auditBefore, 'refused retries wrote nothing');

  // Fixed, retried by the manager: the message is edited, the row leaves the list, the retry is audited.
  assertStatus(await admin.patch(`/api/v1/channels/${ch.id}`, { version: ch.version, secret: GOOD }), 200);
  const retried = assertStatus(await managers.tamin.post(`/api/v1/outbox/release_update/${u.id}/retry`), 200).json;
  assert.equal(retried.state, 'queued');
  assertError(await managers.tamin.post(`/api/v1/outbox/release_update/${u.id}/retry`), 409, 'not_retryable');
  await until('the message edited', async () => message()?.edits === 1);
  await until('the correction off the failed list', async () =>
    !assertStatus(await managers.tamin.get('/api/v1/outbox/failed?per_page=200'), 200).json.items.some((x) => x.id === u.id && x.kind === 'release_update'));
  const audit = assertStatus(await admin.get('/api/v1/audit?per_page=20'), 200).json.items;
  assert.ok(audit.some((a) => a.action === 'delivery.retry' && a.entity === 'outbox.release_update' && a.entity_id === String(u.id)),
    JSON.stringify(audit.slice(0, 3)));
  assertNoSanitizerReports(srv);
});
