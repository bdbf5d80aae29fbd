// The newsroom over HTTP: write → return with a comment → fix → approve with a
// publish time → the queued job publishes it at that time; scope (another
// agency's editor sees nothing), stale versions, script removal, and search by
// a variant spelling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertError, assertStatus, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';
import { writesNothing } from './lib/authz_writes.mjs';

let srv, ids, editor, manager, otherEditor, committee, admin;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  ids = await demoIds(admin);
  editor = await loginAs(srv, 'tamin-editor');
  manager = await loginAs(srv, 'tamin-manager');
  otherEditor = await loginAs(srv, 'behzisti-editor');
  committee = await loginAs(srv, 'committee');
});
after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('the whole path: write, return, fix, approve with a time, published by the job', async () => {
  const created = assertStatus(await editor.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id,
    over_title: 'در آستانهٔ روز جهانی کارگر',
    title: 'افزايش مستمري بازنشستگان تامین اجتماعی قزوين',
    lead: 'مستمری بازنشستگان از اول ماه افزایش می‌یابد.',
    body_html: '<p onclick="steal()">متن خبر <b>مهم</b></p><script>alert(document.cookie)</script>',
    tags: ['بازنشستگان'],
    urgency: 'urgent',
  }), 201, 'editor creates').json;
  assert.equal(created.status, 'draft');
  assert.equal(created.title, 'افزایش مستمری بازنشستگان تامین اجتماعی قزوین', 'Arabic ي/ك normalized');
  assert.equal(created.body_html, '<p>متن خبر <b>مهم</b></p>', 'script and on* removed');
  assert.ok(!created.body_text.includes('alert'));

  // Autosave is PATCH with the version; a stale version is a 409 and changes nothing.
  const saved = assertStatus(await editor.patch(`/api/v1/releases/${created.id}`, { version: created.version, lead: 'لید نخست' }), 200).json;
  await writesNothing(admin, async () => assertError(await editor.patch(`/api/v1/releases/${created.id}`, { version: created.version, lead: 'کهنه' }), 409, 'version_conflict'));
  assert.equal((await editor.get(`/api/v1/releases/${created.id}`)).json.lead, 'لید نخست');

  const submitted = assertStatus(await editor.post(`/api/v1/releases/${created.id}/submit`, { version: saved.version }), 200).json;
  assert.equal(submitted.status, 'submitted');
  await writesNothing(admin, async () => assertError(await editor.post(`/api/v1/releases/${created.id}/approve`, { version: submitted.version }), 403, 'forbidden'));
  const queue = assertStatus(await manager.get('/api/v1/approvals'), 200).json.items;
  assert.ok(queue.some((r) => r.id === created.id), 'in the manager\'s queue');

  await writesNothing(admin, async () => assertError(await manager.post(`/api/v1/releases/${created.id}/return`, { version: submitted.version }), 400, 'required'));
  const returned = assertStatus(await manager.post(`/api/v1/releases/${created.id}/return`, {
    version: submitted.version, comment: 'لید را کوتاه کنید.',
  }), 200).json;
  assert.equal(returned.status, 'returned');
  assert.equal(returned.return_comment, 'لید را کوتاه کنید.');
  const notes = assertStatus(await editor.get('/api/v1/notifications?unread=1'), 200).json;
  const note = notes.items.find((n) => n.kind === 'release.returned');
  assert.ok(note, 'the author is told');
  assert.equal(note.body, 'لید را کوتاه کنید.');
  assertStatus(await editor.post(`/api/v1/notifications/${note.id}/read`), 204);
  assertError(await otherEditor.post(`/api/v1/notifications/${note.id}/read`), 404, 'not_found');

  const fixed = assertStatus(await editor.patch(`/api/v1/releases/${created.id}`, { version: returned.version, lead: 'لید کوتاه' }), 200).json;
  const again = assertStatus(await editor.post(`/api/v1/releases/${created.id}/submit`, { version: fixed.version }), 200).json;
  const at = Date.now() + 2500;
  const approved = assertStatus(await manager.post(`/api/v1/releases/${created.id}/approve`, {
    version: again.version, publish_at: at,
  }), 200).json;
  assert.equal(approved.status, 'scheduled');
  assert.equal(approved.publish_at, at);

  let now;
  for (let i = 0; i < 100; i++) {
    now = (await editor.get(`/api/v1/releases/${created.id}`)).json;
    if (now.status === 'published') break;
    await sleep(100);
  }
  assert.equal(now.status, 'published', 'the job published it');
  assert.ok(now.published_at >= at, `published at its time (${now.published_at} >= ${at})`);

  const revs = assertStatus(await editor.get(`/api/v1/releases/${created.id}/revisions`), 200).json.items;
  assert.deepEqual(revs.map((r) => r.action), ['create', 'update', 'submit', 'return', 'update', 'submit', 'approve', 'publish']);
  const diff = assertStatus(await editor.get(`/api/v1/releases/${created.id}/diff?from=2&to=5`), 200).json;
  const lead = diff.fields.find((f) => f.field === 'lead');
  assert.deepEqual(lead.ops, [{ op: 'eq', text: 'لید' }, { op: 'del', text: 'نخست' }, { op: 'ins', text: 'کوتاه' }]);
  const rev1 = assertStatus(await editor.get(`/api/v1/releases/${created.id}/revisions/1`), 200).json;
  assert.equal(rev1.snapshot.title, created.title);
});

