// Browser tests of the newsroom against a real `pol serve` (demo data): an
// editor writes a release with a photo, the PR manager returns it with a
// comment, the editor fixes it, the manager approves and schedules it a few
// seconds ahead, it is published; an editor of another agency cannot open it.
//   node --test tests/browser/newsroom.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBackend, launchBrowser, openPage, loginOk, shot, navIds, latinDigitsInText, makePng, jalaliNowPlus, ApiClient } from './lib.mjs';

let srv;
let browser;

/** Screenshot from the top of the page (the sticky top bar otherwise lands where the page was scrolled). */
async function snap(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}
let admin;
const PERSIAN = /[\u0600-\u06FF]/;
const ZWNJ = '\u200c';

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
  admin = new ApiClient(srv.base);
  const r = await admin.login('admin');
  assert.equal(r.status, 200, r.text);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function agencyBySlug(slug) {
  const r = await admin.get('/api/v1/agencies?per_page=100');
  assert.equal(r.status, 200, r.text);
  const a = r.json.items.find((x) => x.slug === slug);
  assert.ok(a, `agency ${slug}`);
  return a;
}

/** Does the server have this route? (404 not_found = no route; anything else = it exists.) */
async function hasRoute(method, p) {
  const r = await admin.request(method, p, method === 'GET' ? undefined : {});
  return !(r.status === 404 && r.json?.error?.code === 'not_found') && r.status !== 405;
}

async function statusOf(page) {
  return page.getByTestId('release-editor').getAttribute('data-status');
}

async function waitStatus(page, status, { reload = false, timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = await statusOf(page).catch(() => null);
    if (s === status) return;
    if (Date.now() > deadline) assert.fail(`status ${status} expected, got ${s}`);
    if (reload) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByTestId('release-editor').waitFor();
    } else await page.waitForTimeout(200);
  }
}

