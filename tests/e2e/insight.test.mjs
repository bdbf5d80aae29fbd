// Insight end to end: the demo council plus a few press items ingested today (mentioning تأمین اجتماعی
// and بهزیستی); every number of the dashboard — council and agency, this period and the previous one —
// equals the length of the records list the same query gives; who may see which dashboard; impossible
// periods and unknown agencies are Persian 400s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, pol } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';

let srv, admin, council, manager, editor, ids;

// Today in Tehran as a Jalali date with Latin digits, e.g. "1405/9/13".
function jalaliToday(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  return new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(d).filter((p) => ['year', 'month', 'day'].includes(p.type))
    .reduce((o, p) => ({ ...o, [p.type]: p.value }), {});
}
const fmt = (j) => `${j.year}/${j.month}/${j.day}`;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  manager = await loginAs(srv, 'tamin-manager');
  editor = await loginAs(srv, 'tamin-editor');
  ids = await demoIds(admin);
  const now = new Date().toUTCString();
  const shared = process.env.POL_SHARED_DIR || path.resolve(import.meta.dirname, '../../../shared');
  const founding = readFileSync(path.join(shared, 'data/news/council-founding-article.txt'), 'utf8')
    .split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const lines = [
    { title: 'افزایش مستمری بازنشستگان تأمین اجتماعی', abstract: 'سازمان تأمین اجتماعی از افزایش مستمری خبر داد.', paragraphs: ['تأمین اجتماعی اعلام کرد مستمری‌ها افزایش می‌یابد.'] },
    { title: 'گلایهٔ مددجویان از تأخیر بهزیستی', abstract: 'مددجویان بهزیستی از تأخیر در پرداخت مستمری گلایه دارند.', paragraphs: ['سازمان بهزیستی پاسخی نداد و مشکل ادامه دارد.'] },
    { title: 'همکاری بهزیستی و تأمین اجتماعی', abstract: 'تفاهم‌نامهٔ بهزیستی و تأمین اجتماعی امضا شد.', paragraphs: ['دو سازمان بهزیستی و تأمین اجتماعی همکاری می‌کنند.'] },
    { title: 'خبر بی‌ربط ورزشی', abstract: 'تیم فوتبال برد.', paragraphs: ['بازی با نتیجهٔ دو بر یک تمام شد.'] },
    // The demo council's founding release, reprinted: a press pickup.
    { title: 'تأکید بر هم‌افزایی روابط عمومی‌ها', abstract: '', paragraphs: founding },
  ].map((x, i) => JSON.stringify({ ...x, published: now, link: `https://example.ir/insight/${i}` }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-insight-')), 'items.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  pol(['ingest', '--data', srv.dataDir, file]);
});

after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

async function checkEveryNumber(client, query) {
  const d = assertStatus(await client.get(`/api/v1/insight/dashboard?${query}`), 200).json;
  assert.ok(d.figures.length >= 15, 'the KPI strip has every metric');
  for (const f of d.figures) {
    const r = assertStatus(await client.get(`/api/v1/insight/records?${query}&metric=${f.metric}`), 200).json;
    assert.equal(r.total, f.value, `${f.metric}: dashboard ${f.value}, records total ${r.total}`);
    assert.equal(r.items.length, f.value, `${f.metric}: dashboard ${f.value}, records listed ${r.items.length}`);
    const prev = assertStatus(await client.get(`/api/v1/insight/records?${query.replace(/date=[^&]*/, `date=${encodeURIComponent(d.previous.first)}`)}&metric=${f.metric}`), 200).json;
    assert.equal(prev.total, f.previous, `${f.metric}: previous ${f.previous}, records ${prev.total}`);
    if (f.previous > 0) assert.equal(f.percent, (100 * (f.value - f.previous)) / f.previous);
    assert.equal(f.delta, f.value - f.previous);
  }
  return d;
}

