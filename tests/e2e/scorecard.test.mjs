// The PR units' scorecards end to end on the demo council: the default template and its bad input; a
// period of this season whose data items equal the dashboard API's figures; manual scores and evidence
// (type and size checks, nothing written on refusal); the ranked table and one agency's card (its PR
// manager sees only its own); closing freezes the snapshot (later template edits change nothing, edits
// are 409); the PDF (pdftotext) and XLSX (openpyxl) of the closed period; `pol report scorecard`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, polBin } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';

const BASE = '/api/v1/insight/scorecard';
const PY = process.env.POL_PYTHON || '/usr/bin/python3';
const PDF = '%PDF-1.4\n% evidence\n';
const squeeze = (s) => s.replace(/[\u202A-\u202E\u200C\u200E\u200F\s]/g, '');
let srv, admin, council, manager, analyst, ids, dir, period, evidence;

function jalaliToday() {
  const p = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date()).filter((x) => ['year', 'month', 'day'].includes(x.type))
    .reduce((o, x) => ({ ...o, [x.type]: Number(x.value) }), {});
  return p;
}
const today = jalaliToday();
const seasonCode = `${today.year}-${Math.floor((today.month - 1) / 3) + 1}`;
const auditTotal = async () => assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;

async function download(client, p) {
  const r = await fetch(`${srv.base}${p}`, { headers: { cookie: client.cookie } });
  return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
    body: Buffer.from(await r.arrayBuffer()) };
}

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  manager = await loginAs(srv, 'tamin-manager');
  analyst = await loginAs(srv, 'analyst');
  ids = await demoIds(admin);
  dir = mkdtempSync(path.join(tmpdir(), 'pol-scorecard-'));
});

after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

test('the default template, and a bad template refused with nothing written', async () => {
  const t = assertStatus(await council.get(`${BASE}/template?council_id=${ids.councilId}&kind=season`), 200).json;
  assert.equal(t.is_default, true);
  assert.equal(t.items.length, 23);
  assert.equal(t.items.reduce((s, i) => s + i.weight * i.max_score, 0), 100);
  assert.ok(t.items.some((i) => i.formula === 'mean_handling_minutes' && i.lower_is_better));
  for (const f of ['photo_share', 'median_publication_minutes', 'reach_weighted_coverage', 'reopen_rate',
    'meeting_attendance', 'decisions_on_time'])
    assert.ok(t.items.some((i) => i.formula === f), `the default template scores ${f}`);
  const formulas = assertStatus(await analyst.get(`${BASE}/formulas`), 200).json.items.map((f) => f.code);
  assert.ok(formulas.includes('pickup_rate') && formulas.includes('manual'));
  const before = await auditTotal();
  for (const [edit, code] of [
    [(i) => { i.formula = 'advertising_value'; }, 'unknown_formula'],
    [(i) => { i.weight = 11; }, 'invalid_weight'],
    [(i) => { i.max_score = 0; }, 'invalid_max_score'],
  ]) {
    const items = structuredClone(t.items);
    edit(items[1]);
    const e = assertError(await council.put(`${BASE}/template?council_id=${ids.councilId}&kind=season`, { items, version: 0 }), 400, code);
    assert.equal(e.field.slice(0, 8), 'items[1]');
  }
  assertError(await council.get(`${BASE}/template?council_id=${ids.councilId}&kind=month`), 400, 'invalid_kind');
  assertError(await council.post(`${BASE}/periods`, { council_id: ids.councilId, period: '1405-5' }), 400, 'invalid_period');
  assert.equal(await auditTotal(), before, 'refused edits wrote nothing');
  assert.equal(assertStatus(await council.get(`${BASE}/template?council_id=${ids.councilId}&kind=season`), 200).json.is_default, true);
});

