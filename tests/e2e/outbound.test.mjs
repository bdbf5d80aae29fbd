// The outbound-address guard and the channels' endpoints, end to end (issue #17, findings 2, 4, 5, 19).
// `pol serve` runs with POL_OUTBOUND_ALLOW=127.0.0.1/32: a peer on 127.0.0.1 is an allowed "public" host,
// a peer on 127.0.0.2 stands in for an internal host (a metadata service, an admin panel). Monitoring
// sources, feed article links, redirects, webhooks, bot base URLs and the channel "test" action must never
// reach the internal host, and answers carry a status and a code only — never the remote body or curl's
// text. Changing a channel's endpoint clears its secret (the old token cannot be sent to a new host).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, polBin, pol } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';
import { writesNothing } from './lib/authz_writes.mjs';

const SECRET_PAGE = 'INTERNAL-ONLY-7f3a';  // what the internal host would give away
const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwx';
const HOOK_KEY = 'hook-key-0123456789';

// A tiny HTTP peer on `host` that records every request and answers with `handler(req, body)`.
async function peer(host, handler) {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, type, text, headers = {}] = handler(req, body);
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(text);
    });
  });
  await new Promise((ok) => server.listen(0, host, ok));
  const base = `http://${host}:${server.address().port}`;
  return { base, requests, close: () => new Promise((ok) => server.close(ok)) };
}

const rss = (link) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>خبرگزاری</title>
<link>http://example/</link><item><title>خبری کوتاه دربارهٔ بیمه</title><link>${link}</link><guid>${link}</guid>
<description>خلاصهٔ کوتاه</description><pubDate>${new Date().toUTCString()}</pubDate></item></channel></rss>`;

let srv, internal, allowed, admin, analyst, manager, ids;

before(async () => {
  internal = await peer('127.0.0.2', () => [200, 'text/html; charset=utf-8',
    `<html><body><article><h1>${SECRET_PAGE}</h1><p>${SECRET_PAGE} `.repeat(40) + '</p></article></body></html>']);
  allowed = await peer('127.0.0.1', (req) => {
    if (req.url === '/feed-to-internal.xml') return [200, 'application/rss+xml', rss(`${internal.base}/article/1`)];
    if (req.url === '/redirect') return [302, 'text/plain', '', { location: `${internal.base}/admin` }];
    if (req.url.startsWith('/hook')) return [500, 'text/plain', `${SECRET_PAGE} stack trace`];
    if (req.url.startsWith('/bot')) return [200, 'application/json', JSON.stringify({ ok: true, result: { message_id: 7, chat: { username: 'x' } } })];
    return [404, 'text/plain', 'not here'];
  });
  srv = await startServer({
    env: { POL_OUTBOUND_ALLOW: '127.0.0.1/32', POL_MONITOR_SCHEDULE: '0', POL_MONITOR_FETCH_TIMEOUT_MS: '3000',
      POL_MONITOR_HOST_INTERVAL_MS: '0' },
  });
  admin = await loginAs(srv, 'admin');
  analyst = await loginAs(srv, 'analyst');
  manager = await loginAs(srv, 'tamin-manager');
  ids = await demoIds(admin);
});

after(async () => {
  await srv?.stop();
  await internal?.close();
  await allowed?.close();
  if (srv) assertNoSanitizerReports(srv);
});

async function fetchSource(url) {
  const s = assertStatus(await analyst.post('/api/v1/monitor/sources',
    { council_id: ids.councilId, name: `منبع ${url.length}${Date.now() % 1000}`, url, fetch_interval_s: 900 }), 201).json;
  const since = Date.now() - 1;
  assertStatus(await analyst.post(`/api/v1/monitor/sources/${s.id}/fetch`, {}), 202);
  const deadline = Date.now() + 30000;
  for (;;) {
    const r = assertStatus(await analyst.get(`/api/v1/monitor/sources/${s.id}`), 200);
    if ((r.json.health.last_fetch_at ?? 0) > since) return r.json;
    if (Date.now() > deadline) throw new Error(`source was not fetched: ${r.text}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

async function itemsText(sourceId) {
  const list = assertStatus(await analyst.get(`/api/v1/monitor/items?source_id=${sourceId}&per_page=50`), 200).json;
  let text = JSON.stringify(list);
  for (const it of list.items ?? []) text += (await analyst.get(`/api/v1/monitor/items/${it.id}`)).text;
  return { total: list.total, text };
}

test('monitoring: a source on an internal address, a feed naming one, and a redirect to one are refused', async () => {
  const direct = await fetchSource(`${internal.base}/admin/rss.xml`);
  assert.equal(direct.health.healthy, false);
  assert.ok(hasPersian(direct.health.last_error), direct.health.last_error);
  assert.ok(!direct.health.last_error.includes(SECRET_PAGE));
  assert.equal((await itemsText(direct.id)).total, 0, 'nothing from the internal host is readable');

  const redirected = await fetchSource(`${allowed.base}/redirect`);
  assert.equal(redirected.health.healthy, false, 'the redirect target is checked again');
  assert.equal((await itemsText(redirected.id)).total, 0);

  const feed = await fetchSource(`${allowed.base}/feed-to-internal.xml`);
  const items = await itemsText(feed.id);
  assert.ok(!items.text.includes(SECRET_PAGE), 'the article link on the internal host was not fetched');

  assert.deepEqual(internal.requests, [], 'the internal host saw no request at all (not even robots.txt)');
  assert.ok(allowed.requests.some((r) => r.url === '/redirect'), 'the allowed host was asked');
});

