// The minutes of a PR committee meeting end to end over HTTP (issue 13 §6): written by the secretary as
// sanitized rich text, circulated to the attendees who comment, approved by the chair and locked (an
// edit and a vote after approval refused, nothing written), a correction as a new linked revision, and
// the PDF downloaded and read back with pdftotext (Persian words, Persian digits, attendees, decisions).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from './harness.mjs';
import { assertError, assertStatus, demoIds, hasPersian, loginAs, assertNoSanitizerReports } from './lib/common.mjs';

const DAY = 86400000;
let srv, secretary, chair, tamin, behzisti, analyst, ids;

function jalali(days) {
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(Date.now() + days * DAY)).map((x) => [x.type, x.value]));
  return `${p.year}/${p.month}/${p.day}`;
}

async function auditTotal() {
  return assertStatus(await secretary.get('/api/v1/audit?per_page=1'), 200).json.total;
}

async function refusedWriteNothing(calls) {
  const beforeCount = await auditTotal();
  for (const [what, call, status, code] of calls) {
    const r = await call();
    assertError(r, status, code, what);
    assert.ok(hasPersian(r.json.error.message), `${what}: Persian message`);
  }
  assert.equal(await auditTotal(), beforeCount, 'refused requests wrote nothing (no audit entries)');
}

// pdftotext puts bidi marks around runs, drops ZWNJ, moves spaces around numbers and writes the hamza
// of «هٔ» before its letter: compare without them.
function squeeze(s) {
  return s.replace(/[\u202A-\u202E\u200C\u200E\u200F\s]/g, '').replace(/\u0654\u0647/g, '\u0647\u0654');
}

before(async () => {
  srv = await startServer();
  const admin = await loginAs(srv, 'admin');
  secretary = await loginAs(srv, 'council');
  chair = await loginAs(srv, 'committee');
  tamin = await loginAs(srv, 'tamin-manager');
  behzisti = await loginAs(srv, 'behzisti-manager');
  analyst = await loginAs(srv, 'analyst');
  ids = await demoIds(admin);
});

