// Browser test of the insight dashboard against a real `pol serve` (demo data plus press items ingested
// today): the council admin's first screen is the council's dashboard — the KPI strip in Persian digits
// with the previous period's change, equal to the API's numbers; a number opens the records behind it;
// the period picker switches to a season. The tamin PR manager sees tamin's dashboard. Screenshots in
// tests/artifacts/insight-*.png.
//   node --test tests/browser/insight.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pol } from '../e2e/harness.mjs';
import { startBackend, launchBrowser, openPage, loginOk, shot, latinDigitsInText, ApiClient } from './lib.mjs';

let srv, browser, admin;

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
  admin = new ApiClient(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const now = new Date().toUTCString();
  const items = [
    ['افزایش مستمری بازنشستگان تأمین اجتماعی', 'سازمان تأمین اجتماعی از افزایش مستمری خبر داد.'],
    ['گلایهٔ مددجویان از تأخیر بهزیستی', 'مددجویان بهزیستی از تأخیر در پرداخت مستمری گلایه دارند و مشکل ادامه دارد.'],
    ['همکاری بهزیستی و تأمین اجتماعی', 'تفاهم‌نامهٔ بهزیستی و تأمین اجتماعی امضا شد.'],
  ].map(([title, abstract], i) => JSON.stringify({ title, abstract, paragraphs: [abstract], published: now, link: `https://example.ir/b/${i}` }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-browser-insight-')), 'items.jsonl');
  writeFileSync(file, items.join('\n') + '\n');
  pol(['ingest', '--data', srv.dataDir, file]);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test("the council admin's first screen: the council's dashboard, every number opening its records", async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  const dash = page.getByTestId('insight-dashboard');
  await dash.getByTestId('insight-kpis').waitFor();
  const councils = (await admin.get('/api/v1/councils')).json.items;
  const council = councils.find((c) => c.slug === 'qazvin-tkr');
  const api = (await admin.get(`/api/v1/insight/dashboard?council_id=${council.id}&period=month`)).json;
  const mentions = api.figures.find((f) => f.metric === 'mentions');
  assert.ok(mentions.value >= 3);
  const shown = await page.getByTestId('kpi-value-mentions').textContent();
  assert.match(shown, /^[۰-۹٬]+$/, 'Persian digits');
  assert.equal(Number(shown.replace(/[۰-۹]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d)).replace(/٬/g, '')), mentions.value);
  assert.match(await page.getByTestId('insight-period-label').textContent(), /در مقایسه با/);
  await page.getByTestId('kpi-mentions').click();
  await page.getByTestId('insight-records').waitFor();
  assert.equal(await page.getByTestId('insight-record').count(), mentions.value, 'the records behind the number');
  // The records as CSV, downloaded from the console: a row per record.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('insight-records-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, mentions.value, 'CSV rows');
  await page.getByTestId('insight-sov').waitFor();
  assert.deepEqual(await latinDigitsInText(page, '[data-testid="insight-dashboard"]'), [], 'Persian digits on the dashboard');
  // The charts: the server's drawings (the bulletin's), decoded by the browser, each with a Persian alt.
  for (const chart of ['mentions_over_time', 'share_of_voice', 'top_outlets', 'tone']) {
    const img = page.getByTestId(`insight-chart-${chart}`);
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 15000 });
    assert.equal(await img.evaluate((el) => el.naturalWidth), 720, `${chart} decoded at its width`);
    assert.match(await img.getAttribute('alt'), /[\u0600-\u06FF]/, `${chart} has a Persian description`);
  }
  await page.getByTestId('insight-chart-mentions_over_time').scrollIntoViewIfNeeded();
  await shot(page, 'insight-council-dashboard');
  await page.getByTestId('insight-period').selectOption('season');
  await page.getByText(/^(بهار|تابستان|پاییز|زمستان) /).first().waitFor();
  assert.deepEqual(page.errors, []);
});

test("the tamin PR manager's first screen: tamin's dashboard, no share of voice", async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  await page.getByTestId('insight-kpis').waitFor();
  assert.match(await page.locator('#insight-h').textContent(), /تأمین/);
  assert.equal(await page.getByTestId('insight-sov').count(), 0);
  await shot(page, 'insight-agency-dashboard');
  assert.deepEqual(page.errors, []);
});
