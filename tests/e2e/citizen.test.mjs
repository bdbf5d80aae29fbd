// The citizens' channel end to end against a real `pol serve`, with a loopback
// Kavenegar fake as the SMS gateway: submit → one-time code → tracking code →
// routed → answered → closed → rated; bad input; OTP replay; a guessed code
// with the wrong mobile; floods of identical submissions; SIGKILL under load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, ApiClient, dbQuery } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';
import { writesNothing } from './lib/authz_writes.mjs';
import { startFakeKavenegar, solveChallenge, hidden, nationalCode } from './lib/citizen.mjs';

let srv, sms, ids, admin;
let mobileSeq = 1000000;
const nextMobile = () => `0935${mobileSeq++}`;

before(async () => {
  sms = await startFakeKavenegar();
  srv = await startServer({ env: {
    POL_SMS_PROVIDER: 'kavenegar', POL_SMS_KAVENEGAR_URL: sms.url, POL_SMS_API_KEY: 'test-key', POL_SMS_SENDER: '10004346',
    POL_CITIZEN_RATE_LIMITS: 'off',
  } });
  admin = await loginAs(srv, 'admin');
  ids = await demoIds(admin);
});
after(async () => {
  await srv?.stop();
  await sms?.close();
  if (srv) assertNoSanitizerReports(srv);
});

