// A node killed with SIGKILL in the middle of an ingest (issue 14, "Tests": two nodes on one PostgreSQL
// database and one data folder): the monitoring fetch job the dead node held is taken over by the other
// node once its lease runs out (monitor.lease_ms, here 2 s) and finishes there; every item of the feed is
// stored once. PostgreSQL only: its own CTest entry (e2e_pg_two_node_ingest); skipped without
// POL_TEST_PG_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, pgAdminUrl, dbQuery } from './harness.mjs';
import { assertStatus, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';
import { startNewsServer } from './peers/news-server.mjs';

const PG = { skip: pgAdminUrl ? false : 'needs PostgreSQL: ctest -R e2e_pg_two_node_ingest (POL_TEST_PG_URL)' };
const LEASE_MS = 2000;
const ENV = { POL_MONITOR_LEASE_MS: String(LEASE_MS), POL_MONITOR_SCHEDULE: 'off', POL_MONITOR_HOST_INTERVAL_MS: '0',
  POL_MONITOR_FETCH_TIMEOUT_MS: '30000' };

let site, gate, a, b, dir;

// In front of the news site: /hold/rss.xml is the site's /good/rss.xml, except that while `holding` its
// requests get no answer (the fetching node is busy in the ingest); everything else passes through.
async function startGate(target) {
  const held = [];
  let holding = true;
  const server = http.createServer(async (req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    if (p === '/hold/rss.xml' && holding) {
      held.push(res);
      return;
    }
    const r = await fetch(target + (p === '/hold/rss.xml' ? '/good/rss.xml' : req.url));
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') || 'text/plain' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: (x) => `http://127.0.0.1:${server.address().port}${x}`,
    get heldCount() { return held.length; },
    release() { holding = false; },
    async close() {
      for (const r of held) r.destroy();
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
    },
  };
}

before(async () => {
  if (!pgAdminUrl) return;
  site = await startNewsServer();
  gate = await startGate(site.base);
  a = await startServer({ env: ENV });
  dir = a.dataDir;
  b = await startServer({ dataDir: dir, env: ENV });
});
after(async () => {
  // The data folder and database belong to A: stop B first (stop() sends nothing to a killed node).
  if (b) await b.stop();
  if (a) await a.stop();
  await gate?.close();
  await site?.close();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const q1 = (sql) => dbQuery(dir, sql).trim();

test('a node killed with SIGKILL mid-ingest: the other finishes the job within its lease, no item twice', PG, async () => {
  const analyst = await loginAs(a, 'analyst');
  const ids = await demoIds(await loginAs(a, 'admin'));
  const source = assertStatus(await analyst.post('/api/v1/monitor/sources', {
    council_id: ids.councilId, name: 'خوراک آزمون دو گره', url: gate.url('/hold/rss.xml'), fetch_interval_s: 900,
  }), 201).json;
  const job = assertStatus(await analyst.post(`/api/v1/monitor/sources/${source.id}/fetch`, {}), 202).json.job_id;
  await until('a node to be fetching the feed', async () => gate.heldCount >= 1, 20000);
  const owner = q1(`SELECT lease_owner FROM jobs WHERE id = ${job}`);
  const [victim, survivor] = owner.includes(`:${a.child.pid}:`) ? [a, b] : [b, a];
  assert.ok(owner.includes(`:${victim.child.pid}:`), `the job is leased by a node (${owner})`);
  victim.child.kill('SIGKILL');
  await new Promise((r) => (victim.child.exitCode !== null || victim.child.signalCode ? r() : victim.child.once('exit', r)));
  gate.release();
  const t0 = Date.now();
  await until('the job to finish on the surviving node', async () => q1(`SELECT state FROM jobs WHERE id = ${job}`) === 'done',
    3 * LEASE_MS + 20000);
  const took = Date.now() - t0;
  assert.ok(took < 3 * LEASE_MS + 20000, `finished ${took} ms after the kill`);
  // Items: every entry of the feed (20 articles) stored once.
  const [count, distinct] = q1(`SELECT COUNT(*), COUNT(DISTINCT canonical_url) FROM media_items WHERE source_id = ${source.id}`).split('|').map(Number);
  assert.equal(count, 20, 'every article of the feed arrived');
  assert.equal(distinct, count, 'no item twice');
  const onSurvivor = await loginAs(survivor, 'analyst');
  const health = assertStatus(await onSurvivor.get(`/api/v1/monitor/sources/${source.id}`), 200).json.health;
  assert.ok((health.last_fetch_at ?? 0) > 0, 'the source records its fetch');
  assertNoSanitizerReports(survivor);
});
