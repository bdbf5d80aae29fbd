// The rows of the authorization matrix for the failed deliveries of the kinds besides releases (bulletin,
// alert, correction/withdrawal; authz_matrix.mjs spreads them into MATRIX). Everyone signed in may ask for
// the list: those who manage no channel get an empty one, tamin's staff only tamin's. A retry is for those
// who manage the owner's channels (system admin, council admin, tamin's PR manager); anyone else gets 404
// (the row is outside their scope: ids do not leak) and the row stays failed. Each call acts on a fresh
// failed alert row of tamin written in the database (no channel: a staff chat whose bot is gone).
import assert from 'node:assert/strict';
import { dbQuery } from '../harness.mjs';
import { everyone, ids, row, srv } from './authz_fixtures.mjs';

let seq = 0;
function failedAlert() {
  const now = Date.now();
  const out = dbQuery(srv.dataDir, 'INSERT INTO alert_deliveries(event_key, council_id, agency_id, subject, body, state, ' +
    `attempts, error_code, error_fa, created_at, updated_at) VALUES ('matrix:${now}:${++seq}', ${ids.councilId}, ` +
    `${ids.agencies.tamin.id}, 'هشدار پایش رسانه', 'هشدار ماتریس', 'failed', 1, 'chat_not_found', 'گفتگو پیدا نشد.', ` +
    `${now}, ${now}) RETURNING id;`);
  return Number(out.trim());
}
const stateOf = (id) => dbQuery(srv.dataDir, `SELECT state FROM alert_deliveries WHERE id = ${id};`).trim();

export const OUTBOX_ROWS = [
  { route: 'GET /api/v1/outbox/failed', expect: everyone(200),
    call: async (c, who) => {
      failedAlert();
      const r = await c.get('/api/v1/outbox/failed?per_page=200');
      if (r.status === 200 && who === 'agency_pr_manager') {
        assert.ok(r.json.items.length >= 1 && r.json.items.every((d) => d.agency_id === ids.agencies.tamin.id),
          'the PR manager sees tamin\'s');
      }
      if (r.status === 200 && ['committee_member', 'analyst', 'agency_editor', 'citizen_desk'].includes(who)) {
        assert.equal(r.json.total, 0, `${who} manages no channel`);
      }
      return r;
    } },
  { route: 'POST /api/v1/outbox/{kind}/{id}/retry', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c) => {
      const id = failedAlert();
      const r = await c.post(`/api/v1/outbox/alert/${id}/retry`);
      r.outboxId = id;
      return r;
    },
    check: async (r) => assert.equal(stateOf(r.outboxId), 'failed', 'a refused retry queued the row') },
];
