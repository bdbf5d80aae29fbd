// Browser test of the committee's public page, evidence and reminder settings against a real `pol serve`
// (demo data; the committee, a held meeting, a decision and its follow-up entry are set up over the API):
// the council admin turns the public page on and sets the reminder lead time on the committee's page; the
// chair publishes the decision; the owner agency's PR manager attaches a PDF to the follow-up entry; the
// site's /decisions page shows the decision. Screenshots in tests/artifacts/.
//   node --test tests/browser/committee_public.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, loginOk, shot, latinDigitsInText } from './lib.mjs';
import { startServer } from '../e2e/harness.mjs';
import { assertStatus, demoIds, loginAs } from '../e2e/lib/common.mjs';

const DAY = 86400000;
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
const TEXT = 'همهٔ دستگاه‌ها گزارش هفتهٔ تأمین اجتماعی را هم‌زمان منتشر کنند.';
let srv, browser, committee, decision;

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  const council = await loginAs(srv, 'council');
  const ids = await demoIds(await loginAs(srv, 'admin'));
  committee = assertStatus(await council.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ روابط عمومی شورا' }), 201).json;
  const chairSeat = assertStatus(await council.post(`/api/v1/committees/${committee.id}/members`, { user_id: ids.users.committee.id, role: 'chair' }), 201).json.id;
  let m = assertStatus(await council.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: Date.now() + 2 * DAY }), 201).json;
  m = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  m = assertStatus(await council.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }), 200).json;
  m = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
  const j = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(Date.now() + 30 * DAY)).reduce((o, p) => ({ ...o, [p.type]: p.value }), {});
  decision = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text: TEXT, owner_agency_id: ids.agencies.tamin.id, deadline: `${j.year}/${j.month}/${j.day}`,
  }), 201).json;
  const tamin = await loginAs(srv, 'tamin-manager');
  assertStatus(await tamin.post(`/api/v1/committee-decisions/${decision.id}/followups`, { note: 'گزارش تصویری آماده شد', progress: 60 }), 201);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('council admin turns the page on, chair publishes, PR manager attaches evidence, the site shows it', async () => {
  const admin = await openPage(browser, srv);
  await loginOk(admin, 'council');
  await admin.goto(`/console/committee/${committee.id}`);
  await admin.getByTestId('public-page-toggle').click();  // controlled: it turns on when the server says so
  await admin.getByText('روشن است').waitFor();
  await admin.getByTestId('reminder-days').fill('۱۰');
  await admin.getByTestId('save-reminder-days').click();
  await admin.getByTestId('reminder-settings').getByText('۱۰ روز پیش از مهلت').waitFor();
  assert.deepEqual(await latinDigitsInText(admin, '[data-testid="reminder-settings"]'), []);
  await shot(admin, 'committee-public-01-admin-settings');

  const chair = await openPage(browser, srv);
  await loginOk(chair, 'committee');
  await chair.goto(`/console/committee/decisions/${decision.id}`);
  await chair.getByTestId('publication-toggle').click();
  await chair.getByTestId('publication-state').getByText('در صفحهٔ عمومی منتشر شده').waitFor();
  await shot(chair, 'committee-public-02-chair-published');

  const manager = await openPage(browser, srv);
  await loginOk(manager, 'tamin-manager');
  await manager.goto(`/console/committee/decisions/${decision.id}`);
  await manager.getByTestId('evidence-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await manager.getByTestId('evidence-link').getByText('report.pdf').waitFor();
  assert.equal(await manager.getByTestId('publication-toggle').count(), 0, 'the PR manager does not publish');
  await shot(manager, 'committee-public-03-manager-evidence');

  const site = await openPage(browser, srv);
  await site.goto('/decisions');
  await site.getByText(TEXT).waitFor();
  assert.ok((await site.locator('body').innerText()).includes('۶۰٪'));
  await shot(site, 'committee-public-04-site-page');
  for (const p of [admin, chair, manager, site]) assert.deepEqual(p.errors, []);
});