test('the newsroom path in Persian: write with a photo, return, fix, approve, schedule, publish; other agencies are kept out', async (t) => {
  // The route exists since the first wave: its absence is a failure, never a skip.
  assert.ok(await hasRoute('GET', '/api/v1/releases'), 'the releases API is in this binary');
  const tamin = await agencyBySlug('tamin');
  assert.ok(await hasRoute('GET', `/api/v1/media?agency_id=${tamin.id}`), 'the media library API is in this binary');

  // --- The editor writes a release. ---
  const ed = await openPage(browser, srv);
  await loginOk(ed, 'tamin-editor');
  assert.ok((await navIds(ed)).includes('nav-newsroom'), 'editor sees the newsroom');
  assert.ok(!(await navIds(ed)).includes('nav-calendar'), 'editor has no council calendar');
  await ed.getByTestId('nav-newsroom').click();
  await ed.getByTestId('releases-page').waitFor();
  await ed.getByTestId('release-new').click();
  await ed.getByTestId('release-title').waitFor();
  await ed.getByTestId('release-over-title').fill('در آستانهٔ هفتهٔ تأمین اجتماعی');
  // Shift+Space types a ZWNJ: "می‌شود" written the way Persian writers do.
  const title = ed.getByTestId('release-title');
  await title.click();
  await ed.keyboard.type('خدمات الکترونیکی بیمه گسترش ');
  await ed.keyboard.type('می');
  await ed.keyboard.press('Shift+Space');
  await ed.keyboard.type('یابد');
  assert.equal(await title.inputValue(), `خدمات الکترونیکی بیمه گسترش می${ZWNJ}یابد`);
  await ed.getByTestId('release-lead').fill('مدیرکل تأمین اجتماعی استان قزوین از گسترش خدمات غیرحضوری بیمه‌شدگان خبر داد.');
  const body = ed.getByTestId('release-body');
  await body.click();
  await ed.keyboard.type('به گزارش روابط عمومی، از این پس بیمه‌شدگان می‌توانند سوابق خود را برخط ببینند.');
  await ed.keyboard.press('Enter');
  await ed.keyboard.type('این خدمت در همهٔ شعب استان فعال است.');
  // Paste from "Word": styles and spans are stripped, structure kept.
  await body.evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData('text/html', '<p class="MsoNormal" style="color:red;font-family:Calibri"><span style="mso-bidi-font-family:Arial"><b>نشانی سامانه</b> در پایگاه اداره کل</span><o:p></o:p></p><script>alert(1)</script>');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  const bodyHtml = await body.innerHTML();
  assert.ok(!/style=|class=|<span|<script|o:p/i.test(bodyHtml), `paste cleaned: ${bodyHtml}`);
  assert.match(bodyHtml, /<strong>نشانی سامانه<\/strong>/);
  await ed.getByLabel('برچسب‌ها').fill('بیمه');
  await ed.keyboard.press('Enter');
  await ed.getByLabel('برچسب‌ها').fill('خدمات الکترونیک');
  await ed.keyboard.press('Enter');
  await ed.getByTestId('release-category').selectOption('بیمه و درمان');
  await ed.getByTestId('release-source').fill('روابط عمومی تأمین اجتماعی استان قزوین');

  // A photo: uploaded into the agency's media library from the editor, then shown as a thumbnail.
  await ed.getByTestId('photo-add').click();
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-img-'));
  const file = path.join(dir, 'shobe.png');
  writeFileSync(file, makePng(1600, 1000));
  await ed.getByTestId('media-file').setInputFiles(file);
  await ed.getByTestId('media-caption').fill('شعبهٔ مرکزی تأمین اجتماعی قزوین');
  await ed.getByTestId('media-upload').click();
  await ed.getByTestId('photo-item').waitFor();
  assert.equal(await ed.getByTestId('photo-caption').inputValue(), 'شعبهٔ مرکزی تأمین اجتماعی قزوین');
  const thumb = ed.getByTestId('photo-item').locator('img');
  await thumb.evaluate((img) => (img.complete ? null : new Promise((r) => img.addEventListener('load', r, { once: true }))));
  assert.equal(await thumb.evaluate((img) => img.naturalWidth), 400, 'the 400 px thumbnail is shown');
  await ed.getByTestId('media-tile').first().waitFor();
  await snap(ed, 'newsroom-editor-photo');

  // Saved by hand, unless the autosave (every ~10 s, below) got there first on a slow machine: the button is
  // then disabled while it saves, and stays so with nothing left to save. Either way the draft ends saved.
  const save = ed.getByTestId('release-save');
  if (await save.isEnabled()) {
    await save.click({ timeout: 5000 }).catch(async (e) => {
      if (await save.isEnabled()) throw e;
    });
  }
  await ed.getByTestId('save-state').filter({ hasText: 'ذخیره شد' }).waitFor();
  const id = Number(ed.url().match(/\/newsroom\/(\d+)$/)?.[1]);
  assert.ok(id > 0, `release id in the address: ${ed.url()}`);
  await snap(ed, 'newsroom-editor-draft');

  // Autosave: an edit is saved without pressing anything (every ~10 s).
  await ed.getByTestId('release-lead').fill('مدیرکل تأمین اجتماعی استان قزوین از گسترش خدمات غیرحضوری برای بیمه‌شدگان خبر داد.');
  await ed.getByTestId('save-state').filter({ hasText: 'ذخیره‌نشده' }).waitFor();
  await ed.getByTestId('save-state').filter({ hasText: 'ذخیره شد' }).waitFor({ timeout: 14000 });

  const saved = await admin.get(`/api/v1/releases/${id}`);
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json.title, `خدمات الکترونیکی بیمه گسترش می${ZWNJ}یابد`);
  assert.match(saved.json.lead, /برای بیمه‌شدگان/);
  assert.deepEqual([...saved.json.tags].sort(), ['بیمه', 'خدمات الکترونیک'].sort());
  assert.equal(saved.json.photos.length, 1);
  assert.equal(saved.json.photos[0].caption, 'شعبهٔ مرکزی تأمین اجتماعی قزوین');
  const mediaId = saved.json.photos[0].media_id;

  await ed.getByTestId('release-submit').click();
  await waitStatus(ed, 'submitted');
  await ed.getByTestId('release-notice').waitFor();
  assert.equal(await ed.getByTestId('release-status').first().innerText(), 'ارسال‌شده');

  // --- The PR manager finds it in the queue and returns it with a comment. ---
  const mgr = await openPage(browser, srv);
  await loginOk(mgr, 'tamin-manager');
  assert.ok((await navIds(mgr)).includes('nav-queue'), 'manager has an approval queue');
  await mgr.getByTestId('nav-queue').click();
  await mgr.getByTestId('queue').waitFor();
  await snap(mgr, 'newsroom-queue');
  await mgr.getByTestId('queue-item').filter({ hasText: 'خدمات الکترونیکی' }).click();
  await mgr.getByTestId('release-return').click();
  await mgr.getByTestId('dialog-text').fill('لطفاً نام شهرستان‌ها را در لید بیاورید.');
  await snap(mgr, 'newsroom-return-dialog');
  await mgr.getByTestId('dialog-ok').click();
  await waitStatus(mgr, 'returned');

  // --- The editor sees the comment (and a notification), fixes and resubmits. ---
  await ed.reload();
  await ed.getByTestId('return-comment').waitFor();
  assert.match(await ed.getByTestId('return-comment').innerText(), /نام شهرستان‌ها/);
  // The editor was returned a release: the bell shows an unread notification (no silent pass without it).
  assert.ok(await ed.getByTestId('bell').count(), 'the notification bell is in the header');
  {
    await ed.getByTestId('bell-count').waitFor({ timeout: 8000 });
    {
      await ed.getByTestId('bell').click();
      await ed.getByTestId('notifications').waitFor();
      await snap(ed, 'newsroom-notifications');
      const before = Number((await ed.getByTestId('bell-count').innerText()).replace(/[۰-۹]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(c)));
      await ed.getByTestId('notif-mark-read').first().click();
      if (before === 1) await ed.getByTestId('bell-count').waitFor({ state: 'detached' });
      await ed.keyboard.press('Escape');
    }
  }
  await ed.getByTestId('release-lead').fill('مدیرکل تأمین اجتماعی استان قزوین از گسترش خدمات غیرحضوری برای بیمه‌شدگان قزوین، تاکستان، البرز، آبیک، بوئین‌زهرا و آوج خبر داد.');
  await ed.getByTestId('release-submit').click();
  await waitStatus(ed, 'submitted');

  // --- The manager approves and schedules it a few seconds ahead. ---
  await mgr.reload();
  await mgr.getByTestId('release-schedule').click();
  const when = await jalaliNowPlus(mgr, 12);
  const dlg = mgr.getByTestId('dialog-schedule');
  await dlg.getByTestId('schedule-at-date').locator('input').fill(when.date);
  await dlg.getByTestId('schedule-at-date').locator('input').press('Enter');
  await dlg.getByTestId('schedule-at-time').fill(when.time);
  await dlg.getByTestId('schedule-at-time').press('Tab');
  await snap(mgr, 'newsroom-schedule-dialog');
  await dlg.getByTestId('dialog-ok').click();
  await waitStatus(mgr, 'scheduled');
  assert.equal(await mgr.getByTestId('release-status').first().innerText(), 'زمان‌بندی‌شده');
  const sched = await admin.get(`/api/v1/releases/${id}`);
  assert.ok(Math.abs(sched.json.publish_at - when.ms) < 1500, `publish_at ${sched.json.publish_at} ≈ ${when.ms}`);
  await snap(mgr, 'newsroom-scheduled');

  // --- At its time it is published. ---
  await waitStatus(mgr, 'published', { reload: true, timeout: 75000 });
  assert.equal(await mgr.getByTestId('release-status').first().innerText(), 'منتشرشده');
  await snap(mgr, 'newsroom-published');

  // In the list, with its Persian badge; the search finds a spelling variant with a highlighted snippet.
  await mgr.goto('/console/newsroom');
  await mgr.getByTestId('releases-table').waitFor();
  await mgr.getByTestId('release-search').fill('خدمات الكترونيكي'); // Arabic kaf and yeh
  await mgr.getByTestId('snippet').first().waitFor();
  assert.ok((await mgr.getByTestId('snippet').first().locator('mark').count()) > 0, 'highlighted words');
  await snap(mgr, 'newsroom-search');

  // Revision history with a readable diff.
  await mgr.goto(`/console/newsroom/${id}/history`);
  await mgr.getByTestId('release-history').waitFor();
  assert.ok((await mgr.getByTestId('revision').count()) >= 5, 'create, submit, return, submit, approve…');
  await mgr.getByTestId('diff').waitFor();
  await snap(mgr, 'newsroom-history');
  assert.deepEqual(await latinDigitsInText(mgr, '#main'), [], 'Persian digits on the history page');

  // On the public site (the route exists since the first wave).
  const pub = await fetch(srv.url(`/news/${id}`));
  {
    assert.equal(pub.status, 200, 'the published release is on the public site');
    // Anonymous (a fresh browser context, no session): the published article shows the photo.
    const site = await openPage(browser, srv);
    await site.goto(`/news/${id}`);
    assert.match(await site.content(), /خدمات الکترونیکی بیمه گسترش/);
    const photo = site.locator(`img[src="/media/${mediaId}/large"]`);
    await photo.waitFor();
    await photo.evaluate((img) => (img.complete ? null : new Promise((r) => img.addEventListener('load', r, { once: true }))));
    // The browser picks a variant from the srcset (800 px or 1280 px, WebP where it can): never the thumbnail.
    const loaded = await photo.evaluate((img) => ({ src: img.currentSrc, width: img.naturalWidth }));
    assert.match(loaded.src, new RegExp(`/media/${mediaId}/(medium|large)(\\.webp)?$`), loaded.src);
    assert.ok(loaded.width >= 800 && loaded.width <= 1280, `a display variant is loaded (${loaded.width} px)`);
    assert.equal(await photo.getAttribute('alt'), 'شعبهٔ مرکزی تأمین اجتماعی قزوین');
    await photo.scrollIntoViewIfNeeded();
    await shot(site, 'newsroom-public-article-photo');
    await snap(site, 'newsroom-public-article');
  }

  // --- An editor of another agency cannot open it. ---
  const other = await openPage(browser, srv);
  await loginOk(other, 'behzisti-editor');
  await other.goto(`/console/newsroom/${id}`);
  await other.getByTestId('release-not-found').waitFor();
  assert.equal(await other.getByTestId('release-editor').count(), 0);
  const direct = await other.evaluate(async (rid) => (await fetch(`/api/v1/releases/${rid}`)).status, id);
  assert.equal(direct, 404, 'the API hides another agency’s release');
  await snap(other, 'newsroom-other-agency');

  for (const p of [ed, mgr, other]) assert.deepEqual(p.errors, []);
});

