// Browser tests of the staff console against a real `pol serve` (demo data):
//   node --test tests/browser/          (POL_BIN selects the binary)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, launchBrowser, openPage, login, loginOk, shot, navIds, latinDigitsInText, ApiClient, DEMO_PASSWORD } from './lib.mjs';

let srv;
let browser;
let admin; // API client logged in as the system admin

const PERSIAN = /[\u0600-\u06FF]/;
const LATIN_LETTERS = /[A-Za-z]/;

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
  admin = new ApiClient(srv.base);
  const r = await admin.login('admin');
  assert.equal(r.status, 200, `admin login: ${r.text}`);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function agencyBySlug(slug) {
  const r = await admin.get('/api/v1/agencies?per_page=100');
  assert.equal(r.status, 200, r.text);
  const a = r.json.items.find((x) => x.slug === slug);
  assert.ok(a, `agency ${slug} in demo data`);
  return a;
}

test('council admin adds an agency editor, who then sees only what an editor may', async () => {
  const behzisti = await agencyBySlug('behzisti');
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  assert.deepEqual(
    (await navIds(page)).sort(),
    ['nav-agencies', 'nav-audit', 'nav-bulletin', 'nav-calendar', 'nav-citizen', 'nav-closures', 'nav-committee', 'nav-councils', 'nav-distribution', 'nav-home',
      'nav-emerging', 'nav-messenger', 'nav-monitor', 'nav-newsroom', 'nav-password', 'nav-queue', 'nav-scorecard',
      'nav-users'].sort(),
    'council admin navigation',
  );

  await page.getByTestId('nav-users').click();
  await page.getByTestId('users-table').waitFor();
  await shot(page, 'users-list-council');
  await page.getByTestId('user-new').click();
  await page.getByLabel('نام و نام خانوادگی').fill('نرگس تهرانی');
  await page.getByLabel('نام کاربری').fill('behzisti-reporter');
  await page.getByLabel('شمارهٔ همراه').fill('۰۹۱۲۳۴۵۶۷۸۹'); // Persian digits
  await page.getByLabel('رایانامه').fill('n.tehrani@example.ir');
  await page.getByLabel('گذرواژهٔ اولیه').fill('Behzisti-1405');
  await page.getByLabel('نقش', { exact: true }).selectOption('agency_editor');
  await page.getByLabel('دستگاه', { exact: true }).selectOption(String(behzisti.id));
  await shot(page, 'user-new-form');
  await page.getByTestId('user-save').click();
  await page.getByRole('heading', { level: 1, name: 'نرگس تهرانی' }).waitFor();
  assert.match(page.url(), /\/console\/users\/\d+$/);
  await shot(page, 'user-created');

  // The server has the user with the right role and the mobile in Latin digits.
  const found = await admin.get('/api/v1/users?q=behzisti-reporter');
  assert.equal(found.status, 200, found.text);
  const u = found.json.items.find((x) => x.username === 'behzisti-reporter');
  assert.ok(u, 'new user listed');
  assert.equal(u.mobile, '09123456789');
  assert.deepEqual(u.roles.map((g) => [g.role, g.agency_id]), [['agency_editor', behzisti.id]]);

  await page.getByTestId('logout').click();
  await page.getByLabel('نام کاربری، شمارهٔ همراه یا رایانامه').waitFor();

  await loginOk(page, 'behzisti-reporter', 'Behzisti-1405');
  const ids = await navIds(page);
  assert.deepEqual(ids.sort(), ['nav-home', 'nav-monitor', 'nav-my-agency', 'nav-newsroom', 'nav-password'].sort(), 'editor navigation');
  const navText = await page.getByTestId('nav').innerText();
  for (const word of ['کاربران', 'گزارش رویدادها', 'مدیریت دستگاه‌ها']) assert.ok(!navText.includes(word), `nav hides ${word}`);
  await page.getByTestId('my-roles').getByText('دبیر/خبرنگار دستگاه').waitFor();
  await shot(page, 'editor-dashboard');

  // The editor's own agency is readable, without an edit form.
  await page.getByTestId('nav-my-agency').click();
  await page.getByRole('heading', { level: 1, name: behzisti.name }).waitFor();
  assert.equal(await page.getByTestId('agency-save').count(), 0, 'no edit form for an editor');

  // Admin routes show the Persian "not allowed" state…
  for (const route of ['/console/users', '/console/audit', '/console/agencies/new']) {
    await page.goto(route);
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    const t = await forbidden.innerText();
    assert.match(t, /دسترسی مجاز نیست/, route);
    assert.ok(!LATIN_LETTERS.test(t), `no English in ${route}: ${t}`);
  }
  await shot(page, 'editor-forbidden-users');

  // …and the API itself refuses them for this session.
  const answers = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/auth/me')).json();
    const h = { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token };
    const users = await fetch('/api/v1/users');
    const audit = await fetch('/api/v1/audit');
    const create = await fetch('/api/v1/users', {
      method: 'POST',
      headers: h,
      // A well-formed request, so only authorization can refuse it.
      body: JSON.stringify({ username: 'sneaky-user', name: 'کاربر ناخوانده', password: 'Sneaky-14055-long', roles: [{ role: 'agency_editor', council_id: me.user.roles[0].council_id, agency_id: me.user.roles[0].agency_id }] }),
    });
    return {
      users: users.status,
      audit: audit.status,
      create: create.status,
      createBody: await create.json().catch(() => null),
    };
  });
  assert.equal(answers.users, 403, 'GET /users as editor');
  assert.equal(answers.audit, 403, 'GET /audit as editor');
  assert.equal(answers.create, 403, 'POST /users as editor');
  assert.match(answers.createBody?.error?.message ?? '', PERSIAN, 'Persian error message');
  assert.deepEqual(page.errors, []);
});