function assertBare(t, what) {
  // Status and codes only: never the remote body, curl's text or the port.
  const text = JSON.stringify(t);
  for (const leak of [SECRET_PAGE, 'curl:', 'Failed to connect', 'Connection refused', 'Couldn', 'stack trace']) {
    assert.ok(!text.includes(leak), `${what}: ${leak} leaked in ${text}`);
  }
}

test('channels: a webhook, a bot base URL and the "test" action never reach an internal host', async () => {
  const agency_id = ids.agencies.tamin.id;
  // A PR manager's webhook on the internal host (http:// to a loopback host passes the transport rules;
  // the address guard refuses it at connect time).
  const hook = assertStatus(await manager.post('/api/v1/channels', { agency_id, kind: 'webhook', name: 'وب‌هوک داخلی',
    config: { url: `${internal.base}/hook` }, secret: HOOK_KEY }), 201).json;
  const t = assertStatus(await manager.post(`/api/v1/channels/${hook.id}/test`), 200).json;
  assert.equal(t.ok, false);
  assert.equal(t.error_code, 'outbound_refused');
  assert.equal(t.error_detail, 'outbound_refused');
  assert.ok(hasPersian(t.error_fa));
  assertBare(t, 'webhook on the internal host');

  // The same answer whether a port is open or not: no port scanning through "test".
  const closed = assertStatus(await manager.post('/api/v1/channels', { agency_id, kind: 'webhook', name: 'درگاه بسته',
    config: { url: 'http://127.0.0.2:9/hook' }, secret: HOOK_KEY }), 201).json;
  const tc = assertStatus(await manager.post(`/api/v1/channels/${closed.id}/test`), 200).json;
  assert.deepEqual({ ...tc, message_id: undefined }, { ...t, message_id: undefined });

  // A bot base URL on the internal host (a system admin may choose another host; the guard still holds).
  const bot = assertStatus(await admin.post('/api/v1/channels', { agency_id, kind: 'telegram', name: 'ربات داخلی',
    config: { chat_id: '@qazvin_tamin', base_url: internal.base }, secret: TOKEN }), 201).json;
  const tb = assertStatus(await manager.post(`/api/v1/channels/${bot.id}/test`), 200).json;
  assert.equal(tb.ok, false);
  assert.equal(tb.error_code, 'outbound_refused');
  assertBare(tb, 'bot on the internal host');

  // A webhook on an allowed host that answers 500 with a body: status only.
  const loud = assertStatus(await manager.post('/api/v1/channels', { agency_id, kind: 'webhook', name: 'وب‌هوک پرحرف',
    config: { url: `${allowed.base}/hook` }, secret: HOOK_KEY }), 201).json;
  const tl = assertStatus(await manager.post(`/api/v1/channels/${loud.id}/test`), 200).json;
  assert.equal(tl.ok, false);
  assert.equal(tl.error_detail, 'HTTP 500');
  assertBare(tl, 'a loud webhook');
  assert.ok(allowed.requests.some((r) => r.url === '/hook'), 'the allowed host was reached');

  assert.deepEqual(internal.requests, [], 'the internal host saw no request at all');
});

