// The PR committee's rows of the authorization matrix (authz_matrix.mjs spreads them into MATRIX).
// The fixture: a committee of the demo council whose chair is the demo `committee` user (voting), with a
// draft, a scheduled and a held meeting and, in the held one, a decision owned by tamin put to a vote.
// The tamin PR manager has no seat: they read and follow up the decision their agency owns, nothing else.
import assert from 'node:assert/strict';
import { assertStatus } from './common.mjs';
import { admin, current, everyone, ids, publicAll, row } from './authz_fixtures.mjs';

const DAY = 86400000;
let fxP;
let slot = 0;
// A start time no other fixture meeting uses (one a day, from 30 days on).
const nextStart = () => Date.now() + (30 + slot++) * DAY;

async function build() {
  const c = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ ماتریس' }), 201).json;
  const seat = async (login, role) => assertStatus(await admin.post(`/api/v1/committees/${c.id}/members`, { user_id: ids.users[login].id, role }), 201).json.id;
  const chairSeat = await seat('committee', 'chair');
  const meeting = async (status) => {
    let m = assertStatus(await admin.post(`/api/v1/committees/${c.id}/meetings`, { starts_at: nextStart() }), 201).json;
    if (status !== 'draft') m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
    if (status === 'held') {
      m = assertStatus(await admin.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }), 200).json;
      m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
    }
    return m;
  };
  const draft = await meeting('draft');
  const scheduled = await meeting('scheduled');
  const held = await meeting('held');
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(Date.now() + 400 * DAY)).map((x) => [x.type, x.value]));
  const deadline = `${p.year}/${p.month}/${p.day}`;
  const decision = assertStatus(await admin.post(`/api/v1/committee-meetings/${held.id}/decisions`, {
    text: 'مصوبهٔ ماتریس دسترسی', owner_agency_id: ids.agencies.tamin.id, deadline, majority: 'simple',
  }), 201).json;
  return { committee: c, chairSeat, draft, scheduled, held, decision, deadline };
}
const fx = () => (fxP ??= build());

const auditTotal = async () => (await current('/api/v1/audit?per_page=1')).total;
// For refused writes: the call records the audit total first; the check finds it unchanged.
async function counted(call) {
  const before = await auditTotal();
  const r = await call();
  r.auditBefore = before;
  return r;
}
const nothingWritten = async (r) => assert.equal(await auditTotal(), r.auditBefore, 'a refused write wrote nothing');

//            sys  cadm comm anal mgr  edit desk stranger
const readers = row(200, 200, 200, 404, 404, 404, 404, 401);
const runners = (ok) => row(ok, ok, 403, 404, 404, 404, 404, 401);

