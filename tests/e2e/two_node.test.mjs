// Two `pol serve` nodes on one PostgreSQL database and one shared data folder (issue 14 §4–5;
// docs/postgresql.md "Several nodes"): requests alternate between the nodes; a release scheduled on one
// is published exactly once; a node killed with SIGKILL in the middle of a fan-out leaves no job behind
// (the other node finishes each within its lease); a user disabled on one node is refused on the other
// within a second — also when nodes cache sessions for a minute (the change arrives by NOTIFY); the
// once-per-cluster work has one leader.
// PostgreSQL only: its own CTest entry (e2e_pg_two_node, label postgresql); without POL_TEST_PG_URL every
// test is skipped (tests/CMakeLists.txt gives it no SQLite entry).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, startServer, pgAdminUrl, dbQuery } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, uniq, assertNoSanitizerReports, until, sleep } from './lib/common.mjs';
import { startFakeBotApi } from './peers/fake_bot_api.mjs';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwx-yz';
const CHATS = Object.fromEntries(['node_a1', 'node_b2', 'node_c3', 'node_d4', 'node_e5', 'node_sched'].map((u, i) =>
  [`@${u}`, { id: -1002000000001 - i, title: `کانال ${i + 1}`, username: u }]));
const LEASE_MS = 2000; // distribution's job lease on both nodes (POL_DIST_LEASE_MS)
const ENV = { POL_DIST_LEASE_MS: String(LEASE_MS) };

// The same session on the other node: sessions live in the database, so the cookie and CSRF token work there.
function onNode(client, srv) {
  return Object.assign(new ApiClient(srv.base), { cookie: client.cookie, csrf: client.csrf, user: client.user });
}

const PG = { skip: pgAdminUrl ? false : 'needs PostgreSQL: ctest -R e2e_pg_two_node (POL_TEST_PG_URL)' };

let fake, a, b, dir;
before(async () => {
  if (!pgAdminUrl) return;
  fake = await startFakeBotApi({ tokens: [TOKEN], chats: CHATS });
  a = await startServer({ env: ENV });
  dir = a.dataDir;
  b = await startServer({ dataDir: dir, env: ENV }); // same pol.toml → same database, same media folder
});
after(async () => {
  if (b) await b.stop();
  if (a) await a.stop({ signal: a.child.exitCode === null && a.child.signalCode === null ? 'SIGTERM' : 'SIGKILL' });
  await fake?.close();
});

function pidOf(srv) { return srv.child.pid; }

async function publish(manager, agencyId, title, approve = {}) {
  let r = assertStatus(await manager.post('/api/v1/releases', {
    agency_id: agencyId, title, lead: 'خبر آزمون دو گره.', body_html: '<p>متن خبر برای آزمون دو گره روی یک پایگاه داده.</p>',
  }), 201, 'create').json;
  r = assertStatus(await manager.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200, 'submit').json;
  return assertStatus(await manager.post(`/api/v1/releases/${r.id}/approve`, { version: r.version, ...approve }), 200, 'approve').json;
}
async function deliveries(client, id) {
  return assertStatus(await client.get(`/api/v1/releases/${id}/deliveries`), 200, 'deliveries').json;
}
function channel(chat) {
  return { kind: 'telegram', name: `تلگرام ${chat}`, config: { chat_id: chat, base_url: fake.base }, secret: TOKEN };
}

test('requests alternate between the nodes: one session, one CSRF token, the same data on both', PG, async () => {
  const onA = await loginAs(a, 'tamin-manager');
  const onB = onNode(onA, b);
  const ids = await demoIds(await loginAs(b, 'admin'));
  const made = [];
  for (let i = 0; i < 6; i++) {
    const c = i % 2 ? onB : onA;
    made.push(assertStatus(await c.post('/api/v1/releases', { agency_id: ids.agencies.tamin.id, title: `پیش‌نویس ${i} ${uniq('t')}` }), 201).json);
  }
  for (const [i, r] of made.entries()) {
    const other = i % 2 ? onA : onB; // read back on the node that did not write it
    assert.equal(assertStatus(await other.get(`/api/v1/releases/${r.id}`), 200).json.title, r.title);
  }
  assertStatus(await onB.post('/api/v1/auth/logout'), 204);
  const t0 = Date.now(); // A may serve its cached session for up to half a second
  let status;
  while ((status = (await onA.get('/api/v1/auth/me')).status) === 200 && Date.now() - t0 < 1000) await sleep(25);
  assert.equal(status, 401, 'logged out on B, refused on A within a second');
});

