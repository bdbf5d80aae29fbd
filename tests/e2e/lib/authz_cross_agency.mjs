// Cross-agency cases of the authorization matrix: the tamin (agency A) editor, PR manager and desk on
// behzisti's (agency B) channels, press lists, deliveries, citizen attachments and releases awaiting
// approval — real objects made in the test setup (authz_agencies.mjs). Each refusal is checked to
// have written nothing: the runner watches the audit log around each write, and `check` looks at the
// object itself. Also the matrix row of a citizen attachment, on a real attachment.
import assert from 'node:assert/strict';
import { assertStatus, loginAs, uniq } from './common.mjs';
import { current, ids, peerHits, row, srv } from './authz_fixtures.mjs';
import { behzisti, taminAttachment } from './authz_agencies.mjs';

const B = behzisti;
// The object at `path` (as the checker reads it) keeps its version.
const sameVersion = (path) => async (r) => {
  const now = await current(path(r));
  assert.equal(now.version, r.before.version, 'a refused write changed the object');
};
const withBefore = async (before, send) => Object.assign(await send(), { before });

export const ATTACHMENT_ROW = {
  route: 'GET /api/v1/citizen/requests/{id}/attachments/{aid}', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
  call: async (c) => {
    const req = await taminAttachment();
    return c.get(`/api/v1/citizen/requests/${req.id}/attachments/${req.attachments[0].id}`);
  },
};

const mgr = 'agency_pr_manager', editor = 'agency_editor', desk = 'citizen_desk';
export const AGENCY_CROSS = [
  // Channels.
  { what: 'tamin PR manager reads a behzisti channel', as: mgr, expect: 404,
    call: async (c) => c.get(`/api/v1/channels/${(await B()).channel.id}`) },
  { what: 'tamin editor reads a behzisti channel', as: editor, expect: 404,
    call: async (c) => c.get(`/api/v1/channels/${(await B()).channel.id}`) },
  { what: 'tamin PR manager edits a behzisti channel', as: mgr, expect: 404, check: sameVersion((r) => `/api/v1/channels/${r.before.id}`),
    call: async (c) => {
      const ch = await current(`/api/v1/channels/${(await B()).channel.id}`);
      return withBefore(ch, () => c.patch(`/api/v1/channels/${ch.id}`, { version: ch.version, name: 'کانال ربوده' }));
    } },
  { what: 'tamin PR manager test-sends on a behzisti channel', as: mgr, expect: 404,
    check: (r) => assert.equal(peerHits, r.before, 'a refused test reached the channel\'s service'),
    call: async (c) => {
      const id = (await B()).probe.id;
      return withBefore(peerHits, () => c.post(`/api/v1/channels/${id}/test`));
    } },
  { what: 'tamin PR manager creates a channel for behzisti', as: mgr, expect: 403,
    check: async (r) => assert.ok(!(await current('/api/v1/channels')).items.some((x) => x.name === r.before), 'refused create wrote a channel'),
    call: async (c) => {
      const name = uniq('chB');
      return withBefore(name, () => c.post('/api/v1/channels', { agency_id: ids.agencies.behzisti.id, kind: 'webhook', name, enabled: false,
        config: { url: 'http://127.0.0.1:9/hook' }, secret: 'cross-agency-key' }));
    } },
  // Press lists.
  { what: 'tamin PR manager reads behzisti\'s press contacts', as: mgr, expect: 404,
    call: async (c) => c.get(`/api/v1/press-lists/${(await B()).list.id}/contacts`) },
  { what: 'tamin PR manager imports contacts into behzisti\'s press list', as: mgr, expect: 404,
    check: async (r) => assert.deepEqual((await current(`/api/v1/press-lists/${r.before}/contacts?per_page=200`)).items.map((x) => x.email),
      ['dabir@behzisti.example.ir'], 'a refused import changed the contacts'),
    call: async (c) => {
      const id = (await B()).list.id;
      return withBefore(id, () => c.post(`/api/v1/press-lists/${id}/contacts`, { contacts: [{ email: 'nofuz@tamin.example.ir' }] }));
    } },
  { what: 'tamin editor imports contacts into behzisti\'s press list', as: editor, expect: 404,
    call: async (c) => c.post(`/api/v1/press-lists/${(await B()).list.id}/contacts`, { contacts: [{ email: 'nofuz2@tamin.example.ir' }] }) },
  { what: 'tamin PR manager creates a press list for behzisti', as: mgr, expect: 403,
    check: async (r) => assert.ok(!(await current('/api/v1/press-lists')).items.some((x) => x.name === r.before), 'refused create wrote a list'),
    call: async (c) => {
      const name = `فهرست ${uniq('plB')}`;
      return withBefore(name, () => c.post('/api/v1/press-lists', { agency_id: ids.agencies.behzisti.id, name }));
    } },
  // Deliveries: a release of another agency is not theirs to read, so its deliveries are not found.
  { what: 'tamin PR manager cancels a behzisti delivery', as: mgr, expect: 404,
    check: async (r) => {
      const d = (await current(`/api/v1/releases/${r.before.release_id}/deliveries`)).items.find((x) => x.id === r.before.id);
      assert.notEqual(d.state, 'cancelled', 'a refused cancel cancelled the delivery');
    },
    call: async (c) => {
      const d = (await B()).delivery;
      return withBefore(d, () => c.post(`/api/v1/deliveries/${d.id}/cancel`));
    } },
  { what: 'tamin PR manager retries a behzisti delivery', as: mgr, expect: 404,
    call: async (c) => c.post(`/api/v1/deliveries/${(await B()).delivery.id}/retry`) },
  { what: 'tamin editor cancels a behzisti delivery', as: editor, expect: 404,
    call: async (c) => c.post(`/api/v1/deliveries/${(await B()).delivery.id}/cancel`) },
  // Citizen attachments.
  { what: 'tamin desk downloads a behzisti request\'s attachment', as: desk, expect: 404,
    call: async (c) => {
      const req = (await B()).request;
      return c.get(`/api/v1/citizen/requests/${req.id}/attachments/${req.attachments[0].id}`);
    } },
  { what: 'tamin PR manager downloads a behzisti request\'s attachment', as: mgr, expect: 404,
    call: async (c) => {
      const req = (await B()).request;
      return c.get(`/api/v1/citizen/requests/${req.id}/attachments/${req.attachments[0].id}`);
    } },
  { what: 'tamin desk downloads behzisti\'s attachment through a tamin request', as: desk, expect: 404,
    call: async (c) => c.get(`/api/v1/citizen/requests/${(await taminAttachment()).id}/attachments/${(await B()).request.attachments[0].id}`) },
  { what: 'tamin desk replies to a behzisti request', as: desk, expect: 404,
    call: async (c) => c.post(`/api/v1/citizen/requests/${(await B()).request.id}/reply`, { body: 'پاسخ نفوذی' }) },
  // Releases and approvals: another agency's releases are not found (404) — not even their existence shows.
  { what: 'tamin PR manager approves a behzisti release', as: mgr, expect: 404,
    check: async (r) => assert.equal((await current(`/api/v1/releases/${r.before.id}`)).status, 'submitted', 'a refused approval moved it'),
    call: async (c) => {
      const rel = await current(`/api/v1/releases/${(await B()).submitted.id}`);
      return withBefore(rel, () => c.post(`/api/v1/releases/${rel.id}/approve`, { version: rel.version }));
    } },
  { what: 'tamin PR manager returns a behzisti release', as: mgr, expect: 404,
    check: sameVersion((r) => `/api/v1/releases/${r.before.id}`),
    call: async (c) => {
      const rel = await current(`/api/v1/releases/${(await B()).submitted.id}`);
      return withBefore(rel, () => c.post(`/api/v1/releases/${rel.id}/return`, { version: rel.version, comment: 'برگشت نفوذی' }));
    } },
  { what: 'tamin PR manager withdraws a behzisti release', as: mgr, expect: 404,
    check: sameVersion((r) => `/api/v1/releases/${r.before.id}`),
    call: async (c) => {
      const rel = await current(`/api/v1/releases/${(await B()).published.id}`);
      return withBefore(rel, () => c.post(`/api/v1/releases/${rel.id}/withdraw`, { version: rel.version, reason: 'نفوذی' }));
    } },
  { what: 'tamin editor edits a behzisti draft', as: editor, expect: 404,
    check: sameVersion((r) => `/api/v1/releases/${r.before.id}`),
    call: async (c) => {
      const rel = await current(`/api/v1/releases/${(await B()).draft.id}`);
      return withBefore(rel, () => c.patch(`/api/v1/releases/${rel.id}`, { version: rel.version, lead: 'لید نفوذی' }));
    } },
  { what: 'tamin editor submits a behzisti draft', as: editor, expect: 404,
    check: sameVersion((r) => `/api/v1/releases/${r.before.id}`),
    call: async (c) => {
      const rel = await current(`/api/v1/releases/${(await B()).draft.id}`);
      return withBefore(rel, () => c.post(`/api/v1/releases/${rel.id}/submit`, { version: rel.version }));
    } },
  { what: 'tamin editor writes a release for behzisti', as: editor, expect: 403,
    call: (c) => c.post('/api/v1/releases', { agency_id: ids.agencies.behzisti.id, title: 'خبر نفوذی' }) },
];