test('a stale draft is never overwritten: the editor is told and chooses', async (t) => {
  assert.ok(await hasRoute('GET', '/api/v1/releases'), 'the releases API is in this binary');
  const ed = await openPage(browser, srv);
  await loginOk(ed, 'behzisti-editor');
  await ed.goto('/console/newsroom/new');
  // Ctrl+Shift+2 types a ZWNJ too, as on the Windows Persian keyboard.
  await ed.getByTestId('release-title').fill('برنامه');
  await ed.getByTestId('release-title').press('Control+Shift+Digit2');
  await ed.getByTestId('release-title').pressSequentially('های روز جهانی افراد دارای معلولیت');
  assert.equal(await ed.getByTestId('release-title').inputValue(), `برنامه${ZWNJ}های روز جهانی افراد دارای معلولیت`);
  await ed.getByTestId('release-save').click();
  await ed.getByTestId('save-state').filter({ hasText: 'ذخیره شد' }).waitFor();
  const id = Number(ed.url().match(/\/newsroom\/(\d+)$/)?.[1]);

  // Someone else saves the same draft meanwhile.
  const other = new ApiClient(srv.base);
  await other.login('behzisti-manager');
  const cur = await other.get(`/api/v1/releases/${id}`);
  const upd = await other.patch(`/api/v1/releases/${id}`, { version: cur.json.version, lead: 'لید از سوی مدیر.' });
  assert.equal(upd.status, 200, upd.text);

  await ed.getByTestId('release-lead').fill('لید نویسنده که نباید گم شود.');
  await ed.getByTestId('release-save').click();
  await ed.getByTestId('conflict').waitFor();
  assert.match(await ed.getByTestId('conflict-message').innerText(), PERSIAN);
  await snap(ed, 'newsroom-conflict');
  // Nothing was overwritten on the server…
  assert.equal((await other.get(`/api/v1/releases/${id}`)).json.lead, 'لید از سوی مدیر.');
  // …and the writer's text is still on screen; keeping it saves it on top of the new version.
  assert.equal(await ed.getByTestId('release-lead').inputValue(), 'لید نویسنده که نباید گم شود.');
  await ed.getByTestId('conflict-keep').click();
  await ed.getByTestId('conflict').waitFor({ state: 'detached' });
  await ed.getByTestId('save-state').filter({ hasText: 'ذخیره شد' }).waitFor();
  assert.equal((await other.get(`/api/v1/releases/${id}`)).json.lead, 'لید نویسنده که نباید گم شود.');
  assert.deepEqual(ed.errors, []);
});

