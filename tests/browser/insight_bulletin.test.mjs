// Browser test of the «بولتن» screen against a real `pol serve` (demo data plus press items ingested
// today): the council admin opens it from the sidebar, picks a weekly bulletin and downloads the XLSX
// (right-to-left sheets, the dashboard API's number of mentions); the links carry the chosen period.
// The tamin PR manager has no such entry. Screenshot in tests/artifacts/insight-bulletin.png.
//   node --test tests/browser/insight_bulletin.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pol } from '../e2e/harness.mjs';
import { startBackend, launchBrowser, openPage, loginOk, shot, ApiClient } from './lib.mjs';

let srv, browser, admin;

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
  admin = new ApiClient(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const now = new Date().toUTCString();
  const items = [
    ['افزایش مستمری بازنشستگان تأمین اجتماعی', 'سازمان تأمین اجتماعی از افزایش مستمری خبر داد.'],
    ['همکاری بهزیستی و تأمین اجتماعی', 'تفاهم‌نامهٔ بهزیستی و تأمین اجتماعی امضا شد.'],
  ].map(([title, abstract], i) => JSON.stringify({ title, abstract, paragraphs: [abstract], published: now, link: `https://example.ir/bb/${i}` }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-browser-bulletin-')), 'items.jsonl');
  writeFileSync(file, items.join('\n') + '\n');
  pol(['ingest', '--data', srv.dataDir, file]);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the council admin downloads this week\'s bulletin from the «بولتن» screen', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  await page.getByTestId('nav-bulletin').click();
  await page.getByTestId('bulletin').waitFor();
  await page.getByTestId('bulletin-period').selectOption('week');
  const href = await page.getByTestId('bulletin-pdf').getAttribute('href');
  assert.match(href, /^\/api\/v1\/insight\/bulletin\?.*period=week.*format=pdf/);
  assert.match(href, /date=\d{4}%2F\d{1,2}%2F\d{1,2}|date=\d{4}\/\d{1,2}\/\d{1,2}/);
  await shot(page, 'insight-bulletin');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-xlsx').click()]);
  assert.match(download.suggestedFilename(), /^bulletin-week-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-browser-bulletin-')), download.suggestedFilename());
  await download.saveAs(file); // openpyxl goes by the extension
  const out = JSON.parse(execFileSync(process.env.POL_PYTHON || '/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
head = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
print(json.dumps({"rtl": all(ws.sheet_view.rightToLeft for ws in wb.worksheets), "mentions": head.get('اشاره‌های رسانه‌ای')}))
`, file], { encoding: 'utf8' }));
  const council = (await admin.get('/api/v1/councils')).json.items.find((c) => c.slug === 'qazvin-tkr');
  const api = (await admin.get(`/api/v1/insight/dashboard?council_id=${council.id}&period=week`)).json;
  assert.equal(out.rtl, true);
  assert.equal(out.mentions, api.figures.find((f) => f.metric === 'mentions').value);
  assert.ok(out.mentions >= 2);
});

test('an agency PR manager has no bulletin entry', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  assert.equal(await page.getByTestId('nav-bulletin').count(), 0);
});
