// The rows of the authorization matrix for the committee's public page and the evidence on follow-up entries
// (authz_matrix.mjs spreads them into MATRIX). The fixture: a committee of the demo council chaired by the
// demo `committee` user, a held meeting and a decision owned by tamin (whose PR manager reads it and writes
// its follow-up and evidence, but may not publish it), one follow-up entry with one PDF. The writes leave the
// page off and the decision unpublished, so the public page answers the site's 404 to everyone.
import assert from 'node:assert/strict';
import { assertStatus } from './common.mjs';
import { admin, current, ids, publicAll, row } from './authz_fixtures.mjs';

const DAY = 86400000;
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

async function build() {
  const c = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ ماتریس صفحهٔ عمومی' }), 201).json;
  const chairSeat = assertStatus(await admin.post(`/api/v1/committees/${c.id}/members`, { user_id: ids.users.committee.id, role: 'chair' }), 201).json.id;
  let m = assertStatus(await admin.post(`/api/v1/committees/${c.id}/meetings`, { starts_at: Date.now() + 300 * DAY }), 201).json;
  m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  m = assertStatus(await admin.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }), 200).json;
  m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(Date.now() + 400 * DAY)).map((x) => [x.type, x.value]));
  const decision = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text: 'مصوبهٔ ماتریس صفحهٔ عمومی', owner_agency_id: ids.agencies.tamin.id, deadline: `${p.year}/${p.month}/${p.day}`,
  }), 201).json;
  const followup = assertStatus(await admin.post(`/api/v1/committee-decisions/${decision.id}/followups`, { note: 'گزارش ماتریس' }), 201)
    .json.followups.at(-1);
  const evidence = assertStatus(await admin.post(`/api/v1/committee-decisions/${decision.id}/followups/${followup.id}/evidence?filename=a.pdf`,
    PDF, { 'content-type': 'application/pdf' }), 201).json;
  return { committee: c, decision, followup, evidence };
}
let fxP;
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
const councilAdmins = row(200, 200, 403, 403, 403, 403, 403, 401);

export const COMMITTEE_PUBLIC_ROWS = [
  // Off by default (and every write below leaves it off): the site's Persian 404 page for everyone.
  { route: 'GET /decisions', expect: publicAll(404), html: true, call: (c) => c.get('/decisions') },
  { route: 'GET /api/v1/councils/{id}/committee-settings', expect: councilAdmins,
    call: (c) => c.get(`/api/v1/councils/${ids.councilId}/committee-settings`) },
  { route: 'PUT /api/v1/councils/{id}/committee-settings', expect: councilAdmins, check: nothingWritten,
    call: async (c) => {
      const s = await current(`/api/v1/councils/${ids.councilId}/committee-settings`);
      return counted(() => c.put(`/api/v1/councils/${ids.councilId}/committee-settings`, { public_page: false, version: s.version }));
    } },
  // Read by whoever reads the decision (the owner agency's PR manager too).
  { route: 'GET /api/v1/committee-decisions/{id}/publication', expect: row(200, 200, 200, 404, 200, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/committee-decisions/${(await fx()).decision.id}/publication`) },
  // Published by the chair, the secretary and admins; the PR manager reads it but may not (403).
  { route: 'PUT /api/v1/committee-decisions/{id}/publication', expect: row(200, 200, 200, 404, 403, 404, 404, 401),
    check: nothingWritten,
    call: async (c) => {
      const id = (await fx()).decision.id;
      const p = await current(`/api/v1/committee-decisions/${id}/publication`);
      return counted(() => c.put(`/api/v1/committee-decisions/${id}/publication`, { published: false, version: p.version }));
    } },
  // A committee's reminder lead time: read by its readers, set by those who run its meetings (the chair
  // reads but does not set it); every write keeps the default of 3 days.
  { route: 'GET /api/v1/committees/{id}/reminder-settings', expect: row(200, 200, 200, 404, 404, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/committees/${(await fx()).committee.id}/reminder-settings`) },
  { route: 'PUT /api/v1/committees/{id}/reminder-settings', expect: row(200, 200, 403, 404, 404, 404, 404, 401),
    check: nothingWritten,
    call: async (c) => {
      const id = (await fx()).committee.id;
      const s = await current(`/api/v1/committees/${id}/reminder-settings`);
      return counted(() => c.put(`/api/v1/committees/${id}/reminder-settings`, { decision_reminder_days: 3, version: s.version }));
    } },
  // A committee's senders: read by its readers, set by those who run its meetings (the chair reads but
  // does not set them); every write keeps the defaults (the council's e-mail channel, the gateway's line).
  { route: 'GET /api/v1/committees/{id}/sender-settings', expect: row(200, 200, 200, 404, 404, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/committees/${(await fx()).committee.id}/sender-settings`) },
  { route: 'PUT /api/v1/committees/{id}/sender-settings', expect: row(200, 200, 403, 404, 404, 404, 404, 401),
    check: nothingWritten,
    call: async (c) => {
      const id = (await fx()).committee.id;
      const s = await current(`/api/v1/committees/${id}/sender-settings`);
      return counted(() => c.put(`/api/v1/committees/${id}/sender-settings`, { mail_channel_id: null, sms_sender: '', version: s.version }));
    } },
  // Evidence: written by those who write the follow-up (admins, the owner agency's PR manager; the chair
  // reads but does not), read by the decision's readers.
  { route: 'POST /api/v1/committee-decisions/{id}/followups/{fid}/evidence', expect: row(201, 201, 403, 404, 201, 404, 404, 401),
    check: nothingWritten,
    call: async (c, who) => {
      const { decision, followup } = await fx();
      return counted(() => c.post(`/api/v1/committee-decisions/${decision.id}/followups/${followup.id}/evidence?filename=${who}.pdf`,
        PDF, { 'content-type': 'application/pdf' }));
    } },
  { route: 'GET /api/v1/committee-decisions/{id}/evidence', expect: row(200, 200, 200, 404, 200, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/committee-decisions/${(await fx()).decision.id}/evidence`) },
  { route: 'GET /api/v1/committee-decisions/{id}/evidence/{eid}', expect: row(200, 200, 200, 404, 200, 404, 404, 401),
    call: async (c) => {
      const { decision, evidence } = await fx();
      return c.get(`/api/v1/committee-decisions/${decision.id}/evidence/${evidence.id}`);
    } },
];