async function open311Submit(fields) {
  const r = await fetch(srv.url('/open311/v2/requests.json'), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch {}
  return { status: r.status, json, text };
}

async function submitAndVerify(fields) {
  const before = sms.messages.length;
  const r = await open311Submit(fields);
  assertStatus(r, 201, 'open311 submit');
  const code = r.json[0].service_request_id;
  const otp = await sms.otp(fields.phone.replace(/^\+98\s*/, '0'), before);
  const v = await fetch(srv.url(`/open311/v2/requests/${code}/verify`), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${otp}`,
  });
  assert.equal(v.status, 200, await v.clone().text());
  return { code, otp, status: (await v.json())[0] };
}

// A form post to the server-rendered pages; returns status, location, body and cookies.
async function formPost(p, fields, cookie = '') {
  const r = await fetch(srv.url(p), {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
  const setCookie = (r.headers.getSetCookie?.() || []).map((c) => c.split(';')[0]).join('; ');
  return { status: r.status, location: r.headers.get('location'), text: await r.text(), cookie: setCookie };
}

test('submit → SMS code → tracking code → routed → answered → closed → rated; CSAT updates', async () => {
  const mobile = nextMobile();
  const { code, status } = await submitAndVerify({
    service_code: 'complaint', subject: 'تأخیر مستمری بازنشستگی', phone: '+98 ' + mobile.slice(1),
    name: 'شهروند آزمون', description: 'مستمری بازنشستگی پدرم از صندوق بیمه روستاییان و عشایر دو ماه است واریز نشده است.',
    national_code: nationalCode(4242),
  });
  assert.match(code, /^[1-9]\d{9}$/);
  assert.equal(status.pol_state, 'open', 'routed to an agency by the model');
  assert.equal(status.pol_agency_id, ids.agencies.roostaei.id, 'routed to the rural insurance fund');
  // The tracking code reaches the citizen by SMS (durable job through the Kavenegar adapter).
  // In Persian digits, as people read it.
  const persianCode = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
  const smsTracking = await sms.waitFor((m) => m.receptor === mobile && m.message.includes(persianCode), 'tracking SMS');
  assert.ok(!/[0-9]/.test(smsTracking.message), `no Latin digits in the tracking SMS: ${smsTracking.message}`);
  assert.equal(smsTracking.key, 'test-key');
  assert.equal(smsTracking.sender, '10004346');

  // The agency's desk sees it, with the mobile masked in the list.
  const desk = await loginAs(srv, 'roostaei-desk');
  const list = assertStatus(await desk.get('/api/v1/citizen/requests?state=open'), 200).json;
  const item = list.items.find((x) => x.tracking_code === code);
  assert.ok(item, 'in the desk inbox');
  assert.equal(item.mobile_masked, mobile.slice(0, 4) + '***' + mobile.slice(7));
  assert.equal(item.mobile, undefined, 'no full mobile in lists');
  // Another agency's desk cannot see it (404, not 403).
  const other = await loginAs(srv, 'tamin-desk');
  assertError(await other.get(`/api/v1/citizen/requests/${item.id}`), 404, 'not_found');
  // Opening it shows personal data and writes an audit row.
  const full = assertStatus(await desk.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  assert.equal(full.mobile, mobile);
  const audit = assertStatus(await admin.get('/api/v1/audit?per_page=50'), 200).json.items;
  assert.ok(audit.some((a) => a.action === 'view_personal' && a.entity_id === String(item.id)), 'access audited');

  const templates = assertStatus(await desk.get('/api/v1/citizen/templates'), 200).json.items;
  assert.ok(templates.length >= 3 && hasPersian(templates[0].body));
  let cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/notes`, { body: 'با واحد مستمری هماهنگ شد.' }), 200).json;
  cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/reply`, { version: cur.version, body: 'مستمری دو ماه گذشته فردا واریز می‌شود.' }), 200).json;
  assert.equal(cur.state, 'answered');
  await sms.waitFor((m) => m.receptor === mobile && m.message.includes('پاسخ داده شد'), 'reply SMS');
  // The gateway fails once (HTTP 502): the closing SMS is retried by the job queue and still arrives.
  sms.failNext(1);
  cur = assertStatus(await desk.post(`/api/v1/citizen/requests/${item.id}/close`, { version: cur.version, outcome: 'resolved' }), 200).json;
  assert.equal(cur.state, 'closed');
  await sms.waitFor((m) => m.receptor === mobile && m.message.includes('بسته شد'), 'closing SMS after a gateway failure');

  // The citizen: lookup with the code (Persian digits) and mobile, see the answer, rate.
  const look = await formPost('/citizen/track', { tracking_code: persianCode, mobile });
  assert.equal(look.status, 303);
  const page = await fetch(srv.url(look.location), { headers: { cookie: look.cookie } }).then((r) => r.text());
  assert.ok(page.includes('مستمری دو ماه گذشته فردا واریز می‌شود.'), 'the answer is on the status page');
  assert.ok(!page.includes('با واحد مستمری هماهنگ شد'), 'internal notes are not');
  assert.ok(page.includes('data-state="closed"'));
  assert.ok(Buffer.byteLength(page) < 60 * 1024, 'page under 60 KB');
  const rate = await formPost(`/citizen/requests/${code}/rate`, { score: '4', comment: 'سریع بود' }, look.cookie);
  assert.equal(rate.status, 303, rate.text.slice(0, 500));
  const again = await formPost(`/citizen/requests/${code}/rate`, { score: '1' }, look.cookie);
  assert.equal(again.status, 409, 'rated once');

  const csat = assertStatus(await desk.get('/api/v1/citizen/csat'), 200).json.items.find((x) => x.agency_id === ids.agencies.roostaei.id);
  assert.equal(csat.rated, 1);
  assert.equal(csat.average, 4);

  // Not resolved after all: reopens within the window, with a fresh SLA.
  const reopen = await formPost(`/citizen/requests/${code}/reopen`, { reason: 'هنوز واریز نشده است.' }, look.cookie);
  assert.equal(reopen.status, 303);
  const reopened = assertStatus(await desk.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  assert.equal(reopened.state, 'open');
  assert.equal(reopened.reopen_count, 1);
  assert.ok(reopened.resolve_due > Date.now());
});

test('the public form: challenge, validation in Persian, values kept, disguised files refused', async () => {
  const form = await fetch(srv.url('/citizen')).then((r) => r.text());
  assert.ok(form.includes('نمی‌دانم'), '"I don\'t know" agency option');
  assert.ok(Buffer.byteLength(form) < 60 * 1024);
  const base = { type: 'question', subject: 'پرسش', text: 'شرایط وام ازدواج بانک رفاه چیست؟', name: 'آزمون', agency: 'unknown' };
  // Wrong challenge answer.
  let r = await formPost('/citizen/requests', { ...base, mobile: nextMobile(), challenge: '999', challenge_token: solveChallenge(form).challenge_token });
  assert.equal(r.status, 400);
  assert.ok(r.text.includes('پرسش امنیتی'));
  // Invalid mobile: Persian error, the text kept in the form.
  let fresh = await fetch(srv.url('/citizen')).then((x) => x.text());
  r = await formPost('/citizen/requests', { ...base, mobile: '۰۹۱۲۳', ...solveChallenge(fresh) });
  assert.equal(r.status, 400);
  assert.ok(r.text.includes('شمارهٔ همراه معتبر نیست'));
  assert.ok(r.text.includes('شرایط وام ازدواج بانک رفاه چیست؟'), 'nothing the citizen typed is lost');
  // A reused challenge token is refused.
  fresh = await fetch(srv.url('/citizen')).then((x) => x.text());
  const solved = solveChallenge(fresh);
  r = await formPost('/citizen/requests', { ...base, mobile: nextMobile(), national_code: '1234567890', ...solved });
  assert.ok(r.text.includes('کد ملی درست نیست'));
  r = await formPost('/citizen/requests', { ...base, mobile: nextMobile(), ...solved });
  assert.ok(r.text.includes('پرسش امنیتی'), 'single-use challenge');
  // A disguised file (an executable named .jpg) in a multipart form.
  fresh = await fetch(srv.url('/citizen')).then((x) => x.text());
  const fd = new FormData();
  for (const [k, v] of Object.entries({ ...base, mobile: nextMobile(), ...solveChallenge(fresh) })) fd.append(k, v);
  fd.append('attachments', new Blob([Buffer.from('MZ\x90\x00\x03 fake exe')], { type: 'image/jpeg' }), 'photo.jpg');
  const mp = await fetch(srv.url('/citizen/requests'), { method: 'POST', body: fd, redirect: 'manual' });
  assert.equal(mp.status, 400);
  assert.ok((await mp.text()).includes('فقط عکس'));
  // A real PNG goes through, and the desk can download it.
  fresh = await fetch(srv.url('/citizen')).then((x) => x.text());
  const fd2 = new FormData();
  const mobile = nextMobile();
  for (const [k, v] of Object.entries({ ...base, agency: 'refah', mobile, ...solveChallenge(fresh) })) fd2.append(k, v);
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  fd2.append('attachments', new Blob([png], { type: 'image/png' }), 'رسید.png');
  const ok = await fetch(srv.url('/citizen/requests'), { method: 'POST', body: fd2, redirect: 'manual' });
  assert.equal(ok.status, 303, await ok.clone().text());
  const verifyUrl = ok.headers.get('location');
  const code = verifyUrl.split('code=')[1];
  const verifyPage = await fetch(srv.url(verifyUrl)).then((x) => x.text());
  assert.ok(verifyPage.includes('id="tracking-code"'));
  const otp = await sms.otp(mobile);
  const v = await formPost('/citizen/verify', { tracking_code: code, code: otp.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]) });
  assert.equal(v.status, 303);
  const desk = await loginAs(srv, 'refah-desk');
  const item = (await desk.get('/api/v1/citizen/requests')).json.items.find((x) => x.tracking_code === code);
  assert.equal(item.route_source, 'citizen');
  const full = (await desk.get(`/api/v1/citizen/requests/${item.id}`)).json;
  assert.equal(full.attachments.length, 1);
  assert.equal(full.attachments[0].mime, 'image/png');
  const file = await desk.get(`/api/v1/citizen/requests/${item.id}/attachments/${full.attachments[0].id}`);
  assert.equal(file.status, 200);
});

test('bad input over Open311: clear Persian errors, nothing stored', async () => {
  const good = { service_code: 'question', phone: nextMobile(), name: 'آزمون', description: 'پرسش درباره بیمه بیکاری' };
  assertError(await open311Submit({ ...good, phone: '12345' }), 400, 'invalid_mobile');
  assertError(await open311Submit({ ...good, national_code: '0000000000' }), 400, 'invalid_national_code');
  assertError(await open311Submit({ ...good, description: '' }), 400);
  assertError(await open311Submit({ ...good, description: 'الف'.repeat(6000) }), 400, 'too_long');
  assertError(await open311Submit({ ...good, service_code: 'spam' }), 400, 'invalid_type');
  assertError(await open311Submit({ ...good, agency: 'no-such-agency' }), 400, 'unknown_agency');
  // Gigantic bodies stop at the server's body limit.
  const huge = await fetch(srv.url('/open311/v2/requests.json'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'description=' + 'x'.repeat(2 * 1024 * 1024) }).catch((e) => ({ status: 'reset' }));
  assert.ok(huge.status === 413 || huge.status === 'reset', `huge body refused (${huge.status})`);
  const services = await fetch(srv.url('/open311/v2/services.json')).then((x) => x.json());
  assert.deepEqual(services.map((s) => s.service_code), ['question', 'complaint', 'criticism', 'suggestion', 'appreciation', 'report']);
});

test('OTP: replay and wrong codes are refused; a wrong mobile leaks nothing and is throttled', async () => {
  const mobile = nextMobile();
  const { code, otp } = await submitAndVerify({ service_code: 'question', phone: mobile, name: 'آزمون', description: 'ثبت نام دوره رایگان جوشکاری فنی و حرفه‌ای چطور است؟' });
  const replay = await fetch(srv.url(`/open311/v2/requests/${code}/verify`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${otp}` });
  assert.equal(replay.status, 400);
  assert.equal((await replay.json()).error.code, 'invalid_code');
  // Open311 GET: status without personal data.
  const pub = await fetch(srv.url(`/open311/v2/requests/${code}.json`)).then((x) => x.json());
  assert.equal(pub[0].service_request_id, code);
  assert.ok(!JSON.stringify(pub).includes(mobile) && !('description' in pub[0]));
  // A wrong mobile and an unknown code answer the same page.
  const wrong = await formPost('/citizen/track', { tracking_code: code, mobile: nextMobile() });
  const unknown = await formPost('/citizen/track', { tracking_code: '1234567890', mobile });
  assert.equal(wrong.status, 404);
  // The form keeps what was typed (the only difference allowed).
  const typedOut = (t) => t.replace(/ value="[^"]*"/g, '');
  assert.equal(typedOut(wrong.text), typedOut(unknown.text), 'no difference between a wrong mobile and an unknown code');
  assert.ok(unknown.text.includes('value="1234567890"'), 'the code typed is kept');
  assert.ok(!wrong.cookie);
  // Throttled after repeated failures (this address).
  let last;
  for (let i = 0; i < 25; i++) last = await formPost('/citizen/track', { tracking_code: code, mobile: nextMobile() });
  assert.equal(last.status, 429);
  const right = await formPost('/citizen/track', { tracking_code: code, mobile });
  assert.equal(right.status, 429, 'even the right pair waits while throttled');
  // The status page without the cookie shows only the lookup form.
  const bare = await fetch(srv.url(`/citizen/requests/${code}`)).then((x) => x.text());
  assert.ok(!bare.includes('data-state='));
});

