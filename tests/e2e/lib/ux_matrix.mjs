// Issue 16's routes in the authorization matrix (authz_matrix.mjs spreads them into MATRIX).
import assert from 'node:assert/strict';
import { assertStatus, uniq } from './common.mjs';
import { admin, current, everyone, ids, row } from './authz_fixtures.mjs';

export const UX_ROWS = [
  // The failed deliveries of the channels a person manages: everyone signed in may ask; those who manage
  // no channel get an empty list, a PR manager only their agency's (failed_deliveries.test.mjs).
  { route: 'GET /api/v1/deliveries', expect: everyone(200),
    call: async (c, who) => {
      const r = await c.get('/api/v1/deliveries?per_page=200');
      if (r.status === 200 && ['agency_pr_manager', 'agency_editor', 'citizen_desk'].includes(who)) {
        assert.ok(r.json.items.every((d) => d.agency_id === ids.agencies.tamin.id), `${who} sees only tamin's`);
      }
      return r;
    } },
  // Removing a monitoring source (one without items) is for those who manage monitoring, as editing is.
  { route: 'DELETE /api/v1/monitor/sources/{id}', expect: row(204, 204, 403, 204, 403, 403, 403, 401),
    call: async (c) => {
      const src = assertStatus(await admin.post('/api/v1/monitor/sources', { council_id: ids.councilId, name: 'منبع حذفی',
        url: `http://127.0.0.1:9/${uniq('d')}`, enabled: false }), 201, 'checker adds a source').json;
      const r = await c.delete(`/api/v1/monitor/sources/${src.id}`);
      r.source = src;
      return r;
    },
    check: async (r) => {
      const still = await current(`/api/v1/monitor/sources/${r.source.id}`);
      assert.equal(still.id, r.source.id, 'a refused delete removed the source');
    } },
];
