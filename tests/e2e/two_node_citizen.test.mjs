// The citizens' portal on two `pol serve` nodes over one PostgreSQL database and one data folder (issue 14
// §5; docs/postgresql.md "Several nodes"): the challenge key is the cluster's (a challenge drawn on one node
// is accepted on the other, once), and the per-address throttles are counted in the database (requests
// alternating between the nodes meet the limit at the same count as on one node), and the routing (model
// and rules) changed on one node is used by the other within seconds (model versions in the database).
// Also the staff login's per-address window for unknown names, counted in the database the same way, and
// the messenger bots' per-chat limit: a webhook bot's updates of one chat alternating between the nodes get
// at most the limit's answers and one notice on the whole cluster.
// PostgreSQL only: its own CTest entry (e2e_pg_two_node_citizen); without POL_TEST_PG_URL it is skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, pgAdminUrl, dbQuery, ApiClient } from './harness.mjs';
import { assertStatus, assertError, assertNoSanitizerReports, loginAs, demoIds } from './lib/common.mjs';
import { solveChallenge, startFakeKavenegar, nationalCode } from './lib/citizen.mjs';
import { startFakeBotInbound } from './peers/fake_bot_inbound.mjs';

const PG = { skip: pgAdminUrl ? false : 'needs PostgreSQL: ctest -R e2e_pg_two_node_citizen (POL_TEST_PG_URL)' };

let a, b, dir, sms;
let mobileSeq = 1000000;
const nextMobile = () => `0936${mobileSeq++}`;

before(async () => {
  if (!pgAdminUrl) return;
  sms = await startFakeKavenegar();
  // Off: the submission limits (Open311's 3 keyless submissions an hour would stop the routing test); the
  // lookup-failure throttle the second test counts stays on.
  const env = {
    POL_SMS_PROVIDER: 'kavenegar', POL_SMS_KAVENEGAR_URL: sms.url, POL_SMS_API_KEY: 'test-key', POL_SMS_SENDER: '10004346',
    POL_CITIZEN_RATE_LIMITS: 'off',
  };
  a = await startServer({ env });
  dir = a.dataDir;
  b = await startServer({ dataDir: dir, env }); // same pol.toml → same database and key file
});
after(async () => {
  if (b) await b.stop();
  if (a) await a.stop();
  if (a) assertNoSanitizerReports(a);
  if (b) assertNoSanitizerReports(b);
  await sms?.close();
});

// A form post to one node's server-rendered pages.
async function formPost(srv, p, fields) {
  const r = await fetch(srv.url(p), {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
}
const formOf = (srv) => fetch(srv.url('/citizen')).then((r) => r.text());
const request = () => ({ type: 'question', subject: 'پرسش', text: 'شرایط وام ازدواج بانک رفاه چیست؟', name: 'آزمون دو گره', agency: 'unknown', mobile: nextMobile() });

test('a challenge drawn on node A is accepted on node B, once on the whole cluster', PG, async () => {
  const solved = solveChallenge(await formOf(a));
  assert.ok(solved.challenge_token, 'the form carries a challenge');
  const onB = await formPost(b, '/citizen/requests', { ...request(), ...solved });
  assert.equal(onB.status, 303, `node B accepted node A's challenge: ${onB.text.slice(0, 300)}`);
  assert.match(onB.location, /^\/citizen\/verify\?code=/);
  // Spent on B: refused on A, and on B again.
  for (const srv of [a, b]) {
    const again = await formPost(srv, '/citizen/requests', { ...request(), ...solved });
    assert.equal(again.status, 400, 'a spent challenge is refused on every node');
    assert.ok(again.text.includes('پرسش امنیتی'));
  }
  const spent = dbQuery(dir, `SELECT COUNT(*) FROM spent_tokens WHERE token = 'challenge:${solved.challenge_token.split('.')[0]}'`);
  assert.equal(spent.trim(), '1', 'the spent token is recorded once, in the database');
  // And the other way round.
  const fromB = solveChallenge(await formOf(b));
  assert.equal((await formPost(a, '/citizen/requests', { ...request(), ...fromB })).status, 303);
});

test('the status lookup throttle holds across nodes: the limit is reached at the same count as on one node', PG, async () => {
  // lookup_failures_per_ip: 20 failed lookups per address per 15 minutes, then 429 (citizen.test.mjs).
  const wrong = { tracking_code: '1234567890', mobile: '09120000000' };
  for (let i = 0; i < 20; i++) {
    const srv = i % 2 ? b : a;
    const r = await formPost(srv, '/citizen/track', wrong);
    assert.equal(r.status, 404, `failure ${i + 1} (node ${i % 2 ? 'B' : 'A'}) is still answered`);
  }
  assert.equal((await formPost(a, '/citizen/track', wrong)).status, 429, 'node A refuses the 21st');
  assert.equal((await formPost(b, '/citizen/track', wrong)).status, 429, 'node B too');
  const events = dbQuery(dir, "SELECT COUNT(*) FROM rate_events WHERE counter_key LIKE 'lookupfail:%'");
  assert.equal(events.trim(), '20', 'twenty failures counted in the database');
});

// Files a request over Open311 on `srv` and verifies it with the code sent by SMS; returns its status
// (pol_agency_id: where the node routed it).
async function fileAndVerify(srv, description) {
  const mobile = nextMobile();
  const before = sms.messages.length;
  const r = await fetch(srv.url('/open311/v2/requests.json'), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      service_code: 'complaint', subject: 'درخواست آزمون دو گره', phone: mobile, name: 'شهروند آزمون',
      description, national_code: nationalCode(mobileSeq),
    }).toString(),
  });
  assert.equal(r.status, 201, await r.clone().text());
  const code = (await r.json())[0].service_request_id;
  const otp = await sms.otp(mobile, before);
  const v = await fetch(srv.url(`/open311/v2/requests/${code}/verify`), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${otp}`,
  });
  assert.equal(v.status, 200, await v.clone().text());
  return (await v.json())[0];
}

test('a routing rule added on node A routes requests on node B within seconds', PG, async () => {
  const council = await loginAs(a, 'council');
  const ids = await demoIds(council);
  const target = ids.agencies.behzisti.id;
  const word = 'زرافه'; // a fresh database: no other rule or request knows it
  const text = `مستمری بازنشستگی پدرم از صندوق بیمه روستاییان دو ماه است واریز نشده و ${word} هم پاسخی نداد.`;
  const baseline = await fileAndVerify(b, text);
  assert.notEqual(baseline.pol_agency_id, target, 'before the rule, node B routes elsewhere');
  assertStatus(await council.post('/api/v1/citizen/routing/rules', { agency_id: target, keywords: word, priority: 500 }), 201);
  const t0 = Date.now();
  let routed;
  while (Date.now() - t0 < 10000) {
    routed = await fileAndVerify(b, text);
    if (routed.pol_agency_id === target) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(routed.pol_agency_id, target, `node B routed by node A's rule (${Date.now() - t0} ms)`);
  const version = dbQuery(dir, "SELECT version FROM model_versions WHERE name = 'citizen.routing'");
  assert.ok(Number(version.trim()) >= 1, 'the routing version was bumped');
});