test("this season's period: data items equal the dashboard's figures; ranked table and cards", async () => {
  period = assertStatus(await council.post(`${BASE}/periods`, { council_id: ids.councilId, period: seasonCode }), 201).json;
  assert.equal(period.status, 'open');
  assert.ok(hasPersian(period.label));
  assertError(await council.post(`${BASE}/periods`, { council_id: ids.councilId, period: seasonCode }), 409, 'scorecard_period_exists');
  const v = assertStatus(await analyst.get(`${BASE}/periods/${period.id}`), 200).json;
  assert.ok(v.agencies.length >= 2);
  const tamin = v.agencies.find((a) => a.agency_id === ids.agencies.tamin.id);
  const date = `${today.year}/${today.month}/${today.day}`;
  const d = assertStatus(await council.get(`/api/v1/insight/dashboard?agency_id=${ids.agencies.tamin.id}&period=season&date=${encodeURIComponent(date)}`), 200).json;
  const fig = Object.fromEntries(d.figures.map((f) => [f.metric, f.value]));
  const item = (code) => tamin.items.find((i) => i.code === code);
  assert.equal(item('published_items').raw, fig.releases_published);
  assert.equal(item('published_items').metric, 'releases_published');
  // Posts per messenger channel: the agency's messenger deliveries over the channels they went out on
  // (a whole number of channels, at least one when anything was posted; 0 when nothing was).
  const perChannel = item('posts_per_messenger_channel').raw;
  assert.equal(item('posts_per_messenger_channel').metric, 'deliveries_messenger');
  if (fig.deliveries_messenger === 0) assert.equal(perChannel, 0);
  else {
    const channels = fig.deliveries_messenger / perChannel;
    assert.ok(channels >= 1 && Math.abs(channels - Math.round(channels)) < 1e-9, `${fig.deliveries_messenger} / ${perChannel}`);
  }
  if (fig.mentions > 0) assert.ok(Math.abs(item('net_tone').raw - (fig.mentions_positive - fig.mentions_negative) / fig.mentions) < 1e-9);
  else assert.equal(item('net_tone').raw, null);
  // Each data figure links to the list route + filter that produced it; manual items have none.
  const published = assertStatus(await council.get(item('published_items').records.href), 200).json;
  assert.equal(published.metric, 'releases_published');
  assert.equal(published.total, item('published_items').raw);
  const photos = assertStatus(await council.get(item('photo_share').records.href), 200).json;
  assert.equal(photos.metric, 'releases_with_photo');
  if (fig.releases_published > 0) assert.ok(Math.abs(item('photo_share').raw - photos.total / fig.releases_published) < 1e-9);
  else assert.equal(item('photo_share').raw, null);
  const reopened = assertStatus(await council.get(item('reopen_rate').records.href), 200).json;
  assert.equal(reopened.metric, 'requests_closed_reopened');
  assert.ok(reopened.items.every((r) => r.kind === 'citizen_request' && r.agency_id === ids.agencies.tamin.id));
  const xlsx = await download(council, item('sla_share').records.export);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.disposition, /insight-requests_closed_in_sla\.xlsx/);
  assertStatus(await council.get(item('decisions_on_time').records.href), 200);
  // Meeting attendance opens its attendance rows; the rate is the present, late or delegated among them.
  const attendance = assertStatus(await council.get(item('meeting_attendance').records.href), 200).json;
  assert.equal(attendance.metric, 'committee_attendance');
  assert.ok(attendance.items.every((r) => r.kind === 'attendance' && r.agency_id === ids.agencies.tamin.id));
  if (attendance.total === 0) assert.equal(item('meeting_attendance').raw, null);
  else assert.equal(item('meeting_attendance').raw, attendance.items.filter((r) => r.label !== 'absent').length / attendance.total);
  assert.equal(item('training').records, null);
  // Ranks follow the totals.
  for (let i = 1; i < v.agencies.length; i++) assert.ok(v.agencies[i - 1].total >= v.agencies[i].total);
  assert.equal(v.agencies[0].rank, 1);
  // The PR manager sees tamin's card only.
  assertStatus(await manager.get(`${BASE}/periods/${period.id}/agencies/${ids.agencies.tamin.id}`), 200);
  assertError(await manager.get(`${BASE}/periods/${period.id}/agencies/${ids.agencies.behzisti.id}`), 403);
  assertError(await manager.get(`${BASE}/periods/${period.id}`), 403);
});

