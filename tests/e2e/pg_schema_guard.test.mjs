// A node never serves a schema newer than it knows (issue 14, "a migration half applied on another
// node"): when the database records a migration this binary does not have (a newer `pol` on another node
// migrated first), `pol serve` and `pol migrate` stop with a clear Persian/English message and a non-zero
// exit, and write nothing. Runs on both backends (e2e_pg_schema_guard on SQLite, e2e_pg_pg_schema_guard
// on PostgreSQL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attachTestDatabase, dropTestDatabase, dbQuery, freePort, pol, polBin } from './harness.mjs';

test('pol serve and pol migrate refuse a database migrated by a newer pol', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-schema-guard-'));
  try {
    attachTestDatabase(dir);
    pol(['init', '--data', dir]);
    dbQuery(dir, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (99999, 'from a newer pol', 1)");
    const before = dbQuery(dir, 'SELECT COUNT(*) FROM schema_migrations').trim();
    const port = await freePort();
    for (const args of [['serve', '--data', dir, '--listen', `127.0.0.1:${port}`], ['migrate', '--data', dir]]) {
      const r = spawnSync(polBin, args, { encoding: 'utf8', timeout: 60000, env: { ...process.env, POL_LOG_LEVEL: 'warn' } });
      assert.notEqual(r.status, 0, `pol ${args[0]} must exit non-zero: ${r.stdout}${r.stderr}`);
      assert.equal(r.signal, null, `pol ${args[0]} exits by itself`);
      const out = r.stdout + r.stderr;
      assert.match(out, /99999/, `pol ${args[0]} names the unknown migration: ${out}`);
      assert.match(out, /newer than this pol binary/, 'English');
      assert.match(out, /جدیدتر/, 'Persian');
    }
    assert.equal(dbQuery(dir, 'SELECT COUNT(*) FROM schema_migrations').trim(), before, 'nothing applied');
    // Once the newer version is gone (the newer binary's rollback), the node serves again.
    dbQuery(dir, 'DELETE FROM schema_migrations WHERE version = 99999');
    pol(['migrate', '--data', dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    dropTestDatabase(dir);
  }
});