test('the council dashboard: every number equals its records, this period and the previous one', async () => {
  const date = encodeURIComponent(fmt(jalaliToday()));
  const d = await checkEveryNumber(council, `council_id=${ids.councilId}&period=week&date=${date}`);
  const fig = Object.fromEntries(d.figures.map((f) => [f.metric, f.value]));
  assert.ok(fig.mentions >= 3, `the three items mentioning agencies: ${JSON.stringify(fig)}`);
  assert.ok(fig.releases_published >= 1 && fig.pickups >= 1 && fig.releases_picked_up >= 1, JSON.stringify(fig));
  assert.ok(fig.requests_received >= 1, JSON.stringify(fig));
  // Pickup per release: the best release's pickups are its rows in the pickups records.
  const pickups = assertStatus(await council.get(`/api/v1/insight/records?council_id=${ids.councilId}&period=week&date=${date}&metric=pickups`), 200).json;
  const best = d.best_releases[0];
  assert.ok(best.value >= 1);
  assert.equal(pickups.items.filter((p) => p.related_id === best.id).length, best.value);
  assert.equal(d.period.kind, 'week');
  assert.equal(d.period.days, 7);
  assert.ok(hasPersian(d.period.label));
  assert.equal(d.mentions_over_time.length, 7);
  assert.equal(d.mentions_over_time.reduce((s, p) => s + p.total, 0), fig.mentions);
  // Share of voice: each agency's count is the records list of that agency.
  assert.ok(d.share_of_voice.length >= 2);
  for (const a of d.share_of_voice) {
    const r = assertStatus(await council.get(`/api/v1/insight/records?agency_id=${a.agency_id}&period=week&date=${date}&metric=mentions`), 200).json;
    assert.equal(r.total, a.count, `share of voice of ${a.name}`);
  }
  for (const o of d.top_outlets) {
    const r = assertStatus(await council.get(`/api/v1/insight/records?council_id=${ids.councilId}&period=week&date=${date}&metric=mentions&outlet=${encodeURIComponent(o.outlet)}`), 200).json;
    assert.equal(r.total, o.count, `outlet ${o.outlet}`);
  }
  const ratio = Object.fromEntries(d.ratios.map((r) => [r.name, r.value]));
  assert.ok('pickup_rate' in ratio && 'net_tone' in ratio && 'sla_share' in ratio && 'csat_mean' in ratio);
  // Paging the records: a page is a slice, the total stays.
  const page = assertStatus(await council.get(`/api/v1/insight/records?council_id=${ids.councilId}&period=week&date=${date}&metric=mentions&per_page=1`), 200).json;
  assert.equal(page.items.length, 1);
  assert.equal(page.total, fig.mentions);
});

test("an agency's dashboard for its own staff, the same way; not the council's nor another agency's", async () => {
  const tamin = ids.agencies.tamin.id;
  const date = encodeURIComponent(fmt(jalaliToday()));
  for (const [who, c] of [['manager', manager], ['editor', editor], ['council', council]]) {
    const d = await checkEveryNumber(c, `agency_id=${tamin}&period=month&date=${date}`);
    assert.equal(d.agency_id, tamin, who);
    assert.deepEqual(d.share_of_voice, []);
    assert.ok(d.figures.find((f) => f.metric === 'mentions').value >= 2, who);
  }
  assertError(await manager.get(`/api/v1/insight/dashboard?council_id=${ids.councilId}`), 403, 'forbidden');
  assertError(await manager.get(`/api/v1/insight/dashboard?agency_id=${ids.agencies.behzisti.id}`), 403, 'forbidden');
  assertError(await editor.get(`/api/v1/insight/records?council_id=${ids.councilId}&metric=mentions`), 403, 'forbidden');
});

test('impossible periods, unknown agencies and metrics: Persian 400s', async () => {
  const base = `/api/v1/insight/dashboard?council_id=${ids.councilId}`;
  const cases = [
    [`${base}&period=fortnight`, 'invalid_period'],
    [`${base}&period=month&date=${encodeURIComponent('1402/12/30')}`, 'invalid_period'],
    [`${base}&period=custom&from=1403/07/10&to=1403/07/01`, 'invalid_period'],
    [`${base}&period=custom&from=1400/01/01&to=1404/01/01`, 'invalid_period'],
    [`${base}&tier=global`, 'invalid_tier'],
    [`/api/v1/insight/dashboard?agency_id=999999`, 'unknown_agency'],
    [`/api/v1/insight/records?council_id=${ids.councilId}&metric=ad_value_equivalent`, 'unknown_metric'],
  ];
  for (const [url, code] of cases) {
    const r = await council.get(url);
    assertError(r, 400, code);
    assert.ok(hasPersian(r.json.error.message), url);
  }
});

