// `pol demo --week` (issue 16 §3): the demo council's last seven days — a release a day from six agencies,
// each with a photo the public site serves, published on its day; the outlets' reprints found as pickups
// and other items in monitoring, dated over the week, some about nothing the council does; citizens'
// requests in every state. A second run changes nothing; plain `pol demo` does not load the week.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, pol, attachTestDatabase, dropTestDatabase, dbQuery } from './harness.mjs';
import { assertStatus, loginAs, assertNoSanitizerReports } from './lib/common.mjs';

const DAY = 86400000;
let dir, srv, admin;
const count = (table) => Number(dbQuery(dir, `SELECT COUNT(*) FROM ${table}`).trim());

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pol-week-'));
  attachTestDatabase(dir);
  pol(['init', '--data', dir]);
  pol(['demo', '--data', dir]);
  assert.equal(count('releases'), 1, 'plain `pol demo` has the founding release only');
  assert.match(pol(['demo', '--data', dir, '--week']), /هفتهٔ نمونه بارگذاری شد/);
  const tables = ['releases', 'media', 'media_items', 'pickups', 'citizen_requests', 'audit_log'];
  const first = tables.map(count);
  assert.match(pol(['demo', '--data', dir, '--week']), /هفتهٔ نمونه پیش‌تر بارگذاری شده است/);
  assert.deepEqual(tables.map(count), first, 'a second run changes nothing');
  srv = await startServer({ dataDir: dir });
  admin = await loginAs(srv, 'admin');
});
after(async () => {
  await srv?.stop();
  dropTestDatabase(dir);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a release a day from six agencies, each with a public photo, published on its day', async () => {
  const all = assertStatus(await admin.get('/api/v1/releases?per_page=100'), 200).json.items;
  const week = all.filter((r) => r.status === 'published' && r.photos?.length > 0);
  assert.equal(week.length, 6, week.map((r) => r.title).join(' | '));
  assert.equal(new Set(week.map((r) => r.agency_id)).size, 6, 'six agencies');
  const tehranDay = (ms) => Math.floor((ms + 12600000) / DAY);
  assert.equal(new Set(week.map((r) => tehranDay(r.published_at))).size, 6, 'one a day');
  for (const r of week) assert.ok(r.published_at < Date.now() && r.published_at > Date.now() - 8 * DAY, r.title);
  const photo = await fetch(srv.url(`/media/${week[0].photos[0].media_id}/large`));
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get('content-type'), 'image/jpeg');
  const home = await (await fetch(srv.url('/'))).text();
  assert.ok(week.every((r) => home.includes(r.title)), 'the public site shows the week');
});

test('monitoring: the reprints are pickups, items are about the agencies, two are not', async () => {
  const about = assertStatus(await admin.get('/api/v1/monitor/items?about=agencies&per_page=50'), 200).json;
  const everything = assertStatus(await admin.get('/api/v1/monitor/items?per_page=50'), 200).json;
  assert.ok(about.total >= 8, `items about the agencies: ${about.total}`);
  assert.equal(everything.total - about.total, 2, 'the weather and Brussels are about no agency');
  const dates = everything.items.map((i) => i.published_at);
  assert.ok(dates.every((d) => d && d < Date.now() && d > Date.now() - 8 * DAY), 'dated over the week');
  const releases = assertStatus(await admin.get('/api/v1/releases?per_page=100'), 200).json.items.filter((r) => r.photos?.length);
  let picked = 0;
  for (const r of releases) {
    const cov = assertStatus(await admin.get(`/api/v1/monitor/releases/${r.id}/coverage`), 200).json;
    if (cov.outlets.length > 0) picked++;
  }
  assert.equal(picked, 6, 'every release of the week was reprinted');
});

test('citizens\' requests in every state', async () => {
  const list = assertStatus(await admin.get('/api/v1/citizen/requests?per_page=100'), 200).json.items;
  const states = new Set(list.map((r) => r.state));
  for (const s of ['open', 'answered', 'closed', 'merged']) assert.ok(states.has(s), `a request ${s}: ${[...states]}`);
  assertNoSanitizerReports(srv);
});
