// Browser test of the minutes (issue 13 §6) against a real `pol serve` (demo data): a held meeting with a
// decision put to the vote is set up over the API; the secretary writes the minutes in the console's
// rich-text editor and circulates them; a member who attended comments; the chair approves them and
// they are locked, with the PDF to download. Screenshots in tests/artifacts/.
//   node --test tests/browser/committee_minutes.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, loginOk, shot } from './lib.mjs';
import { startServer } from '../e2e/harness.mjs';
import { assertStatus, demoIds, loginAs } from '../e2e/lib/common.mjs';

const DAY = 86400000;
let srv, browser, meeting;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  const secretary = await loginAs(srv, 'council');
  const ids = await demoIds(await loginAs(srv, 'admin'));
  const committee = assertStatus(await secretary.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ روابط عمومی شورا' }), 201).json;
  const seat = {};
  for (const [login, role, voting] of [['council', 'secretary', false], ['committee', 'chair', true], ['tamin-manager', 'member', true]]) {
    seat[login] = assertStatus(await secretary.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users[login].id, role, voting }), 201).json.id;
  }
  let m = assertStatus(await secretary.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: Date.now() + 3 * DAY, place: 'سالن جلسات' }), 201).json;
  m = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  m = assertStatus(await secretary.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [
    { member_id: seat.committee, status: 'present' }, { member_id: seat['tamin-manager'], status: 'present' }, { member_id: seat.council, status: 'present' },
  ] }), 200).json;
  m = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
  const j = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(Date.now() + 30 * DAY)).reduce((o, p) => ({ ...o, [p.type]: p.value }), {});
  const d = assertStatus(await secretary.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text: 'همهٔ دستگاه‌ها خبر هفتهٔ تأمین اجتماعی را هم‌زمان منتشر کنند.', owner_agency_id: ids.agencies.tamin.id,
    deadline: `${j.year}/${j.month}/${j.day}`, majority: 'simple',
  }), 201).json;
  assertStatus(await (await loginAs(srv, 'committee')).post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'yes' }), 200);
  assertStatus(await (await loginAs(srv, 'tamin-manager')).post(`/api/v1/committee-decisions/${d.id}/votes`, { vote: 'yes' }), 200);
  meeting = m;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the secretary writes and circulates the minutes, a member comments, the chair approves', async () => {
  const sec = await openPage(browser, srv);
  await loginOk(sec, 'council');
  await sec.goto(`/console/committee/meetings/${meeting.id}`);
  await sec.getByTestId('minutes-edit').click();
  await sec.locator('#minutes-body').click();
  await sec.keyboard.type('دبیر کمیته گزارش پوشش خبری هفتهٔ تأمین اجتماعی را ارائه کرد.');
  await sec.keyboard.press('Enter');
  await sec.keyboard.type('اعضا بر انتشار هم‌زمان خبر در همهٔ دستگاه‌ها توافق کردند.');
  await sec.getByTestId('minutes-save').click();
  await sec.getByTestId('minutes-state').getByText('پیش‌نویس').waitFor();
  assert.ok((await sec.getByTestId('minutes-decisions').innerText()).includes('تصویب شد: ۲ موافق'), 'the vote result is in the minutes');
  await sec.getByTestId('minutes-circulate').click();
  await sec.getByTestId('minutes-state').getByText('در حال نظرخواهی').waitFor();
  await shot(sec, 'committee-minutes-01-secretary-circulated');

  const member = await openPage(browser, srv);
  await loginOk(member, 'tamin-manager');
  await member.goto(`/console/committee/meetings/${meeting.id}`);
  await member.getByTestId('minutes-comment').fill('نام دستگاه‌های همکار را هم بنویسید.');
  await member.getByRole('button', { name: 'ثبت نظر' }).click();
  await member.getByTestId('minutes-comments').getByText('نام دستگاه‌های همکار را هم بنویسید.').waitFor();
  assert.equal(await member.getByTestId('minutes-approve').count(), 0, 'a member does not approve');

  const chair = await openPage(browser, srv);
  await loginOk(chair, 'committee');
  await chair.goto(`/console/committee/meetings/${meeting.id}`);
  await chair.getByTestId('minutes-comments').getByText('نام دستگاه‌های همکار را هم بنویسید.').waitFor();
  await chair.getByTestId('minutes-approve').click();
  await chair.getByTestId('minutes-approved').waitFor();
  assert.match(await chair.getByTestId('minutes-state').innerText(), /تأییدشده/);
  assert.equal(await chair.getByTestId('minutes-edit').count(), 0, 'approved minutes are locked');
  const pdf = await chair.request.get(await chair.getByTestId('minutes-pdf').getAttribute('href'));
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  await shot(chair, 'committee-minutes-02-chair-approved');

  await sec.reload();
  await sec.getByTestId('minutes-approved').waitFor();
  assert.equal(await sec.getByTestId('minutes-edit').count(), 0, 'the secretary cannot edit approved minutes');
  assert.equal(await sec.getByTestId('minutes-correct').count(), 1, 'a correction is offered');
});
