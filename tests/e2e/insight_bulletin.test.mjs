// The press bulletin end to end: the demo council plus press items ingested today; this week's bulletin
// downloaded as PDF (pdftotext: Persian words in logical order, Persian digits, the totals of the
// dashboard API; pdftoppm: a page that is not blank), XLSX (openpyxl: right-to-left sheets, the
// dashboard's numbers) and HTML; `pol report bulletin` on the same data folder; who may download it;
// bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, pol, polBin } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';

let srv, council, manager, ids, dir;
const PY = process.env.POL_PYTHON || '/usr/bin/python3';

function jalaliToday() {
  const p = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date()).filter((x) => ['year', 'month', 'day'].includes(x.type))
    .reduce((o, x) => ({ ...o, [x.type]: x.value }), {});
  return `${p.year}/${p.month}/${p.day}`;
}
const persian = (n) => n.toLocaleString('fa-IR', { useGrouping: true }).replace(/٬/g, '٬');
// pdftotext wraps right-to-left runs in bidi marks and drops ZWNJ; spaces move around numbers.
const squeeze = (s) => s.replace(/[\u202A-\u202E\u200C\u200E\u200F\s]/g, '');

async function download(client, query) {
  const r = await fetch(`${srv.base}/api/v1/insight/bulletin?${query}`, { headers: { cookie: client.cookie } });
  return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
    body: Buffer.from(await r.arrayBuffer()) };
}

before(async () => {
  srv = await startServer();
  const admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  manager = await loginAs(srv, 'tamin-manager');
  ids = await demoIds(admin);
  dir = mkdtempSync(path.join(tmpdir(), 'pol-bulletin-'));
  const now = new Date().toUTCString();
  const lines = [
    { title: 'افزایش مستمری بازنشستگان تأمین اجتماعی', abstract: 'سازمان تأمین اجتماعی از افزایش مستمری خبر داد.', paragraphs: ['تأمین اجتماعی اعلام کرد.'] },
    { title: 'گلایهٔ مددجویان از تأخیر بهزیستی', abstract: 'مددجویان بهزیستی گلایه دارند.', paragraphs: ['سازمان بهزیستی پاسخی نداد.'] },
    { title: 'همکاری بهزیستی و تأمین اجتماعی', abstract: 'تفاهم‌نامه امضا شد.', paragraphs: ['بهزیستی و تأمین اجتماعی همکاری می‌کنند.'] },
  ].map((x, i) => JSON.stringify({ ...x, published: now, link: `https://example.ir/bulletin/${i}` }));
  const file = path.join(dir, 'items.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  pol(['ingest', '--data', srv.dataDir, file]);
});

after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

const weekQuery = () => `council_id=${ids.councilId}&period=week&date=${encodeURIComponent(jalaliToday())}`;

async function dashboardFigures() {
  const d = assertStatus(await council.get(`/api/v1/insight/dashboard?${weekQuery()}`), 200).json;
  return Object.fromEntries(d.figures.map((f) => [f.metric, f]));
}

test("this week's bulletin as PDF: Persian in logical order, Persian digits, the dashboard's totals, a drawn page", async () => {
  const fig = await dashboardFigures();
  assert.ok(fig.mentions.value >= 3, JSON.stringify(fig.mentions));
  const r = await download(council, `${weekQuery()}&format=pdf`);
  assert.equal(r.status, 200);
  assert.equal(r.type, 'application/pdf');
  assert.match(r.disposition, /attachment; filename="bulletin-week-\d{4}-\d{2}-\d{2}\.pdf"/);
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  const pdf = path.join(dir, 'week.pdf');
  writeFileSync(pdf, r.body);
  const text = squeeze(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
  for (const words of ['بولتن خبری هفتگی', 'خواندنی‌ها', 'دستگاه‌ها', 'میز مردمی', 'پیوست اشاره‌های دوره', 'افزایش مستمری بازنشستگان'])
    assert.ok(text.includes(squeeze(words)), `the PDF reads «${words}»`);
  assert.match(text, /[۰-۹]/, 'Persian digits');
  assert.doesNotMatch(text.replace(/https?:\/\/\S+?(?=[^\x21-\x7e]|$)/g, ''), /صفحه[0-9]/, 'page numbers in Persian digits');
  // The annex's total row is the dashboard's number of mentions.
  assert.ok(text.includes(`جمع${persian(fig.mentions.value)}`), `annex total ${fig.mentions.value}`);
  // A drawn first page: pdftoppm renders it; a blank page would be all white.
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '30', '-gray', pdf, path.join(dir, 'page')]);
  const pgm = readFileSync([path.join(dir, 'page-1.pgm'), path.join(dir, 'page-01.pgm')].find(existsSync));
  const [, w, h] = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  const pixels = pgm.subarray(pgm.length - Number(w) * Number(h));
  const dark = pixels.filter((p) => p < 160).length;
  assert.ok(dark > pixels.length / 250, `ink on the first page: ${dark} of ${pixels.length} pixels`);
});