test('a wrong password shows the server’s Persian error', async () => {
  const api = await new ApiClient(srv.base).login('committee', 'not-the-password');
  assert.equal(api.status, 401);
  const expected = api.json.error.message;
  assert.match(expected, PERSIAN);

  const page = await openPage(browser, srv);
  await login(page, 'committee', 'not-the-password');
  const err = page.getByTestId('login-error');
  await err.waitFor();
  assert.equal((await err.innerText()).trim(), expected);
  assert.equal(await err.getAttribute('role'), 'alert');
  await shot(page, 'login-error');
  // Still on the login form, and the right password works.
  await loginOk(page, 'committee');
  assert.deepEqual(page.errors, []);
});

test('editing an agency that another client changed shows the conflict message', async () => {
  const tamin = await agencyBySlug('tamin');
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  await page.goto(`/console/agencies/${tamin.id}`);
  const shortName = page.getByLabel('نام کوتاه');
  await shortName.waitFor();
  await shortName.fill('تأمین اجتماعی قزوین');

  // Meanwhile someone else saves the same agency.
  const other = await admin.patch(`/api/v1/agencies/${tamin.id}`, { version: tamin.version, pr_phone: '02833445566' });
  assert.equal(other.status, 200, other.text);

  // What the server says to a stale version (the console must show exactly that).
  const stale = await admin.patch(`/api/v1/agencies/${tamin.id}`, { version: tamin.version, short_name: 'x' });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.error.code, 'version_conflict');

  await page.getByTestId('agency-save').click();
  const conflict = page.getByTestId('conflict');
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /تعارض ویرایش/);
  assert.equal((await conflict.getByTestId('conflict-message').innerText()).trim(), stale.json.error.message);
  await shot(page, 'agency-conflict');

  // Reloading shows the other client's change; saving again then succeeds.
  await conflict.getByRole('button', { name: 'بارگذاری نسخهٔ تازه' }).click();
  // The reloaded form has the other client's phone number, in Persian digits.
  await page.waitForFunction(() => document.querySelector('input[name="pr_phone"]')?.value === '۰۲۸۳۳۴۴۵۵۶۶');
  await page.getByLabel('نام کوتاه').fill('تأمین اجتماعی قزوین');
  await page.getByTestId('agency-save').click();
  await page.getByTestId('saved').waitFor();
  const after = await admin.get(`/api/v1/agencies/${tamin.id}`);
  assert.equal(after.json.short_name, 'تأمین اجتماعی قزوین');
  assert.equal(after.json.pr_phone, '02833445566');
  assert.deepEqual(page.errors, []);
});