test('changing a channel\'s endpoint clears its secret: the old token never reaches the new host', async () => {
  const agency_id = ids.agencies.tamin.id;
  const attacker = await peer('127.0.0.1', () => [200, 'application/json', '{"ok":true,"result":{"message_id":1}}']);
  try {
    // Telegram: a PR manager may not move a channel off the official host at all.
    const tg = assertStatus(await admin.post('/api/v1/channels', { agency_id, kind: 'telegram', name: 'تلگرام',
      config: { chat_id: '@qazvin_tamin', base_url: `${allowed.base}` }, secret: TOKEN }), 201).json;
    await writesNothing(admin, async () => assertError(await manager.patch(`/api/v1/channels/${tg.id}`, { version: tg.version,
      config: { chat_id: '@qazvin_tamin', base_url: attacker.base } }), 403, 'official_host_only'));
    await writesNothing(admin, async () => assertError(await manager.post('/api/v1/channels', { agency_id, kind: 'bale', name: 'بله',
      config: { chat_id: '@qazvin_tamin', base_url: attacker.base }, secret: TOKEN }), 403, 'official_host_only'));
    // A system admin may, but the secret must come again with the new endpoint.
    const r = await admin.patch(`/api/v1/channels/${tg.id}`, { version: tg.version,
      config: { chat_id: '@qazvin_tamin', base_url: attacker.base } });
    assertError(r, 400, 'secret_required');
    assert.ok(hasPersian(r.json.message ?? r.json.error?.message ?? r.text));
    assertStatus(await manager.post(`/api/v1/channels/${tg.id}/test`), 200);
    // Back to the official host: also a new endpoint, also the secret again.
    await writesNothing(admin, async () => assertError(await manager.patch(`/api/v1/channels/${tg.id}`, { version: tg.version,
      config: { chat_id: '@qazvin_tamin', base_url: 'https://api.telegram.org' } }), 400, 'secret_required'));

    // Webhook: the PR manager's own channel; moving it needs the key again.
    const hook = assertStatus(await manager.post('/api/v1/channels', { agency_id, kind: 'webhook', name: 'وب‌هوک',
      config: { url: `${allowed.base}/hook/a` }, secret: HOOK_KEY }), 201).json;
    await writesNothing(admin, async () => assertError(await manager.patch(`/api/v1/channels/${hook.id}`, { version: hook.version,
      config: { url: `${attacker.base}/steal` } }), 400, 'secret_required'));
    assertStatus(await manager.post(`/api/v1/channels/${hook.id}/test`), 200);
    assert.deepEqual(attacker.requests, [], 'nothing went to the new host with the old secret');

    // With a new key it moves, and the new host gets signatures under the new key only.
    const moved = assertStatus(await manager.patch(`/api/v1/channels/${hook.id}`, { version: hook.version,
      config: { url: `${attacker.base}/steal` }, secret: 'a-brand-new-key-42' }), 200).json;
    assert.equal(moved.secret_set, true);
    assertStatus(await manager.post(`/api/v1/channels/${hook.id}/test`), 200);
    const got = attacker.requests.at(-1);
    const sig = (key) => 'sha256=' + crypto.createHmac('sha256', key).update(`${got.headers['x-pol-timestamp']}.${got.body}`).digest('hex');
    assert.equal(got.headers['x-pol-signature'], sig('a-brand-new-key-42'));
    assert.notEqual(got.headers['x-pol-signature'], sig(HOOK_KEY));
    assert.ok(!attacker.requests.some((q) => q.url.includes(TOKEN)), 'the bot token never reached the new host');
  } finally {
    await attacker.close();
  }
});

test('transport rules at save time: https for bots and webhooks, no SMTP password in the clear', async () => {
  const agency_id = ids.agencies.tamin.id;
  const list = assertStatus(await manager.post('/api/v1/press-lists', { agency_id, name: 'فهرست امنیت' }), 201).json;
  const cases = [
    [admin, { kind: 'telegram', config: { chat_id: '@qazvin_tamin', base_url: 'http://bot.example.ir' }, secret: TOKEN }, 'insecure_url'],
    [manager, { kind: 'webhook', config: { url: 'http://hooks.example.ir/x' }, secret: HOOK_KEY }, 'insecure_url'],
    [manager, { kind: 'email', config: { press_list_id: list.id, smtp_url: 'smtp://mail.example.ir:587', tls: 'tls', username: 'u', from_address: 'pr@tamin.example.ir' }, secret: 'pw' }, 'tls_requires_smtps'],
    [manager, { kind: 'email', config: { press_list_id: list.id, smtp_url: 'smtp://mail.example.ir:25', tls: 'none', username: 'u', from_address: 'pr@tamin.example.ir' }, secret: 'pw' }, 'insecure_smtp'],
  ];
  for (const [who, body, code] of cases) {
    const r = await who.post('/api/v1/channels', { agency_id, name: `کانال ${code}`, ...body });
    assertError(r, 400, code);
    assert.ok(hasPersian(r.text), code);
  }
  // Accepted: https anywhere, smtps with tls, starttls with smtp://, http:// and tls none on loopback.
  assertStatus(await manager.post('/api/v1/channels', { agency_id, name: 'وب‌هوک امن', kind: 'webhook',
    config: { url: 'https://hooks.example.ir/x' }, secret: HOOK_KEY }), 201);
  assertStatus(await manager.post('/api/v1/channels', { agency_id, name: 'رایانامهٔ امن', kind: 'email', secret: 'pw',
    config: { press_list_id: list.id, smtp_url: 'smtps://mail.example.ir:465', tls: 'tls', username: 'u', from_address: 'pr@tamin.example.ir' } }), 201);
  assertStatus(await manager.post('/api/v1/channels', { agency_id, name: 'رایانامهٔ محلی', kind: 'email',
    config: { press_list_id: list.id, smtp_url: 'smtp://127.0.0.1:2525', tls: 'none', from_address: 'pr@tamin.example.ir' } }), 201);
});

test('an invalid POL_OUTBOUND_ALLOW stops pol at start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-outbound-'));
  pol(['init', '--data', dir]);
  for (const bad of ['10.0.0.0/33', '127.0.0.1/8,intranet', '::1/129']) {
    const r = spawnSync(polBin, ['serve', '--data', dir, '--listen', '127.0.0.1:0'],
      { env: { ...process.env, POL_OUTBOUND_ALLOW: bad }, encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 2, `${bad}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr + r.stdout, /outbound_allow|POL_OUTBOUND_ALLOW/, bad);
  }
});