test('exports: every record of a number as CSV, the dashboard as XLSX (right-to-left sheets, the same numbers)', async () => {
  const date = encodeURIComponent(fmt(jalaliToday()));
  const query = `council_id=${ids.councilId}&period=week&date=${date}`;
  const d = assertStatus(await council.get(`/api/v1/insight/dashboard?${query}`), 200).json;
  const fig = Object.fromEntries(d.figures.map((f) => [f.metric, f.value]));
  for (const metric of ['mentions', 'requests_received', 'releases_published']) {
    const r = assertStatus(await council.get(`/api/v1/insight/records/export?${query}&metric=${metric}&format=csv`), 200);
    assert.match(r.headers.get('content-type'), /text\/csv/);
    assert.match(r.headers.get('content-disposition'), new RegExp(`insight-${metric}\\.csv`));
    const lines = r.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    assert.equal(lines.length - 1, fig[metric], `${metric}: CSV rows (no cap) = the dashboard's number`);
  }
  const sov = assertStatus(await council.get(`/api/v1/insight/dashboard/export?${query}&widget=share_of_voice&format=csv`), 200).text;
  assert.equal(sov.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).length - 1, d.share_of_voice.length);
  const res = await fetch(`${srv.base}/api/v1/insight/dashboard/export?${query}&format=xlsx`, { headers: { cookie: council.cookie } });
  assert.equal(res.status, 200);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-insight-')), 'dashboard.xlsx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  // Debian's interpreter has python3-openpyxl (a pyenv python3 earlier on PATH may not).
  const out = JSON.parse(execFileSync(process.env.POL_PYTHON || '/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
figs = {r[1]: r[2] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
print(json.dumps({"sheets": len(wb.worksheets), "rtl": all(ws.sheet_view.rightToLeft for ws in wb.worksheets),
                  "header": wb.worksheets[0].cell(1, 1).value, "figs": figs}))
`, file], { encoding: 'utf8' }));
  assert.equal(out.sheets, 11);  // the nine widgets, then the top terms and the top topics of requests
  assert.equal(out.rtl, true, 'right-to-left sheets');
  assert.equal(out.header, 'شاخص');
  for (const f of d.figures) assert.equal(out.figs[f.metric], f.value, `XLSX ${f.metric}`);
  assertError(await council.get(`/api/v1/insight/dashboard/export?${query}&format=pdf`), 400, 'invalid_format');
  assertError(await council.get(`/api/v1/insight/dashboard/export?${query}&widget=word_cloud&format=csv`), 400, 'unknown_widget');
  assertError(await manager.get(`/api/v1/insight/records/export?${query}&metric=mentions`), 403, 'forbidden');
});

test("the dashboard's charts: the server's SVG for those who see the dashboard; Persian errors", async () => {
  const date = encodeURIComponent(fmt(jalaliToday()));
  const query = `council_id=${ids.councilId}&period=week&date=${date}`;
  const d = assertStatus(await council.get(`/api/v1/insight/dashboard?${query}`), 200).json;
  const mentions = d.figures.find((f) => f.metric === 'mentions').value;
  assert.ok(mentions > 0, 'the ingested items mention the agencies this week');
  for (const chart of ['mentions_over_time', 'tone', 'share_of_voice', 'top_outlets']) {
    const r = assertStatus(await council.get(`/api/v1/insight/dashboard/chart?${query}&chart=${chart}`), 200);
    assert.equal(r.headers.get('content-type'), 'image/svg+xml', chart);
    assert.match(r.headers.get('content-security-policy'), /default-src 'none'/);
    assert.match(r.text, /<svg[^>]*width="720(pt|px)?"/, `${chart}: an SVG of the console's size`);
    assert.ok((r.text.match(/<path/g) || []).length > 10, `${chart}: drawn (bars, slices, glyph outlines)`);
    assert.doesNotMatch(r.text, /<script/i);
  }
  // An agency's staff: their agency's charts, not the council's; an agency's dashboard has no share of voice.
  const agencyQuery = `agency_id=${ids.agencies.tamin.id}&period=week&date=${date}`;
  assertStatus(await manager.get(`/api/v1/insight/dashboard/chart?${agencyQuery}&chart=mentions_over_time`), 200);
  assertError(await manager.get(`/api/v1/insight/dashboard/chart?${query}&chart=tone`), 403, 'forbidden');
  assertError(await manager.get(`/api/v1/insight/dashboard/chart?${agencyQuery}&chart=share_of_voice`), 409, 'chart_empty');
  const bad = assertError(await council.get(`/api/v1/insight/dashboard/chart?${query}&chart=word_cloud`), 400, 'invalid_chart');
  assert.ok(hasPersian(bad.message));
  assertError(await council.get(`/api/v1/insight/dashboard/chart?council_id=${ids.councilId}&period=week&date=1405/13/40&chart=tone`), 400);
});
