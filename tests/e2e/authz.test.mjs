// The authorization matrix: every route of the server × every role and a
// stranger, each cell with the expected HTTP status. The route list is read
// from the server's source (r.Add( in src/api/*.cc); a route missing from
// the table fails the suite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, ApiClient, DEMO_PASSWORD, repoRoot, pol } from './harness.mjs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assertStatus, assertError, loginAs, demoIds, uniq, hasPersian } from './lib/common.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';
import { makePng, upload } from './lib/images.mjs';
import {
  ROLES, WHO, admin, behzistiPhoto, channelFixture, citizenRequest, citizenSeq, clients, current,
  distChannel, distList, doneJob, doneJobId, everyone, foundingRelease, fresh, ids, mediaItem, mediaItemP,
  monitorSource, monitorSourceP, newUser, occasion, otherCouncil, photo, pressListFixture, publicAll,
  queuedDelivery, release, row, sharedCitizen, sharedCitizenRequest, srv, target, setUp, tearDown,
} from './lib/authz_fixtures.mjs';
import { MATRIX, CROSS } from './lib/authz_matrix.mjs';
import { assertAgencyListsScoped, crossFixtures } from './lib/authz_cross_agency.mjs';
import { allowedWriteAudited, isWrite, refusedWroteSomething, watched } from './lib/authz_writes.mjs';

before(setUp);
after(tearDown);

function serverRoutes() {
  const dir = path.join(repoRoot, 'src/api');
  const routes = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.cc'))) {
    const src = readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/\br\.Add\(\s*V::(\w+)\s*,\s*"([^"]+)"/g)) routes.push(`${m[1].toUpperCase().replace(/_$/, '')} ${m[2]}`);
  }
  return routes;
}

test('every route of the server is in the matrix, and every matrix route exists', () => {
  const server = serverRoutes();
  assert.ok(server.length >= 20, `found ${server.length} routes by grepping r.Add( in src/api`);
  const table = MATRIX.map((m) => m.route);
  const missing = server.filter((r) => !table.includes(r));
  assert.deepEqual(missing, [], `routes missing from the authorization matrix in tests/e2e/lib/authz_matrix.mjs:\n  ${missing.join('\n  ')}`);
  const stale = table.filter((r) => !server.includes(r));
  assert.deepEqual(stale, [], `matrix routes the server no longer has:\n  ${stale.join('\n  ')}`);
  assert.equal(new Set(table).size, table.length, 'no duplicate rows');
});

// What the refused-write checks covered, for the summary test at the end.
const covered = { refused: 0, audited: 0, checked: 0, rows: [] };

