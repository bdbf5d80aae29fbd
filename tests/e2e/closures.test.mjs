// The calendar SLA clocks run on, end to end against a real `pol serve`: a council admin closes the day
// a request's deadline falls on (air pollution), and that request's deadline moves to a later office
// day at once while a request due earlier keeps its deadline; removing the closure restores both; the
// request's history notes it. Bad input is refused in Persian and writes nothing; an agency role and a
// stranger may not add closures. A closure of one agency (issue 18 §4) moves that agency's deadlines only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';
import { startFakeKavenegar } from './lib/citizen.mjs';

let srv, sms, ids, admin, council, tamin;
let mobileSeq = 2000000;

before(async () => {
  sms = await startFakeKavenegar();
  srv = await startServer({ env: {
    POL_SMS_PROVIDER: 'kavenegar', POL_SMS_KAVENEGAR_URL: sms.url, POL_SMS_API_KEY: 'test-key', POL_SMS_SENDER: '10004346',
    POL_CITIZEN_RATE_LIMITS: 'off',
  } });
  admin = await loginAs(srv, 'admin');
  council = await loginAs(srv, 'council');
  tamin = await loginAs(srv, 'tamin-manager');
  ids = await demoIds(admin);
});
after(async () => {
  await srv?.stop();
  await sms?.close();
  if (srv) assertNoSanitizerReports(srv);
});

// A verified request of `type` routed to `agency` (tamin by default); its staff view.
async function request(type, agency = 'tamin') {
  const phone = `0936${mobileSeq++}`;
  const before = sms.messages.length;
  const r = await fetch(srv.url('/open311/v2/requests.json'), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service_code: type, phone, name: 'آزمون تقویم', description: 'درخواست آزمون تعطیلی اداره‌ها به‌خاطر آلودگی هوا', agency }),
  });
  assert.equal(r.status, 201, await r.clone().text());
  const code = (await r.json())[0].service_request_id;
  const otp = await sms.otp(phone, before);
  const v = await fetch(srv.url(`/open311/v2/requests/${code}/verify`), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: otp }),
  });
  assert.equal(v.status, 200, await v.clone().text());
  const list = assertStatus(await admin.get('/api/v1/citizen/requests?per_page=50'), 200).json.items;
  const found = list.find((x) => x.tracking_code === code);
  assert.ok(found?.resolve_due, 'routed with a deadline');
  return found;
}

const view = async (id) => assertStatus(await admin.get(`/api/v1/citizen/requests/${id}`), 200).json;
// The Tehran calendar day (Gregorian YYYY-MM-DD) of a time in ms (Iran keeps +03:30 all year).
const tehranDay = (ms) => new Date(ms + 3.5 * 3600 * 1000).toISOString().slice(0, 10);
const closures = async () => assertStatus(await admin.get(`/api/v1/closures?council_id=${ids.councilId}`), 200).json.items;

test('a closure moves the deadlines due on the closed day, not earlier ones; removing it restores them', async () => {
  // One office day for questions, two for suggestions: the first is due on the next office day D1,
  // the second on D2 — the day we close.
  for (const [type, minutes] of [['question', 420], ['suggestion', 840]]) {
    assertStatus(await council.put('/api/v1/citizen/sla', { agency_id: ids.agencies.tamin.id, type, first_response_minutes: 60, resolve_minutes: minutes }), 200);
  }
  const early = await request('question');
  const late = await request('suggestion');
  assert.ok(tehranDay(early.resolve_due) < tehranDay(late.resolve_due), 'due on different days');
  const closed = tehranDay(late.resolve_due);

  const added = assertStatus(await council.post('/api/v1/closures', { council_id: ids.councilId, date: closed, kind: 'closed', reason: 'آلودگی هوا' }), 201).json;
  assert.equal(added.closure.day, closed);
  assert.equal(added.recomputed >= 1, true);
  assert.match(added.closure.jalali, /^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/);

  const moved = await view(late.id);
  assert.ok(moved.resolve_due > late.resolve_due, 'the deadline on the closed day moved later');
  assert.ok(tehranDay(moved.resolve_due) > closed, 'past the closed day');
  assert.equal((await view(early.id)).resolve_due, early.resolve_due, 'a deadline before the closed day stays');
  assert.ok(moved.events.some((e) => e.kind === 'sla_recomputed' && /آلودگی هوا/.test(e.body)), 'history notes it');
  // A request filed now starts on the council's calendar too.
  const after = await request('suggestion');
  assert.ok(tehranDay(after.resolve_due) > closed, 'a new request skips the closed day');

  // The audit log has it.
  const audit = assertStatus(await admin.get('/api/v1/audit?per_page=50'), 200).json.items;
  assert.ok(audit.some((a) => a.action === 'add_closure'), 'audited');

  assertStatus(await council.delete(`/api/v1/closures/${added.closure.id}?council_id=${ids.councilId}`), 200);
  assert.equal((await view(late.id)).resolve_due, late.resolve_due, 'removing the closure restores the deadline');
  assert.equal((await view(early.id)).resolve_due, early.resolve_due);
  assert.deepEqual(await closures(), []);
});

