// Backups (issue 17, "Also"): `pol backup` taken while `pol serve` is under write load, restored with
// `pol restore` into a fresh folder and served again, has every write acknowledged before the backup
// started, with its media files; the restored folder is private (0700/0600). A damaged backup, a
// non-empty target and a used backup folder are refused with Persian messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgAdminUrl, pol, polBin, startServer } from './harness.mjs';
import { assertStatus, demoIds, loginAs, assertNoSanitizerReports } from './lib/common.mjs';
import { makePng, upload } from './lib/images.mjs';
import { assertPrivate, submitWithAttachment } from './lib/data_folder.mjs';

process.umask(0o022);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(polBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

// Keeps uploading photos and creating releases that use them, recording when each was acknowledged.
function startWriter(editor, agencyId, log) {
  let stop = false;
  const loop = (async () => {
    for (let i = 0; !stop; i++) {
      const m = await upload(editor, agencyId, makePng(64 + (i % 40), 48));
      if (m.status !== 201) throw new Error(`upload: ${m.status} ${m.text}`);
      log.media.push({ id: m.json.id, at: Date.now() });
      const title = `خبر بار ${i}`;
      const r = await editor.post('/api/v1/releases', {
        agency_id: agencyId, title, body_html: `<p>متن ${i}</p>`, photos: [{ media_id: m.json.id, caption: '' }],
      });
      if (r.status !== 201) throw new Error(`release: ${r.status} ${r.text}`);
      log.releases.push({ id: r.json.id, title, media: m.json.id, at: Date.now() });
    }
  })();
  return async () => { stop = true; await loop; };
}

// `pol backup` and `pol restore` are SQLite's (docs/postgresql.md: PostgreSQL is backed up with pg_dump/PITR):
// on PostgreSQL the command refuses with backend_not_supported and writes nothing.
if (pgAdminUrl) {
  test('on PostgreSQL, pol backup refuses with backend_not_supported and leaves no backup', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'pol-backup-'));
    const srv = await startServer({});
    try {
      const target = path.join(work, 'backup');
      const b = await run(['backup', '--data', srv.dataDir, target]);
      assert.notEqual(b.code, 0, b.out);
      assert.match(b.out, /backend_not_supported|پشتیبان/);
      assert.ok(!existsSync(path.join(target, 'MANIFEST')), 'a MANIFEST was written');
    } finally {
      await srv.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });
}

(pgAdminUrl ? () => {} : test)('a backup taken under write load restores every acknowledged write', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'pol-backup-'));
  const srv = await startServer({ env: { POL_SMS_PROVIDER: 'log', POL_CITIZEN_RATE_LIMITS: 'off' } });
  let restored;
  try {
    const admin = await loginAs(srv, 'admin');
    const ids = await demoIds(admin);
    const tamin = ids.agencies.tamin.id;
    const attachment = makePng(40, 30);
    await submitWithAttachment(srv, attachment);
    const log = { media: [], releases: [] };
    const writers = [
      startWriter(await loginAs(srv, 'tamin-editor'), tamin, log),
      startWriter(await loginAs(srv, 'behzisti-editor'), ids.agencies.behzisti.id, log),
    ];
    await sleep(1500);

    const backupDir = path.join(work, 'backup');
    const started = Date.now();
    const during = log.releases.length;
    const b = await run(['backup', '--data', srv.dataDir, backupDir]);
    const ended = Date.now();
    await sleep(300);
    for (const stop of writers) await stop();
    assert.equal(b.code, 0, b.out);
    assert.match(b.out, /پشتیبان کامل شد/);
    const before = log.releases.filter((r) => r.at < started);
    assert.ok(before.length >= 5, `writes before the backup: ${before.length}`);
    assert.ok(log.releases.length > during, 'the writers went on during and after the backup');
    assertPrivate(backupDir, 'the backup');
    const manifest = readFileSync(path.join(backupDir, 'MANIFEST'), 'utf8');
    assert.match(manifest, /^pol-backup 1\n/);
    assert.match(manifest, /\nend \d+\n$/);
    await srv.stop({ keepData: true });

    // A used target is refused.
    const again = await run(['backup', '--data', srv.dataDir, backupDir]);
    assert.notEqual(again.code, 0);
    assert.match(again.out, /خالی/);

    const fresh = path.join(work, 'restored');
    const r = await run(['restore', backupDir, '--data', fresh]);
    assert.equal(r.code, 0, r.out);
    assertPrivate(fresh, 'the restored folder');
    const sha = (await import('node:crypto')).createHash('sha256').update(attachment).digest('hex');
    assert.deepEqual(readFileSync(path.join(fresh, 'citizen-attachments', sha)), attachment, 'the attachment');

    restored = await startServer({ dataDir: fresh });
    const editor = await loginAs(restored, 'tamin-editor');
    const other = await loginAs(restored, 'behzisti-editor');
    const get = async (p) => (await editor.get(p)).status === 200 ? editor.get(p) : other.get(p);
    for (const w of before) {
      const rel = assertStatus(await get(`/api/v1/releases/${w.id}`), 200, `release ${w.id} acknowledged before the backup`).json;
      assert.equal(rel.title, w.title);
      assert.deepEqual(rel.photos.map((p) => p.media_id), [w.media]);
    }
    for (const m of log.media.filter((x) => x.at < started)) {
      assertStatus(await get(`/api/v1/media/${m.id}`), 200, `media ${m.id} acknowledged before the backup`);
    }
    // Every release in the restored database has its photo files, including ones written during the backup.
    let found = 0;
    for (const w of log.releases) {
      const rel = await get(`/api/v1/releases/${w.id}`);
      if (rel.status !== 200) {
        assert.ok(w.at > started, `release ${w.id} is missing but was acknowledged before the backup`);
        continue;
      }
      found++;
      for (const p of rel.json.photos) {
        for (const variant of ['large', 'thumb']) {
          const client = (await editor.get(`/api/v1/media/${p.media_id}`)).status === 200 ? editor : other;
          const f = await fetch(restored.url(`/media/${p.media_id}/${variant}`), { headers: { cookie: client.cookie } });
          assert.equal(f.status, 200, `media ${p.media_id} ${variant} of release ${w.id}`);
        }
      }
    }
    assert.ok(found >= before.length);
    const ready = await fetch(restored.url('/readyz'));
    assert.equal(ready.status, 200);
    console.log(`# ${before.length} releases before the backup, ${found} restored of ${log.releases.length}; backup took ${ended - started} ms`);
  } finally {
    await srv.stop();
    if (restored) {
      await restored.stop();
      assertNoSanitizerReports(restored);
    }
    assertNoSanitizerReports(srv);
    rmSync(work, { recursive: true, force: true });
    rmSync(srv.dataDir, { recursive: true, force: true });
  }
});

