// The work calendar's closures in the authorization matrix (authz_matrix.mjs spreads them into MATRIX):
// the council desk (system and council admins) lists, adds and removes; every other role gets 403 and
// a refused write leaves the council's closures as they were.
import assert from 'node:assert/strict';
import { assertStatus } from './common.mjs';
import { admin, current, ids, row } from './authz_fixtures.mjs';

const DAY = 86400000;
let slot = 0;
// The Tehran calendar day (Gregorian YYYY-MM-DD) of a time in ms.
const tehranDay = (ms) => new Date(ms + 3.5 * 3600 * 1000).toISOString().slice(0, 10);
const list = async () => (await current(`/api/v1/closures?council_id=${ids.councilId}`)).items;

// Adds a closure on the next free working day from 60 days on (skipping holidays and taken days).
async function addClosure(c) {
  for (;;) {
    const date = tehranDay(Date.now() + (60 + slot++) * DAY);
    const r = await c.post('/api/v1/closures', { council_id: ids.councilId, date, kind: 'closed', reason: 'آلودگی هوا (ماتریس)' });
    if (r.status === 400 && r.json?.error?.code === 'not_a_working_day') continue;
    if (r.status === 409) continue;
    r.day = date;
    return r;
  }
}

export const CLOSURE_ROWS = [
  { route: 'GET /api/v1/closures', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/closures?council_id=${ids.councilId}`) },
  { route: 'POST /api/v1/closures', expect: row(201, 201, 403, 403, 403, 403, 403, 401),
    call: (c) => addClosure(c),
    check: async (r) => {
      assert.ok(!(await list()).some((x) => x.day === r.day), `refused add wrote a closure on ${r.day}`);
    } },
  { route: 'DELETE /api/v1/closures/{id}', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: async (c) => {
      const made = assertStatus(await addClosure(admin), 201, 'closure fixture').json.closure;
      const r = await c.delete(`/api/v1/closures/${made.id}?council_id=${ids.councilId}`);
      r.id = made.id;
      return r;
    },
    check: async (r) => {
      assert.ok((await list()).some((x) => x.id === r.id), `refused delete removed closure ${r.id}`);
    } },
];