test('failed logins for unknown names alternating between the nodes: 429 at the same count as on one node', PG, async () => {
  const onA = new ApiClient(a.base), onB = new ApiClient(b.base);
  // max_unknown_failures: 20 per address per 15 minutes (bad_input.test.mjs), this address's first.
  for (let i = 0; i < 20; i++) assertError(await (i % 2 ? onB : onA).login(`nobody-${i}`, 'wrong-pass'), 401, 'invalid_credentials');
  assertError(await onA.login('nobody-a', 'wrong-pass'), 429, 'too_many_attempts');
  assertError(await onB.login('nobody-b', 'wrong-pass'), 429, 'too_many_attempts');
  assertStatus(await onB.login('admin'), 200, 'a real account still logs in from that address');
});

test('a webhook bot\'s flood alternating between the nodes: the per-chat limit holds on the cluster, one notice', PG, async () => {
  const HOOK_TOKEN = '444444:TwoNodeWebhookBotToken';
  const fake = await startFakeBotInbound();
  try {
    const admin = await loginAs(a, 'admin');
    const ids = await demoIds(admin);
    const hook = assertStatus(await admin.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'bale',
      name: 'ربات دو گره', token: HOOK_TOKEN, base_url: fake.base, mode: 'webhook' }), 201).json;
    assert.equal(assertStatus(await admin.post(`/api/v1/messenger/bots/${hook.id}/test`), 200).json.ok, true);
    const secret = (await fake.state(HOOK_TOKEN)).webhook.secret_token;
    const chat = 9901;
    // 30 messages in a minute (the limit is 20 a minute per chat), the odd ones to node B.
    for (let i = 0; i < 30; i++) {
      const node = i % 2 ? b : a;
      const r = await fetch(node.url(`/hooks/messenger/${hook.id}`), { method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify({ update_id: 50000 + i, message: { message_id: 100 + i, date: Math.floor(Date.now() / 1000),
          chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'شهروند' }, text: `پیام ${i}` } }) });
      assert.equal(r.status, 200, `update ${i} on node ${i % 2 ? 'B' : 'A'}`);
    }
    const texts = async () => (await fake.sent(HOOK_TOKEN, chat)).filter((m) => m.method === 'sendMessage').map((m) => m.body.text);
    const deadline = Date.now() + 20000;
    while (!(await texts()).some((t) => /زیاد بود/.test(t))) {
      assert.ok(Date.now() < deadline, `no notice: ${(await texts()).length} answers sent, the limit did not hold across nodes`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500)); // the send jobs of both nodes drain
    const all = await texts();
    assert.equal(all.filter((t) => /زیاد بود/.test(t)).length, 1, 'one notice on the cluster');
    assert.ok(all.length <= 21, `at most 20 answers and one notice on the cluster, got ${all.length}`);
  } finally {
    await fake.stop();
  }
});
