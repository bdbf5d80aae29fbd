// The committee's opt-in public page end to end (issue 13 §8): off by default (the site's Persian 404 and no
// footer link); the council admin turns it on; only decisions the chair or secretary published appear, with
// their follow-up state, progress, meeting number and Jalali date in Persian digits, and none of a
// decision's private fields (the owner person, follow-up notes); a member may not publish and a committee
// member may not turn the page on, both refused with nothing written; unpublishing and turning the page off
// take effect at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertError, assertStatus, demoIds, hasPersian, loginAs, assertNoSanitizerReports } from './lib/common.mjs';

const DAY = 86400000;
let srv, admin, council, chair, tamin, ids;

function jalali(days) {
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(Date.now() + days * DAY)).map((x) => [x.type, x.value]));
  return `${p.year}/${p.month}/${p.day}`;
}
const persianDigits = (s) => String(s).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);

async function page(p) {
  const r = await fetch(srv.url(p), { redirect: 'manual' });
  return { status: r.status, type: r.headers.get('content-type') || '', text: await r.text() };
}

async function auditTotal() {
  return assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
}

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  chair = await loginAs(srv, 'committee');
  tamin = await loginAs(srv, 'tamin-manager');
  ids = await demoIds(admin);
});

after(async () => {
  if (srv) {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
});

test('the public page of published decisions: opt-in, only published decisions, no private field', async () => {
  const u = ids.users;
  // Off by default: the site's Persian 404, and no footer link.
  const off = await page('/decisions');
  assert.equal(off.status, 404);
  assert.ok(hasPersian(off.text));
  assert.ok(!(await page('/')).text.includes('href="/decisions"'), 'no footer link while off');

  // A committee, a held meeting and two decisions owned by tamin (the tamin PR manager in person).
  const c = assertStatus(await council.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ روابط عمومی' }), 201).json;
  const chairSeat = assertStatus(await council.post(`/api/v1/committees/${c.id}/members`, { user_id: u.committee.id, role: 'chair' }), 201).json.id;
  assertStatus(await council.post(`/api/v1/committees/${c.id}/members`, { user_id: u['tamin-manager'].id, agency_id: ids.agencies.tamin.id }), 201);
  let m = assertStatus(await council.post(`/api/v1/committees/${c.id}/meetings`, { starts_at: Date.now() + 2 * DAY }), 201).json;
  m = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  m = assertStatus(await council.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }), 200).json;
  m = assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: m.version }), 200).json;
  const decide = async (text) => assertStatus(await council.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text, owner_agency_id: ids.agencies.tamin.id, owner_user_id: u['tamin-manager'].id, deadline: jalali(40),
  }), 201).json;
  const shown = await decide('پوشش خبری مشترک هفتهٔ تأمین اجتماعی');
  const hidden = await decide('تصمیم محرمانه دربارهٔ بودجهٔ تبلیغات');
  assertStatus(await tamin.post(`/api/v1/committee-decisions/${shown.id}/followups`, { note: 'یادداشت داخلی پیگیری', progress: 40 }), 201);

  // Publishing: the member (owner person) may not, the chair may; the member may not turn the page on.
  let pub = assertStatus(await tamin.get(`/api/v1/committee-decisions/${shown.id}/publication`), 200).json;
  assert.equal(pub.published, false);
  const before = await auditTotal();
  // (assertError also checks each message is Persian.)
  [
    assertError(await tamin.put(`/api/v1/committee-decisions/${shown.id}/publication`, { published: true, version: pub.version }), 403, 'forbidden'),
    assertError(await chair.put(`/api/v1/councils/${ids.councilId}/committee-settings`, { public_page: true, version: 0 }), 403, 'forbidden'),
    assertError(await chair.put(`/api/v1/committee-decisions/${shown.id}/publication`, { published: true, version: pub.version + 7 }), 409),
    assertError(await chair.put(`/api/v1/committee-decisions/${shown.id}/publication`, { published: 'yes', version: pub.version }), 400),
  ];
  assert.equal(await auditTotal(), before, 'refused requests wrote nothing');
  pub = assertStatus(await chair.put(`/api/v1/committee-decisions/${shown.id}/publication`, { published: true, version: pub.version }), 200).json;
  assert.equal(pub.published, true);
  assert.ok(pub.published_at > 0);
  assertStatus(await chair.get(`/api/v1/committee-decisions/${hidden.id}/publication`), 200);

  // Published but the page still off: 404. The council admin turns it on.
  assert.equal((await page('/decisions')).status, 404);
  const settings = assertStatus(await council.get(`/api/v1/councils/${ids.councilId}/committee-settings`), 200).json;
  assert.deepEqual(settings, { council_id: ids.councilId, public_page: false, version: 0 });
  const on = assertStatus(await council.put(`/api/v1/councils/${ids.councilId}/committee-settings`, { public_page: true, version: 0 }), 200).json;
  assert.equal(on.public_page, true);

  const p = await page('/decisions');
  assert.equal(p.status, 200);
  assert.match(p.type, /text\/html/);
  assert.match(p.text, /<html lang="fa" dir="rtl">/);
  assert.ok(!p.text.includes('<script'), 'no JavaScript');
  assert.ok(p.text.includes('پوشش خبری مشترک هفتهٔ تأمین اجتماعی'));
  assert.ok(!p.text.includes('تصمیم محرمانه'), 'an unpublished decision does not show');
  assert.ok(!p.text.includes('یادداشت داخلی'), 'follow-up notes never show');
  assert.ok(!p.text.includes(u['tamin-manager'].name), 'the owner person never shows');
  assert.ok(p.text.includes(ids.agencies.tamin.name), 'the owner agency shows');
  assert.ok(p.text.includes('جلسهٔ شمارهٔ ۱'), 'meeting number in Persian digits');
  assert.ok(p.text.includes('در حال انجام'), 'follow-up state');
  assert.ok(p.text.includes('۴۰٪'), 'progress in Persian digits');
  const year = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric' })
    .formatToParts(new Date(m.starts_at)).find((x) => x.type === 'year').value;
  assert.ok(p.text.includes(persianDigits(year)), 'the Jalali year of the meeting in Persian digits');
  assert.ok(!/<time[^>]*>[^<]*[0-9]/.test(p.text), 'dates are written in Persian digits');
  assert.ok((await page('/')).text.includes('href="/decisions"'), 'the footer links the page');

  // Unpublished: gone at once. Off: 404 again and no footer link.
  pub = assertStatus(await council.put(`/api/v1/committee-decisions/${shown.id}/publication`, { published: false, version: pub.version }), 200).json;
  assert.ok(!(await page('/decisions')).text.includes('پوشش خبری مشترک'));
  assertStatus(await council.put(`/api/v1/councils/${ids.councilId}/committee-settings`, { public_page: false, version: on.version }), 200);
  assert.equal((await page('/decisions')).status, 404);
  assert.ok(!(await page('/')).text.includes('href="/decisions"'));
});
