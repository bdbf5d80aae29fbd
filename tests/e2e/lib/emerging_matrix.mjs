// Emerging issues in the authorization matrix (authz_matrix.mjs spreads them into MATRIX): the council's
// viewers (system and council admins, committee members, analysts) list and open issues; the council
// desk (system and council admins) assigns an owner and recounts; agency staff see nothing of an issue
// their agency does not own (404) and get 403 on the council's list. A refused assignment leaves the
// owner as it was. The issue is real: a burst ingested today, counted by an admin's recount.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pol } from '../harness.mjs';
import { assertStatus } from './common.mjs';
import { admin, ids, row, srv } from './authz_fixtures.mjs';

// Six items published now about one new subject (a water cut), for the council of the demo roles.
export function burstLines(tag) {
  const now = new Date().toUTCString();
  const say = [
    'قطعی آب در محله‌های جنوبی قزوین ادامه دارد و ساکنان گلایه دارند.',
    'شرکت آب و فاضلاب علت قطعی آب را شکستگی لوله اصلی اعلام کرد.',
    'ساکنان محله‌های جنوبی به دلیل قطعی آب به تانکر روی آورده‌اند.',
    'شورای شهر درباره قطعی آب محله‌های جنوبی توضیح خواست.',
  ];
  return say.concat(say.slice(0, 2)).map((s, i) => JSON.stringify({
    title: `قطعی آب محله‌های جنوبی (${i + 1})`, abstract: s, paragraphs: [say[(i + 1) % 4], say[(i + 2) % 4]],
    published: now, link: `https://outlet.example/${tag}/${i}`,
  })).join('\n') + '\n';
}

let issueP;
export function emergingIssue() {
  issueP ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pol-emerging-'));
    const file = path.join(dir, 'burst.jsonl');
    writeFileSync(file, burstLines('authz-emerging'));
    pol(['ingest', '--data', srv.dataDir, '--council', 'qazvin-tkr', file]);
    assertStatus(await admin.post('/api/v1/insight/emerging/refresh', { council_id: ids.councilId }), 200, 'recount');
    const items = assertStatus(await admin.get(`/api/v1/insight/emerging?council_id=${ids.councilId}`), 200).json.items;
    assert.ok(items.length >= 1, 'the burst is an issue');
    return items[0];
  })();
  return issueP;
}
const owner = async (id) => assertStatus(await admin.get(`/api/v1/insight/emerging/${id}`), 200).json.issue.owner_agency_id;

export const EMERGING_ROWS = [
  { route: 'GET /api/v1/insight/emerging', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/emerging?council_id=${ids.councilId}&days=7`) },
  { route: 'POST /api/v1/insight/emerging/refresh', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: async (c) => { await emergingIssue(); return c.post('/api/v1/insight/emerging/refresh', { council_id: ids.councilId }); } },
  // Owned by behzisti (below), so tamin's staff never see it.
  { route: 'GET /api/v1/insight/emerging/{id}', expect: row(200, 200, 200, 200, 404, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/insight/emerging/${(await emergingIssue()).id}`) },
  { route: 'PUT /api/v1/insight/emerging/{id}/owner', expect: row(200, 200, 403, 403, 404, 404, 404, 401),
    call: async (c) => {
      const { id } = await emergingIssue();
      const before = await owner(id);
      const r = await c.put(`/api/v1/insight/emerging/${id}/owner`, { agency_id: ids.agencies.behzisti.id });
      r.id = id;
      r.before = before;
      return r;
    },
    check: async (r) => assert.equal(await owner(r.id), r.before, 'a refused assignment changed the owner') },
];
