// Evidence on a decision's follow-up entries end to end (issue 13 §7): the owner agency's PR manager attaches a
// PDF to a follow-up entry (the raw file is the body), the decision's readers list and download it byte for
// byte; a file of another type, an empty file, one over 10 MB, an entry of another decision, the chair (who
// reads but does not write the follow-up) and an analyst are refused in Persian with nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertError, assertStatus, demoIds, hasPersian, loginAs, assertNoSanitizerReports } from './lib/common.mjs';

const DAY = 86400000;
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
let srv, admin, council, chair, tamin, analyst, ids;

function jalali(days) {
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(Date.now() + days * DAY)).map((x) => [x.type, x.value]));
  return `${p.year}/${p.month}/${p.day}`;
}

async function auditTotal() {
  return assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
}

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  chair = await loginAs(srv, 'committee');
  tamin = await loginAs(srv, 'tamin-manager');
  analyst = await loginAs(srv, 'analyst');
  ids = await demoIds(admin);
});

after(async () => {
  if (srv) {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
});

test('evidence on a follow-up entry: upload, list, download; bad files and callers refused, nothing written', async () => {
  const c = assertStatus(await council.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ مدارک' }), 201).json;
  const chairSeat = assertStatus(await council.post(`/api/v1/committees/${c.id}/members`, { user_id: ids.users.committee.id, role: 'chair' }), 201).json.id;
  let m = assertStatus(await council.post(`/api/v1/committees/${c.id}/meetings`, { starts_at: Date.now() + 2 * DAY }), 201).json;
  m = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  m = assertStatus(await council.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }), 200).json;
  m = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
  const decide = async (text) => assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text, owner_agency_id: ids.agencies.tamin.id, deadline: jalali(30),
  }), 201).json;
  const d = await decide('گزارش تصویری پوشش خبری هفتهٔ تأمین اجتماعی');
  const other = await decide('مصوبهٔ دیگر');
  const entry = assertStatus(await tamin.post(`/api/v1/committee-decisions/${d.id}/followups`, { note: 'انجام شد؛ گزارش پیوست است', progress: 90 }), 201).json.followups.at(-1);
  const otherEntry = assertStatus(await council.post(`/api/v1/committee-decisions/${other.id}/followups`, { note: 'گزارش' }), 201).json.followups.at(-1);
  const url = (fid, name = 'report.pdf') => `/api/v1/committee-decisions/${d.id}/followups/${fid}/evidence?filename=${encodeURIComponent(name)}`;
  const pdf = { 'content-type': 'application/pdf' };

  const before = await auditTotal();
  assertError(await tamin.post(url(entry.id), 'MZ this is a program', { 'content-type': 'application/octet-stream' }), 400, 'unsupported_type');
  assertError(await tamin.post(url(entry.id), '', pdf), 400, 'empty_file');
  assertError(await tamin.post(url(otherEntry.id), PDF, pdf), 404, 'not_found', 'an entry of another decision');
  assertError(await chair.post(url(entry.id), PDF, pdf), 403, 'forbidden', 'the chair reads but does not write the follow-up');
  assertError(await analyst.post(url(entry.id), PDF, pdf), 404, 'not_found');
  const big = await tamin.post(url(entry.id), '%PDF-' + 'x'.repeat(10 * 1024 * 1024 + 16), pdf);
  assertError(big, 413, 'payload_too_large', 'over 10 MB');
  assert.equal(await auditTotal(), before, 'refused uploads wrote nothing');
  assert.equal(assertStatus(await council.get(`/api/v1/committee-decisions/${d.id}/evidence`), 200).json.items.length, 0);

  const e = assertStatus(await tamin.post(url(entry.id, 'گزارش نهایی.pdf'), PDF, pdf), 201).json;
  assert.equal(e.content_type, 'application/pdf');
  assert.equal(e.filename, 'گزارش نهایی.pdf');
  assert.equal(e.followup_id, entry.id);
  assert.equal(await auditTotal(), before + 1, 'the upload is audited');
  const list = assertStatus(await chair.get(`/api/v1/committee-decisions/${d.id}/evidence`), 200).json.items;
  assert.deepEqual(list.map((x) => x.id), [e.id]);
  const got = await chair.get(`/api/v1/committee-decisions/${d.id}/evidence/${e.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.text, PDF);
  assert.match(got.headers.get('content-type'), /application\/pdf/);
  assert.match(got.headers.get('content-disposition'), /^attachment; filename="evidence-\d+\.pdf"$/);
  const refused = await analyst.get(`/api/v1/committee-decisions/${d.id}/evidence/${e.id}`);
  assert.equal(refused.status, 404);
  assert.ok(hasPersian(refused.json.error.message));
  assertError(await chair.get(`/api/v1/committee-decisions/${other.id}/evidence/${e.id}`), 404, 'not_found', 'the file of another decision');
});
