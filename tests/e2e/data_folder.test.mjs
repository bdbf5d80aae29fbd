// The data folder is private to Pol's user (issue 17, finding 18): the folder and every folder in it
// 0700, every file 0600 — the database and its -wal/-shm, the channel key, media, citizens'
// attachments — whatever the umask pol was started with; `pol init` tightens a folder made before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgAdminUrl, pol, startServer } from './harness.mjs';
import { assertStatus, demoIds, loginAs, assertNoSanitizerReports } from './lib/common.mjs';
import { makePng, upload } from './lib/images.mjs';
import { assertPrivate, submitWithAttachment, walk } from './lib/data_folder.mjs';

// pol must not depend on the umask it inherits: the tests run its commands under a permissive one.
process.umask(0o022);

test('a served and used data folder has nothing others can read', async () => {
  const srv = await startServer({ env: { POL_SMS_PROVIDER: 'log', POL_CITIZEN_RATE_LIMITS: 'off' } });
  try {
    const admin = await loginAs(srv, 'admin');
    const ids = await demoIds(admin);
    const editor = await loginAs(srv, 'tamin-editor');
    assertStatus(await upload(editor, ids.agencies.tamin.id, makePng(300, 200)), 201, 'media upload');
    await submitWithAttachment(srv, makePng(40, 30));
    const paths = assertPrivate(srv.dataDir, 'while serving');
    // On PostgreSQL (harness.mjs) the database is on the server; the folder keeps the files.
    const database = pgAdminUrl ? [] : ['pol.db', 'pol.db-wal', 'pol.db-shm'];
    for (const expected of [...database, 'distribution.key', 'media', 'citizen-attachments']) {
      assert.ok(paths.includes(expected), `${expected} is there (${paths.join(', ')})`);
    }
    assert.ok(paths.some((p) => p.startsWith('media/') && p.endsWith('/original.png')), 'a media original');
    assert.ok(paths.some((p) => /^citizen-attachments\/[0-9a-f]{64}$/.test(p)), 'an attachment');
  } finally {
    await srv.stop({ keepData: true });
    assertNoSanitizerReports(srv);
  }
  assertPrivate(srv.dataDir, 'after a clean stop');
  rmSync(srv.dataDir, { recursive: true, force: true });
});

test('pol init creates the folder 0700 and tightens one made loose', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'pol-modes-'));
  try {
    const dir = path.join(parent, 'data');
    pol(['init', '--data', dir]);
    assertPrivate(dir, 'a fresh pol init');
    // A folder from an older pol (or copied by hand): world-readable everywhere.
    for (const e of walk(dir)) chmodSync(path.join(dir, e.rel), e.dir ? 0o755 : 0o644);
    const out = pol(['init', '--data', dir]);
    assert.match(out, /0700/, 'init says what it tightened');
    assertPrivate(dir, 'pol init on a loose folder');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