after(async () => {
  if (srv) {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
});

test('minutes: write, circulate, comment, approve and lock, correct; the PDF in Persian', async () => {
  const u = ids.users;
  const committee = assertStatus(await secretary.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ روابط عمومی' }), 201).json;
  const seat = {};
  for (const [login, role, agency, voting] of [
    ['council', 'secretary', null, false], ['committee', 'chair', null, true],
    ['tamin-manager', 'member', 'tamin', true], ['behzisti-manager', 'member', 'behzisti', true],
  ]) {
    const body = { user_id: u[login].id, role, voting, ...(agency ? { agency_id: ids.agencies[agency].id } : {}) };
    seat[login] = assertStatus(await secretary.post(`/api/v1/committees/${committee.id}/members`, body), 201).json.id;
  }
  let m = assertStatus(await secretary.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: Date.now() + 2 * DAY, place: 'سالن شورا' }), 201).json;
  m = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  // Minutes wait for the meeting to be held.
  await refusedWriteNothing([
    ['minutes of a meeting not held', () => secretary.put(`/api/v1/committee-meetings/${m.id}/minutes`, { body_html: '<p>متن</p>' }), 409, 'meeting_not_held'],
  ]);
  m = assertStatus(await secretary.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [
    { member_id: seat.committee, status: 'present' }, { member_id: seat['tamin-manager'], status: 'late' },
    { member_id: seat['behzisti-manager'], status: 'absent' }, { member_id: seat.council, status: 'present' },
  ] }), 200).json;
  m = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
  const decisionText = 'انتشار گزارش مشترک هفتهٔ تأمین اجتماعی';
  const d = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text: decisionText, owner_agency_id: ids.agencies.tamin.id, deadline: jalali(30), majority: 'simple',
  }), 201).json;
  assertStatus(await tamin.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'yes' }), 200);
  assertStatus(await chair.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'yes' }), 200);

  const base = `/api/v1/committee-meetings/${m.id}/minutes`;
  let v = assertStatus(await secretary.get(base), 200).json;
  assert.equal(v.minutes, null);
  assert.equal(v.can.edit, true);
  assertError(await analyst.get(base), 404, 'not_found', 'not a member: 404');
  await refusedWriteNothing([
    ['a member writes the minutes', () => tamin.put(base, { body_html: '<p>متن</p>' }), 403, 'forbidden'],
    ['minutes without text', () => secretary.put(base, { body_html: '<script>alert(1)</script>' }), 400, 'required'],
    ['circulating nothing', () => secretary.post(`${base}/transition`, { action: 'circulate', version: 1 }), 409, 'minutes_missing'],
    ['a made-up action', () => secretary.post(`${base}/transition`, { action: 'publish', version: 1 }), 400, 'invalid_action'],
  ]);

  // Written in the console: sanitized like a release body.
  v = assertStatus(await secretary.put(base, { body_html: '<p onclick="x()">گزارش دبیر دربارهٔ <b>پوشش خبری</b></p><script>alert(1)</script>' }), 200).json;
  assert.equal(v.minutes.status, 'draft');
  assert.equal(v.minutes.revision, 1);
  assert.doesNotMatch(v.minutes.body_html, /script|onclick/);
  assert.match(v.minutes.body_html, /<strong>پوشش خبری<\/strong>|<b>پوشش خبری<\/b>/);
  // The vote result and the decision are part of the minutes.
  assert.equal(v.decisions.length, 1);
  assert.equal(v.decisions[0].vote_result, 'تصویب شد: ۲ موافق، ۰ مخالف، ۰ ممتنع از ۲ عضو حاضر (اکثریت ساده)');
  assert.equal(v.attendance.find((a) => a.member_id === seat['tamin-manager']).status_label, 'حاضر با تأخیر');

  // Circulated to the attendees, who comment; an absent member may not.
  await refusedWriteNothing([
    ['a comment before the review', () => tamin.post(`${base}/comments`, { body: 'نظر' }), 409, 'minutes_not_in_review'],
    ['the chair approves a draft', () => chair.post(`${base}/transition`, { action: 'approve', version: v.minutes.version }), 409, 'invalid_transition'],
  ]);
  v = assertStatus(await secretary.post(`${base}/transition`, { action: 'circulate', version: v.minutes.version }), 200).json;
  assert.equal(v.minutes.status, 'review');
  assert.equal(v.meeting.status, 'minutes_review');
  assert.equal(assertStatus(await tamin.get(base), 200).json.can.comment, true);
  v = assertStatus(await tamin.post(`${base}/comments`, { body: 'نام دستگاه‌ها را کامل بنویسید.' }), 201).json;
  assert.equal(v.comments.length, 1);
  assert.equal(v.comments[0].member_id, seat['tamin-manager']);
  await refusedWriteNothing([
    ['an absent member comments', () => behzisti.post(`${base}/comments`, { body: 'نظر' }), 403, 'forbidden'],
    ['a member approves', () => tamin.post(`${base}/transition`, { action: 'approve', version: v.minutes.version }), 403, 'forbidden'],
    ['a stale version', () => chair.post(`${base}/transition`, { action: 'approve', version: v.minutes.version - 1 }), 409, 'version_conflict'],
  ]);

  // The chair approves: locked.
  v = assertStatus(await chair.post(`${base}/transition`, { action: 'approve', version: v.minutes.version }), 200).json;
  assert.equal(v.minutes.status, 'approved');
  assert.equal(v.minutes.approved_by, u.committee.id);
  assert.equal(v.meeting.status, 'minutes_approved');
  assert.ok(hasPersian(v.approved_jalali));
  const approvedHtml = v.minutes.body_html;
  await refusedWriteNothing([
    ['editing locked minutes', () => secretary.put(base, { body_html: '<p>متن دیگر</p>', version: v.minutes.version }), 409, 'minutes_locked'],
    ['a vote after approval', () => tamin.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'no' }), 409, 'minutes_locked'],
    ['approving twice', () => chair.post(`${base}/transition`, { action: 'approve', version: v.minutes.version }), 409, 'minutes_locked'],
    ['a correction without a reason', () => secretary.post(`${base}/transition`, { action: 'correct', version: v.minutes.version }), 400, 'required'],
  ]);
  assert.equal(assertStatus(await tamin.get(base), 200).json.minutes.body_html, approvedHtml);

  // The PDF, read by a member who was absent.
  const res = await fetch(srv.url(`${base}/pdf`), { headers: { cookie: behzisti.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-minutes-')), 'minutes.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = squeeze(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
  for (const want of ['صورت‌جلسهٔ جلسهٔ شمارهٔ ۱', 'تأییدشده', 'گزارش دبیر دربارهٔ پوشش خبری', decisionText, 'تصویب شد',
    'حاضر با تأخیر', 'غایب', u.committee.name, u['tamin-manager'].name, u['behzisti-manager'].name, 'رئیس کمیته',
    'دبیر کمیته', 'صفحه ۱ از']) {
    assert.ok(text.includes(squeeze(want)), `the PDF has «${want}»`);
  }
  assert.doesNotMatch(text, /\d/, 'no Latin digits in the PDF');

  // A correction is a new revision linked to the approved one.
  v = assertStatus(await secretary.post(`${base}/transition`, { action: 'correct', version: v.minutes.version, reason: 'نام دستگاه‌ها کامل شد' }), 200).json;
  assert.equal(v.minutes.revision, 2);
  assert.equal(v.minutes.status, 'draft');
  assert.equal(v.minutes.corrects_id, v.revisions[0].id);
  assert.equal(v.revisions[0].status, 'approved');
  v = assertStatus(await secretary.put(base, { body_html: '<p>متن اصلاح‌شده</p>', version: v.minutes.version }), 200).json;
  assert.equal(v.revisions[0].body_html, approvedHtml, 'the approved revision stays as it was');
  assert.equal(v.meeting.status, 'minutes_approved', 'votes stay locked during a correction');

  // The register of decisions as XLSX (§8): the filters of the register, a right-to-left sheet.
  async function registerXlsx(client, query) {
    const res = await fetch(srv.url(`/api/v1/committee/register/xlsx?${query}`), { headers: { cookie: client.cookie } });
    assert.equal(res.status, 200, query);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'pol-register-')), 'register.xlsx');
    writeFileSync(f, Buffer.from(await res.arrayBuffer()));
    return JSON.parse(execFileSync(process.env.POL_PYTHON || '/usr/bin/python3', ['-c', `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps({"rtl": bool(ws.sheet_view.rightToLeft), "title": ws.title,
                  "rows": [list(r) for r in ws.iter_rows(values_only=True)]}))
`, f], { encoding: 'utf8' }));
  }
  const reg = await registerXlsx(secretary, `committee_id=${committee.id}&owner_agency_id=${ids.agencies.tamin.id}`);
  assert.equal(reg.rtl, true, 'a right-to-left sheet');
  assert.equal(reg.title, 'دفتر مصوبات');
  assert.deepEqual(reg.rows[0].slice(0, 3), ['شمارهٔ جلسه', 'متن مصوبه', 'دستگاه مسئول']);
  assert.equal(reg.rows.length, 2);
  assert.equal(reg.rows[1][0], 1, 'the meeting number, a number');
  assert.equal(reg.rows[1][1], decisionText);
  assert.equal(reg.rows[1][2], ids.agencies.tamin.name);
  assert.equal(reg.rows[1][6], 'باز');
  assert.match(reg.rows[1][8], /^تصویب شد/);
  assert.equal((await registerXlsx(secretary, `committee_id=${committee.id}&overdue=true`)).rows.length, 1, 'header only: nothing overdue');
  assert.equal((await registerXlsx(secretary, `committee_id=${committee.id}&owner_agency_id=${ids.agencies.behzisti.id}`)).rows.length, 1);
  assert.equal((await registerXlsx(analyst, '')).rows.length, 1, 'the analyst reads no decisions');
  assertError(await secretary.get('/api/v1/committee/register/xlsx?status=lost'), 400, 'invalid_param');

  // Absence statistics (§5) per member and per agency.
  const abs = assertStatus(await chair.get(`/api/v1/committees/${committee.id}/absence`), 200).json;
  const byMember = Object.fromEntries(abs.members.map((x) => [x.member_id, x]));
  assert.equal(byMember[seat['behzisti-manager']].absent, 1);
  assert.equal(byMember[seat['behzisti-manager']].absence_rate, 1);
  assert.equal(byMember[seat['tamin-manager']].late, 1);
  assert.equal(byMember[seat['tamin-manager']].absence_rate, 0);
  const byAgency = Object.fromEntries(abs.agencies.map((x) => [x.agency_id, x]));
  assert.deepEqual([byAgency[ids.agencies.tamin.id].present, byAgency[ids.agencies.behzisti.id].absent], [1, 1]);
  const none = assertStatus(await chair.get(`/api/v1/committees/${committee.id}/absence?to=${Date.now()}`), 200).json;
  assert.equal(none.agencies.length, 0, 'the meeting starts after `to`');
  assertError(await analyst.get(`/api/v1/committees/${committee.id}/absence`), 404, 'not_found');
  assertError(await chair.get(`/api/v1/committees/${committee.id}/absence?from=soon`), 400, 'invalid_query');
});