test('another agency\'s editor cannot see or touch a release', async () => {
  const r = assertStatus(await editor.post('/api/v1/releases', { agency_id: ids.agencies.tamin.id, title: 'خبر داخلی تأمین' }), 201).json;
  assertError(await otherEditor.get(`/api/v1/releases/${r.id}`), 404, 'not_found');
  await writesNothing(admin, async () => assertError(await otherEditor.patch(`/api/v1/releases/${r.id}`, { version: r.version, title: 'ربوده' }), 404, 'not_found'));
  await writesNothing(admin, async () => assertError(await otherEditor.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 404, 'not_found'));
  assertError(await otherEditor.get(`/api/v1/releases/${r.id}/revisions`), 404, 'not_found');
  await writesNothing(admin, async () => assertError(await otherEditor.post('/api/v1/releases', { agency_id: ids.agencies.tamin.id, title: 'نفوذی' }), 403, 'forbidden'));
  const list = assertStatus(await otherEditor.get('/api/v1/releases?per_page=200'), 200).json;
  assert.ok(!list.items.some((x) => x.id === r.id));
  // The council committee sees every agency's pipeline.
  assertStatus(await committee.get(`/api/v1/releases/${r.id}`), 200);
  assert.equal((await editor.get(`/api/v1/releases/${r.id}`)).json.title, 'خبر داخلی تأمین');
});

test('search: a variant spelling finds the release, with filters and a highlighted snippet', async () => {
  const r = assertStatus(await editor.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id, title: 'نشست خبری مدیرکل تامین اجتماعی با خبرنگاران', tags: ['نشست'],
    body_html: '<p>مدیرکل تامین اجتماعی از برنامه‌های تازه گفت.</p>',
  }), 201).json;
  const q = encodeURIComponent('تأمين اجتماعي خبرنگار');
  const found = assertStatus(await editor.get(`/api/v1/releases?q=${q}`), 200).json;
  assert.ok(found.items.some((x) => x.id === r.id), 'found by variant spelling');
  const hit = found.items.find((x) => x.id === r.id);
  assert.match(hit.snippet, /<mark>/);
  assert.ok(!/<(?!\/?mark>)/.test(hit.snippet), 'snippet has no other markup');
  const tagged = assertStatus(await editor.get(`/api/v1/releases?q=${q}&tag=${encodeURIComponent('نشست')}&status=draft&agency_id=${ids.agencies.tamin.id}`), 200).json;
  assert.deepEqual(tagged.items.map((x) => x.id), [r.id]);
  const none = assertStatus(await otherEditor.get(`/api/v1/releases?q=${q}`), 200).json;
  assert.equal(none.total, 0, 'out of scope stays hidden in search');
});

test('the founding article is the directorate-general\'s first published release', async () => {
  const list = assertStatus(await admin.get(`/api/v1/releases?agency_id=${ids.agencies.tkr.id}&status=published`), 200).json;
  const first = list.items.at(-1);
  assert.ok(first, 'a published tkr release');
  assert.equal(first.source_line, 'بین نیوز');
  assert.match(first.title, /کشاورز/);
});

test('calendar: occasions on their Jalali day and same-day same-subject conflicts', async () => {
  // 1 May 2025 (Tehran) = 11 Ordibehesht 1404.
  const may1 = 1746045000000;
  const cal = assertStatus(await committee.get(`/api/v1/calendar?council_id=${ids.councilId}&from=${may1}&to=${may1 + 86400000}`), 200).json;
  assert.equal(cal.days[0].jalali, '1404/02/11');
  assert.ok(cal.occasions.some((o) => o.name === 'روز جهانی کار و کارگر'));
  const day = Date.now() + 5 * 86400000;
  const a = assertStatus(await editor.post('/api/v1/releases', { agency_id: ids.agencies.tamin.id, title: 'برگزاری همایش روز ملی تعاون در قزوین', publish_at: day }), 201).json;
  const b = assertStatus(await otherEditor.post('/api/v1/releases', { agency_id: ids.agencies.behzisti.id, title: 'همایش روز ملی تعاون در قزوين برگزار می‌شود', publish_at: day }), 201).json;
  const c2 = assertStatus(await committee.get(`/api/v1/calendar?council_id=${ids.councilId}&from=${day - 86400000}&to=${day + 86400000}`), 200).json;
  assert.ok(c2.conflicts.some((x) => x.release_ids.includes(a.id) && x.release_ids.includes(b.id)), JSON.stringify(c2.conflicts));
  assertError(await committee.get(`/api/v1/calendar?council_id=${ids.councilId}&from=${day}&to=${day - 1}`), 400, 'invalid_range');
});
