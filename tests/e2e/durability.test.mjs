// Durability and lifecycle: acknowledged writes survive kill -9, SIGTERM
// drains in-flight requests, and the CLI's setup commands are idempotent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, ApiClient, DEMO_PASSWORD, pol, freePort } from './harness.mjs';
import { assertStatus, loginAs, demoIds, uniq, hasPersian } from './lib/common.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';

function exitOf(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
}

function connectRefused(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(false); });
    s.on('error', (e) => resolve(e.code === 'ECONNREFUSED'));
  });
}

test('acknowledged writes survive kill -9 (sequential and concurrent)', async () => {
  const srv = await startServer();
  const dir = srv.dataDir;
  try {
    const council = await loginAs(srv, 'council');
    const { councilId, agencies } = await demoIds(await loginAs(srv, 'admin'));
    const acked = { agencies: [], users: [], edits: [] };

    // Sequential: each write acknowledged before the next.
    for (let i = 0; i < 15; i++) {
      const r = await council.post('/api/v1/agencies', { council_id: councilId, slug: uniq('k').toLowerCase(), name: `دستگاه پایدار ${i}` });
      assertStatus(r, 201);
      acked.agencies.push(r.json);
    }
    for (let i = 0; i < 4; i++) {
      const r = await council.post('/api/v1/users', {
        username: uniq('kill'), name: `کاربر پایدار ${i}`, password: 'Durable-pass-1',
        roles: [{ role: 'agency_editor', agency_id: agencies.tamin.id }],
      });
      assertStatus(r, 201);
      acked.users.push(r.json);
    }
    const tamin = assertStatus(await council.get(`/api/v1/agencies/${agencies.tamin.id}`), 200).json;
    const edit = assertStatus(await council.patch(`/api/v1/agencies/${tamin.id}`, { version: tamin.version, pr_email: 'pr@tamin.example.ir' }), 200);
    acked.edits.push(edit.json);

    // Concurrent: 30 creates in flight; SIGKILL as soon as 12 are acknowledged.
    let killed = false;
    const killAt = 12;
    const inflight = [];
    for (let i = 0; i < 30; i++) {
      const slug = uniq('c').toLowerCase();
      inflight.push(council.post('/api/v1/agencies', { council_id: councilId, slug, name: `دستگاه همزمان ${i}` })
        .then((r) => {
          if (r.status === 201) {
            acked.agencies.push(r.json);
            if (!killed && acked.agencies.length >= 15 + killAt) { killed = true; srv.child.kill('SIGKILL'); }
          } else {
            assert.fail(`create before the kill: ${r.status} ${r.text}`);
          }
        }, () => { /* cut by the kill: unacknowledged, may or may not be stored */ }));
    }
    await Promise.all(inflight);
    if (!killed) srv.child.kill('SIGKILL');
    const ex = await exitOf(srv.child);
    assert.equal(ex.signal, 'SIGKILL');
    assert.ok(acked.agencies.length >= 15 + killAt);

    const again = await startServer({ dataDir: dir });
    try {
      const admin = await loginAs(again, 'admin');
      const all = assertStatus(await admin.get(`/api/v1/agencies?council_id=${councilId}&per_page=200`), 200).json.items;
      const byId = new Map(all.map((a) => [a.id, a]));
      const lost = acked.agencies.filter((a) => !byId.has(a.id) || byId.get(a.id).slug !== a.slug || byId.get(a.id).name !== a.name);
      assert.deepEqual(lost.map((a) => a.slug), [], 'acknowledged agencies lost after kill -9');
      for (const u of acked.users) {
        const got = assertStatus(await admin.get(`/api/v1/users/${u.id}`), 200, `user ${u.username} after kill -9`).json;
        assert.equal(got.username, u.username);
        assert.equal(got.name, u.name);
        // The password hash was stored too.
        assertStatus(await new ApiClient(again.base).login(u.username, 'Durable-pass-1'), 200, `login ${u.username}`);
      }
      const t = assertStatus(await admin.get(`/api/v1/agencies/${agencies.tamin.id}`), 200).json;
      assert.equal(t.version, acked.edits[0].version);
      assert.equal(t.pr_email, 'pr@tamin.example.ir');
      // The sessions were durable too: the council admin's cookie still works.
      council.base = again.base;
      assertStatus(await council.get('/api/v1/auth/me'), 200, 'session survives kill -9');
      // And the audit log has the acknowledged writes.
      const audit = assertStatus(await admin.get('/api/v1/audit?per_page=200&entity=agency'), 200).json.items;
      for (const a of acked.agencies) {
        assert.ok(audit.some((e) => e.action === 'create' && e.entity_id === String(a.id)), `audit entry for agency ${a.id}`);
      }
      await again.stop();
      assertNoSanitizerReports(again);
    } finally {
      await again.stop();
    }
  } finally {
    if (srv.child.exitCode === null && srv.child.signalCode === null) srv.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM: in-flight requests finish with 200, new connections are refused, exit 0', async () => {
  // One worker thread, so the logins queue behind each other and are in flight together.
  const srv = await startServer({ env: { POL_WORKER_THREADS: '1' } });
  try {
    // An idle keep-alive connection must not hold up the shutdown.
    assertStatus(await new ApiClient(srv.base).get('/healthz'), 200);
    const logins = ['committee', 'analyst', 'council', 'tamin-editor', 'tamin-desk', 'tamin-manager', 'refah-editor', 'omid-desk',
      'behzisti-editor', 'fanni-manager'];
    let first;
    const firstDone = new Promise((r) => (first = r));
    const results = logins.map((login) => {
      const c = new ApiClient(srv.base);
      return c.post('/api/v1/auth/login', { login, password: DEMO_PASSWORD })
        .then((r) => { first(); return r; }, (e) => { first(); return { status: 0, text: String(e) }; });
    });
    // When the first login is answered, the others are queued behind the one worker.
    await firstDone;
    const exited = exitOf(srv.child);
    srv.child.kill('SIGTERM');

    let refusedWhileRunning = false;
    for (let i = 0; i < 200 && !refusedWhileRunning && srv.child.exitCode === null; i++) {
      if (await connectRefused(srv.port)) refusedWhileRunning = srv.child.exitCode === null;
      else await new Promise((r) => setTimeout(r, 10));
    }
    const done = await Promise.all(results);
    const bad = done.map((r, i) => [logins[i], r.status, r.text?.slice(0, 100)]).filter(([, s]) => s !== 200);
    assert.deepEqual(bad, [], 'every in-flight login completes with 200');
    for (const r of done) assert.ok(r.json.csrf_token, 'a full response body');
    const ex = await exited;
    assert.deepEqual(ex, { code: 0, signal: null }, `pol serve exits 0 after SIGTERM:\n${srv.output()}`);
    assertNoSanitizerReports(srv);
    assert.ok(refusedWhileRunning || srv.child.exitCode === 0, 'the listener closed');
    assert.ok(refusedWhileRunning, 'new connections are refused while in-flight requests drain');
    assert.equal(await connectRefused(srv.port), true, 'refused after exit');
  } finally {
    await srv.stop();
  }
});

test('CLI: serve on a missing data folder fails clearly; init and demo are idempotent', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'pol-cli-'));
  try {
    const missing = path.join(base, 'does-not-exist');
    const port = await freePort();
    let err;
    try {
      pol(['serve', '--data', missing, '--listen', `127.0.0.1:${port}`], { timeout: 20000 });
    } catch (e) { err = e; }
    assert.ok(err, 'pol serve on a missing folder fails');
    assert.notEqual(err.status, 0);
    assert.ok(err.status !== null, `exits (not killed by the timeout): ${err.signal}`);
    assert.ok(hasPersian(err.stderr), `a Persian message: ${err.stderr}`);
    assert.match(err.stderr, /pol init/, 'tells how to fix it');
    assert.ok(!existsSync(missing), 'serve does not create the folder');
    assert.equal(await connectRefused(port), true, 'nothing listening');

    const dir = path.join(base, 'data');
    const out1 = pol(['init', '--data', dir]);
    assert.ok(hasPersian(out1));
    const out2 = pol(['init', '--data', dir]);
    assert.ok(hasPersian(out2), 'second init succeeds');
    const d1 = pol(['demo', '--data', dir]);
    assert.match(d1, /admin/, 'the demo logins are printed');
    const d2 = pol(['demo', '--data', dir]);
    assert.match(d2, /پیش‌تر/, `second demo says it is already loaded: ${d2}`);
    pol(['init', '--data', dir]); // init after demo keeps the data

    const srv = await startServer({ dataDir: dir });
    try {
      const admin = await loginAs(srv, 'admin');
      const councils = assertStatus(await admin.get('/api/v1/councils'), 200).json.items;
      assert.equal(councils.filter((c) => c.slug === 'qazvin-tkr').length, 1, 'one demo council');
      const ag = assertStatus(await admin.get(`/api/v1/agencies?council_id=${councils[0].id}`), 200).json;
      assert.equal(ag.total, 10, 'ten demo agencies, not twenty');
      const users = assertStatus(await admin.get('/api/v1/users?per_page=1'), 200).json;
      assert.equal(users.total, 4 + 3 * 10, 'demo users once');
    } finally {
      await srv.stop();
    }

    // A second serve on a port in use fails clearly too.
    const srv2 = await startServer({ dataDir: dir });
    try {
      let busy;
      try { pol(['serve', '--data', dir, '--listen', `127.0.0.1:${srv2.port}`], { timeout: 20000 }); } catch (e) { busy = e; }
      assert.ok(busy && busy.status !== 0 && busy.status !== null, 'serve on a busy port fails');
      assert.ok(hasPersian(busy.stderr), `Persian message: ${busy.stderr}`);
      assertStatus(await new ApiClient(srv2.base).get('/healthz'), 200, 'the first server is unaffected');
    } finally {
      await srv2.stop();
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
