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
import { burstLines } from './emerging_burst.mjs';

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
  { route: 'GET /api/v1/insight/emerging/export', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/emerging/export?council_id=${ids.councilId}&days=7&format=csv`) },
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

// The bulletin's schedule and archive (bulletin_schedule_routes.cc): those who may download the council's
// bulletin see the schedule and the archive; the council desk sets the schedule and makes one now. A
// refused schedule change leaves the schedules as they were.
let archivedP;
export function archivedBulletin() {
  archivedP ??= (async () => {
    assertStatus(await admin.post('/api/v1/insight/bulletin/run', { council_id: ids.councilId, period: 'day' }), 202, 'run now');
    for (let i = 0; i < 200; i++) {
      const items = assertStatus(await admin.get(`/api/v1/insight/bulletin/archive?council_id=${ids.councilId}`), 200).json.items;
      if (items.length) return items[0];
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('no archived bulletin after the run');
  })();
  return archivedP;
}
const schedules = async () =>
  JSON.stringify(assertStatus(await admin.get(`/api/v1/insight/bulletin/schedules?council_id=${ids.councilId}`), 200).json.items);

export const BULLETIN_SCHEDULE_ROWS = [
  { route: 'GET /api/v1/insight/bulletin/schedules', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/bulletin/schedules?council_id=${ids.councilId}`) },
  { route: 'PUT /api/v1/insight/bulletin/schedules', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: async (c, who) => {
      const before = await schedules();
      const r = await c.put('/api/v1/insight/bulletin/schedules',
        { council_id: ids.councilId, period: 'week', time: who === 'system_admin' ? '07:30' : '09:15', weekday: 0, enabled: false });
      r.before = before;
      return r;
    },
    check: async (r) => assert.equal(await schedules(), r.before, 'a refused change altered the schedules') },
  { route: 'POST /api/v1/insight/bulletin/run', expect: row(202, 202, 403, 403, 403, 403, 403, 401),
    call: (c) => c.post('/api/v1/insight/bulletin/run', { council_id: ids.councilId, period: 'week' }) },
  { route: 'GET /api/v1/insight/bulletin/archive', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/bulletin/archive?council_id=${ids.councilId}`) },
  { route: 'GET /api/v1/insight/bulletin/archive/{id}', expect: row(200, 200, 200, 200, 404, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/insight/bulletin/archive/${(await archivedBulletin()).id}?format=html`) },
];