test("one agency's closure moves its own deadlines at once, not another agency's; removing it restores them", async () => {
  // Two office days for suggestions at both agencies: both requests are due on the same day D.
  for (const agency of ['tamin', 'behzisti']) {
    assertStatus(await council.put('/api/v1/citizen/sla', { agency_id: ids.agencies[agency].id, type: 'suggestion', first_response_minutes: 60, resolve_minutes: 840 }), 200);
  }
  const own = await request('suggestion', 'tamin');
  const other = await request('suggestion', 'behzisti');
  const day = tehranDay(own.resolve_due);
  assert.equal(tehranDay(other.resolve_due), day, 'both due on the same day');
  const agencyAudit = async () => assertStatus(await admin.get('/api/v1/audit?entity=agency_calendar_override&per_page=200'), 200).json.items;
  const auditBefore = (await agencyAudit()).length;

  // Refused first: an agency id that is not the council's writes nothing.
  assertError(await council.post('/api/v1/closures', { council_id: ids.councilId, agency_id: 999999, date: day, kind: 'closed', reason: 'گرما' }), 400, 'invalid_agency');
  assert.equal((await view(own.id)).resolve_due, own.resolve_due);

  const added = assertStatus(await council.post('/api/v1/closures', { council_id: ids.councilId, agency_id: ids.agencies.tamin.id, date: day, kind: 'closed', reason: 'گرمای هوا در استان' }), 201).json;
  assert.equal(added.closure.agency_id, ids.agencies.tamin.id);
  assert.ok(added.recomputed >= 1);
  const moved = await view(own.id);
  assert.ok(tehranDay(moved.resolve_due) > day, "the agency's deadline moved past its closed day");
  assert.ok(moved.events.some((e) => e.kind === 'sla_recomputed' && /گرمای هوا در استان/.test(e.body)), 'history notes it');
  assert.equal((await view(other.id)).resolve_due, other.resolve_due, "another agency's deadline stays");
  // The council's list names the agency; the audit log has the write, under the agency.
  const listed = (await closures()).find((x) => x.id === added.closure.id && x.agency_id === ids.agencies.tamin.id);
  assert.ok(listed, 'listed with its agency');
  const audit = await agencyAudit();
  assert.equal(audit.length, auditBefore + 1, 'one audit row (the refused write added none)');
  assert.ok(audit.some((a) => a.action === 'add_closure'), 'audited');
  // An agency role may not add one for its own agency either.
  assertError(await tamin.post('/api/v1/closures', { council_id: ids.councilId, agency_id: ids.agencies.tamin.id, date: day, kind: 'closed', reason: 'گرما' }), 403, 'forbidden');

  // Removing it needs its agency (ids are per table) and restores the deadline.
  assertStatus(await council.delete(`/api/v1/closures/${added.closure.id}?council_id=${ids.councilId}&agency_id=${ids.agencies.tamin.id}`), 200);
  assert.equal((await view(own.id)).resolve_due, own.resolve_due, 'restored');
  assert.equal((await view(other.id)).resolve_due, other.resolve_due);
  assert.ok(!(await closures()).some((x) => x.agency_id === ids.agencies.tamin.id), 'gone');
});

test('bad dates and kinds are refused in Persian and write nothing', async () => {
  const before = await closures();
  const bad = [
    [{ date: '1404/13/01', kind: 'closed', reason: 'آلودگی' }, 'invalid_date'],
    [{ date: 'فردا', kind: 'closed', reason: 'آلودگی' }, 'invalid_date'],
    [{ date: '2020-01-05', kind: 'closed', reason: 'آلودگی' }, 'date_in_past'],
    [{ date: tehranDay(Date.now() + 86400000), kind: 'holiday', reason: 'آلودگی' }, 'invalid_kind'],
    [{ date: tehranDay(Date.now() + 86400000), kind: 'closed', reason: '' }, 'required'],
  ];
  for (const [body, code] of bad) {
    assertError(await council.post('/api/v1/closures', { council_id: ids.councilId, ...body }), 400, code, JSON.stringify(body));
  }
  assertError(await council.post('/api/v1/closures', { council_id: ids.councilId, date: '1404/01/20', kind: 'closed', reason: 'x'.repeat(10), extra: 1 }), 400);
  assert.deepEqual(await closures(), before, 'nothing written');
});

test('agency roles may not add or list closures; nothing is written', async () => {
  const body = { council_id: ids.councilId, date: tehranDay(Date.now() + 5 * 86400000), kind: 'closed', reason: 'گرما' };
  assertError(await tamin.post('/api/v1/closures', body), 403, 'forbidden');
  assertError(await tamin.get(`/api/v1/closures?council_id=${ids.councilId}`), 403, 'forbidden');
  assert.ok(!(await closures()).some((x) => x.day === body.date), 'nothing written');
});

test('committee scheduling warns about a council closure on the meeting day', async () => {
  // A working day three weeks on (10:00 Tehran), closed for the council.
  let day;
  let closure;
  for (let k = 21; !closure; k++) {
    day = tehranDay(Date.now() + k * 86400000);
    const r = await council.post('/api/v1/closures', { council_id: ids.councilId, date: day, kind: 'closed', reason: 'صرفه‌جویی انرژی' });
    if (r.status === 400 && r.json?.error?.code === 'not_a_working_day') continue;
    closure = assertStatus(r, 201, 'closure').json.closure;
  }
  const startsAt = Date.parse(`${day}T10:00:00+03:30`);
  const c = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ آزمون تقویم' }), 201).json;
  const m = assertStatus(await admin.post(`/api/v1/committees/${c.id}/meetings`, { starts_at: startsAt }), 201).json;
  const scheduled = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  assert.ok(scheduled.warnings.some((w) => /صرفه‌جویی انرژی/.test(w)), `warned: ${JSON.stringify(scheduled.warnings)}`);
  assertStatus(await council.delete(`/api/v1/closures/${closure.id}?council_id=${ids.councilId}`), 200);
});
