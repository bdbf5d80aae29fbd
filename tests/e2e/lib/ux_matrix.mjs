// Issue 16's routes in the authorization matrix (authz_matrix.mjs spreads them into MATRIX).
import assert from 'node:assert/strict';
import { everyone, ids } from './authz_fixtures.mjs';

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
];
