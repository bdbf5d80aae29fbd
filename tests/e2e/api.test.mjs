// HTTP integration tests of the JSON API against a real `pol serve`:
// sessions, users, agencies, audit log, system endpoints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ApiClient, DEMO_PASSWORD } from './harness.mjs';
import { assertError, assertStatus, loginAs, demoIds, auditEntries, uniq, hasPersian } from './lib/common.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';

let srv, admin, ids;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  ids = await demoIds(admin);
});
after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

// Runs `fn` (refused writes) and checks that the audit log, where every write lands, did not grow.
async function writesNothing(fn) {
  const total = async () => assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
  const before = await total();
  await fn();
  assert.equal(await total(), before, 'a refused write wrote nothing (audit log unchanged)');
}

function sessionCookieOf(r) {
  return (r.headers.getSetCookie?.() || []).find((c) => c.startsWith('pol_session='));
}

test('login sets a HttpOnly, SameSite=Strict, Path=/ session cookie and returns the user and a CSRF token', async () => {
  const c = new ApiClient(srv.base);
  const r = await c.login('committee');
  assertStatus(r, 200);
  const cookie = sessionCookieOf(r);
  assert.ok(cookie, 'Set-Cookie pol_session');
  const attrs = cookie.split(';').map((s) => s.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), `HttpOnly in ${cookie}`);
  assert.ok(attrs.includes('samesite=strict'), `SameSite=Strict in ${cookie}`);
  assert.ok(attrs.includes('path=/'), `Path=/ in ${cookie}`);
  assert.ok(cookie.split(';')[0].length > 'pol_session='.length + 20, 'a long random token');
  assert.equal(r.json.user.username, 'committee');
  assert.ok(!('password_hash' in r.json.user), 'no password hash in the user');
  assert.equal(typeof r.json.csrf_token, 'string');
  assert.ok(r.json.csrf_token.length >= 20);
  assert.equal(r.headers.get('cache-control'), 'no-store');

  const me = assertStatus(await c.get('/api/v1/auth/me'), 200);
  assert.equal(me.json.user.username, 'committee');
  assert.equal(me.json.csrf_token, r.json.csrf_token);
});