test('restore refuses a non-empty folder without --force and a damaged backup; --force keeps the old folder', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'pol-restore-'));
  try {
    const data = path.join(work, 'data');
    pol(['init', '--data', data]);
    pol(['demo', '--data', data]);
    const srv = await startServer({ dataDir: data });
    const editor = await loginAs(srv, 'tamin-editor');
    const tamin = (await demoIds(await loginAs(srv, 'admin'))).agencies.tamin.id;
    assertStatus(await upload(editor, tamin, makePng(200, 100)), 201);
    await srv.stop();
    const backup = path.join(work, 'backup');
    pol(['backup', '--data', data, backup]);

    // Not empty, no --force: refused, the folder untouched.
    const target = path.join(work, 'target');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep.txt'), 'mine');
    let r = await run(['restore', backup, '--data', target]);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /خالی نیست/);
    assert.deepEqual(readdirSync(target), ['keep.txt']);

    // A damaged copy (one media byte changed): refused, nothing changed.
    const damaged = path.join(work, 'damaged');
    cpSync(backup, damaged, { recursive: true });
    const manifest = readFileSync(path.join(damaged, 'MANIFEST'), 'utf8');
    const media = manifest.split('\n').find((l) => l.includes(' media/')).split(' ').slice(3).join(' ');
    const bytes = readFileSync(path.join(damaged, media));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(path.join(damaged, media), bytes);
    r = await run(['restore', damaged, '--data', path.join(work, 'fresh')]);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /آسیب/);
    assert.ok(!readdirSync(work).includes('fresh'), 'no half-restored folder');
    assert.ok(!readdirSync(work).some((n) => n.includes('.restore-')), 'no staging left behind');
    // Without a manifest it is not a backup at all.
    rmSync(path.join(damaged, 'MANIFEST'));
    r = await run(['restore', damaged, '--data', path.join(work, 'fresh')]);
    assert.notEqual(r.code, 0);

    // --force: restored, the old folder kept beside it.
    r = await run(['restore', backup, '--data', target, '--force']);
    assert.equal(r.code, 0, r.out);
    assertPrivate(target, 'restored with --force');
    const kept = readdirSync(work).find((n) => n.startsWith('target.before-restore-'));
    assert.ok(kept, 'the old folder is kept');
    assert.deepEqual(readFileSync(path.join(work, kept, 'keep.txt'), 'utf8'), 'mine');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