test('a user disabled on one node is refused on the other within a second', PG, async () => {
  const admin = await loginAs(a, 'admin');
  const ids = await demoIds(admin);
  const username = uniq('twon');
  const u = assertStatus(await admin.post('/api/v1/users', {
    username, name: 'کاربر دو گره', password: 'Strong-pass-1', roles: [{ role: 'analyst', council_id: ids.councilId }],
  }), 201).json;
  const user = await loginAs(b, username, 'Strong-pass-1');
  assertStatus(await user.get('/api/v1/auth/me'), 200); // B has resolved (and cached) the session
  const council = await loginAs(a, 'council');
  assertStatus(await council.patch(`/api/v1/users/${u.id}`, { version: u.version, disabled: true }), 200);
  const t0 = Date.now();
  let status;
  while ((status = (await user.get('/api/v1/auth/me')).status) === 200 && Date.now() - t0 < 1000) await sleep(25);
  assert.equal(status, 401, `node B still served the disabled user ${Date.now() - t0} ms after A disabled them`);
});

test('a long session cache does not delay it: a role removed or a user disabled on A reaches B by NOTIFY', PG, async () => {
  // Two more nodes caching sessions for a minute (POL_SESSION_CACHE_MS): only the notification can tell B.
  const long = { ...ENV, POL_SESSION_CACHE_MS: '60000' };
  const c = await startServer({ env: long });
  const d = await startServer({ dataDir: c.dataDir, env: long });
  try {
    const admin = await loginAs(c, 'admin');
    const ids = await demoIds(admin);
    const username = uniq('twonl');
    const u = assertStatus(await admin.post('/api/v1/users', {
      username, name: 'کاربر دو گره', password: 'Strong-pass-1', roles: [{ role: 'analyst', council_id: ids.councilId }],
    }), 201).json;
    const user = await loginAs(d, username, 'Strong-pass-1');
    const sources = `/api/v1/monitor/sources?council_id=${ids.councilId}`; // the council's analysts only (else 404)
    assertStatus(await user.get(sources), 200); // D has resolved (and cached) the session
    // The role removed on C (the system admin may leave a user without roles): D refuses the analyst's
    // page within a second.
    const roleless = assertStatus(await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, roles: [] }), 200).json;
    let t0 = Date.now();
    let status;
    while ((status = (await user.get(sources)).status) === 200 && Date.now() - t0 < 1000) await sleep(25);
    assert.equal(status, 404, `node D still used the removed role ${Date.now() - t0} ms after C removed it`);
    // Disabled on C: D refuses the session within a second.
    assertStatus(await admin.patch(`/api/v1/users/${u.id}`, { version: roleless.version, disabled: true }), 200);
    t0 = Date.now();
    while ((status = (await user.get('/api/v1/auth/me')).status) === 200 && Date.now() - t0 < 1000) await sleep(25);
    assert.equal(status, 401, `node D still served the disabled user ${Date.now() - t0} ms after C disabled them`);
    assertNoSanitizerReports(d);
  } finally {
    await d.stop();
    await c.stop();
  }
});

test('a release scheduled on one node is published exactly once', PG, async () => {
  const manager = await loginAs(a, 'tamin-manager');
  const admin = await loginAs(b, 'admin');
  const ids = await demoIds(admin);
  assertStatus(await admin.post('/api/v1/channels', { agency_id: ids.agencies.tamin.id, ...channel('@node_sched') }), 201);
  const before = fake.messages.length;
  const at = Date.now() + 2000;
  const rel = await publish(manager, ids.agencies.tamin.id, `خبر زمان‌بندی‌شده ${uniq('s')}`, { publish_at: at });
  assert.equal(rel.status, 'scheduled');
  const onB = onNode(manager, b);
  await until('the scheduled release to go out', async () => {
    const d = await deliveries(onB, rel.id);
    return d.items.some((x) => x.state === 'sent');
  });
  await sleep(1500); // time for a second publication, were there one
  const sent = fake.messages.slice(before).filter((m) => m.chat === 'node_sched');
  assert.equal(sent.length, 1, 'published to the channel once');
  const publications = dbQuery(dir, `SELECT COUNT(*) FROM audit_log WHERE entity = 'release' AND action = 'publish' AND entity_id = '${rel.id}'`);
  assert.equal(publications.trim(), '1', 'one publication in the audit log');
  assert.equal(assertStatus(await manager.get(`/api/v1/releases/${rel.id}`), 200).json.status, 'published');
});

