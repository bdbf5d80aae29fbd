// The monitoring feed without the noise (issue 16 §3): `about=agencies` keeps only items that mention one
// of the council's agencies (the console's default), `about=all` (or nothing) is every imported item; a
// Jalali date range bounds it by day; the pickup-rate months are Jalali with a Persian name; a source is
// edited, disabled and removed — but not one that items came from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, pol, dbQuery } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';
import { writesNothing } from './lib/authz_writes.mjs';

let srv, admin, analyst, manager, ids, dir;

const ITEMS = [
  { title: 'افزایش مستمری بیمه‌شدگان سازمان تأمین اجتماعی در قزوین', abstract: 'مدیرکل سازمان تأمین اجتماعی استان از افزایش مستمری‌ها خبر داد.',
    paragraphs: ['مستمری بیمه‌شدگان از ماه آینده افزایش می‌یابد.'], link: 'https://news.example.ir/n/1' },
  { title: 'نشست سران اروپا در بروکسل برگزار شد', abstract: 'سران کشورهای اروپایی دربارهٔ انرژی گفت‌وگو کردند.',
    paragraphs: ['این نشست دو روز به طول انجامید.'], link: 'https://news.example.ir/n/2' },
  { title: 'گسترش طرح اشتغال روستایی در تاکستان', abstract: 'طرح اشتغال روستایی امسال به صد روستا می‌رسد.',
    paragraphs: ['اداره کل تعاون، کار و رفاه اجتماعی استان قزوین این طرح را اجرا می‌کند.'], link: 'https://news.example.ir/n/3' },
];

// Today's Jalali date in Tehran as "1405/9/14" (Latin digits; the API reads any digits).
function jalaliToday(offsetDays = 0) {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(Date.now() + offsetDays * 86400000));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}/${get('month')}/${get('day')}`;
}

before(async () => {
  srv = await startServer({ env: { POL_MONITOR_SCHEDULE: '0' } });
  admin = await loginAs(srv, 'admin');
  analyst = await loginAs(srv, 'analyst');
  manager = await loginAs(srv, 'tamin-manager');
  ids = await demoIds(admin);
  dir = mkdtempSync(path.join(tmpdir(), 'pol-feed-'));
  const file = path.join(dir, 'items.jsonl');
  writeFileSync(file, ITEMS.map((x) => JSON.stringify({ ...x, cat: 'اجتماعی', subcat: '', tags: [] })).join('\n') + '\n');
  pol(['ingest', '--data', srv.dataDir, file]);
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const titles = (r) => r.json.items.map((x) => x.title).sort();

test('about=agencies keeps the items about the agencies; all (the API default) keeps everything', async () => {
  const base = `/api/v1/monitor/items?council_id=${ids.councilId}&per_page=50`;
  const all = assertStatus(await analyst.get(base), 200);
  assert.equal(all.json.total, 3);
  assert.deepEqual(titles(assertStatus(await analyst.get(`${base}&about=all`), 200)), titles(all));
  const about = assertStatus(await analyst.get(`${base}&about=agencies`), 200);
  assert.equal(about.json.total, 2);
  assert.deepEqual(titles(about), [ITEMS[0].title, ITEMS[2].title].sort());
  // With a search too: the international item matches «نشست» but is not about an agency.
  assert.equal(assertStatus(await analyst.get(`${base}&q=${encodeURIComponent('نشست')}`), 200).json.total, 1);
  assert.equal(assertStatus(await analyst.get(`${base}&q=${encodeURIComponent('نشست')}&about=agencies`), 200).json.total, 0);
  // Agency staff see their agency's items in either mode.
  const mine = assertStatus(await manager.get('/api/v1/monitor/items?about=agencies'), 200);
  assert.deepEqual(titles(mine), [ITEMS[0].title]);
  assert.equal(assertError(await analyst.get(`${base}&about=everything`), 400, 'invalid_field').field, 'about');
});

test('a Jalali date range bounds the feed by Tehran day (start and end both inclusive)', async () => {
  const base = `/api/v1/monitor/items?council_id=${ids.councilId}&about=agencies`;
  const today = jalaliToday();
  const q = (from, to) => `${base}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  assert.equal(assertStatus(await analyst.get(q(today, today)), 200).json.total, 2, 'today..today holds today');
  assert.equal(assertStatus(await analyst.get(q(jalaliToday(-7), jalaliToday(-1))), 200).json.total, 0, 'last week');
  assert.equal(assertStatus(await analyst.get(q(jalaliToday(1), jalaliToday(3))), 200).json.total, 0, 'the days ahead');
  assertError(await analyst.get(`${base}&from=1405/13/40`), 400, 'invalid_date');
});

test('a source is edited, disabled and removed; one with items is only disabled', async () => {
  const made = assertStatus(await analyst.post('/api/v1/monitor/sources', {
    council_id: ids.councilId, name: 'منبع آزمایشی', url: 'http://127.0.0.1:9/rss', enabled: false }), 201).json;
  const edited = assertStatus(await analyst.patch(`/api/v1/monitor/sources/${made.id}`, {
    version: made.version, name: 'منبع آزمایشی ویرایش‌شده', fetch_interval_s: 1800, tier: 'local' }), 200).json;
  assert.deepEqual([edited.name, edited.fetch_interval_s, edited.tier, edited.enabled], ['منبع آزمایشی ویرایش‌شده', 1800, 'local', false]);
  // Items came from it: refused in Persian, nothing written.
  const item = dbQuery(srv.dataDir, 'SELECT MIN(id) FROM media_items').trim();
  dbQuery(srv.dataDir, `UPDATE media_items SET source_id = ${made.id} WHERE id = ${item}`);
  await writesNothing(admin, async () => {
    const e = assertError(await analyst.delete(`/api/v1/monitor/sources/${made.id}`), 409, 'source_has_items');
    assert.match(e.message, /۱ خبر/);
  });
  assertStatus(await analyst.get(`/api/v1/monitor/sources/${made.id}`), 200);
  // Agency staff may not remove it.
  await writesNothing(admin, async () => assertError(await manager.delete(`/api/v1/monitor/sources/${made.id}`), 403));
  dbQuery(srv.dataDir, `UPDATE media_items SET source_id = NULL WHERE id = ${item}`);
  assertStatus(await analyst.delete(`/api/v1/monitor/sources/${made.id}`), 204);
  assertError(await analyst.get(`/api/v1/monitor/sources/${made.id}`), 404);
  const audit = assertStatus(await admin.get('/api/v1/audit?per_page=5'), 200).json.items;
  assert.ok(audit.some((a) => a.action === 'monitor.source.delete' && a.entity_id === String(made.id)), 'audited');
});

test('pickup-rate months are Jalali, with their Persian name', async () => {
  const stats = assertStatus(await analyst.get(`/api/v1/monitor/stats?council_id=${ids.councilId}`), 200).json;
  assert.ok(stats.pickup_rates.length >= 1, 'the demo release is counted');
  const MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
  for (const r of stats.pickup_rates) {
    const y = Math.floor(r.month / 100), m = r.month % 100;
    assert.ok(y >= 1390 && y <= 1500 && m >= 1 && m <= 12, `Jalali yyyymm: ${r.month}`);
    assert.ok(r.month_name.startsWith(MONTHS[m - 1] + ' '), r.month_name);
    assert.ok(!/[0-9]/.test(r.month_name), `Persian digits: ${r.month_name}`);
  }
  assertNoSanitizerReports(srv);
});
