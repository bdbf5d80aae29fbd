// Logins and the citizens' channel against abuse (issue 17: findings 7 — unknown names throttled apart —,
// 9, 10, 11, 12, 14, 15, and the explicit `log` SMS provider), against real `pol serve`s with the log SMS
// provider: the codes "sent" are counted in the server's output.
//   main    limits on, one Open311 client key, a small status-lookup budget;
//   budget  an hourly SMS budget of 2, then a race of wrong passwords (it blocks its address);
//   nosms   no SMS provider, then a flood of invented login names (it spends its address's budget).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, ApiClient, DEMO_PASSWORD } from './harness.mjs';
import { assertStatus, assertError, loginAs, uniq, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';
import { solveChallenge } from './lib/citizen.mjs';

const CLIENT_KEY = 'test-open311-client-key';
let main, budget, nosms, admin;
let mobileSeq = 2000000;
const nextMobile = () => `0937${mobileSeq++}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  // One after another: three sanitizer builds starting at once on a small machine miss the harness's deadline.
  main = await startServer({ env: {
    POL_OPEN311_API_KEYS: createHash('sha256').update(CLIENT_KEY).digest('hex'),
    POL_CITIZEN_STATUS_LOOKUPS_PER_HOUR: '50',
  } });
  budget = await startServer({ env: { POL_CITIZEN_SMS_PER_HOUR: '2', POL_WORKER_THREADS: '8' } });
  nosms = await startServer({ env: { POL_SMS_PROVIDER: '' } });
  admin = await loginAs(main, 'admin');
});
after(async () => {
  for (const s of [main, budget, nosms]) {
    await s?.stop();
    if (s) assertNoSanitizerReports(s);
  }
});

async function open311(srv, fields, { key } = {}) {
  const body = new URLSearchParams({ service_code: 'question', name: 'آزمون', description: 'ساعت کاری دفتر پیشخوان دولت چیست؟', ...fields, ...(key ? { api_key: key } : {}) });
  const r = await fetch(srv.url('/open311/v2/requests.json'), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(),
  });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch {}
  return { status: r.status, json, text };
}

async function formPost(srv, p, fields) {
  const r = await fetch(srv.url(p), {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
}

const portalBase = { type: 'question', subject: 'پرسش', text: 'شرایط وام ازدواج بانک رفاه چیست؟', name: 'آزمون', agency: 'unknown' };
async function portalSubmit(srv, mobile) {
  const form = await fetch(srv.url('/citizen')).then((r) => r.text());
  return formPost(srv, '/citizen/requests', { ...portalBase, mobile, ...solveChallenge(form) });
}

// Codes the log provider "sent" to `mobile` (the outbox sends in the background: wait until it settles).
async function codesSentTo(srv, mobile) {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const n = srv.output().split('\n').filter((l) => l.includes('sms (dev provider') && l.includes(`to=${mobile}`)).length;
    if (n === last) return n;
    last = n;
    await sleep(150);
  }
  return last;
}

async function newUser(client, fields) {
  const u = { name: 'کاربر آزمون', password: 'Right-pass-1', roles: [{ role: 'analyst', council_id: 1 }], ...fields };
  const councils = (await client.get('/api/v1/councils')).json.items;
  u.roles = [{ role: 'analyst', council_id: councils[0].id }];
  return client.post('/api/v1/users', u);
}

test('a locked account answers exactly like a wrong password and an unknown name (15)', async () => {
  const username = uniq('lockx');
  assertStatus(await newUser(admin, { username }), 201);
  const c = new ApiClient(main.base);
  for (let i = 0; i < 5; i++) assertError(await c.login(username, `wrong-pass-${i}`), 401, 'invalid_credentials');
  const locked = await c.login(username, 'Right-pass-1');
  const wrong = await c.login('analyst', 'not-the-password');
  const unknown = await c.login(uniq('nobody'), 'whatever-pass');
  const shape = (r) => ({ status: r.status, code: r.json?.error?.code, message: r.json?.error?.message });
  assert.deepEqual(shape(locked), shape(unknown), 'locked = unknown');
  assert.deepEqual(shape(wrong), shape(unknown), 'wrong password = unknown');
  assertError(locked, 401, 'invalid_credentials');
  assert.equal(c.cookie, '', 'no session for the locked account');
});

test('a username may not be another user\'s mobile; login by mobile reaches its owner only (12)', async () => {
  const mobile = nextMobile();
  const a = assertStatus(await newUser(admin, { username: uniq('owner'), mobile }), 201).json;
  const e = assertError(await newUser(admin, { username: mobile }), 400, 'username_is_mobile');
  assert.equal(e.field, 'username');
  // Persian digits or +98 make no difference: the shape decides.
  assertError(await newUser(admin, { username: '+98' + mobile.slice(1) }), 400);
  const c = new ApiClient(main.base);
  const r = assertStatus(await c.login(mobile.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]), 'Right-pass-1'), 200);
  assert.equal(r.json.user.id, a.id, 'the mobile logs into its owner');
});

test('the portal\'s challenge token is spent by a wrong answer (14)', async () => {
  const form = await fetch(main.url('/citizen')).then((r) => r.text());
  const solved = solveChallenge(form);
  const wrong = await formPost(main, '/citizen/requests', { ...portalBase, mobile: nextMobile(), challenge: String(Number(solved.challenge) + 1), challenge_token: solved.challenge_token });
  assert.equal(wrong.status, 400);
  const again = await formPost(main, '/citizen/requests', { ...portalBase, mobile: nextMobile(), ...solved });
  assert.equal(again.status, 400, 'the right answer after a wrong one is refused');
  assert.ok(again.text.includes('پرسش امنیتی'));
});

test('Open311 without an API key: stricter limits; a wrong key is refused (9)', async () => {
  assertError(await open311(main, { phone: nextMobile() }, { key: 'not-a-known-key' }), 403, 'invalid_api_key');
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await open311(main, { phone: nextMobile() })).status);
  assert.deepEqual(statuses, [201, 201, 201, 429, 429], 'three keyless submissions per address an hour');
  assertStatus(await open311(main, { phone: nextMobile() }, { key: CLIENT_KEY }), 201, 'a known client still submits');
});

test('SMS bombing: 25 code requests to one mobile, through Open311 and the portal, send at most 5 (9)', async () => {
  const mobile = nextMobile();
  const codes = [];
  for (let i = 0; i < 25; i++) {
    const r = await open311(main, { phone: mobile }, { key: CLIENT_KEY });
    if (r.status === 201) codes.push(r.json[0].service_request_id);
    else assert.equal(r.status, 429, r.text);
  }
  for (const code of codes) {
    const r = await formPost(main, '/citizen/verify', { tracking_code: code, resend: '1' });
    assert.ok(r.status === 200 || r.status === 400, `${r.status}`);
  }
  for (let i = 0; i < 25; i++) {
    const r = await portalSubmit(main, mobile);
    assert.notEqual(r.status, 500);
  }
  const sent = await codesSentTo(main, mobile);
  assert.ok(sent >= 1 && sent <= 5, `${sent} codes sent to one mobile`);
  // The daily cap answers clearly.
  const refused = await open311(main, { phone: mobile }, { key: CLIENT_KEY });
  assertError(refused, 429);
});

test('resends back off exponentially per mobile (9)', async () => {
  const mobile = nextMobile();
  const r = assertStatus(await open311(main, { phone: mobile }, { key: CLIENT_KEY }), 201);
  const code = r.json[0].service_request_id;
  const resend = await formPost(main, '/citizen/verify', { tracking_code: code, resend: '1' });
  assert.equal(resend.status, 400);
  assert.ok(resend.text.includes('ثانیهٔ دیگر صبر کنید'), resend.text.slice(0, 500));
  assert.equal(await codesSentTo(main, mobile), 1);
});

test('Open311 GETs: at most 10 codes per call, and a per-address budget of lookups (10)', async () => {
  const codes = Array.from({ length: 11 }, (_, i) => `TK${1000 + i}`);
  const eleven = await fetch(main.url(`/open311/v2/requests.json?service_request_id=${codes.join(',')}`));
  const body = await eleven.json();
  assert.equal(eleven.status, 400);
  assert.equal(body.error.code, 'too_many_ids');
  assert.ok(hasPersian(body.error.message));
  const statuses = [];
  for (let i = 0; i < 7; i++) {
    statuses.push((await fetch(main.url(`/open311/v2/requests.json?service_request_id=${codes.slice(0, 10).join(',')}`))).status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429], '50 codes an hour from one address');
  assert.equal((await fetch(main.url('/open311/v2/requests/TK1000.json'))).status, 429);
});

test('the hourly SMS budget: past it no code is sent, citizens are told, the council desk is alerted (9)', async () => {
  const sent = [];
  for (let i = 0; i < 3; i++) sent.push(await open311(budget, { phone: nextMobile() }, {}));
  assert.deepEqual(sent.map((r) => r.status), [201, 201, 503]);
  assertError(sent[2], 503, 'sms_budget_exhausted');
  const council = await loginAs(budget, 'council');
  const notes = assertStatus(await council.get('/api/v1/notifications'), 200).json.items;
  assert.ok(notes.some((n) => n.kind === 'citizen.sms_budget' && hasPersian(n.title)), JSON.stringify(notes).slice(0, 500));
});

test('21+ parallel wrong passwords check at most 5 before the lock holds (11)', async () => {
  const badmin = await loginAs(budget, 'admin');
  const username = uniq('race');
  const u = assertStatus(await newUser(badmin, { username }), 201).json;
  const tries = await Promise.all(Array.from({ length: 25 }, (_, i) => new ApiClient(budget.base).login(username, `wrong-${i}`)));
  for (const r of tries) assert.ok(r.status === 401 || r.status === 429, `${r.status}`);
  const audit = assertStatus(await badmin.get(`/api/v1/audit?per_page=200&actor_id=${u.id}`), 200).json.items;
  const checked = audit.filter((e) => e.action === 'login_failed' || e.action === 'login_locked').length;
  assert.ok(checked <= 5, `${checked} passwords checked`);
  assert.ok(audit.some((e) => e.action === 'login_locked'), 'the lock is audited');
  assert.equal((await new ApiClient(budget.base).login(username, 'Right-pass-1')).status !== 200, true, 'locked');
});

test('with no SMS provider: citizens are told codes cannot be sent, staff see a warning (log only when named)', async () => {
  const r = await open311(nosms, { phone: nextMobile() });
  assertError(r, 503, 'sms_unavailable');
  const page = await portalSubmit(nosms, nextMobile());
  assert.equal(page.status, 503);
  assert.ok(page.text.includes('ارسال کد تأیید در حال حاضر ممکن نیست'));
  assert.ok(!nosms.output().includes('sms (dev provider'), 'nothing pretends to be sent');
  const council = await loginAs(nosms, 'council');
  assert.equal(assertStatus(await council.get('/api/v1/citizen/requests'), 200).json.sms_configured, false);
  assert.equal(assertStatus(await admin.get('/api/v1/citizen/requests'), 200).json.sms_configured, true);
});

test('20 failed logins for invented names do not lock real staff out of that address (7)', async () => {
  const c = new ApiClient(nosms.base);
  const statuses = [];
  for (let i = 0; i < 25; i++) statuses.push((await c.login(`invented-${i}`, 'wrong-pass')).status);
  assert.equal(statuses.filter((s) => s === 401).length, 20, statuses.join(','));
  assert.equal(statuses.at(-1), 429, 'invented names are throttled');
  assertStatus(await new ApiClient(nosms.base).login('admin', DEMO_PASSWORD), 200, 'a real account still logs in');
  // A wrong password answers like the invented names now (no enumeration through the throttle).
  assertError(await new ApiClient(nosms.base).login('analyst', 'not-the-password'), 429, 'too_many_attempts');
});
