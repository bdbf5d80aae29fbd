// Bad input: each case gets a clear 4xx with a Persian message, writes
// nothing, and the server keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { rmSync } from 'node:fs';
import { startServer, ApiClient, DEMO_PASSWORD, dbQuery } from './harness.mjs';
import { assertError, assertStatus, loginAs, demoIds, healthy, uniq, hasPersian } from './lib/common.mjs';
import { assertNoSanitizerReports, tamperLast } from './lib/common.mjs';

let srv, admin, council, ids;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  ids = await demoIds(admin);
});
after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

async function auditTotal() {
  return assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
}

// Runs `fn`, then checks that no audit entry (so no write) appeared and the server still answers.
async function writesNothing(fn) {
  const before = await auditTotal();
  const out = await fn();
  assert.equal(await auditTotal(), before, 'nothing written (audit log unchanged)');
  await healthy(srv);
  return out;
}

test('the "wrote nothing" check can fail: a write inside it is caught', async () => {
  await assert.rejects(writesNothing(async () => {
    assertStatus(await council.post('/api/v1/users', validUser()), 201, 'a real write');
  }), /nothing written/);
});

// One raw HTTP/1.1 exchange over a socket: for requests fetch() won't send.
function rawRequest(port, head, body = '') {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let data = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (data += d));
    let error = null;
    // The server may answer and close before the whole body is sent (EPIPE/ECONNRESET on our side).
    s.on('error', (e) => { error = e; });
    s.on('close', () => (data ? resolve(parse(data)) : reject(error || new Error('connection closed without a response'))));
    s.on('connect', () => {
      s.write(head);
      if (body) s.write(body, () => {});
    });
  });
  function parse(text) {
    const [headerPart, ...rest] = text.split('\r\n\r\n');
    const lines = headerPart.split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers = Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const bodyText = rest.join('\r\n\r\n');
    let json = null;
    try { json = JSON.parse(bodyText); } catch {}
    return { status, headers: { get: (k) => headers[k.toLowerCase()] ?? null }, text: bodyText, json };
  }
}

const validUser = () => ({
  username: uniq('bad'), name: 'کاربر آزمون', password: 'Strong-pass-1',
  roles: [{ role: 'agency_editor', agency_id: ids.agencies.tamin.id }],
});

test('malformed JSON and non-object bodies are 400 malformed_json', async () => {
  await writesNothing(async () => {
    for (const body of ['{"username": "x",', '{username: 1}', 'not json', '', '"just a string"', '[]',
      JSON.stringify([validUser()]), 'null', '42', '{"a":1}{"b":2}', '\u0000{}']) {
      const r = await council.request('POST', '/api/v1/users', body, { 'content-type': 'application/json' });
      assertError(r, 400, 'malformed_json', `body ${JSON.stringify(body)}`);
    }
    assertError(await council.request('PATCH', `/api/v1/agencies/${ids.agencies.tamin.id}`, '[1,2]',
      { 'content-type': 'application/json' }), 400, 'malformed_json');
    assertError(await new ApiClient(srv.base).request('POST', '/api/v1/auth/login', '{"login":',
      { 'content-type': 'application/json' }), 400, 'malformed_json');
  });
});

test('a body over 1 MiB is 413 payload_too_large', async () => {
  await writesNothing(async () => {
    const big = JSON.stringify({ ...validUser(), name: 'ن'.repeat(600 * 1024) }); // 1.2 MB of UTF-8
    assert.ok(Buffer.byteLength(big) > 1024 * 1024);
    const head = `POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nContent-Type: application/json\r\n` +
      `Cookie: ${council.cookie}\r\nX-CSRF-Token: ${council.csrf}\r\nContent-Length: ${Buffer.byteLength(big)}\r\n\r\n`;
    const r = await rawRequest(srv.port, head, big);
    assertError(r, 413, 'payload_too_large');
    // Chunked bodies (no Content-Length) hit the same limit.
    const chunk = 'ن'.repeat(64 * 1024);
    let chunked = '';
    for (let i = 0; i < 10; i++) chunked += `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`;
    chunked += '0\r\n\r\n';
    const r2 = await rawRequest(srv.port, `POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Cookie: ${council.cookie}\r\nX-CSRF-Token: ${council.csrf}\r\nTransfer-Encoding: chunked\r\n\r\n`, chunked);
    assertError(r2, 413, 'payload_too_large', 'chunked');
    // As a browser or fetch() sends it.
    assertError(await council.post('/api/v1/users', big), 413, 'payload_too_large', 'via fetch');
    // A declared length over the limit is refused before any body is sent.
    const r3 = await rawRequest(srv.port, `POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Cookie: ${council.cookie}\r\nX-CSRF-Token: ${council.csrf}\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`);
    assertError(r3, 413, 'payload_too_large', 'declared length');
  });
  // Just under the limit is parsed (and refused for what it says, not its size).
  await writesNothing(async () => {
    const near = JSON.stringify({ ...validUser(), name: 'a'.repeat(1000 * 1000) });
    assertError(await council.post('/api/v1/users', near), 400, 'too_long');
  });
});

