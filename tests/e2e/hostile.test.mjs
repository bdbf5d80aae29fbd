// Issue #17, findings 3 and 6 over HTTP: hostile pages and bodies cannot stall the rest of Pol.
//   - a monitoring fetch stuck on a peer that trickles bytes forever (on both monitoring workers) does
//     not delay a scheduled publication: monitoring runs on a worker pool of its own;
//   - the 500 KB deeply nested release body is refused (body_too_complex) before the single
//     write transaction, changes nothing, and another user's login beside it goes through;
//   - the sanitizer tells the editor what it dropped (warnings with stable codes and Persian text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from './harness.mjs';
import { assertError, assertStatus, loginAs, demoIds, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';

let srv, trickle, admin, editor, manager, analyst, ids;
const open = new Set(); // trickling responses still open

// A peer that answers 200 and then sends one byte every 200 ms, forever (under the stall timeout).
function startTrickle() {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      if (req.url === '/robots.txt') { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss><channel>');
      open.add(res);
      const t = setInterval(() => res.write(' '), 200);
      res.on('close', () => { clearInterval(t); open.delete(res); });
    });
    server.listen(0, '127.0.0.1', () => resolve({
      url: (p) => `http://127.0.0.1:${server.address().port}${p}`,
      close: () => { for (const r of open) r.destroy(); return new Promise((r) => server.close(r)); },
    }));
  });
}

before(async () => {
  trickle = await startTrickle();
  srv = await startServer({
    env: { POL_MONITOR_FETCH_TIMEOUT_MS: '120000', POL_MONITOR_SCHEDULE: '0', POL_MONITOR_HOST_INTERVAL_MS: '0' },
  });
  admin = await loginAs(srv, 'admin');
  editor = await loginAs(srv, 'tamin-editor');
  manager = await loginAs(srv, 'tamin-manager');
  analyst = await loginAs(srv, 'analyst');
  ids = await demoIds(admin);
});

after(async () => {
  await trickle?.close(); // first: the stuck fetches end, so the server stops at once
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

async function draft(body_html = '<p>متن</p>') {
  return assertStatus(await editor.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id, title: 'خبر آزمون ایستادگی', body_html,
  }), 201).json;
}

test('a monitoring fetch stuck on a trickling peer does not delay a scheduled publication', async () => {
  // Stuck fetches on more sources than any pool has workers.
  for (let i = 0; i < 3; i++) {
    const s = assertStatus(await analyst.post('/api/v1/monitor/sources', {
      council_id: ids.councilId, name: `منبع کند ${i}`, url: trickle.url(`/slow/${i}.xml`), fetch_interval_s: 900,
    }), 201).json;
    assertStatus(await analyst.post(`/api/v1/monitor/sources/${s.id}/fetch`, {}), 202);
  }
  for (let i = 0; i < 200 && open.size < 2; i++) await sleep(50);
  assert.ok(open.size >= 2, `the monitoring workers are stuck on the peer (${open.size} open)`);

  const r = await draft();
  const sub = assertStatus(await editor.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200).json;
  const at = Date.now() + 1000;
  assertStatus(await manager.post(`/api/v1/releases/${r.id}/approve`, { version: sub.version, publish_at: at }), 200);
  let now;
  for (let i = 0; i < 300; i++) {
    now = (await editor.get(`/api/v1/releases/${r.id}`)).json;
    if (now.status === 'published') break;
    await sleep(100);
  }
  assert.equal(now.status, 'published', 'the publication job ran');
  assert.ok(open.size >= 2, 'and it ran while the monitoring fetches were still stuck');
});

test('the issue\'s 500 KB deeply nested body: refused before the write transaction, another login is not held', async () => {
  const r = await draft('<p>پیشین</p>');
  const body = '<div><b><i>'.repeat(Math.ceil(500_000 / 11)).slice(0, 500_000);
  const order = [];
  const save = editor.patch(`/api/v1/releases/${r.id}`, { version: r.version, body_html: body })
    .then((x) => { order.push('save'); return x; });
  await sleep(50);
  const other = await loginAs(srv, 'behzisti-editor').then((c) => { order.push('login'); return c; });
  assert.ok(other.csrf, 'the other user logged in');
  const res = await save;
  assert.equal(order.length, 2);
  assert.equal(assertError(res, 400, 'body_too_complex').field, 'body_html');
  const again = assertStatus(await editor.get(`/api/v1/releases/${r.id}`), 200).json;
  assert.equal(again.version, r.version, 'nothing changed');
  assert.equal(again.body_html, '<p>پیشین</p>');
});

test('the save answer warns the editor when the sanitizer dropped text', async () => {
  const r = await draft();
  const saved = assertStatus(await editor.patch(`/api/v1/releases/${r.id}`, {
    version: r.version, body_html: '<p>یک</p><textarea><p>دو</p><p>سه</p>',
  }), 200).json;
  assert.equal(saved.body_html, '<p>یک</p>');
  assert.deepEqual(saved.warnings.map((w) => w.code), ['textarea_swallowed']);
  assert.ok(hasPersian(saved.warnings[0].message));
  const clean = assertStatus(await editor.patch(`/api/v1/releases/${r.id}`, {
    version: saved.version, body_html: '<p>یک <b>دو</b></p>',
  }), 200).json;
  assert.deepEqual(clean.warnings, []);
});