test('manual scores and evidence: type, size and range checked, nothing written when refused', async () => {
  const tid = ids.agencies.tamin.id;
  const up = (client, q, body, type = 'application/pdf') =>
    client.post(`${BASE}/periods/${period.id}/evidence?${q}`, body, { 'content-type': type });
  const ev = assertStatus(await up(manager, `agency_id=${tid}&item=training&file_name=${encodeURIComponent('گواهی.pdf')}`, PDF), 201).json;
  evidence = ev;
  assert.equal(ev.content_type, 'application/pdf');
  const file = await download(manager, ev.url);
  assert.equal(file.status, 200);
  assert.equal(file.body.toString(), PDF);
  const beforeRefusals = await auditTotal();
  assertError(await up(manager, `agency_id=${tid}&item=training&file_name=a.exe`, 'MZ not a pdf', 'application/octet-stream'), 400, 'invalid_evidence_type');
  assertError(await up(manager, `agency_id=${tid}&item=training&file_name=big.pdf`, new Uint8Array(10 * 1024 * 1024 + 1).fill(37)), 400, 'evidence_too_large');
  assertError(await up(manager, `agency_id=${tid}&item=published_items&file_name=a.pdf`, PDF), 400, 'unknown_item');
  assertError(await up(manager, `agency_id=${ids.agencies.behzisti.id}&item=training&file_name=a.pdf`, PDF), 403);
  assertError(await council.put(`${BASE}/periods/${period.id}/scores`, { agency_id: tid, item: 'training', score: 6 }), 400, 'invalid_score');
  assertError(await manager.put(`${BASE}/periods/${period.id}/scores`, { agency_id: tid, item: 'training', score: 5 }), 403);
  assert.equal(await auditTotal(), beforeRefusals, 'refused uploads and scores wrote nothing');
  // Deleting evidence: only the agency (or the uploader), audited; refusals write nothing.
  const extra = assertStatus(await up(admin, `agency_id=${tid}&item=events&file_name=extra.pdf`, '%PDF-1.4\n% extra\n'), 201).json;
  const beforeDelete = await auditTotal();
  assertError(await analyst.delete(`${BASE}/evidence/${extra.id}`), 403);
  assertError(await council.delete(`${BASE}/evidence/${extra.id}`), 403);
  assert.equal(await auditTotal(), beforeDelete, 'refused deletions wrote nothing');
  assertStatus(await manager.delete(`${BASE}/evidence/${extra.id}`), 204);
  assert.equal(await auditTotal(), beforeDelete + 1, 'the deletion is audited');
  assertError(await manager.get(`${BASE}/evidence/${extra.id}`), 404);
  assertError(await manager.delete(`${BASE}/evidence/${extra.id}`), 404);
  const before = await auditTotal();
  const card = assertStatus(await council.put(`${BASE}/periods/${period.id}/scores`, { agency_id: tid, item: 'training', score: 5, note: 'سه دورهٔ آموزشی' }), 200).json;
  const training = card.items.find((i) => i.code === 'training');
  assert.equal(training.raw, 5);
  assert.equal(training.points, training.max_points);
  assert.equal(training.evidence.length, 1);
  assert.equal(training.evidence[0].file_name, 'گواهی.pdf');
});

