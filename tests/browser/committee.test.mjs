// Browser test of the PR committee against a real `pol serve` (demo data): the committee and its members
// are set up over the API; the secretary schedules the meeting in the console, records attendance and a
// decision; the chair sees the meeting and votes; the owner agency's member answers the invitation and
// follows the decision up to done. Screenshots in tests/artifacts/.
//   node --test tests/browser/committee.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, loginOk, shot, ApiClient } from './lib.mjs';
import { startServer } from '../e2e/harness.mjs';
import { assertStatus, demoIds, loginAs } from '../e2e/lib/common.mjs';

const DAY = 86400000;
let srv, browser, ids, committee, meeting, seat = {};
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  const admin = await loginAs(srv, 'council');
  ids = await demoIds(await loginAs(srv, 'admin'));
  committee = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ روابط عمومی شورا' }), 201).json;
  for (const [login, role, voting] of [['council', 'secretary', false], ['committee', 'chair', true], ['tamin-manager', 'member', true]]) {
    seat[login] = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users[login].id, role, voting }), 201).json.id;
  }
  meeting = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: Date.now() + 3 * DAY, place: 'سالن جلسات ادارهٔ کل' }), 201).json;
  void ApiClient;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('secretary, member and chair run a meeting and follow a decision up to done', async () => {
  // The secretary schedules the meeting and adds an agenda item.
  const sec = await openPage(browser, srv);
  await loginOk(sec, 'council');
  await sec.getByTestId('nav-committee').click();
  await sec.getByTestId('committees').getByRole('link').first().click();
  await sec.getByTestId('meetings').getByRole('link').first().click();
  await sec.getByTestId('agenda').waitFor();
  assert.ok((await sec.getByTestId('agenda').innerText()).includes('بررسی مصوبات باز'));
  await sec.getByTestId('agenda-title').fill('هماهنگی پوشش خبری هفتهٔ تأمین اجتماعی');
  await sec.getByRole('button', { name: 'افزودن' }).click();
  await sec.getByText('هماهنگی پوشش خبری هفتهٔ تأمین اجتماعی').waitFor();
  await sec.getByTestId('schedule').click();
  await sec.getByTestId('hold').waitFor();
  await shot(sec, 'committee-01-secretary-meeting-scheduled');

  // The member answers the invitation.
  const member = await openPage(browser, srv);
  await loginOk(member, 'tamin-manager');
  await member.goto(`/console/committee/meetings/${meeting.id}`);
  await member.getByTestId('rsvp-yes').click();
  await member.getByText('پاسخ شما به دعوت: می‌آیم').waitFor();
  await shot(member, 'committee-02-member-rsvp');

  // Attendance, quorum, held; a decision put to the vote.
  await sec.reload();
  await sec.getByTestId(`att-${seat.committee}`).selectOption('present');
  await sec.getByTestId(`att-${seat['tamin-manager']}`).selectOption('present');
  await sec.getByTestId('save-attendance').click();
  await sec.getByText('رسمی است').waitFor();
  await sec.getByTestId('hold').click();
  await sec.getByTestId('new-decision').waitFor();
  await sec.getByTestId('decision-text').fill('همهٔ دستگاه‌ها خبر هفتهٔ تأمین اجتماعی را هم‌زمان منتشر کنند.');
  await sec.getByTestId('decision-owner').selectOption(String(ids.agencies.tamin.id));
  const j = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(Date.now() + 30 * DAY)).reduce((o, p) => ({ ...o, [p.type]: p.value }), {});
  const dateInput = sec.getByTestId('decision-deadline').locator('input').first();
  await dateInput.fill(`${j.year}/${j.month}/${j.day}`);
  await dateInput.press('Tab');
  await sec.getByTestId('decision-majority').selectOption('simple');
  await sec.getByTestId('create-decision').click();
  await sec.getByTestId('decisions').getByRole('link').first().waitFor();
  await shot(sec, 'committee-03-secretary-held-with-decision');

  // The chair votes; the member votes; the result is recorded.
  const chair = await openPage(browser, srv);
  await loginOk(chair, 'committee');
  await chair.goto(`/console/committee/meetings/${meeting.id}`);
  await chair.getByTestId('decisions').getByRole('link').first().click();
  await chair.getByTestId('vote-yes').click();
  await chair.getByTestId('vote-result').waitFor();
  await member.goto(chair.url().replace(/^https?:\/\/[^/]+/, ''));
  await member.getByTestId('vote-yes').click();
  await member.getByText('تصویب شد: ۲ موافق').waitFor();
  await shot(chair, 'committee-04-chair-vote');

  // The member (owner agency's PR manager) follows it up to done.
  await member.getByTestId('followup-note').fill('هماهنگی با همهٔ دستگاه‌ها انجام شد.');
  await member.getByTestId('followup-progress').fill('60');
  await member.getByTestId('add-followup').click();
  await member.getByText('هماهنگی با همهٔ دستگاه‌ها انجام شد.').waitFor();
  // The accepted report leaves the box (a refused one would stay for the user to fix).
  await member.waitForFunction(() => document.querySelector('[data-testid="followup-note"]')?.value === '');
  await member.getByTestId('followup-note').fill('خبر در هشت دستگاه منتشر شد.');
  await member.getByTestId('mark-done').click();
  await member.getByText('انجام‌شده', { exact: true }).first().waitFor();
  assert.equal(await member.getByTestId('decision-status').innerText(), 'انجام‌شده');
  await shot(member, 'committee-05-member-followup-done');
});
