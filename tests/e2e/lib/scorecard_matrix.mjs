// The rows of the authorization matrix for the PR units' scorecards (authz_matrix.mjs spreads them into
// MATRIX). The fixture: the demo `committee` user is made secretary of a committee of the demo council
// (committee office lets a committee member manage scorecards), one open season period with a piece of
// tamin's evidence, and one closed period; each creating or closing cell acts on a fresh period.
// Every refused write is checked by the matrix runner against the audit log (authz_writes.mjs).
import { assertStatus } from './common.mjs';
import { admin, current, ids, row, everyone } from './authz_fixtures.mjs';

const BASE = '/api/v1/insight/scorecard';
export const EVIDENCE_PDF = '%PDF-1.4\n% scorecard evidence\n';
const pdfHeaders = { 'content-type': 'application/pdf' };

// Season codes no other fixture uses: 1350-1, 1350-2, …
let seq = 0;
const nextCode = () => `${1350 + Math.floor(seq / 4)}-${(seq++ % 4) + 1}`;

async function newPeriod() {
  return assertStatus(await admin.post(`${BASE}/periods`, { council_id: ids.councilId, period: nextCode() }), 201).json;
}

let fxP;
async function build() {
  const committee = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ ماتریس ارزیابی' }), 201).json;
  assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users.committee.id, role: 'secretary' }), 201);
  const open = await newPeriod();
  const evidence = assertStatus(await admin.post(
    `${BASE}/periods/${open.id}/evidence?agency_id=${ids.agencies.tamin.id}&item=training&file_name=matrix.pdf`, EVIDENCE_PDF, pdfHeaders), 201).json;
  const closed = await newPeriod();
  assertStatus(await admin.post(`${BASE}/periods/${closed.id}/close`), 200);
  return { open, evidence, closed };
}
const fx = () => (fxP ??= build());

//                 sys  cadm comm anal mgr  edit desk stranger
const readers = row(200, 200, 200, 200, 403, 403, 403, 401);
const managers = (ok) => row(ok, ok, ok, 403, 403, 403, 403, 401);

export const SCORECARD_ROWS = [
  { route: `GET ${BASE}/formulas`, expect: everyone(200), call: (c) => c.get(`${BASE}/formulas`) },
  { route: `GET ${BASE}/template`, expect: readers, call: (c) => c.get(`${BASE}/template?council_id=${ids.councilId}&kind=season`) },
  { route: `PUT ${BASE}/template`, expect: managers(200),
    call: async (c) => {
      await fx();
      const t = await current(`${BASE}/template?council_id=${ids.councilId}&kind=year`);
      return c.put(`${BASE}/template?council_id=${ids.councilId}&kind=year`, { items: t.items, version: t.version });
    } },
  // The periods: also an agency's PR manager (to upload evidence and open its card).
  { route: `GET ${BASE}/periods`, expect: row(200, 200, 200, 200, 200, 403, 403, 401), call: (c) => c.get(`${BASE}/periods?council_id=${ids.councilId}`) },
  { route: `POST ${BASE}/periods`, expect: managers(201),
    call: async (c) => { await fx(); return c.post(`${BASE}/periods`, { council_id: ids.councilId, period: nextCode() }); } },
  { route: `GET ${BASE}/periods/{id}`, expect: readers, call: async (c) => c.get(`${BASE}/periods/${(await fx()).open.id}`) },
  // One agency's card: also its PR manager.
  { route: `GET ${BASE}/periods/{id}/agencies/{agency_id}`, expect: row(200, 200, 200, 200, 200, 403, 403, 401),
    call: async (c) => c.get(`${BASE}/periods/${(await fx()).open.id}/agencies/${ids.agencies.tamin.id}`) },
  { route: `PUT ${BASE}/periods/{id}/scores`, expect: managers(200),
    call: async (c) => c.put(`${BASE}/periods/${(await fx()).open.id}/scores`,
      { agency_id: ids.agencies.tamin.id, item: 'events', score: 4, note: 'ماتریس' }) },
  // Evidence: the agency's PR manager and the managers of the council's scorecards.
  { route: `POST ${BASE}/periods/{id}/evidence`, expect: row(201, 201, 201, 403, 201, 403, 403, 401),
    call: async (c) => c.post(`${BASE}/periods/${(await fx()).open.id}/evidence?agency_id=${ids.agencies.tamin.id}` +
      '&item=research&file_name=matrix.pdf', EVIDENCE_PDF, pdfHeaders) },
  // A file is 404 to whoever may not read the agency's card.
  { route: `GET ${BASE}/evidence/{id}`, expect: row(200, 200, 200, 200, 200, 404, 404, 401),
    call: async (c) => c.get(`${BASE}/evidence/${(await fx()).evidence.id}`) },
  // Deleting evidence: the agency's PR manager or the uploader (here the system admin who made it) while the
  // period is open; readers of the card who may not are 403, others 404. Each cell deletes a fresh file.
  { route: `DELETE ${BASE}/evidence/{id}`, expect: row(204, 403, 403, 403, 204, 404, 404, 401),
    call: async (c) => {
      const e = assertStatus(await admin.post(`${BASE}/periods/${(await fx()).open.id}/evidence?agency_id=${ids.agencies.tamin.id}` +
        '&item=publications&file_name=matrix.pdf', EVIDENCE_PDF, pdfHeaders), 201).json;
      return c.delete(`${BASE}/evidence/${e.id}`);
    } },
  { route: `POST ${BASE}/periods/{id}/close`, expect: managers(200),
    call: async (c) => { await fx(); const p = await newPeriod(); return c.post(`${BASE}/periods/${p.id}/close`); } },
  { route: `GET ${BASE}/periods/{id}/export`, expect: readers,
    call: async (c) => c.get(`${BASE}/periods/${(await fx()).closed.id}/export?format=xlsx`) },
];
