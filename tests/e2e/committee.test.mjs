// The PR committee end to end over HTTP: a committee with its members, a meeting scheduled (clashes
// refused or warned), RSVP, held with attendance and quorum, decisions with a vote by the majority of the
// members present, follow-up to done by the owner agency, the register's filters, a member's own view;
// every bad input of issue 13 answered in Persian with a code and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertError, assertStatus, demoIds, hasPersian, loginAs, assertNoSanitizerReports } from './lib/common.mjs';

const DAY = 86400000;
let srv, admin, secretary, chair, tamin, behzisti, analyst, ids;

// A Jalali date (yyyy/mm/dd, Tehran) `days` from now.
function jalali(days) {
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(Date.now() + days * DAY)).map((x) => [x.type, x.value]));
  return `${p.year}/${p.month}/${p.day}`;
}

async function auditTotal() {
  return assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
}

// Runs the refused requests and checks that together they wrote nothing.
async function refusedWriteNothing(calls) {
  const beforeCount = await auditTotal();
  for (const [what, call, status, code] of calls) {
    const r = await call();
    assertError(r, status, code, what);
    assert.ok(hasPersian(r.json.error.message), `${what}: Persian message`);
  }
  assert.equal(await auditTotal(), beforeCount, 'refused requests wrote nothing (no audit entries)');
}

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
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