test('closing freezes the snapshot; a closed period refuses edits; the PDF and XLSX read back', async () => {
  const closed = assertStatus(await council.post(`${BASE}/periods/${period.id}/close`), 200).json;
  assert.equal(closed.period.status, 'closed');
  const t = assertStatus(await council.get(`${BASE}/template?council_id=${ids.councilId}&kind=season`), 200).json;
  t.items.find((i) => i.code === 'training').weight = 10;
  assertStatus(await council.put(`${BASE}/template?council_id=${ids.councilId}&kind=season`, { items: t.items, version: t.version }), 200);
  const after = assertStatus(await analyst.get(`${BASE}/periods/${period.id}`), 200).json;
  assert.deepEqual(after.agencies.map((a) => [a.agency_id, a.total, a.rank]), closed.agencies.map((a) => [a.agency_id, a.total, a.rank]));
  const before = await auditTotal();
  assertError(await council.put(`${BASE}/periods/${period.id}/scores`, { agency_id: ids.agencies.tamin.id, item: 'events', score: 3 }), 409, 'scorecard_period_closed');
  assertError(await manager.post(`${BASE}/periods/${period.id}/evidence?agency_id=${ids.agencies.tamin.id}&item=events&file_name=a.pdf`, PDF, { 'content-type': 'application/pdf' }), 409, 'scorecard_period_closed');
  assertError(await council.post(`${BASE}/periods/${period.id}/close`), 409, 'scorecard_period_closed');
  assertError(await manager.delete(`${BASE}/evidence/${evidence.id}`), 409, 'scorecard_period_closed');
  assert.equal(await auditTotal(), before);

  const pdf = await download(analyst, `${BASE}/periods/${period.id}/export?format=pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  assert.match(pdf.disposition, new RegExp(`scorecard-${seasonCode}\\.pdf`));
  const pdfPath = path.join(dir, 'scorecard.pdf');
  writeFileSync(pdfPath, pdf.body);
  const text = squeeze(execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }));
  for (const words of ['ارزیابی عملکرد روابط عمومی', 'رتبه‌بندی دستگاه‌ها', closed.agencies[0].agency_name, 'جمع'])
    assert.ok(text.includes(squeeze(words)), `the PDF reads «${words}»`);
  const best = closed.agencies[0].total.toLocaleString('fa-IR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  assert.ok(text.includes(squeeze(best)), `the best total ${best}`);
  const xlsx = await download(analyst, `${BASE}/periods/${period.id}/export?format=xlsx`);
  assert.equal(xlsx.status, 200);
  const xlsxPath = path.join(dir, 'scorecard.xlsx');
  writeFileSync(xlsxPath, xlsx.body);
  const book = JSON.parse(execFileSync(PY, ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
print(json.dumps({'rtl': [w.sheet_view.rightToLeft for w in wb.worksheets], 'rows': [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]}))
`, xlsxPath], { encoding: 'utf8' }));
  assert.deepEqual(book.rtl, [true, true]);
  assert.deepEqual(book.rows.map((r) => [r[1], Math.round(r[2] * 1000)]), closed.agencies.map((a) => [a.agency_name, Math.round(a.total * 1000)]));
  assertError(await manager.get(`${BASE}/periods/${period.id}/export?format=pdf`), 403);
  assertError(await analyst.get(`${BASE}/periods/${period.id}/export?format=docx`), 400, 'invalid_format');
});

test('pol report scorecard writes the closed period; bad arguments are Persian', async () => {
  const out = path.join(dir, 'cli.pdf');
  const ok = spawnSync(polBin, ['report', 'scorecard', '--data', srv.dataDir, '--period', seasonCode, '--format', 'pdf', '--out', out], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /agencies, period/);
  assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
  for (const [args, what] of [
    [['--period', '1405-9', '--format', 'pdf', '--out', out], 'an impossible season'],
    [['--period', seasonCode, '--format', 'docx', '--out', out], 'an unknown format'],
    [['--period', seasonCode, '--format', 'pdf'], 'no output file'],
  ]) {
    const bad = spawnSync(polBin, ['report', 'scorecard', '--data', srv.dataDir, ...args], { encoding: 'utf8' });
    assert.equal(bad.status, 2, `${what}: ${bad.stderr}`);
    assert.ok(hasPersian(bad.stderr), `${what}: a Persian message: ${bad.stderr}`);
  }
  const missing = spawnSync(polBin, ['report', 'scorecard', '--data', srv.dataDir, '--period', '1390', '--format', 'pdf', '--out', out], { encoding: 'utf8' });
  assert.equal(missing.status, 1, missing.stderr);
  assert.ok(hasPersian(missing.stderr));
});
