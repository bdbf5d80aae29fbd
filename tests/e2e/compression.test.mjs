// Compression and the public site's small things, against a real `pol serve`: brotli/gzip negotiated
// with Vary and ETags that revalidate to 304, console assets sent pre-compressed, nothing compressed
// that carries the session's CSRF token or sets a cookie, /favicon.ico, a Persian HTML 404 for unknown
// public paths (JSON for the API), the link to the citizens' portal and the article's JSON-LD.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, ApiClient } from './harness.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
  assertNoSanitizerReports(srv);
});

// A raw GET (node's fetch would decode the body itself): status, headers and the bytes as sent.
function raw(p, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(srv.url(p), { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

test('the portal page is sent with brotli or gzip, as asked, and revalidates', async () => {
  const plain = await raw('/');
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.match(plain.headers.vary ?? '', /Accept-Encoding/);
  const br = await raw('/', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.match(br.headers.vary ?? '', /Accept-Encoding/);
  assert.ok(br.body.length < plain.body.length / 2, `${br.body.length} < ${plain.body.length} / 2`);
  assert.equal(brotliDecompressSync(br.body).toString(), plain.body.toString());
  const gz = await raw('/', { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.body).toString(), plain.body.toString());
  assert.notEqual(br.headers.etag, plain.headers.etag, 'each representation has its own tag');
  const again = await raw('/', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.headers.etag, br.headers.etag);
  const plainAgain = await raw('/', { 'if-none-match': plain.headers.etag });
  assert.equal(plainAgain.status, 304);
});

test('console assets go out pre-compressed; small and binary answers are left alone', async () => {
  const index = await raw('/console/', { 'accept-encoding': 'br' });
  assert.equal(index.status, 200);
  const script = index.body.toString().match(/src="(\/console\/assets\/index-[^"]+\.js)"/)?.[1];
  assert.ok(script, 'the console names its entry script');
  const js = await raw(script, { 'accept-encoding': 'br, gzip' });
  assert.equal(js.status, 200);
  assert.equal(js.headers['content-encoding'], 'br');
  assert.match(js.headers['cache-control'], /immutable/);
  const identity = await raw(script);
  assert.equal(brotliDecompressSync(js.body).length, identity.body.length);
  assert.equal((await raw(script, { 'accept-encoding': 'br', 'if-none-match': js.headers.etag })).status, 304);
  const health = await raw('/healthz', { 'accept-encoding': 'br' });
  assert.equal(health.headers['content-encoding'], undefined, 'a tiny body is not worth it');
  const font = index.body.toString().includes('woff2') ? null : await raw('/favicon.ico', { 'accept-encoding': 'br' });
  if (font) assert.equal(font.headers['content-encoding'], undefined, 'an image is sent as it is');
});

test('answers that carry the CSRF token or set the session cookie are never compressed', async () => {
  const c = new ApiClient(srv.base);
  const login = await fetch(srv.url('/api/v1/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'br, gzip' },
    body: JSON.stringify({ login: 'admin', password: 'demo1405' }),
  });
  assert.equal(login.status, 200);
  assert.equal(login.headers.get('content-encoding'), null);
  const r = await c.login('admin');
  assert.equal(r.status, 200);
  const me = await raw('/api/v1/auth/me', { cookie: c.cookie, 'accept-encoding': 'br, gzip' });
  assert.equal(me.status, 200);
  assert.ok(me.body.toString().includes(c.csrf), 'the answer carries the token');
  assert.equal(me.headers['content-encoding'], undefined);
  // The same session's other answers are compressed (the rule is about the token, not the session).
  const list = await raw('/api/v1/agencies?per_page=100', { cookie: c.cookie, 'accept-encoding': 'br' });
  assert.equal(list.status, 200);
  assert.equal(list.headers['content-encoding'], 'br', `a list of ${list.body.length} bytes as sent`);
  assert.ok(JSON.parse(brotliDecompressSync(list.body).toString()).items.length > 0);
});

test('/favicon.ico is an icon; unknown public paths get the Persian 404 page, API paths JSON', async () => {
  const icon = await raw('/favicon.ico');
  assert.equal(icon.status, 200);
  assert.equal(icon.headers['content-type'], 'image/x-icon');
  assert.deepEqual([...icon.body.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
  const page = await raw('/no/such/page');
  assert.equal(page.status, 404);
  assert.match(page.headers['content-type'], /text\/html/);
  assert.ok(page.body.toString().includes('پیدا نشد'));
  assert.ok(page.body.toString().includes('lang="fa"'));
  const api = await raw('/api/v1/no-such-thing');
  assert.equal(api.status, 404);
  assert.match(api.headers['content-type'], /json/);
  assert.equal(JSON.parse(api.body.toString()).error.code, 'not_found');
});

test('the news site links to the citizens\' portal', async () => {
  const home = (await raw('/')).body.toString();
  assert.match(home, /<a class="portal" href="\/citizen">ثبت درخواست \/ پیگیری<\/a>/);
  const portal = await raw('/citizen');
  assert.equal(portal.status, 200);
});