test('wrong password and unknown user get the same 401 invalid_credentials', async () => {
  const c = new ApiClient(srv.base);
  assertError(await c.login('analyst', 'not-the-password'), 401, 'invalid_credentials');
  assertError(await c.login('no-such-user', 'whatever-pass'), 401, 'invalid_credentials');
  assertError(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
});

test('logout ends this session only; logout-all ends every session of the user', async () => {
  const a = await loginAs(srv, 'analyst');
  const b = await loginAs(srv, 'analyst');
  const c = await loginAs(srv, 'analyst');
  assert.notEqual(a.cookie, b.cookie);
  assertStatus(await a.get('/api/v1/auth/me'), 200);
  assertStatus(await b.get('/api/v1/auth/me'), 200);

  const oldA = a.cookie;
  const out = assertStatus(await a.post('/api/v1/auth/logout'), 204);
  const cleared = sessionCookieOf(out);
  assert.match(cleared, /^pol_session=;/, 'logout clears the cookie');
  assert.match(cleared, /Max-Age=0/);
  const stale = new ApiClient(srv.base);
  stale.cookie = oldA;
  assertError(await stale.get('/api/v1/auth/me'), 401, 'unauthenticated', 'logged-out cookie');
  assertStatus(await b.get('/api/v1/auth/me'), 200, 'other session survives logout');

  assertStatus(await b.post('/api/v1/auth/logout-all'), 204);
  assertError(await b.get('/api/v1/auth/me'), 401, null, 'logout-all: this client');
  assertError(await c.get('/api/v1/auth/me'), 401, null, 'logout-all: the other client');
  // Another user's sessions are untouched.
  assertStatus(await admin.get('/api/v1/auth/me'), 200);
});

test('login rotates the session: the old cookie is invalid after a new login on the same client', async () => {
  const c = await loginAs(srv, 'committee');
  const old = c.cookie;
  const oldCsrf = c.csrf;
  assertStatus(await c.login('committee'), 200);
  assert.notEqual(c.cookie, old, 'new token at login');
  assert.notEqual(c.csrf, oldCsrf, 'new CSRF token at login');
  assertStatus(await c.get('/api/v1/auth/me'), 200);
  const stale = new ApiClient(srv.base);
  stale.cookie = old;
  assertError(await stale.get('/api/v1/auth/me'), 401, 'unauthenticated', 'pre-login cookie');
});

test('users with a Persian-digit mobile log in with Latin, Persian or Arabic-Indic digits', async () => {
  const username = uniq('mob');
  const r = await admin.post('/api/v1/users', {
    username, name: 'کاربر آزمون شماره', mobile: '۰۹۱۲۳۴۵۶۷۸۹', password: 'Secret-pass-1',
    roles: [{ role: 'analyst', council_id: ids.councilId }],
  });
  assertStatus(r, 201, 'create with Persian digits');
  assert.equal(r.json.mobile, '09123456789', 'stored normalized');
  for (const login of ['09123456789', '۰۹۱۲۳۴۵۶۷۸۹', '٠٩١٢٣٤٥٦٧٨٩', '+989123456789', '0912 345 6789']) {
    const c = new ApiClient(srv.base);
    const lr = await c.login(login, 'Secret-pass-1');
    assertStatus(lr, 200, `login with mobile ${login}`);
    assert.equal(lr.json.user.username, username);
  }
  // The username itself, written with Persian digits and upper case.
  const c = new ApiClient(srv.base);
  const persianUsername = username.toUpperCase().replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
  assertStatus(await c.login(persianUsername, 'Secret-pass-1'), 200, `login with username ${persianUsername}`);
  // The same mobile for another user is refused.
  const dup = await admin.post('/api/v1/users', {
    username: uniq('mob'), name: 'کاربر دوم', mobile: '٠٩١٢٣٤٥٦٧٨٩', password: 'Secret-pass-1',
    roles: [{ role: 'analyst', council_id: ids.councilId }],
  });
  const e = assertError(dup, 409, 'mobile_taken');
  assert.equal(e.field, 'mobile');
});

test('changing one\'s password ends the other sessions; this one continues with a new token', async () => {
  const username = uniq('pw');
  assertStatus(await admin.post('/api/v1/users', {
    username, name: 'کاربر گذرواژه', password: 'First-pass-1', roles: [{ role: 'analyst', council_id: ids.councilId }],
  }), 201);
  const a = await loginAs(srv, username, 'First-pass-1');
  const b = await loginAs(srv, username, 'First-pass-1');
  const oldA = a.cookie;
  await writesNothing(async () => {
    assertError(await a.post('/api/v1/auth/password', { current_password: 'wrong-pass-9', new_password: 'Second-pass-2' }),
      400, 'wrong_password');
    assertError(await a.post('/api/v1/auth/password', { current_password: 'First-pass-1', new_password: 'short' }),
      400, 'weak_password');
  });
  assertStatus(await b.get('/api/v1/auth/me'), 200, 'failed changes end nothing');

  const r = assertStatus(await a.post('/api/v1/auth/password', { current_password: 'First-pass-1', new_password: 'Second-pass-2' }), 200);
  assert.notEqual(a.cookie, oldA, 'a new session cookie');
  a.csrf = r.json.csrf_token;
  assertStatus(await a.get('/api/v1/auth/me'), 200, 'this client continues');
  assertError(await b.get('/api/v1/auth/me'), 401, null, 'other session ended');
  const stale = new ApiClient(srv.base);
  stale.cookie = oldA;
  assertError(await stale.get('/api/v1/auth/me'), 401, null, 'old cookie of the changing client');
  assertError(await new ApiClient(srv.base).login(username, 'First-pass-1'), 401, 'invalid_credentials');
  assertStatus(await new ApiClient(srv.base).login(username, 'Second-pass-2'), 200);
  // The new CSRF token works for writes.
  assertStatus(await a.post('/api/v1/auth/logout'), 204);
});

test('agencies: create and edit with a version; a stale version is 409 and changes nothing', async () => {
  const council = await loginAs(srv, 'council');
  const slug = uniq('ag').toLowerCase();
  const created = await council.post('/api/v1/agencies', {
    council_id: ids.councilId, slug, name: 'ادارهٔ آزمایشی', short_name: 'آزمایشی', website: 'https://example.ir',
  });
  assertStatus(created, 201);
  assert.equal(created.json.version, 1);
  assert.equal(created.headers.get('etag'), '"1"');
  assert.equal(created.headers.get('location'), `/api/v1/agencies/${created.json.id}`);
  const id = created.json.id;

  const dupe = await council.post('/api/v1/agencies', { council_id: ids.councilId, slug, name: 'تکراری' });
  assert.equal(assertError(dupe, 409, 'slug_taken').field, 'slug');

  const e1 = await council.patch(`/api/v1/agencies/${id}`, { version: 1, name: 'ادارهٔ آزمایشی ویرایش‌شده' });
  assertStatus(e1, 200);
  assert.equal(e1.json.version, 2);
  assert.equal(e1.json.name, 'ادارهٔ آزمایشی ویرایش‌شده');
  assert.equal(e1.json.short_name, 'آزمایشی', 'fields not sent are kept');

  await writesNothing(async () => {
    const stale = await council.patch(`/api/v1/agencies/${id}`, { version: 1, name: 'نام دیرهنگام' });
    assertError(stale, 409, 'version_conflict');
    const staleIfMatch = await council.patch(`/api/v1/agencies/${id}`, { name: 'نام دیرهنگام' }, { 'if-match': '"1"' });
    assertError(staleIfMatch, 409, 'version_conflict');
    assertError(await council.patch(`/api/v1/agencies/${id}`, { name: 'بی‌نسخه' }), 400, 'version_required');
  });

  const now = assertStatus(await council.get(`/api/v1/agencies/${id}`), 200);
  assert.equal(now.json.version, 2);
  assert.equal(now.json.name, 'ادارهٔ آزمایشی ویرایش‌شده', 'the stored row is unchanged by the stale edit');
  assert.equal(now.headers.get('etag'), '"2"');

  const viaIfMatch = await council.patch(`/api/v1/agencies/${id}`, { pr_phone: '۰۲۸-۳۳۳۳۳۳۳۳' }, { 'if-match': '"2"' });
  assertStatus(viaIfMatch, 200);
  assert.equal(viaIfMatch.json.version, 3);
});

test('pagination: page, per_page and total', async () => {
  const all = assertStatus(await admin.get(`/api/v1/agencies?council_id=${ids.councilId}&per_page=200`), 200).json;
  assert.ok(all.total >= 10);
  assert.equal(all.items.length, all.total);
  const p1 = assertStatus(await admin.get(`/api/v1/agencies?council_id=${ids.councilId}&per_page=3&page=1`), 200).json;
  const p2 = assertStatus(await admin.get(`/api/v1/agencies?council_id=${ids.councilId}&per_page=3&page=2`), 200).json;
  assert.deepEqual([p1.page, p1.per_page, p1.total], [1, 3, all.total]);
  assert.deepEqual([p2.page, p2.per_page, p2.total], [2, 3, all.total]);
  assert.deepEqual(p1.items.map((a) => a.id), all.items.slice(0, 3).map((a) => a.id));
  assert.deepEqual(p2.items.map((a) => a.id), all.items.slice(3, 6).map((a) => a.id));
  const lastPage = Math.ceil(all.total / 3);
  const last = assertStatus(await admin.get(`/api/v1/agencies?council_id=${ids.councilId}&per_page=3&page=${lastPage}`), 200).json;
  assert.equal(last.items.length, all.total - 3 * (lastPage - 1));
  const beyond = assertStatus(await admin.get(`/api/v1/agencies?council_id=${ids.councilId}&per_page=3&page=${lastPage + 1}`), 200).json;
  assert.equal(beyond.items.length, 0);
  assert.equal(beyond.total, all.total);
  const defaults = assertStatus(await admin.get('/api/v1/agencies'), 200).json;
  assert.equal(defaults.page, 1);
  assert.ok(defaults.per_page > 0);
  for (const bad of ['per_page=0', 'per_page=201', 'page=0', 'page=-1', 'page=abc', 'per_page=1.5']) {
    const e = assertError(await admin.get(`/api/v1/agencies?${bad}`), 400, 'invalid_query', bad);
    assert.equal(e.field, bad.split('=')[0]);
  }
  const users = assertStatus(await admin.get('/api/v1/users?per_page=5&page=2'), 200).json;
  assert.equal(users.items.length, 5);
  assert.ok(users.total > 30, 'demo has 34+ users');
});

test('users CRUD by the council admin', async () => {
  const council = await loginAs(srv, 'council');
  const tamin = ids.agencies.tamin;
  const username = uniq('cu');
  const c = await council.post('/api/v1/users', {
    username, name: '  علي   كاظمي  ', email: 'Ali@Example.IR', mobile: '09351112233', password: 'Strong-pass-1',
    roles: [{ role: 'agency_editor', agency_id: tamin.id }],
  });
  assertStatus(c, 201);
  const id = c.json.id;
  assert.equal(c.json.name, 'علی کاظمی', 'name normalized (Arabic yeh/kaf, spaces)');
  assert.equal(c.json.email, 'ali@example.ir');
  assert.deepEqual(c.json.roles, [{ role: 'agency_editor', council_id: ids.councilId, agency_id: tamin.id }]);
  assert.ok(!('password' in c.json) && !('password_hash' in c.json));

  assertStatus(await council.get(`/api/v1/users/${id}`), 200);
  const list = assertStatus(await council.get(`/api/v1/users?agency_id=${tamin.id}&per_page=200`), 200).json;
  assert.ok(list.items.some((u) => u.id === id));
  const search = assertStatus(await council.get(`/api/v1/users?q=${username}`), 200).json;
  assert.deepEqual(search.items.map((u) => u.id), [id]);

  const up = assertStatus(await council.patch(`/api/v1/users/${id}`, {
    version: c.json.version, name: 'علی کاظمی‌نژاد',
    roles: [{ role: 'agency_pr_manager', agency_id: tamin.id }, { role: 'committee_member', council_id: ids.councilId }],
  }), 200);
  assert.equal(up.json.version, c.json.version + 1);
  assert.equal(up.json.roles.length, 2);
  await writesNothing(async () => {
    assertError(await council.patch(`/api/v1/users/${id}`, { version: c.json.version, name: 'دیر' }), 409, 'version_conflict');
  });

  assertStatus(await council.post(`/api/v1/users/${id}/password`, { new_password: 'Reset-pass-22' }), 204);
  assertStatus(await new ApiClient(srv.base).login(username, 'Reset-pass-22'), 200);

  // A council admin cannot make a system admin.
  await writesNothing(async () => {
    assertError(await council.post('/api/v1/users', {
      username: uniq('sa'), name: 'مدیر جعلی', password: 'Strong-pass-1', roles: [{ role: 'system_admin' }],
    }), 403, null);
  });
  // Nor see or edit the system admin.
  assertError(await council.get(`/api/v1/users/${ids.users.admin.id}`), 404, 'not_found');
});

test('users by an agency PR manager: only their agency, only agency roles of their agency', async () => {
  const mgr = await loginAs(srv, 'tamin-manager');
  const tamin = ids.agencies.tamin;
  const behzisti = ids.agencies.behzisti;

  const list = assertStatus(await mgr.get('/api/v1/users?per_page=200'), 200).json;
  assert.ok(list.items.length >= 3);
  for (const u of list.items) {
    assert.ok(u.roles.some((g) => g.agency_id === tamin.id), `${u.username} belongs to tamin`);
  }
  assert.ok(!list.items.some((u) => u.username === 'behzisti-editor'));
  assertError(await mgr.get(`/api/v1/users?agency_id=${behzisti.id}`), 403, null);

  const username = uniq('tm');
  const c = await mgr.post('/api/v1/users', {
    username, name: 'خبرنگار تازه', password: 'Strong-pass-1', roles: [{ role: 'agency_editor', agency_id: tamin.id }],
  });
  assertStatus(c, 201);
  assertStatus(await mgr.patch(`/api/v1/users/${c.json.id}`, {
    version: c.json.version, roles: [{ role: 'citizen_desk', agency_id: tamin.id }],
  }), 200);

  await writesNothing(async () => {
    for (const [roles, what] of [
      [[{ role: 'agency_editor', agency_id: behzisti.id }], 'another agency'],
      [[{ role: 'council_admin', council_id: ids.councilId }], 'council admin'],
      [[{ role: 'committee_member', council_id: ids.councilId }], 'committee member'],
      [[{ role: 'system_admin' }], 'system admin'],
    ]) {
      assertError(await mgr.post('/api/v1/users', { username: uniq('x'), name: 'نباید', password: 'Strong-pass-1', roles }),
        403, null, `create with ${what}`);
    }
    const fresh = assertStatus(await mgr.get(`/api/v1/users/${c.json.id}`), 200).json;
    assertError(await mgr.patch(`/api/v1/users/${c.json.id}`, {
      version: fresh.version, roles: [{ role: 'council_admin', council_id: ids.councilId }],
    }), 403, null, 'promote to council admin');
  });

  const other = ids.users['behzisti-editor'];
  assertError(await mgr.get(`/api/v1/users/${other.id}`), 404, 'not_found', 'read a behzisti user');
  await writesNothing(async () => {
    assertError(await mgr.patch(`/api/v1/users/${other.id}`, { version: other.version, name: 'ربوده' }), 404, 'not_found');
    assertError(await mgr.post(`/api/v1/users/${other.id}/password`, { new_password: 'Hijack-pass-1' }), 404, 'not_found');
  });
  const still = assertStatus(await admin.get(`/api/v1/users/${other.id}`), 200).json;
  assert.equal(still.name, other.name);
  assert.equal(still.version, other.version);
  // The council admin is beyond a PR manager's reach too.
  assertError(await mgr.get(`/api/v1/users/${ids.users.council.id}`), 404, 'not_found');
});

test('disabling a user ends their sessions and blocks login', async () => {
  const username = uniq('dis');
  const c = assertStatus(await admin.post('/api/v1/users', {
    username, name: 'کاربر غیرفعال', password: 'Strong-pass-1', roles: [{ role: 'analyst', council_id: ids.councilId }],
  }), 201).json;
  const u1 = await loginAs(srv, username, 'Strong-pass-1');
  const u2 = await loginAs(srv, username, 'Strong-pass-1');
  assertStatus(await u1.get('/api/v1/auth/me'), 200);
  const council = await loginAs(srv, 'council');
  const d = assertStatus(await council.patch(`/api/v1/users/${c.id}`, { version: c.version, disabled: true }), 200);
  assert.equal(d.json.disabled, true);
  assertError(await u1.get('/api/v1/auth/me'), 401, null, 'disabled user session 1');
  assertError(await u2.get('/api/v1/agencies'), 401, null, 'disabled user session 2');
  await writesNothing(async () => {
    assertError(await new ApiClient(srv.base).login(username, 'Strong-pass-1'), 403, 'account_disabled');
  });
  // Re-enabled: can log in again.
  assertStatus(await council.patch(`/api/v1/users/${c.id}`, { version: d.json.version, disabled: false }), 200);
  assertStatus(await new ApiClient(srv.base).login(username, 'Strong-pass-1'), 200);
  // Nobody disables themselves.
  const me = council.user;
  await writesNothing(async () => {
    assertError(await council.patch(`/api/v1/users/${me.id}`, { version: me.version, disabled: true }), 400, 'cannot_disable_self');
  });
});

test('the audit log records every write with who, action, entity and address; admins only', async () => {
  const council = await loginAs(srv, 'council');
  const slug = uniq('au').toLowerCase();
  const ag = assertStatus(await council.post('/api/v1/agencies', { council_id: ids.councilId, slug, name: 'ادارهٔ ممیزی' }), 201).json;
  assertStatus(await council.patch(`/api/v1/agencies/${ag.id}`, { version: 1, short_name: 'ممیزی' }), 200);
  const username = uniq('au');
  const u = assertStatus(await council.post('/api/v1/users', {
    username, name: 'کاربر ممیزی', password: 'Strong-pass-1', roles: [{ role: 'agency_editor', agency_id: ag.id }],
  }), 201).json;
  assertStatus(await council.patch(`/api/v1/users/${u.id}`, { version: u.version, email: 'audit@example.ir' }), 200);
  assertStatus(await council.post(`/api/v1/users/${u.id}/password`, { new_password: 'Other-pass-3' }), 204);
  const self = await loginAs(srv, username, 'Other-pass-3');
  assertStatus(await self.post('/api/v1/auth/password', { current_password: 'Other-pass-3', new_password: 'Third-pass-4' }), 200);
  const c = assertStatus(await council.get(`/api/v1/councils/${ids.councilId}`), 200).json;
  assertStatus(await council.patch(`/api/v1/councils/${ids.councilId}`, { version: c.version, description: 'شرح تازهٔ شورا' }), 200);

  const entries = await auditEntries(admin);
  const find = (action, entity, entityId, actorId) =>
    entries.find((e) => e.action === action && e.entity === entity && e.entity_id === String(entityId) && e.actor_id === actorId);
  const cid = council.user.id;
  for (const [action, entity, entityId, actorId] of [
    ['create', 'agency', ag.id, cid],
    ['update', 'agency', ag.id, cid],
    ['create', 'user', u.id, cid],
    ['update', 'user', u.id, cid],
    ['reset_password', 'user', u.id, cid],
    ['login', 'user', u.id, u.id],
    ['change_password', 'user', u.id, u.id],
    ['update', 'council', ids.councilId, cid],
  ]) {
    const e = find(action, entity, entityId, actorId);
    assert.ok(e, `audit entry ${action} ${entity} ${entityId} by ${actorId}; have:\n${JSON.stringify(entries.slice(0, 12), null, 1)}`);
    assert.equal(e.ip, '127.0.0.1', `${action} ${entity}: address`);
    assert.ok(e.at > 0);
    assert.ok(hasPersian(e.actor_name), `${action} ${entity}: actor name`);
  }
  const upd = find('update', 'agency', ag.id, cid);
  assert.equal(upd.detail.short_name, 'ممیزی', 'the change is in the detail');
  assert.equal(upd.council_id, ids.councilId);
  for (const e of entries) assert.ok(!JSON.stringify(e.detail).includes('pass-'), 'no passwords in the audit log');

  // The council admin reads their council's log; others are refused.
  const mine = assertStatus(await council.get('/api/v1/audit?per_page=50'), 200).json;
  assert.ok(mine.items.length > 0);
  for (const e of mine.items) assert.equal(e.council_id, ids.councilId);
  assert.ok(mine.items.some((e) => e.action === 'create' && e.entity === 'agency' && e.entity_id === String(ag.id)));
  for (const who of ['committee', 'analyst', 'tamin-manager', 'tamin-editor', 'tamin-desk']) {
    const cl = await loginAs(srv, who);
    assertError(await cl.get('/api/v1/audit'), 403, 'forbidden', `audit as ${who}`);
  }
  assertError(await new ApiClient(srv.base).get('/api/v1/audit'), 401, 'unauthenticated');
  // Filters.
  const byActor = assertStatus(await admin.get(`/api/v1/audit?actor_id=${u.id}&per_page=200`), 200).json;
  assert.ok(byActor.items.length >= 2);
  for (const e of byActor.items) assert.equal(e.actor_id, u.id);
});

test('/healthz, /readyz and /metrics', async () => {
  let r = await fetch(srv.url('/healthz'));
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ok\n');
  r = await fetch(srv.url('/readyz'));
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ready\n');
  assertStatus(await admin.get('/api/v1/agencies?per_page=1'), 200);
  r = await fetch(srv.url('/metrics'));
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const body = await r.text();
  assert.match(body, /# TYPE pol_http_requests_total counter/);
  const line = body.split('\n').find((l) => l.startsWith('pol_http_requests_total{route="/api/v1/agencies",method="GET"'));
  assert.ok(line, `a counter for GET /api/v1/agencies in:\n${body.slice(0, 2000)}`);
  assert.ok(Number(line.split(' ').pop()) >= 1);
  assert.match(body, /pol_http_request_duration_seconds_bucket\{route="\/api\/v1\/agencies",method="GET",status="2xx",le="\+Inf"\} \d+/);
  assert.match(body, /pol_http_requests_total\{route="\/api\/v1\/auth\/login",method="POST",status="2xx"\} \d+/);
  // Unknown paths do not create a series each (bounded label set).
  await fetch(srv.url('/no/such/path/' + uniq()));
  const after = await (await fetch(srv.url('/metrics'))).text();
  assert.ok(!after.includes('/no/such/path'), 'unmatched paths are pooled');
});

test('security headers on API, error and static responses', async () => {
  const responses = {
    api: await admin.get('/api/v1/auth/me'),
    error401: await new ApiClient(srv.base).get('/api/v1/users'),
    notFound: await admin.get('/api/v1/nothing-here'),
    health: await admin.get('/healthz'),
    console: await admin.get('/console/'),
  };
  for (const [name, r] of Object.entries(responses)) {
    const h = r.headers;
    assert.equal(h.get('x-content-type-options'), 'nosniff', `${name}: nosniff`);
    assert.equal(h.get('x-frame-options'), 'DENY', `${name}: X-Frame-Options`);
    assert.equal(h.get('referrer-policy'), 'same-origin', `${name}: Referrer-Policy`);
    assert.match(h.get('content-security-policy') || '', /default-src 'self'/, `${name}: CSP`);
    assert.match(h.get('content-security-policy') || '', /frame-ancestors 'none'/, `${name}: CSP frame-ancestors`);
    assert.match(h.get('x-request-id') || '', /^[0-9a-zA-Z-]+$/, `${name}: request id`);
  }
  assert.match(responses.api.headers.get('content-type'), /^application\/json/);
  assertError(responses.notFound, 404, 'not_found');
  // A well-formed request id is echoed back.
  const r = await admin.get('/healthz', { 'x-request-id': 'test-req-42' });
  assert.equal(r.headers.get('x-request-id'), 'test-req-42');
  const bad = await admin.get('/healthz', { 'x-request-id': 'evil"id<script>' });
  assert.notEqual(bad.headers.get('x-request-id'), 'evil"id<script>');
});

test('/console/ serves the staff console; / and /console redirect to it', async () => {
  const r = await fetch(srv.url('/console/'), { redirect: 'manual' });
  assert.equal(r.status, 200, `/console/ status ${r.status} location=${r.headers.get('location')}`);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const html = await r.text();
  assert.match(html, /<html[^>]*dir="rtl"/i, 'an RTL page');
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const etag = r.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(srv.url('/console/'), { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);

  const asset = html.match(/(?:src|href)="(\/console\/assets\/[^"]+\.js)"/);
  assert.ok(asset, 'the page references a hashed script');
  const a = await fetch(srv.url(asset[1]));
  assert.equal(a.status, 200);
  assert.match(a.headers.get('content-type'), /javascript/);
  assert.match(a.headers.get('cache-control'), /immutable/);

  const deep = await fetch(srv.url('/console/agencies/1'), { redirect: 'manual' });
  assert.equal(deep.status, 200, 'client-side routes get the app');
  const missing = await fetch(srv.url('/console/assets/nothing.js'));
  assert.equal(missing.status, 404);

  // "/" is the public news site; its header links staff to the console.
  const root = await fetch(srv.url('/'), { redirect: 'manual' });
  assert.equal(root.status, 200);
  assert.match(await root.text(), /href="\/console\/"/);
  const bare = await fetch(srv.url('/console'), { redirect: 'manual' });
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get('location'), '/console/');
});