/** Writes, submits and approves a release through the API, to be published at `publishAt`. */
// Whether two instants fall on the same calendar day in Tehran (the calendar's days).
function sameTehranDay(a, b) {
  const day = (ms) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Tehran' });
  return day(a) === day(b);
}

async function plannedRelease(agencySlug, title, publishAt) {
  const agency = await agencyBySlug(agencySlug);
  const ed = new ApiClient(srv.base);
  await ed.login(`${agencySlug}-editor`);
  const c = await ed.post('/api/v1/releases', { agency_id: agency.id, title, lead: title, body_html: `<p>${title}</p>` });
  assert.equal(c.status, 201, c.text);
  const s = await ed.post(`/api/v1/releases/${c.json.id}/submit`, { version: c.json.version });
  assert.equal(s.status, 200, s.text);
  const mgr = new ApiClient(srv.base);
  await mgr.login(`${agencySlug}-manager`);
  const a = await mgr.post(`/api/v1/releases/${c.json.id}/approve`, { version: s.json.version, publish_at: publishAt });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.status, 'scheduled');
  return a.json;
}

test('the council sees every agency’s pipeline and the Jalali editorial calendar with occasions', async (t) => {
  const apiHere = await hasRoute('GET', '/api/v1/releases');
  let clash = [];
  let day;
  if (apiHere) {
    // Two agencies plan releases on the same subject for the same day, a week ahead.
    const page0 = await openPage(browser, srv);
    const at = await jalaliNowPlus(page0, 7 * 86400);
    await page0.close();
    day = Number(at.date.split('/')[2]);
    clash = [
      await plannedRelease('tamin', 'همایش ملی بیمهٔ کارگران ساختمانی در قزوین', at.ms),
      // Ten minutes apart, on the same Tehran day: earlier rather than later when `at` is within ten minutes
      // after midnight (an hour later, as this was, fell on the next day when the test ran after 23:00).
      await plannedRelease('tkr', 'همایش بیمهٔ کارگران ساختمانی در استان قزوین', at.ms + (sameTehranDay(at.ms, at.ms + 600_000) ? 600_000 : -600_000)),
    ];
  }
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  const ids = await navIds(page);
  for (const n of ['nav-newsroom', 'nav-queue', 'nav-calendar']) assert.ok(ids.includes(n), `council admin nav has ${n}`);
  await page.getByTestId('nav-calendar').click();
  await page.getByTestId('calendar-page').waitFor();
  const ok = await page.getByTestId('calendar-month').waitFor({ timeout: 8000 }).then(() => true, () => false);
  if (!ok) await snap(page, 'newsroom-calendar-unavailable');
  assert.ok(ok, 'the calendar month renders');
  assert.match(await page.getByTestId('calendar-title').innerText(), /^(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴[۰-۹]{2}$/);
  await snap(page, 'newsroom-calendar-month');

  // The council admin adds an occasion of the council's own on today's date.
  const today = await jalaliNowPlus(page, 0);
  const [, tm, td] = today.date.split('/').map(Number);
  await page.getByTestId('occasion-new').click();
  const od = page.getByTestId('occasion-dialog');
  await od.getByLabel('نام مناسبت').fill('نشست هم‌اندیشی روابط عمومی‌های شورا');
  await od.getByLabel('ماه').selectOption(String(tm));
  await od.getByLabel('روز').selectOption(String(td));
  await od.getByRole('button', { name: 'ذخیره' }).click();
  await od.waitFor({ state: 'detached' });
  await page.locator(`[data-testid=cal-day][data-day="${td}"]`).getByTestId('cal-occasion').filter({ hasText: 'نشست هم‌اندیشی' }).waitFor();
  await page.getByTestId('view-week').click();
  await page.getByTestId('calendar-week').waitFor();
  assert.equal(await page.getByTestId('cal-day').count(), 7);
  await snap(page, 'newsroom-calendar-week');

  if (clash.length) {
    // Next week: both releases on one day, flagged as a clash.
    await page.getByRole('button', { name: 'هفتهٔ بعد' }).click();
    const cell = page.getByTestId('calendar-week').locator(`[data-testid=cal-day][data-day="${day}"]`);
    await cell.getByTestId('cal-release').nth(1).waitFor();
    assert.equal(await cell.locator('[data-testid=cal-release][data-conflict=true]').count(), 2, 'both releases flagged');
    await page.getByTestId('conflict-count').waitFor();
    await snap(page, 'newsroom-calendar-conflict-week');
    await page.getByTestId('view-month').click();
    await page.getByTestId('calendar-month').waitFor();
    if (await page.locator('[data-testid=cal-release][data-conflict=true]').count() === 0) await page.getByRole('button', { name: 'ماه بعد' }).click();
    await page.locator('[data-testid=cal-release][data-conflict=true]').first().waitFor();
    await snap(page, 'newsroom-calendar-conflict-month');
  }

  // Analysts read but do not write.
  const an = await openPage(browser, srv);
  await loginOk(an, 'analyst');
  const aids = await navIds(an);
  assert.ok(aids.includes('nav-newsroom') && aids.includes('nav-calendar'), 'analyst reads the pipeline and calendar');
  assert.ok(!aids.includes('nav-queue'), 'analyst approves nothing');
  await an.getByTestId('nav-newsroom').click();
  await an.getByTestId('releases-page').waitFor();
  assert.equal(await an.getByTestId('release-new').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a council-level release passes the committee; a correction and a withdrawal are kept and explained', async (t) => {
  assert.ok(await hasRoute('GET', '/api/v1/releases'), 'the releases API is in this binary');
  const fanni = await agencyBySlug('fanni');
  const ed = new ApiClient(srv.base);
  await ed.login('fanni-editor');
  const c = await ed.post('/api/v1/releases', {
    agency_id: fanni.id,
    title: 'آغاز ثبت‌نام دوره‌های مهارتی رایگان برای مددجویان',
    lead: 'دوره‌ها با همکاری دستگاه‌های عضو شورا برگزار می‌شود.',
    body_html: '<p>ثبت‌نام از شنبه آغاز می‌شود.</p>',
    council_level: true,
  });
  assert.equal(c.status, 201, c.text);
  const s = await ed.post(`/api/v1/releases/${c.json.id}/submit`, { version: c.json.version });
  // The agency's approval does not publish a council-level release: the button says where it goes next.
  const mgr0 = await openPage(browser, srv);
  await loginOk(mgr0, 'fanni-manager');
  await mgr0.goto(`/console/newsroom/${c.json.id}`);
  assert.equal(await mgr0.getByTestId('release-approve').innerText(), 'تأیید دستگاه و ارسال برای تأیید شورا');
  await mgr0.context().close();
  const mgrApi = new ApiClient(srv.base);
  await mgrApi.login('fanni-manager');
  const a = await mgrApi.post(`/api/v1/releases/${c.json.id}/approve`, { version: s.json.version });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.status, 'approved', 'waits for the council');

  // The committee member finds it in the queue and gives the council's approval.
  const cm = await openPage(browser, srv);
  await loginOk(cm, 'committee');
  await cm.getByTestId('nav-queue').click();
  await cm.getByTestId('queue-item').filter({ hasText: 'دوره‌های مهارتی' }).click();
  assert.equal(await cm.getByTestId('release-approve').innerText(), 'تأیید شورا و انتشار', 'the last step publishes');
  await cm.getByTestId('release-approve').click();
  await cm.getByTestId('dialog-ok').click();
  await waitStatus(cm, 'published');
  await snap(cm, 'newsroom-council-approved');

  // The agency's manager corrects the published text with a note…
  const mgr = await openPage(browser, srv);
  await loginOk(mgr, 'fanni-manager');
  await mgr.goto(`/console/newsroom/${c.json.id}`);
  await mgr.getByTestId('release-correct').click();
  await mgr.getByTestId('release-title').fill('آغاز ثبت‌نام دوره‌های مهارتی رایگان برای مددجویان بهزیستی');
  await mgr.getByTestId('release-correct-save').click();
  await mgr.getByTestId('dialog-text').fill('نام دستگاه همکار در تیتر افزوده شد.');
  await mgr.getByTestId('dialog-ok').click();
  await waitStatus(mgr, 'corrected');
  await mgr.getByText('نام دستگاه همکار در تیتر افزوده شد.').first().waitFor();
  assert.equal((await admin.get(`/api/v1/releases/${c.json.id}`)).json.title, 'آغاز ثبت‌نام دوره‌های مهارتی رایگان برای مددجویان بهزیستی');
  await snap(mgr, 'newsroom-corrected');

  // …and then withdraws it with a reason; it is kept and marked.
  await mgr.getByTestId('release-withdraw').click();
  await mgr.getByTestId('dialog-ok').click();
  await mgr.getByTestId('dialog-withdraw').getByText('این بخش را پر کنید.').waitFor(); // the reason is required
  await mgr.getByTestId('dialog-text').fill('زمان ثبت‌نام تغییر کرد؛ خبر تازه منتشر می‌شود.');
  await mgr.getByTestId('dialog-ok').click();
  await waitStatus(mgr, 'withdrawn');
  assert.equal(await mgr.getByTestId('release-status').first().innerText(), 'پس‌گرفته');
  await mgr.getByText('زمان ثبت‌نام تغییر کرد').first().waitFor();
  await snap(mgr, 'newsroom-withdrawn');
  assert.deepEqual([...cm.errors, ...mgr.errors], []);
});

test('the newsroom screens speak Persian: no English labels, Persian digits', async (t) => {
  assert.ok(await hasRoute('GET', '/api/v1/releases'), 'the releases API is in this binary');
  const tamin = await agencyBySlug('tamin');
  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  const screens = [
    [`/console/newsroom?agency=${tamin.id}`, 'list'],
    [`/console/newsroom/new?agency=${tamin.id}`, 'new'],
    ['/console/newsroom/queue', 'queue'],
  ];
  for (const [url, name] of screens) {
    await page.goto(url);
    await page.locator('main h1').first().waitFor();
    await page.locator('main .spinner-border').waitFor({ state: 'detached' });
    const chrome = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('main h1, main h2, main th, main label, main button, main legend, main .form-text, main .empty-state, #sidebar, header')) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement.closest('bdi,[dir=ltr]')) out.push(n.textContent);
      }
      return out.join(' | ');
    });
    assert.ok(!/[A-Za-z]/.test(chrome), `${name}: English in the interface: ${chrome.match(/.{0,30}[A-Za-z]+.{0,30}/)?.[0]}`);
    assert.deepEqual(await latinDigitsInText(page, 'main'), [], `${name}: Latin digits`);
  }
  assert.deepEqual(page.errors, []);
});
