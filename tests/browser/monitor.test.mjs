// Browser test of media monitoring against a real `pol serve` (demo data): an outlet's reprint of the
// council's founding release and a sample of Fars articles are imported with `pol ingest`; the analyst
// searches the monitoring feed, opens the reprint (mentions highlighted, the reused passages beside the
// release), the release's coverage page (also from the release), the sources with their health, and the
// charts; corrects a tone. The feed opens on the items about the agencies («همه» one click away), names
// outlets in Persian, and asks nothing until a Jalali date range is applied.
//   node --test tests/browser/monitor.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pol, repoRoot } from '../e2e/harness.mjs';
import { startBackend, launchBrowser, openPage, loginOk, shot, latinDigitsInText, ApiClient } from './lib.mjs';

let srv, browser, admin;
const toFa = (n) => String(n).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
const shared = process.env.POL_SHARED_DIR || path.resolve(repoRoot, '../shared');

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
  admin = new ApiClient(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const founding = readFileSync(path.join(shared, 'data/news/council-founding-article.txt'), 'utf8')
    .split('\n').map((l) => l.trim()).filter(Boolean);
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-browser-monitor-'));
  const file = path.join(dir, 'items.jsonl');
  const sample = readFileSync(path.join(shared, 'data/news/fars-news-sample.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 40);
  writeFileSync(file, [JSON.stringify({
    title: 'تشکیل شورای هماهنگی دستگاه‌های وزارت کار در قزوین',
    abstract: 'به گزارش پایگاه خبری قزوین امروز، ' + founding[0],
    paragraphs: [...founding.slice(1), 'انتهای پیام/'],
    link: 'https://qazvin-today.example/news/1',
  }), ...sample].join('\n') + '\n');
  pol(['ingest', '--data', srv.dataDir, file]);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the analyst follows a release from the monitoring feed to its coverage', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'analyst');
  // The feed opens on the items about the council's agencies; «همه» is one click away.
  const itemRequests = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/monitor/items?')) itemRequests.push(r.url()); });
  await page.getByTestId('nav-monitor').click();
  await page.getByTestId('monitor-items').waitFor();
  const about = (await admin.get('/api/v1/monitor/items?about=agencies&per_page=1')).json.total;
  assert.ok(about >= 1 && about < 41, `items about the agencies: ${about}`);
  assert.equal(await page.getByTestId('monitor-total').innerText(), `${toFa(about)} خبر دربارهٔ دستگاه‌های شورا`);
  assert.equal(await page.getByTestId('monitor-about-agencies').getAttribute('aria-pressed'), 'true');
  await shot(page, 'monitor-feed');
  await page.getByTestId('monitor-about-all').click();
  await page.getByTestId('monitor-total').filter({ hasText: /^۴۱ خبر$/ }).waitFor();
  // Outlets by their Persian names: the Fars sample's host becomes «خبرگزاری فارس», isolated in <bdi>.
  const outlets = await page.getByTestId('monitor-items').getByTestId('outlet').allInnerTexts();
  assert.ok(outlets.includes('خبرگزاری فارس'), outlets.join(' | '));
  assert.ok(!outlets.some((o) => o.includes('farsnews')), outlets.join(' | '));
  await shot(page, 'monitor-feed-all');

  // The date range: a Jalali start and end, typed or picked; nothing is asked until «جست‌وجو».
  const today = await page.evaluate(() => new Intl.DateTimeFormat('fa-IR-u-ca-persian', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()).replace(/[^۰-۹/]/g, ''));
  const asked = itemRequests.length;
  await page.getByTestId('monitor-from').locator('input').fill(today);
  await page.getByTestId('monitor-from').locator('input').press('Tab');
  await page.getByTestId('monitor-to-toggle').click();
  await page.getByTestId('monitor-to-calendar').locator('button[data-focus="true"]').click();
  assert.equal(itemRequests.length, asked, 'typing and picking dates asks nothing');
  await shot(page, 'monitor-date-range');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/monitor/items?')),
    page.getByTestId('monitor-search').click(),
  ]);
  assert.equal(itemRequests.length, asked + 1, 'one query on apply');
  const sent = new URL(itemRequests.at(-1)).searchParams;
  assert.match(sent.get('from'), /^\d{4}\/\d{1,2}\/\d{1,2}$/);
  assert.equal(sent.get('to'), sent.get('from'), 'from today to today');
  await page.getByTestId('monitor-total').filter({ hasText: /^۴۱ خبر$/ }).waitFor();

  await page.getByTestId('monitor-q').fill('شورای هماهنگی قزوین');
  await page.getByTestId('monitor-search').click();
  await page.getByTestId('monitor-items').locator('mark').first().waitFor();
  await page.getByTestId('monitor-items').getByRole('link', { name: /تشکیل شورای هماهنگی/ }).click();

  // The item: the ministry's name highlighted, the release's paragraphs beside the outlet's text.
  await page.getByTestId('item-text').waitFor();
  assert.ok((await page.getByTestId('mention').count()) >= 1, 'mentions highlighted');
  await page.getByTestId('reuse').first().waitFor();
  assert.ok((await page.getByTestId('reuse').locator('.bg-warning-subtle').count()) >= 1, 'reused paragraphs marked');
  await shot(page, 'monitor-item');

  // An analyst corrects the tone.
  await page.getByTestId('tone-positive').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="tone"]')?.textContent === 'مثبت');

  // The release's coverage page.
  await page.getByTestId('reuse').getByRole('link').first().click();
  await page.getByTestId('coverage-outlets').waitFor();
  assert.match(await page.getByTestId('coverage-summary').innerText(), /۱/);
  await shot(page, 'monitor-coverage');
  assert.deepEqual(await latinDigitsInText(page, 'main'), [], 'Persian digits on the coverage page');
  // The release itself links to the same coverage page.
  const releaseId = page.url().match(/\/monitor\/releases\/(\d+)/)[1];
  await page.goto(`/console/newsroom/${releaseId}`);
  await page.getByTestId('release-coverage-link').click();
  await page.getByTestId('coverage-outlets').waitFor();
  assert.ok(page.url().endsWith(`/console/monitor/releases/${releaseId}`), page.url());

  // Sources (the demo's starter list, disabled) and the charts.
  await page.goto('/console/monitor/sources');
  await page.getByTestId('sources').waitFor();
  assert.ok((await page.getByTestId('source-row').count()) >= 10);
  await shot(page, 'monitor-sources');
  // A source added by mistake: disabled, edited, removed in the console.
  await page.getByLabel('نام منبع تازه').fill('منبع آزمون مرورگر');
  await page.getByLabel('نشانی منبع تازه').fill('http://127.0.0.1:9/rss');
  await page.getByRole('button', { name: 'افزودن' }).click();
  const mine = page.getByTestId('source-row').filter({ hasText: 'منبع آزمون مرورگر' });
  await mine.waitFor();
  if ((await mine.getAttribute('data-enabled')) === 'true') {
    await mine.getByTestId('source-toggle').click();
    await page.locator('[data-testid="source-row"][data-enabled="false"]').filter({ hasText: 'منبع آزمون مرورگر' }).waitFor();
  }
  await mine.getByTestId('source-edit').click();
  const editor = page.getByTestId('source-editor');
  await editor.getByTestId('source-edit-name').fill('منبع آزمون ویرایش‌شده');
  await editor.getByTestId('source-edit-minutes').fill('۳۰');
  await shot(page, 'monitor-source-edit');
  await editor.getByTestId('source-edit-save').click();
  const renamed = page.getByTestId('source-row').filter({ hasText: 'منبع آزمون ویرایش‌شده' });
  await renamed.waitFor();
  const listed = (await admin.get('/api/v1/monitor/sources')).json.items.find((x) => x.name === 'منبع آزمون ویرایش‌شده');
  assert.deepEqual([listed.fetch_interval_s, listed.enabled], [1800, false]);
  await renamed.getByTestId('source-remove').click();
  await renamed.getByTestId('source-remove-yes').click();
  await renamed.waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('sources-note').innerText(), /حذف شد/);
  await page.goto('/console/monitor/charts');
  await page.getByTestId('chart').first().waitFor();
  // Axes, values, legend, Jalali labels.
  assert.ok((await page.getByTestId('chart-tick').count()) >= 2, 'a count axis');
  assert.ok((await page.getByTestId('chart-value').count()) >= 1, 'totals over the bars');
  assert.match(await page.getByTestId('chart-legend').first().innerText(), /منفی[\s\S]*خنثی[\s\S]*مثبت|مثبت[\s\S]*خنثی[\s\S]*منفی/);
  assert.match(await page.getByTestId('chart-month').first().textContent(), /^(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند)$/);
  for (const m of await page.getByTestId('pickup-month').allInnerTexts()) {
    assert.match(m, /^(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}$/, `a Jalali month: ${m}`);
  }
  assert.deepEqual(await latinDigitsInText(page, 'main'), [], 'Persian digits on the charts page');
  await shot(page, 'monitor-charts');

  // Watch terms: the analyst adds a variant for the first agency; it is listed and can be removed.
  await page.goto('/console/monitor');
  await page.getByTestId('link-watch-terms').click();
  await page.getByTestId('watch-term-form').waitFor();
  const form = page.getByTestId('watch-term-form');
  await form.locator('input[name=term]').fill('اداره‌کل آزمون پایش');
  await form.locator('select[name=kind]').selectOption('programme');
  await form.getByRole('button').click();
  const added = page.getByTestId('watch-term-row').filter({ hasText: 'اداره‌کل آزمون پایش' });
  await added.waitFor();
  assert.match(await added.innerText(), /برنامه/);
  await shot(page, 'monitor-watch-terms');
  await added.getByRole('button', { name: 'حذف' }).click();
  await added.waitFor({ state: 'detached' });

  // Alert rules: a burst rule typed with Persian digits.
  await page.goto('/console/monitor/alert-rules');
  const rules = page.getByTestId('alert-rule-form');
  await rules.waitFor();
  const before = await page.getByTestId('alert-rule-row').count();
  await rules.locator('select[name=kind]').selectOption('mention_burst');
  await rules.locator('input[name=threshold]').fill('۳');
  await rules.locator('input[name=window_minutes]').fill('۴۵');
  await rules.getByRole('button').click();
  const burst = page.getByTestId('alert-rule-row').filter({ hasText: '۳ خبر در ۴۵ دقیقه' });
  await burst.waitFor();
  assert.equal(await page.getByTestId('alert-rule-row').count(), before + 1);
  assert.match(await burst.innerText(), /افزایش ناگهانی اشاره‌ها/);
  await shot(page, 'monitor-alert-rules');
  assert.deepEqual(await latinDigitsInText(page, 'main'), [], 'Persian digits on the alert rules page');
  assert.deepEqual(page.errors, []);
});

test('an agency editor sees only the items that name the agency', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tkr-editor');
  await page.getByTestId('nav-monitor').click();
  await page.getByTestId('monitor-items').waitFor();
  const total = await page.getByTestId('monitor-total').innerText();
  assert.doesNotMatch(total, /۴۱/, `the editor sees a subset: ${total}`);
  assert.deepEqual(page.errors, []);
});
