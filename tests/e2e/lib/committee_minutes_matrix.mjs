// The rows of the authorization matrix for the committee's minutes (authz_matrix.mjs spreads them into
// MATRIX). The fixture: a committee of the demo council chaired by the demo `committee` user, with a held
// meeting whose minutes are a draft and one whose minutes are in review; each approval acts on a fresh
// meeting in review.
import assert from 'node:assert/strict';
import { assertStatus } from './common.mjs';
import { admin, current, ids, row } from './authz_fixtures.mjs';

const DAY = 86400000;
let fxP;
let slot = 0;
// One meeting a day, from 200 days on (apart from the other committee fixtures).
const nextStart = () => Date.now() + (200 + slot++) * DAY;

async function heldMeeting(committeeId, chairSeat) {
  let m = assertStatus(await admin.post(`/api/v1/committees/${committeeId}/meetings`, { starts_at: nextStart() }), 201).json;
  m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  m = assertStatus(await admin.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }), 200).json;
  return assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
}

// A held meeting with minutes written and, with `review`, circulated.
async function meetingWithMinutes(f, review) {
  const m = await heldMeeting(f.committee.id, f.chairSeat);
  const v = assertStatus(await admin.put(`/api/v1/committee-meetings/${m.id}/minutes`, { body_html: '<p>صورت‌جلسهٔ ماتریس</p>' }), 200).json;
  if (review) {
    assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/minutes/transition`, { action: 'circulate', version: v.minutes.version }), 200);
  }
  return m;
}

async function build() {
  const committee = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ ماتریس صورت‌جلسه' }), 201).json;
  const chairSeat = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users.committee.id, role: 'chair' }), 201).json.id;
  const f = { committee, chairSeat };
  f.draft = await meetingWithMinutes(f, false);
  f.review = await meetingWithMinutes(f, true);
  return f;
}
const fx = () => (fxP ??= build());

const auditTotal = async () => (await current('/api/v1/audit?per_page=1')).total;
async function counted(call) {
  const before = await auditTotal();
  const r = await call();
  r.auditBefore = before;
  return r;
}
const nothingWritten = async (r) => assert.equal(await auditTotal(), r.auditBefore, 'a refused write wrote nothing');

//            sys  cadm comm anal mgr  edit desk stranger
const readers = row(200, 200, 200, 404, 404, 404, 404, 401);

export const COMMITTEE_MINUTES_ROWS = [
  { route: 'GET /api/v1/committee-meetings/{id}/minutes', expect: readers,
    call: async (c) => c.get(`/api/v1/committee-meetings/${(await fx()).review.id}/minutes`) },
  // Written by those who run meetings; the chair reads but does not write (403).
  { route: 'PUT /api/v1/committee-meetings/{id}/minutes', expect: row(200, 200, 403, 404, 404, 404, 404, 401), check: nothingWritten,
    call: async (c, who) => {
      const { draft } = await fx();
      const v = await current(`/api/v1/committee-meetings/${draft.id}/minutes`);
      return counted(() => c.put(`/api/v1/committee-meetings/${draft.id}/minutes`, { version: v.minutes.version, body_html: `<p>متن ${who}</p>` }));
    } },
  // Approved by the chair and admins, each on a fresh meeting in review.
  { route: 'POST /api/v1/committee-meetings/{id}/minutes/transition', expect: row(200, 200, 200, 404, 404, 404, 404, 401), check: nothingWritten,
    call: async (c) => {
      const m = await meetingWithMinutes(await fx(), true);
      const v = await current(`/api/v1/committee-meetings/${m.id}/minutes`);
      return counted(() => c.post(`/api/v1/committee-meetings/${m.id}/minutes/transition`, { action: 'approve', version: v.minutes.version }));
    } },
  { route: 'POST /api/v1/committee-meetings/{id}/minutes/comments', expect: row(201, 201, 201, 404, 404, 404, 404, 401), check: nothingWritten,
    call: async (c) => counted(async () => c.post(`/api/v1/committee-meetings/${(await fx()).review.id}/minutes/comments`, { body: 'نظر ماتریس' })) },
  { route: 'GET /api/v1/committee-meetings/{id}/minutes/pdf', expect: readers,
    call: async (c) => c.get(`/api/v1/committee-meetings/${(await fx()).review.id}/minutes/pdf`) },
];
// The register's XLSX: everyone signed in gets the decisions they may read (possibly none).
COMMITTEE_MINUTES_ROWS.push({ route: 'GET /api/v1/committee/register/xlsx', expect: row(200, 200, 200, 200, 200, 200, 200, 401),
  call: (c) => c.get('/api/v1/committee/register/xlsx') });
COMMITTEE_MINUTES_ROWS.push({ route: 'GET /api/v1/committees/{id}/absence', expect: readers,
  call: async (c) => c.get(`/api/v1/committees/${(await fx()).committee.id}/absence`) });
