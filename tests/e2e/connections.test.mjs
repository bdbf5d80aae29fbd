// Holding connections open must not take the server down (security issue #17, finding 8): a cap on
// concurrent connections (503 over it), a header timeout for slow clients, and an accept loop that
// backs off instead of spinning when the process runs out of file descriptors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { startServer } from './harness.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function connect(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

// Sends a request on a fresh connection; resolves with what came back (and whether it was cut).
function exchange(port, request, timeoutMs = 5000) {
  return new Promise((resolve) => {
    let data = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    s.setEncoding('utf8');
    const timer = setTimeout(() => { s.destroy(); resolve({ data, timedOut: true }); }, timeoutMs);
    s.on('data', (d) => (data += d));
    const done = (error) => { clearTimeout(timer); resolve({ data, error }); };
    s.on('close', () => done());
    s.on('error', (e) => done(e));
  });
}

const GET = (p) => `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;

test('over max_connections a new connection gets 503 and is closed; once the idle ones go, it serves again', async () => {
  const srv = await startServer({ env: { POL_MAX_CONNECTIONS: '8' } });
  try {
    const idle = [];
    for (let i = 0; i < 8; i++) idle.push(await connect(srv.port));
    await sleep(200);
    const refused = await exchange(srv.port, GET('/healthz'));
    assert.ok(!refused.data.includes('200 OK'), `served over the cap: ${refused.data}`);
    assert.ok(!refused.timedOut, 'closed at once, not left hanging');
    if (refused.data) assert.match(refused.data, /^HTTP\/1\.1 503/, refused.data);
    for (const s of idle) s.destroy();
    await sleep(300);
    const ok = await exchange(srv.port, GET('/healthz'));
    assert.match(ok.data, /^HTTP\/1\.1 200/, ok.data);
    assertNoSanitizerReports(srv);
  } finally {
    await srv.stop();
  }
});

test('a client that drips its header is cut after header_timeout_ms; an idle keep-alive connection is not', async () => {
  const srv = await startServer({ env: { POL_HEADER_TIMEOUT_MS: '1000' } });
  try {
    const s = await connect(srv.port);
    const t0 = Date.now();
    const closed = new Promise((r) => s.on('close', r));
    s.on('error', () => {});
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => { if (!s.destroyed) s.write('X-Slow: 1\r\n'); }, 250);
    const which = await Promise.race([closed.then(() => 'closed'), sleep(6000).then(() => 'open')]);
    clearInterval(drip);
    s.destroy();
    assert.equal(which, 'closed', 'the slow header was not cut within 6 s');
    assert.ok(Date.now() - t0 < 4000, `cut after ${Date.now() - t0} ms`);

    // Keep-alive: a pause longer than the header timeout between two requests is fine.
    const k = await connect(srv.port);
    let got = '';
    k.setEncoding('utf8');
    k.on('data', (d) => (got += d));
    k.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await sleep(1500);
    k.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await new Promise((r) => k.on('close', r));
    assert.equal(got.match(/HTTP\/1\.1 200/g)?.length, 2, got);
    assertNoSanitizerReports(srv);
  } finally {
    await srv.stop();
  }
});

// CPU time (user + system, clock ticks) of a process, from /proc/PID/stat.
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

test('out of file descriptors (EMFILE) the accept loop backs off instead of spinning, and recovers', async () => {
  // Info level: the access log formats a line per request, so the logger's code has run (and the
  // sanitizer's type checks are cached) before no descriptor is left.
  const srv = await startServer({ env: { POL_LOG_LEVEL: 'info' } });
  const pid = srv.child.pid;
  const held = [];
  try {
    // Let the start-up work settle first (the periodic tasks run once at start; under the sanitizers a
    // first-time type check needs a spare descriptor, so nothing new should run while none is left).
    for (const p of ['/', '/feed.rss', '/citizen']) await (await fetch(srv.url(p))).text();
    for (let i = 0, quiet = 0; i < 40 && quiet < 2; i++) {
      const t = cpuTicks(pid);
      await sleep(500);
      quiet = cpuTicks(pid) - t < 5 ? quiet + 1 : 0;
    }
    // Leave the process a few descriptors, then use them up with idle connections.
    const used = readdirSync(`/proc/${pid}/fd`).length;
    execFileSync('prlimit', [`--pid=${pid}`, `--nofile=${used + 4}:`]);
    for (let i = 0; i < 12; i++) held.push(await connect(srv.port));
    await sleep(500);
    const before = cpuTicks(pid);
    await sleep(3000);
    const spent = cpuTicks(pid) - before;
    // A spinning accept loop burns ~100 ticks a second; backing off, almost nothing.
    assert.ok(spent < 60, `${spent} clock ticks of CPU in 3 s at the descriptor limit`);
    for (const s of held) s.destroy();
    held.length = 0;
    execFileSync('prlimit', [`--pid=${pid}`, `--nofile=${used + 64}:`]);
    let ok;
    for (let i = 0; i < 30 && !ok?.data.startsWith('HTTP/1.1 200'); i++) {
      await sleep(200);
      ok = await exchange(srv.port, GET('/healthz'), 3000);
    }
    assert.match(ok.data, /^HTTP\/1\.1 200/, 'serves again once descriptors are free');
    assert.match(srv.output(), /accept failed \d+ times \(Too many open files\)/, 'logged once it is over');
    assertNoSanitizerReports(srv);
  } catch (e) {
    e.message += `\npol serve output:\n${srv.output().slice(-3000)}`;
    throw e;
  } finally {
    for (const s of held) s.destroy();
    await srv.stop();
  }
});
