// Fixtures of the authorization matrix (authz.test.mjs): the server, one logged-in client per role,
// and the objects the matrix rows act on. State is exported as live bindings; setUp() fills it.
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, ApiClient, DEMO_PASSWORD, repoRoot, pol } from '../harness.mjs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assertStatus, loginAs, demoIds, uniq, hasPersian } from './common.mjs';
import { assertNoSanitizerReports } from './common.mjs';
import { makePng, upload } from './images.mjs';


export const ROLES = {
  system_admin: 'admin',
  council_admin: 'council',
  committee_member: 'committee',
  analyst: 'analyst',
  agency_pr_manager: 'tamin-manager',
  agency_editor: 'tamin-editor',
  citizen_desk: 'tamin-desk',
  stranger: null,
};
export const WHO = Object.keys(ROLES);

// Expected status per role, in the order of WHO:
//            sys  cadm comm anal mgr  edit desk stranger
export const row = (...s) => Object.fromEntries(WHO.map((w, i) => [w, s[i]]));
export const everyone = (ok) => row(ok, ok, ok, ok, ok, ok, ok, 401);
export const publicAll = (ok) => row(ok, ok, ok, ok, ok, ok, ok, ok);

export let srv, admin, ids, clients = {};
export let target;      // a tamin agency_editor every user route acts on
export let otherCouncil; // a council none of the demo roles (but the system admin) belongs to
export let behzistiPhoto; // a photo in behzisti's library that no public release uses


// A verified citizen request filed with `agency` (the dev SMS provider logs the one-time code).
export let citizenSeq = 0;
export async function citizenRequest(agency = 'tamin') {
  const phone = `0937${1000000 + citizenSeq++}`;
  const post = (p, body) => fetch(srv.url(p), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const r = await post('/open311/v2/requests.json', { service_code: 'question', phone, name: 'ماتریس', description: 'پرسش آزمون ماتریس دسترسی دربارهٔ بیمه', agency });
  assert.equal(r.status, 201, 'citizen request filed');
  const code = (await r.json())[0].service_request_id;
  let otp;
  for (let i = 0; i < 400 && !otp; i++) {
    const m = [...srv.output().matchAll(new RegExp(`to=${phone} text=[^\\n]*?(\\d{6})`, 'g'))];
    if (m.length) otp = m[m.length - 1][1];
    else await new Promise((res) => setTimeout(res, 25));
  }
  assert.ok(otp, 'one-time code in the log');
  assert.equal((await post(`/open311/v2/requests/${code}/verify`, { code: otp })).status, 200, 'verified');
  const list = assertStatus(await admin.get('/api/v1/citizen/requests?per_page=20'), 200).json.items;
  return list.find((x) => x.tracking_code === code);
}
export let sharedCitizen;
export async function sharedCitizenRequest() { return (sharedCitizen ??= await citizenRequest()); }

export async function fresh(who) {
  return ROLES[who] ? loginAs(srv, ROLES[who]) : new ApiClient(srv.base);
}
// A finished job (the housekeeping run that `pol serve` schedules at start).
export let doneJob;
export async function doneJobId() {
  for (let i = 0; !doneJob && i < 200; i++) {
    const r = assertStatus(await admin.get('/api/v1/jobs?state=done'), 200, 'admin lists jobs').json;
    doneJob = r.items[0];
    if (!doneJob) await new Promise((res) => setTimeout(res, 50));
  }
  assert.ok(doneJob, 'a finished job to act on');
  return doneJob.id;
}
export async function current(p) { return assertStatus(await admin.get(p), 200, `admin GET ${p}`).json; }
// A fresh tamin release in the given state, made by the checker (a system admin).
export async function release(state) {
  let r = assertStatus(await admin.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id, title: 'خبر ماتریس دسترسی', body_html: '<p>متن</p>',
  }), 201, 'checker creates a release').json;
  if (state === 'draft') return r;
  r = assertStatus(await admin.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200, 'checker submits').json;
  if (state === 'submitted') return r;
  return assertStatus(await admin.post(`/api/v1/releases/${r.id}/approve`, { version: r.version }), 200, 'checker publishes').json;
}
// A fresh notification of the tamin PR manager: the tamin editor submits a release for approval.
export async function managerNotification() {
  const ed = clients.agency_editor, mgr = clients.agency_pr_manager;
  let r = assertStatus(await ed.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id, title: 'خبر ماتریس اعلان', body_html: '<p>متن</p>',
  }), 201, 'editor creates a release').json;
  r = assertStatus(await ed.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200, 'editor submits').json;
  const items = assertStatus(await mgr.get('/api/v1/notifications?per_page=100'), 200, 'manager lists').json.items
    .filter((n) => n.kind === 'release.submitted' && n.read_at === null);
  assert.ok(items.length > 0, 'the manager is notified of the submitted release');
  return items.reduce((a, b) => (a.id > b.id ? a : b));
}
// A fresh occasion of the demo council.
export async function occasion() {
  return assertStatus(await admin.post('/api/v1/occasions', {
    council_id: ids.councilId, name: 'مناسبت آزمون', month: 9, day: 9,
  }), 201, 'checker creates an occasion').json;
}
// A fresh photo in an agency's media library (tamin unless named), uploaded by the checker.
export async function photo(slug = 'tamin') {
  return assertStatus(await upload(admin, ids.agencies[slug].id, makePng(64, 48)), 201, 'checker uploads a photo').json;
}