test('a flood of identical submissions is stored, found by fingerprint and merged', async () => {
  const text = 'در خیابان فردوسی قزوین کودکان کار هر شب تا دیروقت گل می‌فروشند و کسی به آنها رسیدگی نمی‌کند.';
  const codes = [];
  await Promise.all(Array.from({ length: 12 }, async (_, i) => {
    const { code } = await submitAndVerify({ service_code: 'report', phone: nextMobile(), name: `شهروند ${i}`, description: text, subject: 'کودکان کار' });
    codes.push(code);
  }));
  assert.equal(codes.length, 12);
  const council = await loginAs(srv, 'council');
  const all = (await council.get('/api/v1/citizen/requests?per_page=200')).json.items.filter((x) => codes.includes(x.tracking_code));
  assert.equal(all.length, 12, 'nothing lost');
  const main = all.find((x) => x.duplicate_of === null);
  assert.ok(main, 'one original');
  const dups = all.filter((x) => x.duplicate_of === main.id);
  assert.equal(dups.length, 11, 'the others point at it');
  const detail = (await council.get(`/api/v1/citizen/requests/${main.id}`)).json;
  assert.equal(detail.similar.length, 11);
  assertStatus(await council.post(`/api/v1/citizen/requests/${main.id}/merge`, { ids: dups.map((d) => d.id) }), 200);
  const after = (await council.get('/api/v1/citizen/requests?state=merged&per_page=200')).json.items.filter((x) => codes.includes(x.tracking_code));
  assert.equal(after.length, 11);
});

