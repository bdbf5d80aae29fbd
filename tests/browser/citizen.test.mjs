// Browser test of the citizens' channel against a real `pol serve` (demo data,
// the development SMS provider that writes messages to the log): a citizen on a
// phone-sized window files a complaint with a photo, answers the challenge,
// verifies the mobile with the code from the SMS, and gets a tracking code; the
// request is routed to the right agency; the agency's desk answers and closes it
// in the console; the citizen rates it; the agency's CSAT updates.
//   node --test tests/browser/citizen.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, openPage, loginOk, shot, makePng, ApiClient } from './lib.mjs';
import { startServer } from '../e2e/harness.mjs';
import { solveChallenge } from '../e2e/lib/citizen.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function otpFromLog(mobile) {
  for (let i = 0; i < 400; i++) {
    const m = [...srv.output().matchAll(new RegExp(`to=${mobile} text=[^\\n]*?(\\d{6})`, 'g'))];
    if (m.length) return m[m.length - 1][1];
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no one-time code in the log');
}

test('a citizen files from a phone; the desk answers and closes; the citizen rates; CSAT updates', async () => {
  const mobile = '09127654321';
  const phone = await openPage(browser, srv, { width: 390, height: 844 });
  // The citizen starts on the public news site and follows its link to the portal.
  await phone.goto('/');
  await shot(phone, 'citizen-00-news-site-phone');
  await phone.getByRole('link', { name: 'ثبت درخواست / پیگیری' }).click();
  await phone.waitForURL(/\/citizen$/);
  assert.equal(await phone.evaluate(() => document.documentElement.dir), 'rtl');
  const formHtml = await phone.content();
  const size = Buffer.byteLength(await (await fetch(srv.url('/citizen'))).text());
  assert.ok(size < 60 * 1024, `form page is ${size} bytes`);
  await phone.getByLabel('شکایت').check();
  await phone.getByLabel('موضوع').fill('تأخیر در پرداخت مستمری بازنشستگی');
  await phone.getByLabel('متن').fill('حقوق بازنشستگی پدرم که فرهنگی بازنشسته است از صندوق بازنشستگی کشوری دو ماه است با تأخیر پرداخت می‌شود و حکم امسالش هم صادر نشده است.');
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-citizen-'));
  const photo = path.join(dir, 'فیش.png');
  writeFileSync(photo, makePng(120, 80));
  await phone.setInputFiles('#attachments', photo);
  await phone.getByLabel('نام و نام خانوادگی').fill('مهدی شریفی');
  await phone.getByLabel('شمارهٔ همراه').fill('۰۹۱۲ ۷۶۵ ۴۳۲۱');
  const { challenge } = solveChallenge(formHtml);
  await phone.locator('#challenge').fill(challenge);
  // No horizontal scrolling on a phone.
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'fits the phone width');
  await shot(phone, 'citizen-01-form-phone');
  await phone.getByRole('button', { name: 'ثبت درخواست' }).click();
  await phone.locator('#tracking-code').waitFor();
  const shown = (await phone.locator('#tracking-code').innerText()).replace(/\s/g, '');
  const code = shown.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
  assert.match(code, /^[1-9]\d{9}$/);
  await shot(phone, 'citizen-02-verify-phone');
  await phone.getByLabel('کد تأییدی که پیامک شد').fill(await otpFromLog(mobile));
  await phone.getByRole('button', { name: 'تأیید' }).click();
  await phone.locator('#state').waitFor();
  assert.equal(await phone.locator('#state').getAttribute('data-state'), 'open');
  assert.ok((await phone.locator('#agency').innerText()).includes('بازنشستگی'), 'routed to the civil servants pension fund');
  await shot(phone, 'citizen-03-status-routed-phone');

  // The agency's desk in the console.
  const desk = await openPage(browser, srv);
  await loginOk(desk, 'bazneshastegi-desk');
  // The desk's home: its figures (equal to the inbox's own totals) and the notification bell.
  const deskApi = new ApiClient(srv.base);
  await deskApi.login('bazneshastegi-desk');
  const total = async (q) => (await deskApi.get(`/api/v1/citizen/requests?per_page=1&${q}`)).json.total;
  const want = { open: await total('state=open'), overdue: await total('overdue=1'), answered: await total('state=answered') };
  assert.ok(want.open >= 1, 'the new request is open for this desk');
  const fa = (n) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
  for (const [key, n] of Object.entries(want)) {
    await desk.getByTestId(`desk-count-${key}-value`).getByText(fa(n), { exact: true }).waitFor();
  }
  assert.ok(await desk.getByTestId('bell').isVisible(), 'the desk has the notification bell');
  await shot(desk, 'citizen-03b-desk-home');
  await desk.getByTestId('desk-count-open').click();
  await desk.waitForURL(/\/console\/citizen\?state=open$/);
  await desk.getByTestId(`citizen-row-${code}`).waitFor();
  await desk.getByTestId('nav-citizen').click();
  const row = desk.getByTestId(`citizen-row-${code}`);
  await row.waitFor();
  assert.ok((await row.innerText()).includes('***'), 'masked mobile in the list');
  await shot(desk, 'citizen-04-desk-inbox');
  await row.getByRole('link').click();
  await desk.getByTestId('citizen-text').waitFor();
  await desk.getByLabel('قالب پاسخ').selectOption({ label: 'دریافت و در دست بررسی' });
  await desk.locator('#reply').fill('حکم بازنشستگی صادر شد و مستمری این ماه به‌موقع واریز می‌شود.');
  await desk.getByRole('button', { name: 'فرستادن پاسخ' }).click();
  await desk.getByTestId('citizen-events').getByText('حکم بازنشستگی صادر شد').waitFor();
  // Closing: no outcome is chosen for the desk, and it asks before closing.
  assert.ok(await desk.getByTestId('close-request').isDisabled(), 'no default outcome');
  await desk.getByTestId('close-outcome').selectOption({ label: 'حل شد' });
  await desk.getByTestId('close-request').click();
  const confirm = desk.getByTestId('close-confirm');
  await confirm.waitFor();
  assert.ok((await confirm.innerText()).includes('مطمئن هستید'));
  await shot(desk, 'citizen-05a-desk-close-confirm');
  await confirm.getByRole('button', { name: /بستن با نتیجهٔ/ }).click();
  await desk.getByTestId('state').getByText('بسته شد').waitFor();
  await shot(desk, 'citizen-05-desk-closed');

  // The citizen sees the answer and rates it.
  await phone.reload();
  assert.equal(await phone.locator('#state').getAttribute('data-state'), 'closed');
  assert.ok((await phone.content()).includes('مستمری این ماه به‌موقع واریز می‌شود'));
  assert.equal(await phone.locator('input[name="score"]:checked').count(), 0, 'no rating pre-selected');
  await phone.getByLabel('۴', { exact: true }).check();
  await phone.getByLabel('توضیح (اختیاری)').fill('پاسخ روشن بود.');
  await phone.getByRole('button', { name: 'ثبت نظر' }).click();
  await phone.getByText('نظر شما ثبت شده است').waitFor();
  await shot(phone, 'citizen-06-rated-phone');

  // The agency's CSAT.
  const council = await openPage(browser, srv);
  await loginOk(council, 'council');
  await council.goto('/console/citizen/csat');
  const admin = new ApiClient(srv.base);
  await admin.login('admin');
  const agency = (await admin.get('/api/v1/agencies?per_page=100')).json.items.find((a) => a.slug === 'bazneshastegi');
  const cell = council.getByTestId(`csat-${agency.id}`);
  await cell.waitFor();
  assert.ok((await cell.innerText()).includes('۴٫۰'), `Persian decimal separator: ${await cell.innerText()}`);
  // Volumes per channel (issue 15): Persian labels, Persian digits, the totals the API gives.
  const volumes = (await admin.get('/api/v1/citizen/csat')).json.channels;
  const web = council.getByTestId('channels-total').locator('[data-channel="web"]');
  assert.equal(await web.innerText(), String(volumes.web).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]));
  assert.ok((await council.getByTestId('channel-table').innerText()).includes('ربات بله'));
  await shot(council, 'citizen-07-csat');
  for (const p of [phone, desk, council]) assert.deepEqual(p.errors, []);
});