// Distribution fixtures: a tamin channel whose API is a closed loopback port (every send fails and is
// retried later), a tamin press list, and fresh deliveries of freshly published tamin releases.
export let distChannel, distList;
export async function channelFixture() {
  if (!distChannel) {
    distChannel = assertStatus(await admin.post('/api/v1/channels', {
      agency_id: ids.agencies.tamin.id, kind: 'telegram', name: 'کانال ماتریس',
      config: { chat_id: '@matrix_chan', base_url: 'http://127.0.0.1:9' }, secret: '123456:MatrixTokenMatrixTokenMatrix',
    }), 201, 'checker creates a channel').json;
  }
  return distChannel;
}
export async function pressListFixture() {
  if (!distList) {
    distList = assertStatus(await admin.post('/api/v1/press-lists', { agency_id: ids.agencies.tamin.id, name: 'فهرست ماتریس' }),
      201, 'checker creates a press list').json;
  }
  return distList;
}
// A delivery between attempts (queued, its next try at least a moment away).
export async function queuedDelivery() {
  await channelFixture();
  const r = await release('published');
  for (let i = 0; i < 400; i++) {
    const d = (await current(`/api/v1/releases/${r.id}/deliveries`)).items.find((x) => x.channel_id === distChannel.id);
    if (d && d.state === 'queued' && d.attempts >= 1 && d.next_at > Date.now() + 300) return d;
    await new Promise((res) => setTimeout(res, 25));
  }
  assert.fail('no queued delivery to act on');
}

export const newUser = (roles) => ({ username: uniq('az'), name: 'کاربر ماتریس', password: 'Matrix-pass-1', roles });

