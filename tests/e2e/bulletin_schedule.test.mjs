// The press bulletin's schedule and archive end to end: the council admin sets a daily and a weekly
// time, bad input is refused in Persian and writes nothing, «run now» makes a bulletin through the
// durable job queue, which lands in the archive; the archived PDF (pdftotext: Persian words) and HTML
// e-mail download; who may see and do what. The scheduled slots themselves are the unit test's
// (insight_bulletin_schedule_test, with a fake clock).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';

let srv, admin, council, analyst, manager, ids;
const squeeze = (s) => s.replace(/[\u202A-\u202E\u200C\u200E\u200F\s]/g, '');

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  analyst = await loginAs(srv, 'analyst');
  manager = await loginAs(srv, 'tamin-manager');
  ids = await demoIds(admin);
});

after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

const schedules = async (c = analyst) =>
  assertStatus(await c.get(`/api/v1/insight/bulletin/schedules?council_id=${ids.councilId}`), 200).json.items;

test('the council admin sets the daily and weekly times; bad input writes nothing', async () => {
  assert.deepEqual(await schedules(), []);
  for (const [body, code] of [
    [{ period: 'month', time: '08:00' }, 'invalid_period'],
    [{ period: 'day', time: '25:00' }, 'invalid_time'],
    [{ period: 'week', time: '08:00', weekday: 9 }, 'invalid_weekday'],
  ]) assertError(await council.put('/api/v1/insight/bulletin/schedules', { council_id: ids.councilId, ...body }), 400, code);
  assertError(await analyst.put('/api/v1/insight/bulletin/schedules', { council_id: ids.councilId, period: 'day', time: '08:00' }), 403);
  assert.deepEqual(await schedules(), [], 'nothing written');
  const day = assertStatus(await council.put('/api/v1/insight/bulletin/schedules',
    { council_id: ids.councilId, period: 'day', time: '08:30' }), 200).json.schedule;
  assert.deepEqual([day.period, day.time, day.enabled], ['day', '08:30', true]);
  assertStatus(await council.put('/api/v1/insight/bulletin/schedules',
    { council_id: ids.councilId, period: 'week', time: '18:00', weekday: 5, enabled: true }), 200);
  const all = await schedules();
  assert.deepEqual(all.map((s) => [s.period, s.time, s.weekday]), [['day', '08:30', 0], ['week', '18:00', 5]]);
  assertError(await manager.get(`/api/v1/insight/bulletin/schedules?council_id=${ids.councilId}`), 403);
});

test('«run now» archives the bulletin; the PDF and the HTML download', async () => {
  assertError(await analyst.post('/api/v1/insight/bulletin/run', { council_id: ids.councilId, period: 'day' }), 403);
  assertError(await council.post('/api/v1/insight/bulletin/run', { council_id: ids.councilId, period: 'year' }), 400, 'invalid_period');
  const r = assertStatus(await council.post('/api/v1/insight/bulletin/run', { council_id: ids.councilId, period: 'day' }), 202).json;
  assert.ok(r.job_id > 0);
  let items = [];
  for (let i = 0; i < 300 && !items.length; i++) {
    items = assertStatus(await analyst.get(`/api/v1/insight/bulletin/archive?council_id=${ids.councilId}`), 200).json.items;
    if (!items.length) await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(items.length, 1, 'archived once');
  const b = items[0];
  assert.equal(b.source, 'manual');
  assert.equal(b.period, 'day');
  assert.match(b.first_day, /^\d{4}\/\d{2}\/\d{2}$/);
  assert.ok(b.pdf_bytes > 1000);
  const pdf = await fetch(`${srv.base}/api/v1/insight/bulletin/archive/${b.id}`, { headers: { cookie: analyst.cookie } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition'), /attachment; filename="bulletin-day-.*\.pdf"/);
  const body = Buffer.from(await pdf.arrayBuffer());
  assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-bulletin-archive-')), 'b.pdf');
  writeFileSync(file, body);
  const text = squeeze(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  assert.ok(text.includes(squeeze('بولتن خبری روزانه')), 'the PDF reads «بولتن خبری روزانه»');
  const html = await fetch(`${srv.base}/api/v1/insight/bulletin/archive/${b.id}?format=html`, { headers: { cookie: analyst.cookie } });
  assert.equal(html.status, 200);
  assert.match(await html.text(), /dir="rtl"/);
  assertError(await analyst.get(`/api/v1/insight/bulletin/archive/${b.id}?format=xlsx`), 400, 'invalid_format');
  assertError(await manager.get(`/api/v1/insight/bulletin/archive/${b.id}`), 404);
  assertError(await manager.get(`/api/v1/insight/bulletin/archive?council_id=${ids.councilId}`), 403);
  const audit = assertStatus(await admin.get('/api/v1/audit?entity=council'), 200).json.items;
  assert.ok(audit.some((e) => e.action === 'insight.bulletin.make_now'), 'the run is audited');
});
