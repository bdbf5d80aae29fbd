// Emerging issues end to end: a burst of items about one new subject ingested today, the council
// admin's recount, the issue in the analyst's list and its detail (items, tone, agencies), the owner
// agency assigned and its PR manager notified (and then allowed to open the issue), who may do what, and
// bad input that writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, pol } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';
import { burstLines } from './lib/emerging_burst.mjs';

let srv, admin, council, analyst, manager, ids;
// The water term as the search core folds it (آب → اب), alone or in a pair.
const isWater = (t) => t.split(' ').includes('اب');

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  analyst = await loginAs(srv, 'analyst');
  manager = await loginAs(srv, 'tamin-manager');
  ids = await demoIds(admin);
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-emerging-'));
  const file = path.join(dir, 'burst.jsonl');
  writeFileSync(file, burstLines('e2e-emerging'));
  pol(['ingest', '--data', srv.dataDir, '--council', 'qazvin-tkr', file]);
});

after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

const list = async (c = analyst) =>
  assertStatus(await c.get(`/api/v1/insight/emerging?council_id=${ids.councilId}`), 200).json.items;

test('a recount by the council admin turns the burst into an issue the analyst sees', async () => {
  assertError(await analyst.post('/api/v1/insight/emerging/refresh', { council_id: ids.councilId }), 403);
  const r = assertStatus(await council.post('/api/v1/insight/emerging/refresh', { council_id: ids.councilId }), 200).json;
  assert.ok(r.days_counted >= 2, JSON.stringify(r));
  const items = await list();
  const issue = items.find((i) => i.terms.some(isWater));
  assert.ok(issue, `an issue about the water cut: ${JSON.stringify(items.map((i) => i.terms))}`);
  assert.ok(issue.items >= 4, `items ${issue.items}`);
  assert.match(issue.first_day, /^\d{4}\/\d{2}\/\d{2}$/);
  assert.equal(issue.owner_agency_id, null);
  const d = assertStatus(await analyst.get(`/api/v1/insight/emerging/${issue.id}`), 200).json;
  assert.equal(d.documents.length, issue.items + issue.requests);
  assert.equal(d.per_day.reduce((n, x) => n + x.documents, 0), d.documents.length);
  assert.ok(d.documents.filter((x) => x.kind === 'media_item' && x.title.includes('قطعی آب')).length >= 4, 'the burst items');
  // A second recount files the same documents under the same issue.
  assertStatus(await council.post('/api/v1/insight/emerging/refresh', { council_id: ids.councilId }), 200);
  const again = (await list()).find((i) => i.id === issue.id);
  assert.equal(again.items, issue.items);
});

test("the owner agency is assigned, its PR manager notified and allowed to open the issue", async () => {
  const issue = (await list()).find((i) => i.terms.some(isWater));
  assertError(await manager.get(`/api/v1/insight/emerging/${issue.id}`), 404);
  assertError(await manager.get(`/api/v1/insight/emerging?council_id=${ids.councilId}`), 403);
  assertError(await analyst.put(`/api/v1/insight/emerging/${issue.id}/owner`, { agency_id: ids.agencies.tamin.id }), 403);
  const unread = async () => assertStatus(await manager.get('/api/v1/notifications?unread=1'), 200).json;
  const before = await unread();
  const r = assertStatus(await council.put(`/api/v1/insight/emerging/${issue.id}/owner`, { agency_id: ids.agencies.tamin.id }), 200).json;
  assert.equal(r.issue.owner_agency_id, ids.agencies.tamin.id);
  const after = await unread();
  const mine = (after.items || []).filter((n) => n.kind === 'insight.emerging');
  assert.ok(mine.length >= 1 && after.unread === before.unread + 1,
    `the PR manager is notified: ${JSON.stringify(after).slice(0, 300)}`);
  assert.ok(mine[0].link.endsWith(`/insight/emerging/${issue.id}`));
  assertStatus(await manager.get(`/api/v1/insight/emerging/${issue.id}`), 200);
  const audit = assertStatus(await admin.get('/api/v1/audit?entity=emerging_issue'), 200).json;
  assert.ok(audit.items.some((e) => e.action === 'insight.emerging.assign_owner'), JSON.stringify(audit).slice(0, 300));
});