// Media monitoring: a (disabled) source on a closed loopback port, an item mentioning تأمین اجتماعی
// (imported with `pol ingest`), the demo council's founding release (the tkr agency's).
export let monitorSourceP, mediaItemP;
export function monitorSource() {
  monitorSourceP ??= (async () => assertStatus(await admin.post('/api/v1/monitor/sources', {
    council_id: ids.councilId, name: 'منبع ماتریس', url: 'http://127.0.0.1:9/rss', enabled: false,
  }), 201, 'checker creates a source').json)();
  return monitorSourceP;
}
export function mediaItem() {
  mediaItemP ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pol-authz-'));
    const file = path.join(dir, 'item.jsonl');
    writeFileSync(file, JSON.stringify({ title: 'افتتاح شعبهٔ تازهٔ تأمین اجتماعی در تاکستان',
      abstract: 'مدیرکل تأمین اجتماعی استان قزوین از افتتاح شعبهٔ تازه در تاکستان خبر داد.',
      paragraphs: ['این شعبه به بیمه‌شدگان شهرستان خدمت می‌دهد.'], link: 'https://outlet.example/authz/1' }) + '\n');
    pol(['ingest', '--data', srv.dataDir, '--council', 'qazvin-tkr', file]);
    const items = (await current('/api/v1/monitor/items?q=تاکستان')).items;
    assert.equal(items.length, 1, 'the ingested item');
    return items[0];
  })();
  return mediaItemP;
}
export async function foundingRelease() {
  const items = (await current('/api/v1/releases?status=published')).items;
  const r = items.find((x) => x.agency_id === ids.agencies.tkr.id);
  assert.ok(r, 'the founding release');
  return r;
}

// Starts the server and logs in one client per role (the suite's before hook).
export async function setUp() {
  srv = await startServer({ env: { POL_CITIZEN_RATE_LIMITS: 'off' } });
  // The checker is its own system admin, so rows that end the demo admin's sessions leave it alone.
  const root = await loginAs(srv, 'admin');
  assertStatus(await root.post('/api/v1/users', {
    username: 'authz-root', name: 'ناظر ماتریس', password: 'Root-pass-123', roles: [{ role: 'system_admin' }],
  }), 201);
  admin = await loginAs(srv, 'authz-root', 'Root-pass-123');
  ids = await demoIds(admin);
  for (const w of WHO) clients[w] = ROLES[w] ? await loginAs(srv, ROLES[w]) : new ApiClient(srv.base);
  target = assertStatus(await admin.post('/api/v1/users', {
    username: 'authz-target', name: 'کاربر هدف', password: 'Target-pass-1',
    roles: [{ role: 'agency_editor', agency_id: ids.agencies.tamin.id }],
  }), 201).json;
  otherCouncil = assertStatus(await admin.post('/api/v1/councils', {
    slug: 'other-council', name: 'شورای دیگر', province: 'زنجان',
  }), 201).json;
  behzistiPhoto = await photo('behzisti');
}

// A loopback peer that counts the requests it gets (answering as a bot API would). The channel and bot
// "test" rows point at it: a refused test must not reach it, an allowed one must.
export let peerHits = 0;
let peer;
export async function countingPeer() {
  if (!peer) {
    peer = http.createServer((req, res) => {
      peerHits++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, result: { id: 1, is_bot: true, username: 'matrix_bot', message_id: 1 } }));
      });
    });
    await new Promise((res) => peer.listen(0, '127.0.0.1', res));
  }
  return `http://127.0.0.1:${peer.address().port}`;
}
let probeChannelP, probeBotP;
// A disabled tamin channel whose service is the counting peer.
export function probeChannel() {
  probeChannelP ??= (async () => assertStatus(await admin.post('/api/v1/channels', {
    agency_id: ids.agencies.tamin.id, kind: 'telegram', name: 'کانال سنجش ماتریس', enabled: false,
    config: { chat_id: '@matrix_probe', base_url: await countingPeer() }, secret: '123456:MatrixProbeMatrixProbeMatrixPr',
  }), 201, 'checker creates the probe channel').json)();
  return probeChannelP;
}
// A disabled tamin polling bot whose service is the counting peer.
export function probeBot() {
  probeBotP ??= (async () => assertStatus(await admin.post('/api/v1/messenger/bots', {
    agency_id: ids.agencies.tamin.id, kind: 'telegram', name: 'ربات سنجش ماتریس', token: '654322:MatrixProbeBot',
    base_url: await countingPeer(), enabled: false,
  }), 201, 'checker creates the probe bot').json)();
  return probeBotP;
}

export async function tearDown() {
  peer?.close();
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
}