test('one node killed with SIGKILL mid fan-out: the other finishes every job within its lease', PG, async () => {
  const manager = await loginAs(a, 'tamin-manager');
  const admin = await loginAs(a, 'admin');
  const ids = await demoIds(admin);
  const agency_id = ids.agencies.tamin.id;
  const chats = ['@node_a1', '@node_b2', '@node_c3', '@node_d4', '@node_e5'];
  for (const chat of chats) assertStatus(await admin.post('/api/v1/channels', { agency_id, ...channel(chat) }), 201);
  const before = fake.messages.length;
  fake.hold();
  const releases = [];
  for (let i = 0; i < 2; i++) releases.push(await publish(manager, agency_id, `خبر آزمون توقف گره ${i + 1} ${uniq('k')}`));
  for (let i = 0; i < 2; i++) {
    await until('a request in flight', async () => fake.heldCount >= 1);
    fake.releaseOne();
  }
  // Node A must hold some of the fan-out when it dies.
  const ownerA = `:${pidOf(a)}:`;
  await until('node A to hold delivery jobs', async () =>
    Number(dbQuery(dir, `SELECT COUNT(*) FROM jobs WHERE queue = 'distribution' AND state = 'leased' AND lease_owner LIKE '%${ownerA}%'`).trim()) > 0);
  a.child.kill('SIGKILL');
  await new Promise((r) => (a.child.exitCode !== null || a.child.signalCode ? r() : a.child.once('exit', r)));
  await sleep(300); // the fake notices the dead node's closed sockets before anything is released
  fake.release();
  const t0 = Date.now();
  const onB = onNode(await loginAs(b, 'tamin-manager'), b);
  for (const rel of releases) {
    await until(`release ${rel.id}'s deliveries to settle on node B`, async () => {
      const d = await deliveries(onB, rel.id);
      const sent = d.items.filter((x) => x.state === 'sent').length;
      return d.items.length >= chats.length && sent === d.items.length;
    }, 3 * LEASE_MS + 20000);
    for (const chat of chats) {
      const n = fake.messages.slice(before).filter((m) => m.chat === chat.slice(1) && m.raw.includes(rel.title)).length;
      assert.ok(n >= 1, `release ${rel.id} reached ${chat}`);
    }
  }
  const took = Date.now() - t0;
  const left = dbQuery(dir, `SELECT COUNT(*) FROM jobs WHERE queue = 'distribution' AND (lease_owner LIKE '%${ownerA}%' OR state = 'dead')`).trim();
  assert.equal(left, '0', 'no distribution job left leased by the dead node, none dead');
  assert.ok(took < 3 * LEASE_MS + 20000, `finished on node B in ${took} ms`);
  assertNoSanitizerReports(b);
});

test('the once-per-cluster work has one leader, a live node', PG, async () => {
  const holder = dbQuery(dir, "SELECT holder FROM leases WHERE name = 'leader'").trim();
  const pids = [pidOf(b), a.child.exitCode === null && !a.child.signalCode ? pidOf(a) : null].filter(Boolean);
  // The leader is B, or A's lease is still within its 15 s (A was killed by the previous test).
  assert.match(holder, /:\d+:[0-9a-f]+$/, `leader lease holder ${holder}`);
  if (!pids.some((p) => holder.includes(`:${p}:`))) {
    const expires = Number(dbQuery(dir, "SELECT expires_at FROM leases WHERE name = 'leader'").trim());
    assert.ok(expires <= Date.now() + 15000, 'a dead leader\'s lease runs out');
  }
});