test('the console is RTL Persian with Vazirmatn and Jalali dates in Persian digits', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'admin');
  const doc = await page.evaluate(async () => {
    await document.fonts.ready;
    const main = document.querySelector('main').getBoundingClientRect();
    const side = document.querySelector('#sidebar').getBoundingClientRect();
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      font: getComputedStyle(document.body).fontFamily,
      vazirLoaded: [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Vazirmatn' && f.status === 'loaded'),
      sidebarOnRight: side.left > main.left,
    };
  });
  assert.equal(doc.lang, 'fa');
  assert.equal(doc.dir, 'rtl');
  assert.equal(doc.direction, 'rtl');
  assert.match(doc.font, /^"?Vazirmatn/);
  assert.ok(doc.vazirLoaded, 'Vazirmatn font loaded from the bundle');
  assert.ok(doc.sidebarOnRight, 'sidebar on the right');

  const lastLogin = await page.getByTestId('last-login').innerText();
  assert.match(lastLogin, /[۰-۹]{4}/, `Jalali year in Persian digits: ${lastLogin}`);
  assert.match(lastLogin, /۱۴[۰-۹]{2}/, 'a 14xx Solar Hijri year');
  assert.deepEqual(await latinDigitsInText(page, 'main'), [], 'no Latin digits on the dashboard');
  await shot(page, 'dashboard-admin');

  // Audit log: Jalali timestamps, then the Jalali date picker.
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-table').waitFor();
  const stamps = await page.getByTestId('audit-at').allInnerTexts();
  assert.ok(stamps.length > 0, 'audit entries after logins and edits');
  for (const s of stamps) {
    assert.match(s, /۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}/, `Jalali date: ${s}`);
    assert.ok(!/[0-9]/.test(s), `no Latin digits: ${s}`);
  }
  // What was done and to what, in Persian words: no raw English codes such as `approve` or `citizen_request`.
  const actions = await page.getByTestId('audit-action').allInnerTexts();
  const entities = await page.getByTestId('audit-entity').allInnerTexts();
  assert.ok(actions.length > 0 && actions.length === entities.length, 'an action and an entity per row');
  for (const t of [...actions, ...entities]) assert.ok(/[\u0600-\u06FF]/.test(t) && !/[A-Za-z]/.test(t), `Persian label: ${t}`);
  const entityOptions = await page.locator('#audit-entity option').allInnerTexts();
  for (const want of ['خبر', 'درخواست مردمی', 'مصوبه']) assert.ok(entityOptions.includes(want), `filter offers ${want}: ${entityOptions}`);
  await shot(page, 'audit-log');

  await page.getByTestId('audit-from-toggle').click();
  const cal = page.getByTestId('audit-from-calendar');
  await cal.waitFor();
  const heads = await cal.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(heads, ['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج'], 'Saturday-first week');
  const title = await cal.getByTestId('jdp-title').innerText();
  assert.match(title, /^(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴[۰-۹]{2}$/);
  // Fridays are in the last column and marked as holidays.
  const fridays = await cal.locator('[role=row]').evaluateAll((rows) =>
    rows.slice(1).map((r) => {
      const last = r.children[6]?.querySelector('button');
      return last ? { holiday: last.classList.contains('jdp-holiday'), label: last.getAttribute('aria-label') } : null;
    }).filter(Boolean),
  );
  assert.ok(fridays.length >= 3);
  for (const f of fridays) {
    assert.ok(f.holiday, 'Friday marked as holiday');
    assert.match(f.label, /^جمعه/);
  }
  await shot(page, 'audit-datepicker');
  // Keyboard: pick the first day of the month shown.
  await cal.locator('button[data-day="1"]').click();
  const fromInput = page.getByLabel('از تاریخ', { exact: true });
  const fromValue = await fromInput.inputValue();
  assert.match(fromValue, /^۱۴[۰-۹]{2}\/[۰-۹]{2}\/۰۱$/);
  // Keyboard: PageUp goes to the previous month, ArrowLeft (RTL) to the next day, Enter picks it.
  await page.getByTestId('audit-from-toggle').click();
  await cal.waitFor();
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await cal.waitFor({ state: 'detached' });
  const fa2n = (s) => Number(s.replace(/[۰-۹]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(c)));
  const [, m1] = fromValue.split('/');
  const [, m2, d2] = (await fromInput.inputValue()).split('/');
  assert.equal(fa2n(d2), 2, 'second day');
  assert.equal(fa2n(m2), ((fa2n(m1) + 10) % 12) + 1, 'previous month');

  // "To" typed with Latin digits becomes Persian; applying sends unix-ms bounds.
  const today = await page.evaluate(() => new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date()));
  const part = (t) => today.find((p) => p.type === t).value;
  const to = page.getByLabel('تا تاریخ', { exact: true });
  await to.fill(`${part('year').replace(/\D/g, '')}/${part('month')}/${part('day')}`);
  await to.press('Enter');
  assert.match(await to.inputValue(), /^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}$/);
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/api/v1/audit') && r.url().includes('from=')),
    page.getByTestId('audit-apply').click(),
  ]);
  const q = new URL(req.url()).searchParams;
  const from = Number(q.get('from'));
  const toMs = Number(q.get('to'));
  assert.ok(from > 1.7e12 && toMs > from, `from/to are unix ms: ${from} ${toMs}`);
  assert.ok(toMs >= Date.now() - 86400000, 'range ends today');
  await page.getByTestId('audit-table').or(page.getByTestId('empty')).waitFor();
  const filtered = await page.getByTestId('audit-at').allInnerTexts();
  assert.ok(filtered.length > 0, 'today’s logins fall inside the range');
  await shot(page, 'audit-filtered');
  assert.deepEqual(page.errors, []);
});