// Runs after the test above (file order): the citizen of 09127654321 has one request.
test('the council desk sets an SLA target and exports, then erases, a citizen\'s data', async () => {
  const admin = new ApiClient(srv.base);
  await admin.login('admin');
  const behzisti = (await admin.get('/api/v1/agencies?per_page=100')).json.items.find((a) => a.slug === 'behzisti');
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  await page.goto('/console/citizen');
  await page.getByTestId('link-sla').click();
  const form = page.getByTestId('sla-form');
  await form.waitFor();
  await form.getByLabel('دستگاه').selectOption(String(behzisti.id));
  await form.getByLabel('نوع درخواست').selectOption('complaint');
  await page.getByTestId('sla-first').fill('۴');
  await page.getByTestId('sla-resolve').fill('۳');
  await page.getByTestId('sla-save').click();
  await page.getByTestId('sla-saved').waitFor();
  const sla = (await admin.get('/api/v1/citizen/sla')).json;
  const t = sla.items.find((x) => x.agency_id === behzisti.id && x.type === 'complaint');
  assert.deepEqual([t.first_response_minutes, t.resolve_minutes], [240, 3 * sla.office_day_minutes]);
  const row = page.getByTestId('sla-row').filter({ hasText: 'شکایت' }).filter({ hasText: behzisti.short_name || behzisti.name });
  assert.match(await row.innerText(), /۴ ساعت کاری[\s\S]*۳ روز کاری/);
  // A missing amount is refused with the server's Persian message, nothing saved.
  await page.getByTestId('sla-first').fill('');
  await page.getByTestId('sla-save').click();
  await form.getByRole('alert').waitFor();
  assert.equal((await admin.get('/api/v1/citizen/sla')).json.items.length, sla.items.length);
  await shot(page, 'citizen-08-sla');

  // A citizen's personal data: looked up by mobile (any digits), downloaded, erased after confirmation.
  await page.goto('/console/citizen');
  await page.getByTestId('link-privacy').click();
  await page.getByTestId('privacy-mobile').fill('۰۹۱۲۷۶۵۴۳۲۱');
  await page.getByTestId('privacy-look').click();
  await page.getByTestId('privacy-row').first().waitFor();
  assert.equal(await page.getByTestId('privacy-row').count(), 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('privacy-download').click()]);
  assert.equal(download.suggestedFilename(), 'citizen-data-09127654321.json');
  await shot(page, 'citizen-09-privacy');
  await page.getByTestId('privacy-erase').click();
  await page.getByTestId('privacy-confirm').waitFor();
  await page.getByTestId('privacy-erase-yes').click();
  assert.match(await page.getByTestId('privacy-erased').innerText(), /۱ درخواست پاک شد/);
  assert.equal((await admin.get('/api/v1/citizen/export?mobile=09127654321')).json.requests.length, 0);
  assert.deepEqual(page.errors, []);
});
