// A node killed with SIGKILL in the middle of an ingest (issue 14, "Tests": two nodes on one PostgreSQL
// database and one data folder): the monitoring fetch job the dead node held is taken over by the other
// node once its lease runs out (monitor.lease_ms, here 2 s) and finishes there; every item of the feed is
// stored once. The same for a one-shot `pol ingest URL`: the process holding its job is killed while it
// waits on the feed, and a `pol serve` node finishes the job within its lease (two attempts and the
// monitoring lease, like a fetch job). PostgreSQL only: its own CTest entry (e2e_pg_two_node_ingest); skipped without
// POL_TEST_PG_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { startServer, pgAdminUrl, dbQuery, polBin } from './harness.mjs';
import { assertStatus, loginAs, demoIds, assertNoSanitizerReports, until } from './lib/common.mjs';
import { startNewsServer } from './peers/news-server.mjs';

const PG = { skip: pgAdminUrl ? false : 'needs PostgreSQL: ctest -R e2e_pg_two_node_ingest (POL_TEST_PG_URL)' };
const LEASE_MS = 2000;
const ENV = { POL_MONITOR_LEASE_MS: String(LEASE_MS), POL_MONITOR_SCHEDULE: 'off', POL_MONITOR_HOST_INTERVAL_MS: '0',
  POL_MONITOR_FETCH_TIMEOUT_MS: '30000' };

let site, gate, ingestGate, a, b, dir;

// In front of the news site: `held` (/hold/rss.xml) is the site's `to` (/good/rss.xml), except that while
// `holding` its requests get no answer (the fetching node is busy in the ingest); everything else passes
// through.
async function startGate(target, held_path = '/hold/rss.xml', to = '/good/rss.xml') {
  const held = [];
  let holding = true;
  const server = http.createServer(async (req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    if (p === held_path && holding) {
      held.push(res);
      return;
    }
    const r = await fetch(target + (p === held_path ? to : req.url));
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
  ingestGate = await startGate(site.base, '/hold/feed.json', '/json/feed.json');
  a = await startServer({ env: ENV });
  dir = a.dataDir;
  b = await startServer({ dataDir: dir, env: ENV });
});
after(async () => {
  // The data folder and database belong to A: stop B first (stop() sends nothing to a killed node).
  if (b) await b.stop();
  if (a) await a.stop();
  await gate?.close();
  await ingestGate?.close();
  await site?.close();
});

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

test('`pol ingest URL` killed with SIGKILL mid-ingest: a node finishes its job within the lease, no item twice', PG, async () => {
  // The previous test killed one node; the other serves on.
  const alive = [a, b].filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  assert.ok(alive.length >= 1, 'a node is serving');
  const ingest = spawn(polBin, ['ingest', '--data', dir, '--council', 'qazvin-tkr', ingestGate.url('/hold/feed.json')], {
    env: { ...process.env, ...ENV, POL_LOG_LEVEL: 'warn', POL_OUTBOUND_ALLOW: '127.0.0.0/8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  ingest.stdout.on('data', (d) => (output += d));
  ingest.stderr.on('data', (d) => (output += d));
  const exited = new Promise((r) => ingest.once('exit', (code, sig) => r({ code, sig })));
  await until('the ingest to be waiting on the feed', async () => ingestGate.heldCount >= 1, 20000);
  const job = Number(q1("SELECT id FROM jobs WHERE kind = 'monitor.ingest' ORDER BY id DESC LIMIT 1"));
  const [attempts, max] = q1(`SELECT attempts, max_attempts FROM jobs WHERE id = ${job}`).split('|').map(Number);
  assert.equal(attempts, 1);
  assert.equal(max, 2, 'an ingest job has the attempts of a fetch job');
  const owner = q1(`SELECT lease_owner FROM jobs WHERE id = ${job}`);
  // Usually `pol ingest` itself holds the job (its pool is woken first); a node may have won the claim.
  const holder = alive.find((n) => owner.includes(`:${n.child.pid}:`));
  if (holder) holder.child.kill('SIGKILL');
  else {
    assert.ok(owner.includes(`:${ingest.pid}:`), `the job is leased by pol ingest or a node (${owner})`);
    ingest.kill('SIGKILL');
  }
  const killed = holder ? holder.child : ingest;
  await new Promise((r) => (killed.exitCode !== null || killed.signalCode ? r() : killed.once('exit', r)));
  ingestGate.release();
  const t0 = Date.now();
  await until('the ingest job to finish elsewhere', async () => q1(`SELECT state FROM jobs WHERE id = ${job}`) === 'done',
    3 * LEASE_MS + 20000);
  const [count, distinct] = q1("SELECT COUNT(*), COUNT(DISTINCT canonical_url) FROM media_items WHERE canonical_url LIKE '%/json/news/%'")
    .split('|').map(Number);
  assert.ok(count >= 1, `the feed's items arrived (${count}), ${Date.now() - t0} ms after the kill`);
  assert.equal(distinct, count, 'no item twice');
  if (holder) {
    const { code } = await exited; // pol ingest saw its job done by itself (the node held it first)
    assert.equal(code, 0, output);
  } else {
    const survivor = alive[0];
    assertNoSanitizerReports(survivor);
  }
});