test('the bulletin as XLSX: right-to-left sheets, one per table, the dashboard numbers', async () => {
  const fig = await dashboardFigures();
  const r = await download(council, `${weekQuery()}&format=xlsx`);
  assert.equal(r.status, 200);
  const file = path.join(dir, 'week.xlsx');
  writeFileSync(file, r.body);
  const out = JSON.parse(execFileSync(PY, ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
head = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
annex = wb.worksheets[-1]
print(json.dumps({"names": wb.sheetnames, "rtl": all(ws.sheet_view.rightToLeft for ws in wb.worksheets),
                  "head": head, "annex_rows": annex.max_row - 2, "annex_total": annex.cell(annex.max_row, 2).value}))
`, file], { encoding: 'utf8' }));
  assert.equal(out.rtl, true);
  assert.deepEqual(out.names.slice(0, 3), ['اعداد اصلی', 'خواندنی‌ها', 'دستگاه‌ها']);
  assert.equal(out.head['اشاره‌های رسانه‌ای'], fig.mentions.value);
  assert.equal(out.head['خبرهای منتشرشده'], fig.releases_published.value);
  assert.equal(out.annex_rows, fig.mentions.value, 'the annex lists every mention');
  assert.equal(out.annex_total, fig.mentions.value);
});

test('the bulletin as an HTML e-mail: right to left, inline styles, escaped', async () => {
  const r = await download(council, `${weekQuery()}&format=html`);
  assert.equal(r.status, 200);
  assert.match(r.type, /text\/html/);
  const html = r.body.toString('utf8');
  assert.match(html, /<html lang="fa" dir="rtl">/);
  assert.doesNotMatch(html, /<style|<script/);
  assert.ok(html.includes('بولتن خبری هفتگی'));
  assert.ok(html.includes('href="https://example.ir/bulletin/'));
});

test('pol report bulletin writes the same bulletin from the data folder; bad arguments are Persian', async () => {
  const fig = await dashboardFigures();
  const out = path.join(dir, 'cli.xlsx');
  const ok = spawnSync(polBin, ['report', 'bulletin', '--data', srv.dataDir, '--period', 'week', '--date', jalaliToday(),
    '--format', 'xlsx', '--out', out], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`${fig.mentions.value} mentions`));
  const head = JSON.parse(execFileSync(PY, ['-c', `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps({r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}))
`, out], { encoding: 'utf8' }));
  assert.equal(head['اشاره‌های رسانه‌ای'], fig.mentions.value);
  const pdf = path.join(dir, 'cli.pdf');
  const p = spawnSync(polBin, ['report', 'bulletin', '--data', srv.dataDir, '--council', 'qazvin-tkr', '--period', 'day',
    '--format', 'pdf', '--out', pdf], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  for (const [args, what] of [
    [['--period', 'fortnight', '--format', 'pdf', '--out', pdf], 'an unknown period'],
    [['--period', 'week', '--format', 'docx', '--out', pdf], 'an unknown format'],
    [['--period', 'week', '--format', 'pdf'], 'no output file'],
    [['--council', 'nowhere', '--period', 'week', '--format', 'pdf', '--out', pdf], 'an unknown council'],
  ]) {
    const bad = spawnSync(polBin, ['report', 'bulletin', '--data', srv.dataDir, ...args], { encoding: 'utf8' });
    assert.equal(bad.status, 2, `${what}: ${bad.stderr}`);
    assert.ok(hasPersian(bad.stderr), `${what}: a Persian message: ${bad.stderr}`);
  }
});

test('who may download it, and bad input', async () => {
  assertError(await manager.get(`/api/v1/insight/bulletin?${weekQuery()}&format=html`), 403, 'forbidden');
  for (const [q, code] of [
    [`${weekQuery()}&format=docx`, 'invalid_format'],
    [`council_id=${ids.councilId}&period=season&format=html`, 'invalid_period'],
    [`council_id=${ids.councilId}&period=week&date=${encodeURIComponent('1402/12/30')}&format=html`, 'invalid_period'],
    ['period=week&format=html', 'missing_field'],
  ]) {
    const r = await council.get(`/api/v1/insight/bulletin?${q}`);
    assertError(r, 400, code);
    assert.ok(hasPersian(r.json.error.message), q);
  }
});