for (const m of MATRIX) {
  test(`matrix: ${m.route}`, async () => {
    const failures = [];
    const write = isWrite(m.route.split(' ')[0]);
    let allowedAudited = false, allowedCells = 0;
    for (const who of WHO) {
      // Every write the cell sends is watched: a refused one must leave the audit log as it was.
      const log = [];
      const c = watched(m.own ? await fresh(who) : clients[who], admin, log);
      const r = await m.call(c, who);
      const want = m.expect[who];
      failures.push(...refusedWroteSomething(log, `${m.route} as ${who}`));
      if (write && want < 400) {
        allowedCells++;
        allowedAudited ||= allowedWriteAudited(log);
      }
      if (write && want >= 400) {
        covered.refused++;
        if (log.some((w) => w.status >= 400)) covered.audited++;
        else failures.push(`${m.route} as ${who}: the refused cell sent no write through the watched client`);
        if (m.check) covered.checked++;
      }
      if (r.status !== want) {
        failures.push(`${m.route} as ${who}: expected ${want}, got ${r.status} ${r.text.slice(0, 200)}`);
        continue;
      }
      if (r.status < 400 && m.proof) {
        // The row's own check can fail: the allowed write did what the check looks for.
        try { await m.proof(r); } catch (e) { failures.push(`${m.route} as ${who}: ${e.message}`); }
      }
      if (r.status >= 400 && m.html) {
        // Public site pages answer errors as Persian pages, not the JSON error shape.
        if (!hasPersian(r.text)) failures.push(`${m.route} as ${who}: ${r.status} without a Persian page`);
      } else if (r.status >= 400) {
        if (!r.json?.error?.code || !hasPersian(r.json.error.message)) {
          failures.push(`${m.route} as ${who}: ${r.status} without the error shape or a Persian message: ${r.text.slice(0, 200)}`);
        }
        if (m.check) {
          try { await m.check(r); } catch (e) { failures.push(`${m.route} as ${who}: ${e.message}`); }
        }
      }
    }
    // The audit check can fail for this route: its allowed writes are audited. A route whose writes are
    // not audited says why (`unaudited`) and brings a `check` that looks at what a refusal must not change.
    if (write && allowedCells > 0 && !allowedAudited && !m.unaudited) {
      failures.push(`${m.route}: no allowed write grew the audit log, so "wrote nothing" cannot be judged by it; ` +
        'mark the row `unaudited: \'why\'` and give it a `check`');
    }
    if (write && m.unaudited && !m.check && WHO.some((w) => m.expect[w] >= 400)) {
      failures.push(`${m.route}: unaudited (${m.unaudited}) and refused somewhere, but no \`check\``);
    }
    if (write && m.unaudited && !m.proof && allowedCells > 0) {
      failures.push(`${m.route}: unaudited (${m.unaudited}), but no \`proof\` that its \`check\` can fail`);
    }
    if (write) covered.rows.push(m.route);
    // Make sure the shared clients are still logged in for the next rows.
    if (m.own) for (const w of WHO) if (ROLES[w]) clients[w] = await loginAs(srv, ROLES[w]);
    assert.deepEqual(failures, [], `authorization matrix mismatches:\n  ${failures.join('\n  ')}`);
  });
}

test('a stranger gets 401 on every session route, even with a made-up cookie and CSRF token', async () => {
  const c = new ApiClient(srv.base);
  c.cookie = 'pol_session=' + 'A'.repeat(43);
  c.csrf = 'B'.repeat(32);
  const failures = [];
  for (const m of MATRIX) {
    if (m.expect.stranger !== 401) continue;
    const log = [];
    const r = await m.call(watched(c, admin, log), 'stranger');
    failures.push(...refusedWroteSomething(log, `${m.route} as a stranger with a made-up session`));
    if (r.status !== 401) failures.push(`${m.route}: ${r.status} ${r.text.slice(0, 120)}`);
    else if (r.json?.error?.code !== 'unauthenticated') failures.push(`${m.route}: code ${r.json?.error?.code}`);
  }
  assert.deepEqual(failures, [], `expected 401 unauthenticated:\n  ${failures.join('\n  ')}`);
});

test('cross-scope cases are refused and write nothing', async () => {
  await crossFixtures();
  const before = (await current('/api/v1/audit?per_page=1')).total;
  const failures = [];
  for (const x of CROSS) {
    const log = [];
    const r = await x.call(watched(clients[x.as], admin, log));
    failures.push(...refusedWroteSomething(log, `${x.what} (as ${x.as})`));
    if (r.status !== x.expect) failures.push(`${x.what} (as ${x.as}): expected ${x.expect}, got ${r.status} ${r.text.slice(0, 200)}`);
    else if (!hasPersian(r.json?.error?.message)) failures.push(`${x.what}: no Persian error message: ${r.text.slice(0, 200)}`);
    else if (x.check) {
      try { await x.check(r); } catch (e) { failures.push(`${x.what} (as ${x.as}): ${e.message}`); }
    }
  }
  assert.deepEqual(failures, [], `cross-scope mismatches:\n  ${failures.join('\n  ')}`);
  const afterCount = (await current('/api/v1/audit?per_page=1')).total;
  assert.equal(afterCount, before, 'refused requests left no audit entries (so no writes)');
  const u = await current(`/api/v1/users/${ids.users['behzisti-editor'].id}`);
  assert.equal(u.name, ids.users['behzisti-editor'].name);
  const t = await current(`/api/v1/users/${target.id}`);
  assert.deepEqual(t.roles.map((g) => g.role), ['agency_editor']);
});