export const COMMITTEE_ROWS = [
  { route: 'GET /api/v1/committees', expect: everyone(200), call: (c) => c.get('/api/v1/committees') },
  { route: 'POST /api/v1/committees', expect: row(201, 201, 403, 403, 403, 403, 403, 401), check: nothingWritten,
    call: (c) => counted(() => c.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ آزمون' })) },
  { route: 'GET /api/v1/committees/{id}', expect: readers,
    call: async (c) => c.get(`/api/v1/committees/${(await fx()).committee.id}`) },
  { route: 'POST /api/v1/committees/{id}/members', expect: runners(201), check: nothingWritten,
    call: async (c, who) => {
      const { committee } = await fx();
      // Each allowed caller seats a different demo user, so no one is seated twice.
      const login = { system_admin: 'fanni-editor', council_admin: 'fanni-desk' }[who] || 'refah-editor';
      return counted(() => c.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users[login].id, role: 'guest' }));
    } },
  { route: 'DELETE /api/v1/committees/{id}/members/{mid}', expect: row(204, 204, 403, 404, 404, 404, 404, 401), check: nothingWritten,
    call: async (c) => {
      const { committee } = await fx();
      const mid = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users['omid-editor'].id, role: 'guest' }), 201).json.id;
      const r = await counted(() => c.delete(`/api/v1/committees/${committee.id}/members/${mid}`));
      if (r.status !== 204) assertStatus(await admin.delete(`/api/v1/committees/${committee.id}/members/${mid}`), 204);
      r.auditBefore += 1; // the clean-up above is audited
      return r;
    } },
  { route: 'GET /api/v1/committees/{id}/meetings', expect: readers,
    call: async (c) => c.get(`/api/v1/committees/${(await fx()).committee.id}/meetings`) },
  { route: 'POST /api/v1/committees/{id}/meetings', expect: runners(201), check: nothingWritten,
    call: async (c) => {
      const { committee } = await fx();
      return counted(() => c.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: nextStart() }));
    } },
  { route: 'GET /api/v1/committee-meetings/{id}', expect: readers,
    call: async (c) => c.get(`/api/v1/committee-meetings/${(await fx()).held.id}`) },
  { route: 'PATCH /api/v1/committee-meetings/{id}', expect: runners(200), check: nothingWritten,
    call: async (c, who) => {
      const { draft } = await fx();
      const m = await current(`/api/v1/committee-meetings/${draft.id}`);
      return counted(() => c.patch(`/api/v1/committee-meetings/${m.id}`, { version: m.version, place: `اتاق ${who}` }));
    } },
  { route: 'POST /api/v1/committee-meetings/{id}/transition', expect: runners(200), check: nothingWritten,
    call: async (c) => {
      const { committee } = await fx();
      const m = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: nextStart() }), 201).json;
      return counted(() => c.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'cancel', version: m.version }));
    } },
  { route: 'POST /api/v1/committee-meetings/{id}/agenda', expect: runners(201), check: nothingWritten,
    call: async (c) => counted(async () => c.post(`/api/v1/committee-meetings/${(await fx()).draft.id}/agenda`, { title: 'بند ماتریس' })) },
  { route: 'PUT /api/v1/committee-meetings/{id}/attendance', expect: runners(200), check: nothingWritten,
    call: async (c) => {
      const { scheduled, chairSeat } = await fx();
      return counted(() => c.put(`/api/v1/committee-meetings/${scheduled.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }));
    } },
  // Only a seat answers an invitation: admins read the meeting but have no seat (403).
  { route: 'POST /api/v1/committee-meetings/{id}/rsvp', expect: row(403, 403, 204, 404, 404, 404, 404, 401), check: nothingWritten,
    call: async (c) => counted(async () => c.post(`/api/v1/committee-meetings/${(await fx()).scheduled.id}/rsvp`, { rsvp: 'yes' })) },
  { route: 'POST /api/v1/committee-meetings/{id}/decisions', expect: runners(201), check: nothingWritten,
    call: async (c) => counted(async () => c.post(`/api/v1/committee-meetings/${(await fx()).held.id}/decisions`, {
      text: 'مصوبهٔ آزمون', owner_agency_id: ids.agencies.tamin.id, deadline: (await fx()).deadline,
    })) },
  { route: 'GET /api/v1/committee-decisions', expect: everyone(200), call: (c) => c.get('/api/v1/committee-decisions') },
  { route: 'GET /api/v1/committee-decisions/{id}', expect: row(200, 200, 200, 404, 200, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/committee-decisions/${(await fx()).decision.id}`) },
  { route: 'PATCH /api/v1/committee-decisions/{id}', expect: row(200, 200, 403, 404, 403, 404, 404, 401), check: nothingWritten,
    call: async (c) => {
      const d = await current(`/api/v1/committee-decisions/${(await fx()).decision.id}`);
      return counted(() => c.patch(`/api/v1/committee-decisions/${d.id}`, { version: d.version, priority: 'high' }));
    } },
  { route: 'POST /api/v1/committee-decisions/{id}/followups', expect: row(201, 201, 403, 404, 201, 404, 404, 401), check: nothingWritten,
    call: async (c) => counted(async () => c.post(`/api/v1/committee-decisions/${(await fx()).decision.id}/followups`, { note: 'گزارش پیگیری' })) },
  { route: 'POST /api/v1/committee-decisions/{id}/votes', expect: row(200, 200, 200, 404, 404, 404, 404, 401), check: nothingWritten,
    call: async (c, who) => {
      const { decision, chairSeat } = await fx();
      const body = who === 'system_admin' || who === 'council_admin' ? { member_id: chairSeat, vote: 'yes' } : { vote: 'yes' };
      return counted(() => c.post(`/api/v1/committee-decisions/${decision.id}/votes`, body));
    } },
  { route: 'GET /api/v1/committee/mine', expect: everyone(200), call: (c) => c.get('/api/v1/committee/mine') },
];

// Invitations (committee-b): what was sent for a meeting is read by those who run meetings; the public RSVP
// page answers a bogus link with a Persian 400 page for everyone, logged in or not (that a refused answer
// writes nothing is checked in committee_invitations.test.mjs).
COMMITTEE_ROWS.push(
  { route: 'GET /api/v1/committee-meetings/{id}/notices', expect: runners(200),
    call: async (c) => c.get(`/api/v1/committee-meetings/${(await fx()).scheduled.id}/notices`) },
  { route: 'GET /committee/rsvp/{token}', expect: publicAll(400), html: true,
    call: async (c) => c.get(`/committee/rsvp/${(await fx()).scheduled.id}.1.99999999999999.00`) },
  { route: 'POST /committee/rsvp/{token}', expect: publicAll(400), html: true,
    call: async (c) => c.post(`/committee/rsvp/${(await fx()).scheduled.id}.1.99999999999999.00`, { rsvp: 'yes' }) },
);
