// Browser test of the «ارزیابی روابط عمومی» screens against a real `pol serve` (demo data): the council
// admin opens them from the sidebar, creates this season's period, sees the ranked table, opens tamin's
// card and gives a manual score; the tamin PR manager uploads a piece of evidence on the card, opens the
// records behind a figure and deletes a piece of evidence uploaded by mistake; the
// admin closes the period and downloads the XLSX (right-to-left, the API's totals); the template editor
// refuses a weight out of range with a Persian message. Screenshots in tests/artifacts/scorecard-*.png.
//   node --test tests/browser/scorecard.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startBackend, launchBrowser, openPage, loginOk, shot, ApiClient } from './lib.mjs';

let srv, browser, admin, councilId, taminId, taminName, dir;

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
  admin = new ApiClient(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const council = (await admin.get('/api/v1/councils')).json.items.find((c) => c.slug === 'qazvin-tkr');
  councilId = council.id;
  const tamin = (await admin.get(`/api/v1/agencies?council_id=${councilId}&per_page=200`)).json.items.find((a) => a.slug === 'tamin');
  taminId = tamin.id;
  taminName = tamin.name;
  dir = mkdtempSync(path.join(tmpdir(), 'pol-browser-scorecard-'));
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

const periods = async () => (await admin.get(`/api/v1/insight/scorecard/periods?council_id=${councilId}`)).json.items;

test('the council admin creates a period, sees the ranking and scores a manual item', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  await page.getByTestId('nav-scorecard').click();
  await page.getByTestId('scorecard').waitFor();
  await page.getByTestId('new-period').click();
  await page.getByTestId('scorecard-ranking').waitFor();
  const [p] = await periods();
  assert.equal(p.status, 'open');
  await page.getByTestId('scorecard-ranking').getByRole('button', { name: taminName, exact: true }).click();
  await page.getByTestId('scorecard-card').waitFor();
  await page.getByTestId('score-training').selectOption('5');
  await page.getByTestId('save-training').click();
  await page.waitForFunction(async ([id, tid]) => {
    const r = await fetch(`/api/v1/insight/scorecard/periods/${id}/agencies/${tid}`);
    const card = await r.json();
    return card.items.find((i) => i.code === 'training').raw === 5;
  }, [p.id, taminId]);
  await shot(page, 'scorecard-card');
});

test('the tamin PR manager uploads evidence on the own card and sees no ranking', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  await page.getByTestId('nav-scorecard').click();
  await page.getByTestId('scorecard-card').waitFor();
  assert.equal(await page.getByTestId('scorecard-ranking').count(), 0);
  const file = path.join(dir, 'evidence.pdf');
  writeFileSync(file, '%PDF-1.4\n% browser evidence\n');
  await page.getByTestId('evidence-research').setInputFiles(file);
  await page.getByTestId('manual-research').getByRole('link', { name: 'evidence.pdf' }).waitFor();
  assert.equal(await page.getByTestId('nav-bulletin').count(), 0);
  // A data figure opens the records that produced it (the same count as the figure).
  const card = (await admin.get(`/api/v1/insight/scorecard/periods/${(await periods())[0].id}/agencies/${taminId}`)).json;
  const published = card.items.find((i) => i.code === 'published_items');
  await page.getByTestId('figure-published_items').click();
  await page.getByTestId('records-published_items').waitFor();
  assert.equal(await page.getByTestId('records-published_items').getByTestId('linked-record').count(), Math.min(published.raw, 200));
  await shot(page, 'scorecard-records');
  // A piece of evidence uploaded by mistake is deleted while the period is open.
  const wrong = path.join(dir, 'wrong.pdf');
  writeFileSync(wrong, '%PDF-1.4\n% uploaded by mistake\n');
  await page.getByTestId('evidence-events').setInputFiles(wrong);
  const link = page.getByTestId('manual-events').getByRole('link', { name: 'wrong.pdf' });
  await link.waitFor();
  await page.getByTestId('manual-events').getByRole('button', { name: 'حذف wrong.pdf' }).click();
  await link.waitFor({ state: 'detached' });
  const after = (await admin.get(`/api/v1/insight/scorecard/periods/${(await periods())[0].id}/agencies/${taminId}`)).json;
  assert.equal(after.items.find((i) => i.code === 'events').evidence.length, 0);
});

test('the admin closes the period and downloads the XLSX; the template editor refuses a bad weight', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  await page.getByTestId('nav-scorecard').click();
  await page.getByTestId('scorecard-ranking').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('close-period').click();
  await page.getByTestId('scorecard-xlsx').waitFor();
  const [p] = await periods();
  assert.equal(p.status, 'closed');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scorecard-xlsx').click()]);
  assert.equal(download.suggestedFilename(), `scorecard-${p.code}.xlsx`);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const out = JSON.parse(execFileSync(process.env.POL_PYTHON || '/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({"rtl": all(ws.sheet_view.rightToLeft for ws in wb.worksheets),
  "rows": [[r[1], r[2]] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]}))
`, file], { encoding: 'utf8' }));
  const api = (await admin.get(`/api/v1/insight/scorecard/periods/${p.id}`)).json;
  assert.equal(out.rtl, true);
  assert.deepEqual(out.rows.map(([n, t]) => [n, Math.round(t * 1000)]), api.agencies.map((a) => [a.agency_name, Math.round(a.total * 1000)]));
  await shot(page, 'scorecard-closed');

  await page.getByTestId('tab-template').click();
  await page.getByTestId('scorecard-template').waitFor();
  await page.getByTestId('tpl-published_items-weight').fill('11');
  await page.getByTestId('template-save').click();
  const msg = await page.getByTestId('template-error').textContent();
  assert.match(msg, /وزن/);
  assert.match(msg, /items\[0\]/);
  assert.equal((await admin.get(`/api/v1/insight/scorecard/template?council_id=${councilId}&kind=season`)).json.is_default, true);
  await shot(page, 'scorecard-template');
});