test('a second agency: tamin\'s staff list none of behzisti\'s channels, press lists, approvals or requests', async () => {
  await assertAgencyListsScoped(clients);
});

test('what each role sees: agencies and users lists are scoped', async () => {
  // Everyone in the demo council sees its agencies but not the other council's.
  for (const who of WHO.filter((w) => ROLES[w] && w !== 'system_admin')) {
    const councils = assertStatus(await clients[who].get('/api/v1/councils'), 200).json.items;
    assert.deepEqual(councils.map((c) => c.slug), ['qazvin-tkr'], `${who} sees only their council`);
  }
  const all = assertStatus(await admin.get('/api/v1/councils'), 200).json.items;
  assert.ok(all.some((c) => c.slug === 'other-council'));
  const mgrUsers = assertStatus(await clients.agency_pr_manager.get('/api/v1/users?per_page=200'), 200).json.items;
  for (const u of mgrUsers) assert.ok(u.roles.some((g) => g.agency_id === ids.agencies.tamin.id), `${u.username} is tamin staff`);
  const councilUsers = assertStatus(await clients.council_admin.get('/api/v1/users?per_page=200'), 200).json.items;
  assert.ok(!councilUsers.some((u) => u.username === 'admin'), 'the system admin is not in the council list');
});

test('a role demoted while its session is live is refused at once and writes nothing', async () => {
  const body = newUser([{ role: 'agency_pr_manager', agency_id: ids.agencies.tamin.id }]);
  const created = assertStatus(await admin.post('/api/v1/users', body), 201, 'admin creates a PR manager').json;
  const live = new ApiClient(srv.base);
  assertStatus(await live.login(body.username, body.password), 200, 'the manager logs in');
  assertStatus(await live.get('/api/v1/users'), 200, 'a PR manager lists the agency staff');
  // Demoted to editor while the session is live.
  const u = await current(`/api/v1/users/${created.id}`);
  assertStatus(await admin.patch(`/api/v1/users/${created.id}`, {
    version: u.version, roles: [{ role: 'agency_editor', agency_id: ids.agencies.tamin.id }],
  }), 200, 'admin demotes');
  const auditBefore = (await current('/api/v1/audit?per_page=1')).total;
  assertError(await live.get('/api/v1/users'), 403, 'forbidden');
  const attempt = newUser([{ role: 'agency_editor', agency_id: ids.agencies.tamin.id }]);
  assertError(await live.post('/api/v1/users', attempt), 403, 'forbidden');
  assert.equal((await current(`/api/v1/users?q=${attempt.username}`)).items.length, 0, 'the refused create wrote no user');
  assert.equal((await current('/api/v1/audit?per_page=1')).total, auditBefore, 'the refused requests left no audit entry');
  // What an editor may do still works in the same session.
  assertStatus(await live.get('/api/v1/auth/me'), 200);
});

// Runs after the matrix rows (tests run in file order): every refused write cell was watched.
test('every refused write of the matrix was checked to have written nothing', (t) => {
  assert.ok(covered.rows.length >= 60, `write routes seen: ${covered.rows.length}`);
  assert.ok(covered.refused >= 200, `refused write cells: ${covered.refused}`);
  assert.equal(covered.audited, covered.refused, 'each refused write cell sent its write through the watched client');
  t.diagnostic(`${covered.refused} refused write cells on ${covered.rows.length} write routes, each checked against the ` +
    `audit log; ${covered.checked} of them also by the row's own check`);
});