test('bad input: a clear Persian 400 and nothing written', async () => {
  assertError(await analyst.get(`/api/v1/insight/emerging?council_id=${ids.councilId}&days=400`), 400, 'invalid_days');
  assertError(await analyst.get('/api/v1/insight/emerging'), 400);
  const issue = (await list()).find((i) => i.terms.some(isWater));
  const other = assertStatus(await admin.post('/api/v1/councils', { slug: 'emerging-other', name: 'شورای دیگر' }), 201).json;
  const otherAgency = assertStatus(await admin.post('/api/v1/agencies', { council_id: other.id, slug: 'em-other', name: 'دستگاه دیگر' }), 201).json;
  const agencyId = otherAgency.id;
  assertError(await council.put(`/api/v1/insight/emerging/${issue.id}/owner`, { agency_id: agencyId }), 400, 'unknown_agency');
  assertError(await council.put(`/api/v1/insight/emerging/${issue.id}/owner`, {}), 400, 'missing_field');
  assertError(await council.put(`/api/v1/insight/emerging/999999/owner`, { agency_id: ids.agencies.tamin.id }), 404);
  const now = (await list()).find((i) => i.id === issue.id);
  assert.equal(now.owner_agency_id, ids.agencies.tamin.id, 'the owner is unchanged');
});

test("the dashboard's top terms with Δ and top topics of requests, and their exports", async () => {
  const d = assertStatus(await council.get(`/api/v1/insight/dashboard?council_id=${ids.councilId}&period=week`), 200).json;
  assert.ok(Array.isArray(d.top_terms) && Array.isArray(d.request_topics), 'both lists');
  assert.ok(d.terms_coverage.days === 7 && d.terms_coverage.days_counted >= 1, JSON.stringify(d.terms_coverage));
  const water = d.top_terms.find((t) => t.term === 'اب');
  assert.ok(water && water.value >= 4, `the water term among the top terms: ${JSON.stringify(d.top_terms.slice(0, 5))}`);
  assert.equal(water.delta, water.value - water.previous);
  for (let i = 1; i < d.top_terms.length; i++) assert.ok(d.top_terms[i - 1].value >= d.top_terms[i].value, 'ordered');
  assert.ok(d.top_terms.every((t) => !t.term.includes(' ')), 'single terms');
  // An agency's dashboard has none (the roll-up is the council's).
  const a = assertStatus(await council.get(`/api/v1/insight/dashboard?agency_id=${ids.agencies.tamin.id}&period=week`), 200).json;
  assert.deepEqual(a.top_terms, []);
  const csv = await fetch(`${srv.base}/api/v1/insight/dashboard/export?council_id=${ids.councilId}&period=week&widget=top_terms&format=csv`,
    { headers: { cookie: council.cookie } });
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.ok(text.includes('واژه') && text.includes('اب'), text.slice(0, 200));
  assert.equal(text.trim().split('\n').length, d.top_terms.length + 1, 'a row per term and the header');
  const xlsx = await fetch(`${srv.base}/api/v1/insight/dashboard/export?council_id=${ids.councilId}&period=week&widget=request_topics&format=xlsx`,
    { headers: { cookie: council.cookie } });
  assert.equal(xlsx.status, 200);
  assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString(), 'PK');
});

test('the emerging issues list exported as CSV and XLSX: the same issues, no cap', async () => {
  const issues = await list();
  const get = (format, c = analyst) => fetch(`${srv.base}/api/v1/insight/emerging/export?council_id=${ids.councilId}&format=${format}`,
    { headers: { cookie: c.cookie } });
  const csv = await get('csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /insight-emerging\.csv/);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
  assert.ok(lines[0].includes('واژه‌ها') && lines[0].includes('نخستین روز'), lines[0]);
  // Header, a row per issue, the totals.
  assert.equal(lines.length, issues.length + 2, lines.join('\n'));
  const water = issues.find((i) => i.terms.some(isWater));
  assert.ok(lines.some((l) => l.includes(water.terms[0]) && l.includes('تأمین')), 'the water issue with its owner agency');
  const xlsx = await get('xlsx');
  assert.equal(xlsx.status, 200);
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-emerging-x-'));
  const file = path.join(dir, 'emerging.xlsx');
  writeFileSync(file, Buffer.from(await xlsx.arrayBuffer()));
  const py = process.env.POL_PYTHON || '/usr/bin/python3';
  const book = JSON.parse(execFileSync(py, ['-c', `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps({'title': ws.title, 'rtl': ws.sheet_view.rightToLeft, 'rows': ws.max_row, 'items': [r[5] for r in ws.iter_rows(min_row=2, values_only=True)]}))
`, file], { encoding: 'utf8' }));
  assert.equal(book.title, 'موضوعات نوظهور');
  assert.equal(book.rtl, true);
  assert.equal(book.rows, issues.length + 2);
  assert.equal(book.items.at(-1), issues.reduce((n, i) => n + i.items, 0), 'the total of items');
  assert.equal((await get('csv', manager)).status, 403);
  assert.equal((await get('pdf')).status, 400);
});
