// `pol migrate-db --from DATA_DIR --to postgresql://…` (issue 14 §6): the demo council's SQLite folder
// copied into PostgreSQL answers the same — releases, monitored items, citizens' requests, media files,
// search — when served from PostgreSQL with the same data folder; a second run is a no-op (resumable);
// bad arguments and an unreachable server stop it with a message and a non-zero exit.
// PostgreSQL only: its own CTest entry (e2e_pg_pg_migrate_db); skipped without POL_TEST_PG_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgAdminUrl, pol, polBin, startServer } from './harness.mjs';
import { assertStatus, loginAs, demoIds } from './lib/common.mjs';
import { solveChallenge } from './lib/citizen.mjs';
import { makePng, upload } from './lib/images.mjs';

const PG = { skip: pgAdminUrl ? false : 'needs PostgreSQL: ctest -R e2e_pg_pg_migrate_db (POL_TEST_PG_URL)' };

async function snapshot(srv) {
  const admin = await loginAs(srv, 'admin');
  const ids = await demoIds(admin);
  const analyst = await loginAs(srv, 'council');
  const releases = assertStatus(await admin.get('/api/v1/releases?per_page=100'), 200).json;
  const items = assertStatus(await analyst.get(`/api/v1/monitor/items?council_id=${ids.councilId}&per_page=1`), 200).json;
  const hits = assertStatus(await analyst.get(`/api/v1/monitor/items?q=${encodeURIComponent('بیمه')}&per_page=100`), 200).json;
  const site = await fetch(`${srv.base}/search?q=${encodeURIComponent('بیمه')}`).then((r) => r.text());
  const links = [...site.matchAll(/href="([^"]*\/news\/[^"]*)"/g)].map((m) => m[1].replace(/^https?:\/\/[^/]+/, '')).sort();
  return {
    releases: (releases.items || []).map((r) => `${r.id} ${r.title} ${r.status}`).sort(),
    items: items.total ?? items.items?.length,
    hits: (hits.items || []).map((i) => i.id).sort((a, b) => a - b),
    links,
  };
}

test('a demo folder moves to PostgreSQL with one command and answers the same', PG, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-migrate-db-'));
  const name = `pol_e2e_migrate_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = (sql) => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', pgAdminUrl, '-c', sql], { stdio: 'pipe' });
  const url = pgAdminUrl.replace(/\/[^/?]*(\?.*)?$/, (_m, q) => `/${name}${q || ''}`);
  admin(`CREATE DATABASE ${name}`);
  try {
    pol(['init', '--data', dir]);
    pol(['demo', '--data', dir]);
    const shared = process.env.POL_SHARED_DIR || path.resolve(import.meta.dirname, '../../../shared');
    // Monitored items: the first 150 of the shared sample (all 600 make the run minutes longer).
    const sample = path.join(dir, 'sample.jsonl');
    writeFileSync(sample, readFileSync(path.join(shared, 'data/news/fars-news-sample.jsonl'), 'utf8').split('\n').slice(0, 150).join('\n') + '\n');
    pol(['ingest', '--data', dir, sample]);
    let srv = await startServer({ dataDir: dir });
    // Files the rows name: a media item and a citizen's attachment.
    const editor = await loginAs(srv, 'tamin-manager');
    const ids0 = await demoIds(await loginAs(srv, 'admin'));
    assertStatus(await upload(editor, ids0.agencies.tamin.id, makePng(64, 48)), 201, 'a media item');
    const fd = new FormData();
    const form = await fetch(`${srv.base}/citizen`).then((r) => r.text());
    for (const [k, v] of Object.entries({ type: 'question', subject: 'پیوست', text: 'پرسش با پیوست برای انتقال پایگاه داده',
      name: 'آزمون انتقال', agency: 'tamin', mobile: '09361234567', ...solveChallenge(form) })) fd.append(k, v);
    fd.append('attachments', new Blob([makePng(8, 8)], { type: 'image/png' }), 'رسید.png');
    const filed = await fetch(`${srv.base}/citizen/requests`, { method: 'POST', body: fd, redirect: 'manual' });
    assert.equal(filed.status, 303, 'a request with an attachment');
    const before = await snapshot(srv);
    await srv.stop();
    assert.ok(before.releases.length > 0 && before.items >= 100 && before.hits.length > 0,
      `the demo has releases, monitored items and search hits: ${JSON.stringify({ r: before.releases.length, i: before.items, h: before.hits.length })}`);

    const out = pol(['migrate-db', '--from', dir, '--to', url]);
    assert.match(out, /counts and checksums match/);
    assert.match(out, /releases\s+\d+ rows/);
    const again = pol(['migrate-db', '--from', dir, '--to', url]);
    const lines = again.split('\n').filter((l) => / rows /.test(l));
    assert.ok(lines.length > 10 && lines.every((l) => l.endsWith('already copied')), `a second run copies nothing:\n${again}`);
    // Every file the rows name is in the data folder the PostgreSQL deployment serves; a missing one stops it.
    assert.match(out, /1 media items and 1 attachments: every file is in/);
    const [attachment] = readdirSync(path.join(dir, 'citizen-attachments'));
    const file = path.join(dir, 'citizen-attachments', attachment);
    renameSync(file, `${file}.away`);
    const missing = spawnSync(polBin, ['migrate-db', '--from', dir, '--to', url], { encoding: 'utf8', timeout: 120000 });
    renameSync(`${file}.away`, file);
    assert.notEqual(missing.status, 0, 'a missing file is an error');
    assert.match(missing.stdout, new RegExp(`MISSING .*citizen-attachments/${attachment}`));
    assert.match(missing.stderr + missing.stdout, /missing_files|پرونده/);

    srv = await startServer({ dataDir: dir, env: { POL_DB: url } });
    try {
      const after = await snapshot(srv);
      assert.deepEqual(after, before, 'the same answers from PostgreSQL');
      // New rows continue after the copied ids.
      const mgr = await loginAs(srv, 'tamin-manager');
      const ids = await demoIds(await loginAs(srv, 'admin'));
      const r = assertStatus(await mgr.post('/api/v1/releases', { agency_id: ids.agencies.tamin.id, title: 'خبر پس از انتقال' }), 201).json;
      assert.ok(before.releases.every((x) => Number(x.split(' ')[0]) < r.id), 'a fresh id');
    } finally {
      await srv.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    try { admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } catch {}
  }
});

test('pol migrate-db refuses bad arguments and an unreachable server', PG, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-migrate-db-bad-'));
  try {
    pol(['init', '--data', dir]);
    for (const args of [[], ['--from', dir], ['--from', dir, '--to', '/tmp/x.db'], ['--from', path.join(dir, 'nope'), '--to', 'postgresql://x@127.0.0.1:1/x'],
      ['--from', dir, '--to', 'postgresql://pol@127.0.0.1:1/nothing?connect_timeout=2']]) {
      const r = spawnSync(polBin, ['migrate-db', ...args], { encoding: 'utf8', timeout: 60000 });
      assert.notEqual(r.status, 0, `migrate-db ${args.join(' ')}`);
      assert.ok((r.stderr + r.stdout).trim().length > 0, 'says why');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