test('huge headers are 431', async () => {
  await writesNothing(async () => {
    const r = await rawRequest(srv.port, `GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nCookie: ${council.cookie}\r\n` +
      `X-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    assertError(r, 431, 'headers_too_large');
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'b'.repeat(60)}\r\n`).join('');
    const r2 = await rawRequest(srv.port, `GET /healthz HTTP/1.1\r\nHost: x\r\n${many}\r\n`);
    assertError(r2, 431, 'headers_too_large', 'many headers');
    // fetch sees the same.
    const r3 = await council.get('/api/v1/auth/me', { 'x-padding': 'c'.repeat(17 * 1024) });
    assertError(r3, 431, 'headers_too_large', 'via fetch');
  });
});

test('garbage on the wire is 400 and the server keeps serving', async () => {
  await writesNothing(async () => {
    const r = await rawRequest(srv.port, 'THIS IS NOT HTTP\r\n\r\n');
    assertError(r, 400, 'bad_request');
    const r2 = await rawRequest(srv.port, 'GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assertError(r2, 400, 'bad_request', 'bad percent-encoding');
    const r3 = await rawRequest(srv.port, 'GET /api/v1/users/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assertError(r3, 400, 'bad_request', 'NUL in the path');
  });
});

test('wrong content types are 415', async () => {
  await writesNothing(async () => {
    const body = JSON.stringify(validUser());
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json']) {
      assertError(await council.request('POST', '/api/v1/users', body, { 'content-type': ct }), 415, 'unsupported_media_type',
        `content type ${ct}`);
    }
    // No Content-Type at all.
    const r = await fetch(srv.url('/api/v1/users'), {
      method: 'POST', body: new Blob([body]), headers: { cookie: council.cookie, 'x-csrf-token': council.csrf },
    });
    const text = await r.text();
    assertError({ status: r.status, text, json: JSON.parse(text) }, 415, 'unsupported_media_type', 'no content type');
    assertError(await new ApiClient(srv.base).request('POST', '/api/v1/auth/login', 'login=admin&password=demo1405',
      { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type', 'form login');
  });
  assertStatus(await council.request('POST', '/api/v1/users', JSON.stringify(validUser()),
    { 'content-type': 'application/json; charset=utf-8' }), 201, 'a charset parameter is fine');
});

test('unknown fields are 400 unknown_field naming the field', async () => {
  await writesNothing(async () => {
    let e = assertError(await council.post('/api/v1/users', { ...validUser(), is_admin: true }), 400, 'unknown_field');
    assert.equal(e.field, 'is_admin');
    e = assertError(await council.post('/api/v1/users', { ...validUser(), password_hash: 'x' }), 400, 'unknown_field');
    assert.equal(e.field, 'password_hash');
    const a = assertStatus(await council.get(`/api/v1/agencies/${ids.agencies.omid.id}`), 200).json;
    e = assertError(await council.patch(`/api/v1/agencies/${a.id}`, { version: a.version, id: 999 }), 400, 'unknown_field');
    assert.equal(e.field, 'id');
    e = assertError(await council.post('/api/v1/users', {
      ...validUser(), roles: [{ role: 'agency_editor', agency_id: ids.agencies.tamin.id, scope: 'all' }],
    }), 400, 'unknown_field');
    assert.equal(e.field, 'roles');
    e = assertError(await new ApiClient(srv.base).post('/api/v1/auth/login', { login: 'admin', password: DEMO_PASSWORD, remember: true }),
      400, 'unknown_field');
    assert.equal(e.field, 'remember');
    // Wrong types name the field too.
    e = assertError(await council.post('/api/v1/users', { ...validUser(), name: 42 }), 400, 'invalid_field');
    assert.equal(e.field, 'name');
    e = assertError(await council.patch(`/api/v1/agencies/${a.id}`, { version: String(a.version), name: 'x y' }), 400, 'invalid_field');
    assert.equal(e.field, 'version');
    e = assertError(await council.patch(`/api/v1/agencies/${a.id}`, { version: a.version, disabled: 'yes' }), 400, 'invalid_field');
    assert.equal(e.field, 'disabled');
    const after = assertStatus(await council.get(`/api/v1/agencies/${a.id}`), 200).json;
    assert.deepEqual(after, a);
  });
});

test('SQL and HTML in text fields are stored as text, normalized, and come back as JSON strings', async () => {
  const sqlName = "'); DROP TABLE users;--";
  const u = assertStatus(await council.post('/api/v1/users', { ...validUser(), name: sqlName }), 201).json;
  assert.equal(u.name, sqlName);
  const got = assertStatus(await council.get(`/api/v1/users/${u.id}`), 200);
  assert.equal(got.json.name, sqlName);
  assert.match(got.headers.get('content-type'), /^application\/json/);
  const all = assertStatus(await admin.get('/api/v1/users?per_page=1'), 200).json;
  assert.ok(all.total > 30, 'users still exist');
  assertStatus(await new ApiClient(srv.base).login('tamin-editor'), 200, 'logins still work');

  // Names refuse markup; other text fields keep it as text.
  await writesNothing(async () => {
    assertError(await council.post('/api/v1/users', { ...validUser(), name: '<img src=x onerror=alert(1)>' }), 400, 'invalid_name');
  });
  const html = '<script>alert("x")</script> اداره\u064A \u0643';
  const a = assertStatus(await council.post('/api/v1/agencies', {
    council_id: ids.councilId, slug: uniq('h').toLowerCase(), name: html, short_name: "' OR 1=1 --",
  }), 201);
  assert.equal(a.json.name, '<script>alert("x")</script> اداره\u06CC \u06A9', 'normalized (Arabic yeh/kaf), markup kept as text');
  assert.equal(a.json.short_name, "' OR 1=1 --");
  assert.ok(a.text.includes('\\"x\\"'), 'quotes are escaped in the JSON text');
  assert.equal(a.headers.get('x-content-type-options'), 'nosniff', 'never sniffed as HTML');
  const back = assertStatus(await council.get(`/api/v1/agencies/${a.json.id}`), 200).json;
  assert.equal(back.name, a.json.name);

  // SQL in query parameters and the login field is just text.
  const q = assertStatus(await admin.get(`/api/v1/users?q=${encodeURIComponent("' OR '1'='1")}`), 200).json;
  assert.equal(q.total, 0);
  const q2 = assertStatus(await admin.get(`/api/v1/agencies?q=${encodeURIComponent('%')}`), 200).json;
  assert.equal(q2.total, 0, 'LIKE wildcards are literal');
  assertError(await new ApiClient(srv.base).login("admin' --", 'x'), 401, 'invalid_credentials');
  assertError(await admin.get(`/api/v1/users/${encodeURIComponent('1 OR 1=1')}`), 404, 'not_found');
  await healthy(srv);
});

test('invalid mobile numbers are 400 invalid_mobile; Persian, Arabic and Latin digits are accepted', async () => {
  await writesNothing(async () => {
    for (const mobile of ['0912345678', '091234567890', '08123456789', '9123', 'abc', '+1 555 123 4567',
      '۰۹۱۲۳۴۵۶۷۸', '٠٩١٢٣٤٥٦٧٨٩٩', '0912-345-678x', '09123456789; DROP TABLE users', '00989123']) {
      const e = assertError(await council.post('/api/v1/users', { ...validUser(), mobile }), 400, 'invalid_mobile', `mobile ${mobile}`);
      assert.equal(e.field, 'mobile');
    }
    const me = assertStatus(await council.get(`/api/v1/users/${ids.users['tamin-desk'].id}`), 200).json;
    assertError(await council.patch(`/api/v1/users/${me.id}`, { version: me.version, mobile: '12345' }), 400, 'invalid_mobile');
  });
  for (const [mobile, want] of [['۰۹۳۵۱۲۳۴۵۶۷', '09351234567'], ['٠٩٣٥١٢٣٤٥٦٨', '09351234568'], ['0935 123 4569', '09351234569'], ['+98 935 123 4560', '09351234560']]) {
    const u = assertStatus(await council.post('/api/v1/users', { ...validUser(), mobile }), 201, `mobile ${mobile}`).json;
    assert.equal(u.mobile, want);
  }
});

test('missing or wrong CSRF token is 403 csrf_failed; a foreign Origin on login too', async () => {
  const other = await loginAs(srv, 'committee');
  await writesNothing(async () => {
    const a = assertStatus(await council.get(`/api/v1/agencies/${ids.agencies.refah.id}`), 200).json;
    assertError(await council.patch(`/api/v1/agencies/${a.id}`, { version: a.version, name: 'بی‌توکن' }, { 'x-csrf-token': '' }),
      403, 'csrf_failed', 'empty token');
    const noToken = new ApiClient(srv.base);
    noToken.cookie = council.cookie; // the cookie alone, as a cross-site form would send it
    assertError(await noToken.post('/api/v1/users', validUser()), 403, 'csrf_failed', 'missing token');
    assertError(await council.post('/api/v1/users', validUser(), { 'x-csrf-token': tamperLast(council.csrf) }),
      403, 'csrf_failed', 'wrong token');
    assertError(await council.post('/api/v1/users', validUser(), { 'x-csrf-token': other.csrf }), 403, 'csrf_failed', 'another session\'s token');
    assertError(await council.post('/api/v1/auth/logout', {}, { 'x-csrf-token': 'x' }), 403, 'csrf_failed', 'logout');
    assertStatus(await council.get('/api/v1/auth/me'), 200, 'the session is still valid');
    const after = assertStatus(await council.get(`/api/v1/agencies/${a.id}`), 200).json;
    assert.equal(after.version, a.version);
  });
  const stranger = new ApiClient(srv.base);
  // A login is audited; refused for its origin, it writes nothing (and opens no session).
  await writesNothing(async () => {
    assertError(await stranger.post('/api/v1/auth/login', { login: 'admin', password: DEMO_PASSWORD }, { origin: 'https://evil.example' }),
      403, 'csrf_failed', 'foreign origin on login');
    assert.equal(stranger.cookie, '', 'no session issued');
  });
  assertStatus(await stranger.post('/api/v1/auth/login', { login: 'admin', password: DEMO_PASSWORD }, { origin: srv.base }), 200,
    'same origin login');
});

test('garbage session cookies are 401 and cleared', async () => {
  await writesNothing(async () => {
    for (const cookie of ['pol_session=garbage', 'pol_session=' + 'x'.repeat(200), 'pol_session=%00%ff', 'pol_session=',
      'other=1; pol_session=AAAA']) {
      const c = new ApiClient(srv.base);
      c.cookie = cookie;
      c.csrf = 'whatever';
      const r = await c.get('/api/v1/auth/me');
      assertError(r, 401, 'unauthenticated', `cookie ${cookie.slice(0, 40)}`);
      assertError(await c.post('/api/v1/users', validUser()), 401, 'unauthenticated', `write with cookie ${cookie.slice(0, 40)}`);
    }
    const c = new ApiClient(srv.base);
    c.cookie = 'pol_session=' + 'Z'.repeat(43);
    const r = await c.get('/api/v1/auth/me');
    const set = r.headers.getSetCookie().find((x) => x.startsWith('pol_session='));
    assert.match(set || '', /^pol_session=; .*Max-Age=0/, 'an unknown session cookie is cleared');
  });
});

test('expired and idle sessions are 401 with a Persian message', async () => {
  const s2 = await startServer();
  const dir = s2.dataDir;
  try {
    const expired = await loginAs(s2, 'analyst');
    const idle = await loginAs(s2, 'committee');
    const fine = await loginAs(s2, 'council');
    await s2.stop({ keepData: true });
    const now = Date.now();
    dbQuery(dir,
      `UPDATE sessions SET expires_at = ${now - 1000} WHERE user_id = ${expired.user.id};` +
      `UPDATE sessions SET last_seen_at = ${now - 9 * 3600 * 1000} WHERE user_id = ${idle.user.id};`);
    const s3 = await startServer({ dataDir: dir });
    try {
      for (const c of [expired, idle, fine]) c.base = s3.base;
      const e1 = assertError(await expired.get('/api/v1/auth/me'), 401, 'unauthenticated', 'expired');
      assert.match(e1.message, /منقضی/);
      const e2 = assertError(await idle.get('/api/v1/agencies'), 401, 'unauthenticated', 'idle');
      assert.match(e2.message, /منقضی/);
      assertError(await expired.get('/api/v1/auth/me'), 401, 'unauthenticated', 'still expired (deleted)');
      assertStatus(await fine.get('/api/v1/auth/me'), 200, 'a live session survives the restart');
      const gone = dbQuery(dir, `SELECT COUNT(*) FROM sessions WHERE user_id IN (${expired.user.id}, ${idle.user.id});`).trim();
      assert.equal(gone, '0', 'expired sessions are removed');
      await healthy(s3);
    } finally {
      await s3.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a second concurrent edit is 409 version_conflict; exactly one wins', async () => {
  const a = assertStatus(await council.get(`/api/v1/agencies/${ids.agencies.fanni.id}`), 200).json;
  const other = await loginAs(srv, 'council');
  // The loser writes nothing: exactly one write (the winner's) reaches the audit log.
  const auditBefore = await auditTotal();
  const [r1, r2] = await Promise.all([
    council.patch(`/api/v1/agencies/${a.id}`, { version: a.version, short_name: 'ویرایش یک' }),
    other.patch(`/api/v1/agencies/${a.id}`, { version: a.version, short_name: 'ویرایش دو' }),
  ]);
  const statuses = [r1.status, r2.status].sort();
  assert.deepEqual(statuses, [200, 409], `one wins, one conflicts: ${r1.text} / ${r2.text}`);
  const [win, lose] = r1.status === 200 ? [r1, r2] : [r2, r1];
  assertError(lose, 409, 'version_conflict');
  const now = assertStatus(await council.get(`/api/v1/agencies/${a.id}`), 200).json;
  assert.equal(now.version, a.version + 1);
  assert.equal(now.short_name, win.json.short_name);
  assert.equal(await auditTotal(), auditBefore + 1, 'one edit audited: the refused one wrote nothing');
  // The same for users, five at once.
  const u = assertStatus(await council.get(`/api/v1/users/${ids.users['fanni-desk'].id}`), 200).json;
  const usersBefore = await auditTotal();
  const results = await Promise.all([1, 2, 3, 4, 5].map((i) => council.patch(`/api/v1/users/${u.id}`, { version: u.version, name: `نام ${'یک دو سه چهار پنج'.split(' ')[i - 1]}` })));
  assert.equal(results.filter((r) => r.status === 200).length, 1, results.map((r) => r.status).join(','));
  for (const r of results.filter((r) => r.status !== 200)) assertError(r, 409, 'version_conflict');
  assert.equal(await auditTotal(), usersBefore + 1, 'one of five edits audited: the four refused wrote nothing');
  await healthy(srv);
});

test('5 wrong passwords lock the account (answered like any wrong password), even for the right password', async () => {
  const username = uniq('lock');
  assertStatus(await admin.post('/api/v1/users', {
    username, name: 'کاربر قفل', password: 'Right-pass-1', roles: [{ role: 'analyst', council_id: ids.councilId }],
  }), 201);
  const c = new ApiClient(srv.base);
  for (let i = 1; i <= 5; i++) assertError(await c.login(username, `wrong-pass-${i}`), 401, 'invalid_credentials', `attempt ${i}`);
  // Issue 17 (15): a locked account answers exactly like a wrong password or an unknown name.
  assertError(await c.login(username, 'wrong-pass-6'), 401, 'invalid_credentials', 'after 5 failures');
  assertError(await c.login(username, 'Right-pass-1'), 401, 'invalid_credentials', 'right password while locked');
  assert.equal(c.cookie, '', 'no session issued');
  // Other accounts from the same address are unaffected; the lock is in the audit log.
  assertStatus(await new ApiClient(srv.base).login('tamin-desk'), 200);
  const audit = assertStatus(await admin.get('/api/v1/audit?per_page=50&entity=user'), 200).json.items;
  assert.ok(audit.some((e) => e.action === 'login_locked'), 'a login_locked audit entry');
  await healthy(srv);
});

// Runs last: it blocks logins for unknown names from this address for the rest of the suite.
// Issue 17 (7): invented names have their own budget, so real accounts still log in.
test('20 failed logins for unknown names from one address are 429 too_many_attempts; real accounts still log in', async () => {
  const c = new ApiClient(srv.base);
  let blocked = null;
  await writesNothing(async () => {
    for (let i = 0; i < 25 && !blocked; i++) {
      const r = await c.login(`nobody-${i}`, 'wrong-pass');
      if (r.status === 429) blocked = r;
      else assertError(r, 401, 'invalid_credentials');
    }
  });
  assert.ok(blocked, 'blocked within 25 failures (20 per address, counting the earlier tests\')');
  assertError(blocked, 429, 'too_many_attempts');
  assertStatus(await c.login('admin'), 200, 'right password of a real account from that address');
  assertStatus(await admin.get('/api/v1/auth/me'), 200, 'existing sessions keep working');
  await healthy(srv);
});