test('logout everywhere ends the other sessions too', async () => {
  const a = await openPage(browser, srv);
  const b = await openPage(browser, srv);
  await loginOk(a, 'analyst');
  await loginOk(b, 'analyst');
  await a.getByTestId('logout-all').click();
  await a.getByLabel('نام کاربری، شمارهٔ همراه یا رایانامه').waitFor();
  await b.reload();
  await b.getByLabel('نام کاربری، شمارهٔ همراه یا رایانامه').waitFor();
  assert.equal(await b.getByTestId('nav').count(), 0);
  const me = await b.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(me, 401);
});

test('small screens keep the layout usable (sidebar behind the menu button)', async () => {
  const page = await openPage(browser, srv, { width: 390, height: 800 });
  await loginOk(page, 'tamin-manager');
  await shot(page, 'mobile-dashboard');
  assert.ok(!(await page.getByTestId('nav-users').isVisible()), 'sidebar hidden until opened');
  await page.getByRole('button', { name: 'فهرست' }).click();
  await page.getByTestId('nav-users').click();
  await page.getByTestId('users-table').waitFor();
  assert.ok(!(await page.getByTestId('nav-users').isVisible()), 'sidebar closes after navigating');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal page overflow (${overflow}px)`);
  await shot(page, 'mobile-users');
});

test('every screen speaks Persian: no English labels, Persian digits in numbers and dates', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  const councils = await admin.get('/api/v1/councils');
  const behzisti = await agencyBySlug('behzisti');
  const screens = [
    ['/console/', 'home'],
    ['/console/councils', 'councils'],
    [`/console/councils/${councils.json.items[0].id}`, 'council-edit'],
    ['/console/agencies', 'agencies'],
    ['/console/agencies/new', 'agency-new'],
    [`/console/agencies/${behzisti.id}`, 'agency-edit'],
    ['/console/users', 'users'],
    [`/console/users?agency=${behzisti.id}`, 'users-behzisti'],
    ['/console/users/new', 'user-new'],
    ['/console/audit', 'audit'],
    ['/console/password', 'password'],
  ];
  for (const [url, name] of screens) {
    await page.goto(url);
    await page.locator('main h1').first().waitFor();
    await page.locator('main [role=status].spinner-border, main .spinner-border').waitFor({ state: 'detached' });
    // Interface text (headings, labels, buttons, hints, navigation) outside LTR islands such as e-mail addresses.
    const chrome = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('main h1, main h2, main th, main label, main button, main legend, main .form-text, main .empty-state, #sidebar, header')) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement.closest('bdi,[dir=ltr]')) out.push(n.textContent);
      }
      return out.join(' | ');
    });
    assert.ok(!/[A-Za-z]/.test(chrome), `${name}: English in the interface: ${chrome.match(/.{0,30}[A-Za-z]+.{0,30}/)?.[0]}`);
    const digits = await latinDigitsInText(page, 'main');
    const chromeDigits = digits.filter((t) => /^[\s\d,./:–—-]+$/.test(t)); // bare numbers/dates we format ourselves
    assert.deepEqual(chromeDigits, [], `${name}: numbers in Latin digits`);
    const times = await page.locator('main time').allInnerTexts();
    for (const t of times) assert.ok(!/[0-9]/.test(t), `${name}: time in Latin digits: ${t}`);
    await shot(page, `screen-${name}`);
  }
  assert.deepEqual(page.errors, []);
});

test('an agency PR manager manages only their own agency’s staff', async () => {
  const fanni = await agencyBySlug('fanni');
  const page = await openPage(browser, srv);
  await loginOk(page, 'fanni-manager');
  assert.deepEqual((await navIds(page)).sort(),
    ['nav-calendar', 'nav-citizen', 'nav-committee', 'nav-distribution', 'nav-home', 'nav-messenger', 'nav-monitor', 'nav-my-agency', 'nav-newsroom',
      'nav-password', 'nav-queue', 'nav-scorecard', 'nav-users'].sort());
  // The publication calendar the PR manager schedules against (#16 §3), read-only for occasions.
  await page.getByTestId('nav-calendar').click();
  await page.getByTestId('calendar-page').waitFor();
  await page.getByTestId('calendar-title').waitFor();
  assert.equal(await page.getByTestId('occasion-new').count(), 0, 'a PR manager does not edit occasions');
  assert.ok(!(await page.getByTestId('calendar-page').innerText()).includes('دسترسی'), 'no forbidden message');
  await page.getByTestId('nav-users').click();
  await page.getByTestId('users-table').waitFor();
  // The agency filter offers only their agency.
  const options = await page.getByLabel('دستگاه', { exact: true }).locator('option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(options, [String(fanni.id)]);
  await page.getByTestId('user-new').click();
  // The form's role list fills in once the console's references have loaded (in parallel since #16).
  await page.getByLabel('نقش', { exact: true }).locator('option[value="agency_editor"]').waitFor({ state: 'attached' });
  const roles = await page.getByLabel('نقش', { exact: true }).locator('option').evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
  assert.deepEqual(roles.sort(), ['agency_editor', 'agency_pr_manager', 'citizen_desk'].sort(), 'only agency roles are offered');
  await page.getByLabel('نام و نام خانوادگی').fill('کارشناس تازهٔ پاسخگویی');
  await page.getByLabel('نام کاربری').fill('fanni-desk2');
  await page.getByLabel('گذرواژهٔ اولیه').fill('Fanni-desk-1405');
  await page.getByLabel('نقش', { exact: true }).selectOption('citizen_desk');
  await page.getByTestId('user-save').click();
  await page.getByRole('heading', { level: 1, name: 'کارشناس تازهٔ پاسخگویی' }).waitFor();
  const u = (await admin.get('/api/v1/users?q=fanni-desk2')).json.items.find((x) => x.username === 'fanni-desk2');
  assert.deepEqual(u?.roles.map((g) => [g.role, g.agency_id]), [['citizen_desk', fanni.id]]);
  // Disable, then enable again, from the user page.
  await page.getByTestId('user-toggle').click();
  await page.getByTestId('saved').waitFor();
  assert.equal((await admin.get(`/api/v1/users/${u.id}`)).json.disabled, true);
  await page.getByTestId('user-toggle').click();
  await page.getByText('حساب کاربر فعال شد.').waitFor();
  assert.equal((await admin.get(`/api/v1/users/${u.id}`)).json.disabled, false);
  await shot(page, 'manager-user-page');
  assert.deepEqual(page.errors, []);
});

test('changing one’s own password keeps the session working, and the new password logs in', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tkr-desk');
  await page.getByTestId('nav-password').click();
  await page.getByLabel('گذرواژهٔ کنونی').fill('wrong-current');
  await page.getByLabel('گذرواژهٔ تازه', { exact: true }).fill('Desk-new-1405');
  await page.getByLabel('تکرار گذرواژهٔ تازه').fill('Desk-new-1405');
  await page.getByRole('button', { name: 'تغییر گذرواژه' }).click();
  const wrong = page.locator('main .invalid-feedback, main [role=alert]').first();
  await wrong.waitFor();
  assert.match(await wrong.innerText(), /[\u0600-\u06FF]/, 'Persian error for a wrong current password');

  await page.getByLabel('گذرواژهٔ کنونی').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'تغییر گذرواژه' }).click();
  await page.getByTestId('password-msg').getByText('گذرواژهٔ شما تغییر کرد.').waitFor();
  await shot(page, 'password-changed');
  // Still signed in, and a state-changing request (logout) passes the CSRF check.
  await page.getByTestId('nav-home').click();
  await page.getByTestId('me').waitFor();
  await page.getByTestId('logout').click();
  await page.getByLabel('نام کاربری، شمارهٔ همراه یا رایانامه').waitFor();
  await login(page, 'tkr-desk', DEMO_PASSWORD);
  await page.getByTestId('login-error').waitFor();
  await loginOk(page, 'tkr-desk', 'Desk-new-1405');
  assert.deepEqual(page.errors, []);
});

test('the system admin sees the background jobs: counts per state, Persian names, the failed ones first', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'admin');
  assert.ok((await navIds(page)).includes('nav-jobs'), 'jobs in the system admin navigation');
  await page.getByTestId('nav-jobs').click();
  await page.locator('main h1', { hasText: 'کارهای پس‌زمینه' }).waitFor();
  // The first view is the failed jobs (none here), with every state one click away.
  await page.getByText('کار ناموفقی نیست.').waitFor();
  const api = (await admin.get('/api/v1/jobs?state=')).json;
  assert.ok(api.items.length > 0, 'the demo server has run jobs (housekeeping at start)');
  await page.getByTestId('job-filter').getByRole('button', { name: 'همه' }).click();
  await page.getByTestId('jobs-table').waitFor();
  const rows = await page.getByTestId('jobs-table').locator('tbody tr').count();
  assert.equal(rows, api.items.length, 'one row per job of the API list');
  const first = api.items[0];
  const row = page.getByTestId(`job-${first.id}`);
  assert.ok(/[\u0600-\u06FF]/.test(await row.locator('td').nth(1).innerText()), 'the kind has a Persian name');
  assert.deepEqual(await latinDigitsInText(page, 'main'), [], 'no Latin digits outside code islands');
  for (const d of api.stats) {
    const fa = String(d.count).replace(/\d/g, (x) => '۰۱۲۳۴۵۶۷۸۹'[x]);
    assert.equal(await page.getByTestId(`job-stat-${d.state}`).innerText(), fa, `count of ${d.state}`);
  }
  await shot(page, 'jobs');
  // Other roles have neither the entry nor the data.
  const council = await openPage(browser, srv);
  await loginOk(council, 'council');
  assert.ok(!(await navIds(council)).includes('nav-jobs'));
  assert.deepEqual(page.errors, []);
});
