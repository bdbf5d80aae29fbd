// The rows of the authorization matrix for a staff member's own messenger chats (authz_matrix.mjs spreads
// them into MATRIX): every logged-in user takes a link code, lists and unlinks their own chats; the
// stranger gets 401 and unlinks nothing. Each DELETE acts on a chat linked (in the database, to a
// disabled bot of the checker's) to the caller — or, for the stranger, to the system admin.
import assert from 'node:assert/strict';
import { dbQuery } from '../harness.mjs';
import { assertStatus } from './common.mjs';
import { admin, everyone, ids, srv } from './authz_fixtures.mjs';

let botP;
const bot = () => (botP ??= admin.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'telegram',
  name: 'ربات ماتریس کارمندان', token: '765432:MatrixStaffChats', base_url: 'http://127.0.0.1:9', enabled: false })
  .then((r) => assertStatus(r, 201, 'checker creates a bot').json));
let chatSeq = 0;

async function linkChat(userId) {
  const b = await bot();
  const out = dbQuery(srv.dataDir, `INSERT INTO staff_chats(user_id, bot_id, chat_id, created_at) ` +
    `VALUES (${userId}, ${b.id}, '9${String(++chatSeq).padStart(6, '0')}', ${Date.now()}) RETURNING id;`);
  return Number(out.trim());
}
const linked = (id) => dbQuery(srv.dataDir, `SELECT COUNT(*) FROM staff_chats WHERE id = ${id};`).trim() === '1';

export const STAFF_CHAT_ROWS = [
  { route: 'POST /api/v1/auth/messenger-link', expect: everyone(201), call: (c) => c.post('/api/v1/auth/messenger-link') },
  { route: 'GET /api/v1/auth/messenger-chats', expect: everyone(200), call: (c) => c.get('/api/v1/auth/messenger-chats') },
  { route: 'DELETE /api/v1/auth/messenger-chats/{id}', expect: everyone(204),
    call: async (c) => {
      const me = await c.get('/api/v1/auth/me');
      const id = await linkChat(me.status === 200 ? me.json.user.id : ids.users.admin.id);
      const r = await c.delete(`/api/v1/auth/messenger-chats/${id}`);
      r.linkId = id;
      return r;
    },
    check: async (r) => assert.ok(linked(r.linkId), 'a refused unlink removed the chat') },
];