test('the life of a meeting: schedule, RSVP, attendance and quorum, decisions, votes, follow-up', async () => {
  const u = ids.users;
  // The committee and its members (secretary without a vote, three voting members from the agencies).
  await refusedWriteNothing([
    ['a member creates a committee', () => chair.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیته' }), 403, 'forbidden'],
    ['unknown quorum rule', () => secretary.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیته', quorum_rule: 'most' }), 400, 'invalid_quorum_rule'],
  ]);
  const committee = assertStatus(await secretary.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ روابط عمومی' }), 201).json;
  const seat = {};
  for (const [login, role, agency, voting] of [
    ['council', 'secretary', null, false], ['committee', 'chair', null, true],
    ['tamin-manager', 'member', 'tamin', true], ['behzisti-manager', 'member', 'behzisti', true],
  ]) {
    const body = { user_id: u[login].id, role, voting, ...(agency ? { agency_id: ids.agencies[agency].id } : {}) };
    seat[login] = assertStatus(await secretary.post(`/api/v1/committees/${committee.id}/members`, body), 201).json.id;
  }
  await refusedWriteNothing([
    ['unknown user as member', () => secretary.post(`/api/v1/committees/${committee.id}/members`, { user_id: 999999 }), 400, 'unknown_user'],
    ['a member twice', () => secretary.post(`/api/v1/committees/${committee.id}/members`, { user_id: u.committee.id }), 400, 'already_member'],
  ]);
  const view = assertStatus(await chair.get(`/api/v1/committees/${committee.id}`), 200).json;
  assert.equal(view.members.length, 4);
  assert.equal(view.my_role, 'chair');
  assertError(await analyst.get(`/api/v1/committees/${committee.id}`), 404, 'not_found', 'not a member: 404');

  // A meeting: numbered, opening with the review of open decisions; the past and overlaps refused.
  const startsAt = Date.now() + 3 * DAY;
  const m = assertStatus(await secretary.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: startsAt, place: 'سالن شورا' }), 201).json;
  assert.equal(m.number, 1);
  assert.equal(m.status, 'draft');
  assert.equal(m.agenda[0].title, 'بررسی مصوبات باز');
  assert.ok(hasPersian(m.starts_jalali));
  const scheduled = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  assert.equal(scheduled.status, 'scheduled');
  assert.ok(Array.isArray(scheduled.warnings));
  await refusedWriteNothing([
    ['a meeting in the past', () => secretary.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: Date.now() - DAY }), 400, 'meeting_in_past'],
    ['an overlapping meeting', () => secretary.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: startsAt + 30 * 60000 }), 400, 'meeting_overlap'],
    ['a member schedules', () => tamin.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: startsAt + 5 * DAY }), 403, 'forbidden'],
    ['scheduling twice', () => secretary.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: scheduled.version }), 409, 'invalid_transition'],
  ]);
  assert.equal(assertStatus(await secretary.get(`/api/v1/committees/${committee.id}/meetings`), 200).json.items.length, 1);
  assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/agenda`, { title: 'هماهنگی پوشش هفتهٔ تأمین اجتماعی', presenter_user_id: u['tamin-manager'].id, duration_min: 20 }), 201);

  // RSVP by the members themselves.
  assertStatus(await tamin.post(`/api/v1/committee-meetings/${m.id}/rsvp`, { rsvp: 'yes' }), 204);
  assertStatus(await behzisti.post(`/api/v1/committee-meetings/${m.id}/rsvp`, { rsvp: 'delegate', delegate_name: 'معاون روابط عمومی' }), 204);
  assertError(await analyst.post(`/api/v1/committee-meetings/${m.id}/rsvp`, { rsvp: 'yes' }), 404, 'not_found');

  // Attendance and quorum: 2 of 3 voting members present (default rule: at least half).
  await refusedWriteNothing([
    ['attendance of an unknown member', () => secretary.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: 999999, status: 'present' }] }), 400, 'unknown_member'],
    ['a made-up attendance status', () => secretary.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: seat.committee, status: 'asleep' }] }), 400, 'invalid_attendance'],
  ]);
  const att = assertStatus(await secretary.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [
    { member_id: seat.committee, status: 'present' }, { member_id: seat['tamin-manager'], status: 'late' },
    { member_id: seat['behzisti-manager'], status: 'absent' }, { member_id: seat.council, status: 'present' },
  ] }), 200).json;
  assert.deepEqual(att.quorum, { voting_members: 3, voting_present: 2, needed: 2, reached: true });
  assert.equal(att.attendance.find((a) => a.member_id === seat['tamin-manager']).rsvp, 'yes');
  const held = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: att.version }), 200).json;
  assert.equal(held.status, 'held');

  // Decisions: an owner and a deadline after the meeting are required.
  const deadline = jalali(40);
  await refusedWriteNothing([
    ['a decision without an owner', () => secretary.post(`/api/v1/committee-meetings/${m.id}/decisions`, { text: 'پوشش مشترک', deadline }), 400, 'owner_required'],
    ['a deadline before the meeting', () => secretary.post(`/api/v1/committee-meetings/${m.id}/decisions`, { text: 'پوشش مشترک', owner_agency_id: ids.agencies.tamin.id, deadline: jalali(-10) }), 400, 'deadline_before_meeting'],
    ['a deadline that is no date', () => secretary.post(`/api/v1/committee-meetings/${m.id}/decisions`, { text: 'پوشش مشترک', owner_agency_id: ids.agencies.tamin.id, deadline: 'فردا' }), 400, 'invalid_date'],
    ['an owner agency of another council', () => secretary.post(`/api/v1/committee-meetings/${m.id}/decisions`, { text: 'پوشش مشترک', owner_agency_id: 999999, deadline }), 400, 'unknown_agency'],
  ]);
  const d = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text: 'پوشش خبری مشترک هفتهٔ تأمین اجتماعی در همهٔ دستگاه‌ها', owner_agency_id: ids.agencies.tamin.id,
    owner_user_id: u['tamin-manager'].id, deadline, majority: 'simple', priority: 'high',
  }), 201).json;
  assert.equal(d.status, 'open');
  assert.equal(d.overdue, false);
  assert.equal(d.meeting_number, 1);
  assert.ok(d.working_days_left > 15 && d.working_days_left < 40, `working days left: ${d.working_days_left}`);
  assert.ok(hasPersian(d.deadline_jalali));

  // Votes: only voting members present; the secretary records a vote for a member.
  await refusedWriteNothing([
    ['a vote by a member not present', () => behzisti.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'yes' }), 409, 'not_present'],
    ['a vote by a non-member', () => analyst.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'yes' }), 404, 'not_found'],
    ['a vote for a member without a vote', () => secretary.post(`/api/v1/committee-decisions/${d.id}/votes`, { member_id: seat.council, vote: 'yes' }), 409, 'not_voting'],
    ['a made-up vote', () => tamin.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'maybe' }), 400, 'invalid_vote'],
  ]);
  assertStatus(await tamin.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'no' }), 200);
  let voted = assertStatus(await secretary.post(`/api/v1/committee-decisions/${d.id}/votes`, { member_id: seat.committee, vote: 'yes' }), 200).json;
  assert.equal(voted.tally.passed, false, '1 of 2 present is not more than half');
  voted = assertStatus(await tamin.post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'yes' }), 200).json;
  assert.deepEqual({ yes: voted.tally.yes, present: voted.tally.present, passed: voted.tally.passed }, { yes: 2, present: 2, passed: true });
  assert.equal(voted.vote_result, 'تصویب شد: ۲ موافق، ۰ مخالف، ۰ ممتنع از ۲ عضو حاضر (اکثریت ساده)');

  // Follow-up by the owner agency's PR manager; another agency's may read but not write.
  await refusedWriteNothing([
    ['follow-up by another agency', () => behzisti.post(`/api/v1/committee-decisions/${d.id}/followups`, { note: 'گزارش' }), 403, 'forbidden'],
    ['progress over 100', () => tamin.post(`/api/v1/committee-decisions/${d.id}/followups`, { note: 'گزارش', progress: 140 }), 400, 'invalid_progress'],
  ]);
  let f = assertStatus(await tamin.post(`/api/v1/committee-decisions/${d.id}/followups`, { note: 'هماهنگی با خبرگزاری‌ها انجام شد', progress: 50 }), 201).json;
  assert.equal(f.status, 'in_progress');
  f = assertStatus(await tamin.post(`/api/v1/committee-decisions/${d.id}/followups`, { note: 'گزارش پوشش پیوست شد', status: 'done' }), 201).json;
  assert.equal(f.status, 'done');
  assert.equal(f.progress, 100);
  assert.equal(f.followups.length, 2);

  // The register and its filters; the member's own view.
  const done = await secretary.get(`/api/v1/committee-decisions?committee_id=${committee.id}&owner_agency_id=${ids.agencies.tamin.id}&status=done`);
  assert.equal(assertStatus(done, 200).json.total, 1);
  const overdue = await secretary.get(`/api/v1/committee-decisions?committee_id=${committee.id}&overdue=true`);
  assert.equal(assertStatus(overdue, 200).json.total, 0);
  assertError(await secretary.get('/api/v1/committee-decisions?status=lost'), 400, 'invalid_param');
  assert.equal(assertStatus(await analyst.get('/api/v1/committee-decisions'), 200).json.total, 0, 'the analyst sees no decisions');
  const mine = assertStatus(await tamin.get('/api/v1/committee/mine'), 200).json;
  assert.equal(mine.decisions.length, 1);
  assert.equal(mine.meetings[0].id, m.id);
});
