// The HTTP edge against a real `pol serve`: hostile request bodies and query strings get a 400 (never a
// crash or a 500), absolute URLs never come from the request's Host, /metrics answers only to allowed
// networks, and the client address behind a trusted proxy (X-Forwarded-For / Forwarded) is what the
// throttles see. Security issue #17, findings 1, 7, 16 and "Also".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { dbQuery, startServer } from './harness.mjs';
import { assertError, assertNoSanitizerReports, healthy, loginAs } from './lib/common.mjs';

let srv;

before(async () => {
  srv = await startServer();
});

after(async () => {
  if (srv) {
    assertNoSanitizerReports(srv);
    await srv.stop();
  }
});

const deep = (n) => '{"a":' + '['.repeat(n) + ']'.repeat(n) + '}';

// Finding 1: a body nested 100k deep crashed the server (recursive copy in the handlers).
test('a JSON body nested 100k deep is refused with 400 json_too_deep on every JSON route, and the server survives', async () => {
  const analyst = await loginAs(srv, 'analyst');
  const manager = await loginAs(srv, 'tamin-manager');
  const body = (field) => `{"name":"x","${field}":` + '['.repeat(100000) + ']'.repeat(100000) + '}';
  const cases = [
    [analyst, 'POST', '/api/v1/monitor/saved-searches', body('query')],
    [analyst, 'POST', '/api/v1/monitor/sources', body('selectors')],
    [manager, 'POST', '/api/v1/channels', body('config')],
    [manager, 'PATCH', '/api/v1/channels/1', body('config')],
  ];
  // Refused writes write nothing: the rows and channel 1's configuration stay as they were.
  const state = () =>
    dbQuery(srv.dataDir, 'SELECT (SELECT COUNT(*) FROM saved_searches), (SELECT COUNT(*) FROM monitor_sources), ' +
      '(SELECT COUNT(*) FROM channels), (SELECT config FROM channels WHERE id = 1), (SELECT COUNT(*) FROM audit_log)');
  const before = state();
  for (const [client, method, p, b] of cases) {
    const r = await client.request(method, p, b);
    assertError(r, 400, 'json_too_deep', `${method} ${p}`);
    await healthy(srv);
  }
  assert.equal(state(), before, 'a refused body wrote nothing');
  // 32 levels (the body, "query", 30 arrays) are accepted by the reader; 33 are not.
  const arrays = (n) => '['.repeat(n) + ']'.repeat(n);
  const ok = await analyst.request('POST', '/api/v1/monitor/saved-searches', `{"name":"deep-ok","query":{"x":${arrays(30)}}}`);
  assert.equal(ok.status, 201, ok.text);
  const tooDeep = await analyst.request('POST', '/api/v1/monitor/saved-searches', `{"name":"x","query":{"x":${arrays(31)}}}`);
  assertError(tooDeep, 400, 'json_too_deep');
  // Brackets inside strings are text, not nesting.
  const inString = await analyst.post('/api/v1/monitor/saved-searches', { name: '['.repeat(200), query: {} });
  assert.equal(inString.status, 201, inString.text);
});

test('a deep body to a public JSON route (Open311) is refused too', async () => {
  const r = await fetch(srv.url('/open311/v2/requests.json'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: deep(100000),
  });
  const text = await r.text();
  assert.equal(r.status, 400, text);
  assert.equal(JSON.parse(text).error.code, 'json_too_deep');
  await healthy(srv);
});