test('transfer between agencies keeps the history and recalculates the SLA; routing admin shows accuracy', async () => {
  const { code } = await submitAndVerify({ service_code: 'question', phone: nextMobile(), name: 'آزمون', description: 'زرافه‌های باغ وحش زیبا و بلندقامت‌اند.' });
  const council = await loginAs(srv, 'council');
  const item = (await council.get('/api/v1/citizen/requests?per_page=200')).json.items.find((x) => x.tracking_code === code);
  assert.equal(item.state, 'triage', 'unsure requests go to the council desk');
  const tamin = await loginAs(srv, 'tamin-desk');
  assertError(await tamin.get(`/api/v1/citizen/requests/${item.id}`), 404, 'not_found');
  const moved = assertStatus(await council.post(`/api/v1/citizen/requests/${item.id}/transfer`, { agency_id: ids.agencies.tamin.id, reason: 'موضوع بیمه است.', version: item.version }), 200).json;
  assert.equal(moved.state, 'open');
  assert.equal(moved.agency_id, ids.agencies.tamin.id);
  const seen = assertStatus(await tamin.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  assert.ok(seen.events.some((e) => e.kind === 'transferred' && e.body.includes('موضوع بیمه است.')));
  assert.ok(seen.resolve_due > Date.now());
  // Stale version.
  await writesNothing(admin, async () => assertError(await council.post(`/api/v1/citizen/requests/${item.id}/transfer`, { agency_id: ids.agencies.refah.id, reason: 'x', version: item.version }), 409, 'version_conflict'));
  // SLA targets: the council desk sets one per agency and type; a transfer to that agency uses it.
  await writesNothing(admin, async () => assertError(await council.put('/api/v1/citizen/sla', { type: 'question', first_response_minutes: 600, resolve_minutes: 60 }), 400, 'invalid_minutes'));
  await writesNothing(admin, async () => assertError(await tamin.put('/api/v1/citizen/sla', { first_response_minutes: 60, resolve_minutes: 120 }), 403, 'forbidden'));
  const sla = assertStatus(await council.put('/api/v1/citizen/sla', { agency_id: ids.agencies.refah.id, type: 'question', first_response_minutes: 60, resolve_minutes: 420 }), 200).json;
  assert.ok(sla.items.some((t) => t.agency_id === ids.agencies.refah.id && t.resolve_minutes === 420));
  assert.equal(sla.defaults.complaint.resolve_minutes, 10 * 420);
  const cur2 = assertStatus(await tamin.get(`/api/v1/citizen/requests/${item.id}`), 200).json;
  const toRefah = assertStatus(await tamin.post(`/api/v1/citizen/requests/${item.id}/transfer`, { agency_id: ids.agencies.refah.id, reason: 'موضوع بانکی است.', version: cur2.version }), 200).json;
  assert.ok(toRefah.resolve_due < seen.resolve_due, 'one office day instead of five: an earlier deadline');
  const routing = assertStatus(await council.get('/api/v1/citizen/routing'), 200).json;
  assert.ok(routing.samples >= 200 && routing.held_out >= 40 && routing.accuracy > 0.7, JSON.stringify(routing));
  assertError(await tamin.get('/api/v1/citizen/routing'), 403, 'forbidden');
  // Export and erasure of a citizen's data (council desk only).
  const mobile = nextMobile();
  const erasedCode = (await submitAndVerify({ service_code: 'question', phone: mobile, name: 'حذف‌شونده', subject: 'موضوعی که نام مرا دارد', description: 'پرسشی درباره کمک هزینه ازدواج تأمین اجتماعی' })).code;
  const exp = assertStatus(await council.get(`/api/v1/citizen/export?mobile=${mobile}`), 200).json;
  assert.equal(exp.requests.length, 1);
  assert.equal(exp.requests[0].name, 'حذف‌شونده');
  assertError(await tamin.get(`/api/v1/citizen/export?mobile=${mobile}`), 403, 'forbidden');
  // A desk notification that quotes the subject, as the SLA sweep writes them.
  const deskUser = ids.users['tamin-desk'].id;
  const erasedId = Number(dbQuery(srv.dataDir, `SELECT id FROM citizen_requests WHERE tracking_code = '${erasedCode}'`).trim());
  dbQuery(srv.dataDir, `INSERT INTO notifications(user_id, kind, title, body, link, created_at) VALUES (${deskUser}, ` +
    `'citizen.warning', 'مهلت پاسخ نزدیک است (موضوعی که نام مرا دارد)', '', '/console/citizen/${erasedId}', ${Date.now()});`);
  assert.equal(assertStatus(await council.post('/api/v1/citizen/erase', { mobile }), 200).json.erased, 1);
  const titles = dbQuery(srv.dataDir, `SELECT title FROM notifications WHERE link = '/console/citizen/${erasedId}'`).trim();
  assert.ok(titles && !titles.includes('نام مرا'), `notification kept the subject: ${titles}`);
  assert.equal((await council.get(`/api/v1/citizen/export?mobile=${mobile}`)).json.requests.length, 0);
  // Issue 17: the subject and the address it was filed from go too.
  const [subject, ip] = dbQuery(srv.dataDir,
    `SELECT subject, ip FROM citizen_requests WHERE tracking_code = '${erasedCode}'`).trim().split('|');
  assert.ok(!subject.includes('نام مرا'), `subject kept: ${subject}`);
  assert.equal(ip, '', 'the client address is blanked');
});

test('SIGKILL of pol serve under submission load loses no acknowledged request', async () => {
  const kill = await startServer({ env: { POL_CITIZEN_RATE_LIMITS: 'off', POL_WORKER_THREADS: '8' } });
  const acked = [];
  let stop = false;
  const worker = async (w) => {
    for (let i = 0; !stop; i++) {
      try {
        const r = await fetch(kill.url('/open311/v2/requests.json'), {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ service_code: 'complaint', phone: `0936${String(1000000 + w * 10000 + i)}`, name: 'بار', description: `شکایت شماره ${w}-${i} درباره حقوق معوقه کارگران` }),
        });
        if (r.status === 201) acked.push((await r.json())[0].service_request_id);
      } catch { break; }
    }
  };
  const workers = Array.from({ length: 16 }, (_, w) => worker(w));
  while (acked.length < 300) await new Promise((r) => setTimeout(r, 5));
  kill.child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await new Promise((r) => kill.child.exitCode !== null || kill.child.signalCode ? r() : kill.child.once('exit', r));
  const stored = new Set(dbQuery(kill.dataDir, 'SELECT tracking_code FROM citizen_requests').split('\n').filter(Boolean));
  const lost = acked.filter((c) => !stored.has(c));
  assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged requests lost`);
  // And the server starts again on that folder.
  const again = await startServer({ dataDir: kill.dataDir });
  await again.stop();
  assertNoSanitizerReports(again);
  rmSync(kill.dataDir, { recursive: true, force: true });
});