// What agency A's staff list of agency B's: nothing.
export async function assertAgencyListsScoped(clients) {
  const b = await B();
  const ids = (r) => assertStatus(r, 200).json.items.map((x) => x.id);
  assert.ok(!ids(await clients[mgr].get('/api/v1/channels')).includes(b.channel.id), 'tamin manager lists a behzisti channel');
  assert.ok(!ids(await clients[mgr].get('/api/v1/press-lists')).includes(b.list.id), 'tamin manager lists a behzisti press list');
  const approvals = assertStatus(await clients[mgr].get('/api/v1/approvals'), 200).json.items;
  assert.ok(!approvals.some((x) => x.id === b.submitted.id), 'behzisti\'s release is in the tamin manager\'s approvals');
  assert.ok(!ids(await clients[desk].get('/api/v1/citizen/requests?per_page=200')).includes(b.request.id),
    'tamin desk lists a behzisti request');
  // The checker does see them: the lists are not empty by accident.
  assert.ok(ids(await clients.system_admin.get('/api/v1/channels')).includes(b.channel.id));
  assert.ok(ids(await clients.system_admin.get('/api/v1/press-lists')).includes(b.list.id));
  const own = await loginAs(srv, 'behzisti-manager');
  assert.ok(assertStatus(await own.get('/api/v1/approvals'), 200).json.items.some((x) => x.id === b.submitted.id),
    'behzisti\'s PR manager sees the release awaiting approval');
}

// Makes the cross-agency objects (audited writes of the checker) before a test counts the audit log.
export async function crossFixtures() {
  await B();
  await taminAttachment();
}