// "Also": analyst queries too long or too deep, and out-of-range numbers, are 400s (they were 500s).
test('analyst queries that are too deep or have too many terms answer 400 invalid_query', async () => {
  const analyst = await loginAs(srv, 'analyst');
  const search = (q) => analyst.get('/api/v1/monitor/items?q=' + encodeURIComponent(q));
  assertError(await search('('.repeat(200) + 'تهران' + ')'.repeat(200)), 400, 'invalid_query', 'deep parentheses');
  assertError(await search(Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')), 400, 'invalid_query', 'many words');
  assertError(await search(Array.from({ length: 300 }, (_, i) => `w${i}`).join(' OR ')), 400, 'invalid_query', 'many ORs');
  assertError(await search('x'.repeat(3000)), 400, 'invalid_query', 'too long');
  // Ordinary queries still work.
  for (const q of ['تهران', 'بیمه OR تأمین', '(بیمه OR تأمین) بجز درمان', '"تأمین اجتماعی" NEAR/5 بیمه',
    Array.from({ length: 20 }, (_, i) => `w${i}`).join(' OR '),
    // The worst shape within the limits (32 words, 8 levels) still parses in FTS5.
    Array.from({ length: 32 }, (_, i) => `w${i}`).join(' OR '), Array.from({ length: 32 }, (_, i) => `w${i}`).join(' '),
    Array.from({ length: 8 }, (_, i) => `(a${i} OR `).join('') + Array.from({ length: 24 }, (_, i) => `w${i}`).join(' ') + ')'.repeat(8),
    Array.from({ length: 8 }, (_, i) => `(a${i} `).join('') + Array.from({ length: 24 }, (_, i) => `-w${i}`).join(' ') + ')'.repeat(8)]) {
    const r = await search(q);
    assert.equal(r.status, 200, `${q}: ${r.text}`);
  }
});

test('out-of-range numbers in query parameters and headers answer 400', async () => {
  const analyst = await loginAs(srv, 'analyst');
  assertError(await analyst.get('/api/v1/monitor/items?from=99999999999999999999999'), 400, null, 'from');
  assertError(await analyst.get('/api/v1/monitor/items?to=99999999999999999999999'), 400, null, 'to');
  const council = await loginAs(srv, 'council');
  assertError(await council.delete('/api/v1/occasions/1', { 'if-match': '"99999999999999999999999"' }), 400, null,
    'If-Match');
  await healthy(srv);
});

// Finding 16: absolute links never come from the request's Host.
test('a request with Host: evil.example gets no evil.example in pages, feeds or the sitemap', async () => {
  const paths = ['/', '/feed.rss', '/feed.atom', '/sitemap.xml', '/robots.txt', '/agencies/tamin',
    '/agencies/tamin/feed.atom', '/search?q=x', '/news/999999'];
  // Without a public URL (a warning at start; the listen address is used) and with one.
  const bare = await startServer({ env: { POL_PUBLIC_URL: '' } });
  try {
    for (const s of [bare, srv]) {
      for (const p of paths) {
        // node's fetch will not send a forged Host; a raw request does.
        const text = await rawGet(s.port, p, { Host: 'evil.example' });
        assert.ok(!text.includes('evil.example'), `${p} echoes the Host header:\n${text.slice(0, 600)}`);
      }
      const sitemap = await rawGet(s.port, '/sitemap.xml', { Host: 'evil.example' });
      assert.ok(sitemap.includes(`<loc>${s.base}/`), `links use ${s.base}:\n${sitemap.slice(0, 600)}`);
    }
    assert.match(bare.output(), /public_url \(POL_PUBLIC_URL\) is not set/, 'pol serve warns at start');
    assert.doesNotMatch(srv.output(), /public_url \(POL_PUBLIC_URL\) is not set/);
  } finally {
    await bare.stop();
  }
});

// "Also": /metrics only from loopback and metrics_allow; behind a trusted proxy the forwarded client counts.
test('/metrics answers loopback, but 404 to a forwarded outside client and to non-allowed networks', async () => {
  const local = await fetch(srv.url('/metrics'));
  assert.equal(local.status, 200);
  assert.match(await local.text(), /pol_http_requests_total/);
  const proxied = await startServer({ env: { POL_TRUSTED_PROXIES: '127.0.0.1/32' } });
  try {
    const outside = await fetch(proxied.url('/metrics'), { headers: { 'x-forwarded-for': '203.0.113.7' } });
    assert.equal(outside.status, 404, 'a client outside, forwarded by the proxy');
    assert.ok(!(await outside.text()).includes('pol_http'), 'no metrics in the 404');
    assert.equal((await fetch(proxied.url('/metrics/'), { headers: { 'x-forwarded-for': '203.0.113.7' } })).status, 404);
    const inside = await fetch(proxied.url('/metrics'));
    assert.equal(inside.status, 200, 'the proxy host itself (loopback)');
  } finally {
    await proxied.stop();
  }
  const allowed = await startServer({ env: { POL_TRUSTED_PROXIES: '127.0.0.1/32', POL_METRICS_ALLOW: '203.0.113.0/24' } });
  try {
    const r = await fetch(allowed.url('/metrics'), { headers: { 'x-forwarded-for': '203.0.113.7' } });
    assert.equal(r.status, 200, 'an allowed network');
    const other = await fetch(allowed.url('/metrics'), { headers: { 'x-forwarded-for': '198.51.100.7' } });
    assert.equal(other.status, 404);
  } finally {
    await allowed.stop();
  }
});

// Finding 7: the login throttle (20 failures per address in 15 minutes) counts per client, not per proxy.
async function failLogins(base, n, xff) {
  let last;
  for (let i = 0; i < n; i++) {
    last = await fetch(base + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff(i) } : {}) },
      body: JSON.stringify({ login: `nobody${i}`, password: 'wrong-password' }),
    });
    await last.text();
  }
  return last.status;
}

test('X-Forwarded-For from an untrusted peer is ignored: spoofing it does not dodge the login throttle', async () => {
  const s = await startServer();
  try {
    await failLogins(s.base, 20, (i) => `198.51.100.${i + 1}`);
    assert.equal(await failLogins(s.base, 1, () => '198.51.100.200'), 429, 'every attempt counted under the peer');
  } finally {
    await s.stop();
  }
});

test('X-Forwarded-For from a trusted proxy is believed: locking out one client leaves another alone', async () => {
  const s = await startServer({ env: { POL_TRUSTED_PROXIES: '127.0.0.0/8' } });
  try {
    await failLogins(s.base, 20, () => '203.0.113.1');
    assert.equal(await failLogins(s.base, 1, () => '203.0.113.1'), 429, 'client A is throttled');
    assert.equal(await failLogins(s.base, 1, () => '203.0.113.2'), 401, 'client B is not');
    assert.equal(await failLogins(s.base, 1, () => '6.6.6.6, 203.0.113.2'), 401, 'a spoofed left entry changes nothing');
    assert.equal(await failLogins(s.base, 1, () => '203.0.113.2, 203.0.113.1'), 429, 'the rightmost entry counts');
    // IPv6 clients are grouped by /64.
    await failLogins(s.base, 20, (i) => `2001:db8:1:2::${i + 1}`);
    assert.equal(await failLogins(s.base, 1, () => '2001:db8:1:2:ffff::9'), 429, 'same /64');
    assert.equal(await failLogins(s.base, 1, () => '2001:db8:1:3::1'), 401, 'another /64');
    // The audit shows the client address, not the proxy's.
  } finally {
    await s.stop();
  }
});

function rawGet(port, p, headers) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      const lines = [`GET ${p} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close', '', ''];
      sock.write(lines.join('\r\n'));
    });
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => (data += d));
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
  });
}
