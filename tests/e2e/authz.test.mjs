// The authorization matrix: every route of the server × every role and a
// stranger, each cell with the expected HTTP status. The route list is read
// from the server's source (r.Add( in src/api/*.cc); a route missing from
// the table fails the suite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, ApiClient, DEMO_PASSWORD, repoRoot, pol } from './harness.mjs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assertStatus, loginAs, demoIds, uniq, hasPersian } from './lib/common.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';
import { makePng, upload } from './lib/images.mjs';

const ROLES = {
  system_admin: 'admin',
  council_admin: 'council',
  committee_member: 'committee',
  analyst: 'analyst',
  agency_pr_manager: 'tamin-manager',
  agency_editor: 'tamin-editor',
  citizen_desk: 'tamin-desk',
  stranger: null,
};
const WHO = Object.keys(ROLES);

// Expected status per role, in the order of WHO:
//            sys  cadm comm anal mgr  edit desk stranger
const row = (...s) => Object.fromEntries(WHO.map((w, i) => [w, s[i]]));
const everyone = (ok) => row(ok, ok, ok, ok, ok, ok, ok, 401);
const publicAll = (ok) => row(ok, ok, ok, ok, ok, ok, ok, ok);

let srv, admin, ids, clients = {};
let target;      // a tamin agency_editor every user route acts on
let otherCouncil; // a council none of the demo roles (but the system admin) belongs to
let behzistiPhoto; // a photo in behzisti's library that no public release uses

before(async () => {
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
});
after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

// A verified citizen request filed with `agency` (the dev SMS provider logs the one-time code).
let citizenSeq = 0;
async function citizenRequest(agency = 'tamin') {
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
let sharedCitizen;
async function sharedCitizenRequest() { return (sharedCitizen ??= await citizenRequest()); }

async function fresh(who) {
  return ROLES[who] ? loginAs(srv, ROLES[who]) : new ApiClient(srv.base);
}
// A finished job (the housekeeping run that `pol serve` schedules at start).
let doneJob;
async function doneJobId() {
  for (let i = 0; !doneJob && i < 200; i++) {
    const r = assertStatus(await admin.get('/api/v1/jobs?state=done'), 200, 'admin lists jobs').json;
    doneJob = r.items[0];
    if (!doneJob) await new Promise((res) => setTimeout(res, 50));
  }
  assert.ok(doneJob, 'a finished job to act on');
  return doneJob.id;
}
async function current(p) { return assertStatus(await admin.get(p), 200, `admin GET ${p}`).json; }
// A fresh tamin release in the given state, made by the checker (a system admin).
async function release(state) {
  let r = assertStatus(await admin.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id, title: 'خبر ماتریس دسترسی', body_html: '<p>متن</p>',
  }), 201, 'checker creates a release').json;
  if (state === 'draft') return r;
  r = assertStatus(await admin.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200, 'checker submits').json;
  if (state === 'submitted') return r;
  return assertStatus(await admin.post(`/api/v1/releases/${r.id}/approve`, { version: r.version }), 200, 'checker publishes').json;
}
// A fresh occasion of the demo council.
async function occasion() {
  return assertStatus(await admin.post('/api/v1/occasions', {
    council_id: ids.councilId, name: 'مناسبت آزمون', month: 9, day: 9,
  }), 201, 'checker creates an occasion').json;
}
// A fresh photo in an agency's media library (tamin unless named), uploaded by the checker.
async function photo(slug = 'tamin') {
  return assertStatus(await upload(admin, ids.agencies[slug].id, makePng(64, 48)), 201, 'checker uploads a photo').json;
}

// Distribution fixtures: a tamin channel whose API is a closed loopback port (every send fails and is
// retried later), a tamin press list, and fresh deliveries of freshly published tamin releases.
let distChannel, distList;
async function channelFixture() {
  if (!distChannel) {
    distChannel = assertStatus(await admin.post('/api/v1/channels', {
      agency_id: ids.agencies.tamin.id, kind: 'telegram', name: 'کانال ماتریس',
      config: { chat_id: '@matrix_chan', base_url: 'http://127.0.0.1:9' }, secret: '123456:MatrixTokenMatrixTokenMatrix',
    }), 201, 'checker creates a channel').json;
  }
  return distChannel;
}
async function pressListFixture() {
  if (!distList) {
    distList = assertStatus(await admin.post('/api/v1/press-lists', { agency_id: ids.agencies.tamin.id, name: 'فهرست ماتریس' }),
      201, 'checker creates a press list').json;
  }
  return distList;
}
// A delivery between attempts (queued, its next try at least a moment away).
async function queuedDelivery() {
  await channelFixture();
  const r = await release('published');
  for (let i = 0; i < 400; i++) {
    const d = (await current(`/api/v1/releases/${r.id}/deliveries`)).items.find((x) => x.channel_id === distChannel.id);
    if (d && d.state === 'queued' && d.attempts >= 1 && d.next_at > Date.now() + 300) return d;
    await new Promise((res) => setTimeout(res, 25));
  }
  assert.fail('no queued delivery to act on');
}

const newUser = (roles) => ({ username: uniq('az'), name: 'کاربر ماتریس', password: 'Matrix-pass-1', roles });

// Media monitoring: a (disabled) source on a closed loopback port, an item mentioning تأمین اجتماعی
// (imported with `pol ingest`), the demo council's founding release (the tkr agency's).
let monitorSourceP, mediaItemP;
function monitorSource() {
  monitorSourceP ??= (async () => assertStatus(await admin.post('/api/v1/monitor/sources', {
    council_id: ids.councilId, name: 'منبع ماتریس', url: 'http://127.0.0.1:9/rss', enabled: false,
  }), 201, 'checker creates a source').json)();
  return monitorSourceP;
}
function mediaItem() {
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
async function foundingRelease() {
  const items = (await current('/api/v1/releases?status=published')).items;
  const r = items.find((x) => x.agency_id === ids.agencies.tkr.id);
  assert.ok(r, 'the founding release');
  return r;
}

// The matrix. `call(client, who)` makes the request; `own` cells get a freshly
// logged-in client (the call ends or rotates the session); `check` verifies
// that a refused write wrote nothing.
const MATRIX = [
  { route: 'POST /api/v1/auth/login', own: true, expect: publicAll(200),
    call: (c, who) => c.post('/api/v1/auth/login', { login: ROLES[who] || 'analyst', password: DEMO_PASSWORD }) },
  { route: 'GET /api/v1/auth/me', expect: everyone(200), call: (c) => c.get('/api/v1/auth/me') },
  { route: 'POST /api/v1/auth/logout', own: true, expect: everyone(204), call: (c) => c.post('/api/v1/auth/logout') },
  { route: 'POST /api/v1/auth/logout-all', own: true, expect: everyone(204), call: (c) => c.post('/api/v1/auth/logout-all') },
  // A real change (to the same password), which ends the user's sessions.
  { route: 'POST /api/v1/auth/password', own: true, expect: everyone(200),
    call: (c) => c.post('/api/v1/auth/password', { current_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD }) },

  { route: 'GET /api/v1/users', expect: row(200, 200, 403, 403, 200, 403, 403, 401), call: (c) => c.get('/api/v1/users') },
  { route: 'POST /api/v1/users', expect: row(201, 201, 403, 403, 201, 403, 403, 401),
    call: async (c, who) => {
      const body = newUser([{ role: 'agency_editor', agency_id: ids.agencies.tamin.id }]);
      const r = await c.post('/api/v1/users', body);
      r.username = body.username;
      return r;
    },
    check: async (r) => {
      const found = (await current(`/api/v1/users?q=${r.username}`)).items;
      assert.equal(found.length, 0, `refused create wrote user ${r.username}`);
    } },
  { route: 'GET /api/v1/users/{id}', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: (c) => c.get(`/api/v1/users/${target.id}`) },
  { route: 'PATCH /api/v1/users/{id}', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c, who) => {
      const u = await current(`/api/v1/users/${target.id}`);
      const r = await c.patch(`/api/v1/users/${target.id}`, { version: u.version, name: `هدف ${who}` });
      r.before = u;
      return r;
    },
    check: async (r) => {
      const u = await current(`/api/v1/users/${target.id}`);
      assert.equal(u.version, r.before.version, 'refused edit changed the version');
      assert.equal(u.name, r.before.name, 'refused edit changed the name');
    } },
  { route: 'POST /api/v1/users/{id}/password', expect: row(204, 204, 404, 404, 204, 404, 404, 401),
    call: (c) => c.post(`/api/v1/users/${target.id}/password`, { new_password: 'Target-pass-2' }) },

  { route: 'GET /api/v1/councils', expect: everyone(200), call: (c) => c.get('/api/v1/councils') },
  { route: 'POST /api/v1/councils', expect: row(201, 403, 403, 403, 403, 403, 403, 401),
    call: async (c) => {
      const slug = uniq('c').toLowerCase();
      const r = await c.post('/api/v1/councils', { slug, name: 'شورای ماتریس' });
      r.slug = slug;
      return r;
    },
    check: async (r) => {
      const all = (await current('/api/v1/councils')).items;
      assert.ok(!all.some((x) => x.slug === r.slug), `refused create wrote council ${r.slug}`);
    } },
  { route: 'GET /api/v1/councils/{id}', expect: everyone(200), call: (c) => c.get(`/api/v1/councils/${ids.councilId}`) },
  { route: 'PATCH /api/v1/councils/{id}', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: async (c, who) => {
      const v = await current(`/api/v1/councils/${ids.councilId}`);
      const r = await c.patch(`/api/v1/councils/${ids.councilId}`, { version: v.version, description: `شرح ${who}` });
      r.before = v;
      return r;
    },
    check: async (r) => {
      const v = await current(`/api/v1/councils/${ids.councilId}`);
      assert.equal(v.version, r.before.version, 'refused edit changed the council');
    } },

  { route: 'GET /api/v1/agencies', expect: everyone(200), call: (c) => c.get('/api/v1/agencies') },
  { route: 'POST /api/v1/agencies', expect: row(201, 201, 403, 403, 403, 403, 403, 401),
    call: async (c) => {
      const slug = uniq('a').toLowerCase();
      const r = await c.post('/api/v1/agencies', { council_id: ids.councilId, slug, name: 'دستگاه ماتریس' });
      r.slug = slug;
      return r;
    },
    check: async (r) => {
      const all = (await current(`/api/v1/agencies?per_page=200&q=${r.slug}`)).items;
      assert.ok(!all.some((x) => x.slug === r.slug), `refused create wrote agency ${r.slug}`);
    } },
  { route: 'GET /api/v1/agencies/{id}', expect: everyone(200), call: (c) => c.get(`/api/v1/agencies/${ids.agencies.tamin.id}`) },
  { route: 'PATCH /api/v1/agencies/{id}', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: async (c, who) => {
      const a = await current(`/api/v1/agencies/${ids.agencies.tamin.id}`);
      const r = await c.patch(`/api/v1/agencies/${a.id}`, { version: a.version, pr_phone: '۰۲۸-۱۲۳' });
      r.before = a;
      return r;
    },
    check: async (r) => {
      const a = await current(`/api/v1/agencies/${r.before.id}`);
      assert.equal(a.version, r.before.version, 'refused edit changed the agency');
    } },

  { route: 'GET /api/v1/audit', expect: row(200, 200, 403, 403, 403, 403, 403, 401), call: (c) => c.get('/api/v1/audit') },

  // The job queue is for system admins only. The housekeeping job that `pol serve`
  // schedules at start is done by now: retrying or cancelling it is a 409 for the admin.
  { route: 'GET /api/v1/jobs', expect: row(200, 403, 403, 403, 403, 403, 403, 401), call: (c) => c.get('/api/v1/jobs') },
  { route: 'GET /api/v1/jobs/{id}', expect: row(200, 403, 403, 403, 403, 403, 403, 401),
    call: async (c) => c.get(`/api/v1/jobs/${await doneJobId()}`) },
  { route: 'POST /api/v1/jobs/{id}/retry', expect: row(409, 403, 403, 403, 403, 403, 403, 401),
    call: async (c) => c.post(`/api/v1/jobs/${await doneJobId()}/retry`) },
  { route: 'POST /api/v1/jobs/{id}/cancel', expect: row(409, 403, 403, 403, 403, 403, 403, 401),
    call: async (c) => c.post(`/api/v1/jobs/${await doneJobId()}/cancel`) },

  // The newsroom (release_routes.cc, calendar_routes.cc). Each write acts on a fresh tamin release made by
  // the checker (a system admin), so every cell starts from the same state.
  { route: 'GET /api/v1/releases', expect: everyone(200), call: (c) => c.get('/api/v1/releases') },
  { route: 'POST /api/v1/releases', expect: row(201, 403, 403, 403, 201, 201, 403, 401),
    call: (c) => c.post('/api/v1/releases', { agency_id: ids.agencies.tamin.id, title: 'خبر ماتریس' }) },
  { route: 'GET /api/v1/releases/{id}', expect: everyone(200), call: async (c) => c.get(`/api/v1/releases/${(await release('draft')).id}`) },
  { route: 'PATCH /api/v1/releases/{id}', expect: row(200, 403, 403, 403, 200, 200, 403, 401),
    call: async (c) => {
      const r = await release('draft');
      return c.patch(`/api/v1/releases/${r.id}`, { version: r.version, lead: 'لید ماتریس' });
    } },
  { route: 'POST /api/v1/releases/{id}/submit', expect: row(200, 403, 403, 403, 200, 200, 403, 401),
    call: async (c) => {
      const r = await release('draft');
      return c.post(`/api/v1/releases/${r.id}/submit`, { version: r.version });
    } },
  { route: 'POST /api/v1/releases/{id}/approve', expect: row(200, 403, 403, 403, 200, 403, 403, 401),
    call: async (c) => {
      const r = await release('submitted');
      return c.post(`/api/v1/releases/${r.id}/approve`, { version: r.version });
    } },
  { route: 'POST /api/v1/releases/{id}/return', expect: row(200, 403, 403, 403, 200, 403, 403, 401),
    call: async (c) => {
      const r = await release('submitted');
      return c.post(`/api/v1/releases/${r.id}/return`, { version: r.version, comment: 'اصلاح شود' });
    } },
  { route: 'POST /api/v1/releases/{id}/withdraw', expect: row(200, 403, 403, 403, 200, 403, 403, 401),
    call: async (c) => {
      const r = await release('published');
      return c.post(`/api/v1/releases/${r.id}/withdraw`, { version: r.version, reason: 'آزمون' });
    } },
  { route: 'POST /api/v1/releases/{id}/correct', expect: row(200, 403, 403, 403, 200, 403, 403, 401),
    call: async (c) => {
      const r = await release('published');
      return c.post(`/api/v1/releases/${r.id}/correct`, { version: r.version, note: 'رقم اصلاح شد' });
    } },
  { route: 'GET /api/v1/releases/{id}/revisions', expect: everyone(200),
    call: async (c) => c.get(`/api/v1/releases/${(await release('draft')).id}/revisions`) },
  { route: 'GET /api/v1/releases/{id}/revisions/{rev}', expect: everyone(200),
    call: async (c) => c.get(`/api/v1/releases/${(await release('draft')).id}/revisions/1`) },
  { route: 'GET /api/v1/releases/{id}/diff', expect: everyone(200),
    call: async (c) => c.get(`/api/v1/releases/${(await release('submitted')).id}/diff?from=1&to=2`) },
  { route: 'GET /api/v1/approvals', expect: everyone(200), call: (c) => c.get('/api/v1/approvals') },
  { route: 'GET /api/v1/notifications', expect: everyone(200), call: (c) => c.get('/api/v1/notifications') },
  // Nobody may read another person's notification: an id that is not theirs is 404.
  { route: 'POST /api/v1/notifications/{id}/read', expect: row(404, 404, 404, 404, 404, 404, 404, 401),
    call: (c) => c.post('/api/v1/notifications/999999/read') },
  { route: 'GET /api/v1/calendar', expect: everyone(200),
    call: (c) => c.get(`/api/v1/calendar?council_id=${ids.councilId}&from=${Date.now()}&to=${Date.now() + 7 * 86400000}`) },
  { route: 'GET /api/v1/occasions', expect: everyone(200), call: (c) => c.get(`/api/v1/occasions?council_id=${ids.councilId}`) },
  { route: 'POST /api/v1/occasions', expect: row(201, 201, 403, 403, 403, 403, 403, 401),
    call: (c) => c.post('/api/v1/occasions', { council_id: ids.councilId, name: 'مناسبت ماتریس', month: 8, day: 8 }) },
  { route: 'PATCH /api/v1/occasions/{id}', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: async (c) => {
      const o = await occasion();
      return c.patch(`/api/v1/occasions/${o.id}`, { version: o.version, description: 'ویرایش ماتریس' });
    } },
  { route: 'DELETE /api/v1/occasions/{id}', expect: row(204, 204, 403, 403, 403, 403, 403, 401),
    call: async (c) => {
      const o = await occasion();
      return c.delete(`/api/v1/occasions/${o.id}`, { 'if-match': `"${o.version}"` });
    } },

  // The media library: the agency's editors and PR manager upload (council roles and the desk only look);
  // the files of a photo no public release uses are for the agency's staff and council only.
  { route: 'POST /api/v1/media', expect: row(201, 403, 403, 403, 201, 201, 403, 401),
    call: (c) => upload(c, ids.agencies.tamin.id, makePng(64, 48)) },
  { route: 'GET /api/v1/media', expect: everyone(200), call: (c) => c.get(`/api/v1/media?agency_id=${ids.agencies.tamin.id}`) },
  { route: 'GET /api/v1/media/{id}', expect: everyone(200), call: async (c) => c.get(`/api/v1/media/${(await photo()).id}`) },
  { route: 'GET /media/{id}/{variant}', expect: row(200, 200, 200, 200, 200, 200, 200, 404),
    call: async (c) => c.get(`/media/${(await photo()).id}/thumb`) },

  // Media monitoring (monitor_routes.cc).
  { route: 'GET /api/v1/monitor/sources', expect: everyone(200), call: (c) => c.get(`/api/v1/monitor/sources?council_id=${ids.councilId}`) },
  { route: 'POST /api/v1/monitor/sources', expect: row(201, 201, 403, 201, 403, 403, 403, 401),
    call: (c) => c.post('/api/v1/monitor/sources', { council_id: ids.councilId, name: 'منبع تازه', url: `http://127.0.0.1:9/${uniq('s')}`, enabled: false }) },
  { route: 'GET /api/v1/monitor/sources/{id}', expect: everyone(200),
    call: async (c) => c.get(`/api/v1/monitor/sources/${(await monitorSource()).id}`) },
  { route: 'PATCH /api/v1/monitor/sources/{id}', expect: row(200, 200, 403, 200, 403, 403, 403, 401),
    call: async (c, who) => {
      const src = await current(`/api/v1/monitor/sources/${(await monitorSource()).id}`);
      return c.patch(`/api/v1/monitor/sources/${src.id}`, { version: src.version, name: `منبع ${who}` });
    } },
  { route: 'POST /api/v1/monitor/sources/{id}/fetch', expect: row(202, 202, 403, 202, 403, 403, 403, 401),
    call: async (c) => c.post(`/api/v1/monitor/sources/${(await monitorSource()).id}/fetch`, {}) },
  { route: 'GET /api/v1/monitor/items', expect: everyone(200), call: (c) => c.get('/api/v1/monitor/items') },
  // The item names تأمین اجتماعی, so the tamin roles see it too.
  { route: 'GET /api/v1/monitor/items/{id}', expect: everyone(200),
    call: async (c) => c.get(`/api/v1/monitor/items/${(await mediaItem()).id}`) },
  { route: 'PUT /api/v1/monitor/items/{id}/tone', expect: row(200, 200, 403, 200, 200, 403, 403, 401),
    call: async (c) => c.put(`/api/v1/monitor/items/${(await mediaItem()).id}/tone`, { tone: 'positive' }) },
  { route: 'GET /api/v1/monitor/releases/{id}/coverage', expect: row(200, 200, 200, 200, 404, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/monitor/releases/${(await foundingRelease()).id}/coverage`) },
  { route: 'GET /api/v1/monitor/stats', expect: everyone(200),
    call: (c) => c.get(`/api/v1/monitor/stats?council_id=${ids.councilId}&agency_id=${ids.agencies.tamin.id}`) },
  { route: 'GET /api/v1/monitor/tone-model', expect: everyone(200), call: (c) => c.get('/api/v1/monitor/tone-model') },
  { route: 'GET /api/v1/monitor/agencies/{id}/watch-terms', expect: everyone(200),
    call: (c) => c.get(`/api/v1/monitor/agencies/${ids.agencies.tamin.id}/watch-terms`) },
  { route: 'POST /api/v1/monitor/agencies/{id}/watch-terms', expect: row(201, 201, 403, 201, 201, 403, 403, 401),
    call: (c) => c.post(`/api/v1/monitor/agencies/${ids.agencies.tamin.id}/watch-terms`, { kind: 'programme', term: `طرح ${uniq('w')}` }) },
  { route: 'DELETE /api/v1/monitor/watch-terms/{id}', expect: row(204, 204, 403, 204, 204, 403, 403, 401),
    call: async (c) => {
      const w = assertStatus(await admin.post(`/api/v1/monitor/agencies/${ids.agencies.tamin.id}/watch-terms`,
        { kind: 'name', term: `نام ${uniq('w')}` }), 201, 'checker adds a term').json;
      return c.delete(`/api/v1/monitor/watch-terms/${w.id}`);
    } },
  { route: 'GET /api/v1/monitor/alert-rules', expect: row(200, 200, 200, 200, 404, 404, 404, 401),
    call: (c) => c.get(`/api/v1/monitor/alert-rules?council_id=${ids.councilId}`) },
  { route: 'POST /api/v1/monitor/alert-rules', expect: row(201, 201, 403, 201, 403, 403, 403, 401),
    call: (c) => c.post('/api/v1/monitor/alert-rules', { council_id: ids.councilId, kind: 'mention_burst', threshold: 50, window_minutes: 60 }) },
  { route: 'DELETE /api/v1/monitor/alert-rules/{id}', expect: row(204, 204, 403, 204, 404, 404, 404, 401),
    call: async (c) => {
      const a = assertStatus(await admin.post('/api/v1/monitor/alert-rules', { council_id: ids.councilId, kind: 'negative_national' }),
        201, 'checker adds a rule').json;
      return c.delete(`/api/v1/monitor/alert-rules/${a.id}`);
    } },
  { route: 'GET /api/v1/monitor/saved-searches', expect: everyone(200), call: (c) => c.get('/api/v1/monitor/saved-searches') },
  { route: 'POST /api/v1/monitor/saved-searches', expect: everyone(201),
    call: (c) => c.post('/api/v1/monitor/saved-searches', { name: 'جست‌وجوی ماتریس', query: { q: 'بیمه', tone: 'negative' } }) },
  { route: 'DELETE /api/v1/monitor/saved-searches/{id}', expect: everyone(204),
    call: async (c) => {
      const r = await c.post('/api/v1/monitor/saved-searches', { name: 'موقت', query: {} });
      return c.delete(`/api/v1/monitor/saved-searches/${r.json?.id ?? 1}`);
    } },

  { route: 'GET /healthz', expect: publicAll(200), call: (c) => c.get('/healthz') },
  { route: 'GET /readyz', expect: publicAll(200), call: (c) => c.get('/readyz') },
  { route: 'GET /metrics', expect: publicAll(200), call: (c) => c.get('/metrics') },
  // The public news site (site_routes.cc): the same answer for everyone. An unknown release or tag is a
  // Persian 404 page (not the JSON error shape); the feed of an unused tag is an empty feed (200).
  { route: 'GET /', expect: publicAll(200), call: (c) => c.get('/') },
  { route: 'GET /agencies/{slug}', expect: publicAll(200), call: (c) => c.get('/agencies/tamin') },
  { route: 'GET /agencies/{slug}/feed.rss', expect: publicAll(200), call: (c) => c.get('/agencies/tamin/feed.rss') },
  { route: 'GET /agencies/{slug}/feed.atom', expect: publicAll(200), call: (c) => c.get('/agencies/tamin/feed.atom') },
  { route: 'GET /news/{id}', html: true, expect: publicAll(404), call: (c) => c.get('/news/999999') },
  { route: 'GET /news/{id}/{slug}', html: true, expect: publicAll(404), call: (c) => c.get('/news/999999/x') },
  { route: 'GET /tags/{tag}', html: true, expect: publicAll(404), call: (c) => c.get('/tags/%D8%A8%DB%8C%D9%85%D9%87') },
  { route: 'GET /tags/{tag}/feed.rss', expect: publicAll(200), call: (c) => c.get('/tags/x/feed.rss') },
  { route: 'GET /tags/{tag}/feed.atom', expect: publicAll(200), call: (c) => c.get('/tags/x/feed.atom') },
  { route: 'GET /search', expect: publicAll(200), call: (c) => c.get('/search?q=%D8%A8%DB%8C%D9%85%D9%87') },
  { route: 'GET /feed.rss', expect: publicAll(200), call: (c) => c.get('/feed.rss') },
  { route: 'GET /feed.atom', expect: publicAll(200), call: (c) => c.get('/feed.atom') },
  { route: 'GET /sitemap.xml', expect: publicAll(200), call: (c) => c.get('/sitemap.xml') },
  { route: 'GET /robots.txt', expect: publicAll(200), call: (c) => c.get('/robots.txt') },
  { route: 'GET /static/{file}', html: true, expect: publicAll(404), call: (c) => c.get('/static/nope.woff2') },
  { route: 'GET /console', expect: publicAll(301), call: (c) => c.get('/console') },
  { route: 'GET /console/*', expect: publicAll(200), call: (c) => c.get('/console/agencies') },

  // Citizens (citizen_routes.cc): the handling agency's desk and PR manager, the council desk (council_admin)
  // and system admins; others 404 for a request, 403 for lists and admin.
  { route: 'GET /api/v1/citizen/requests', expect: row(200, 200, 403, 403, 200, 403, 200, 401), call: (c) => c.get('/api/v1/citizen/requests') },
  { route: 'GET /api/v1/citizen/requests/{id}', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
    call: async (c) => c.get(`/api/v1/citizen/requests/${(await sharedCitizenRequest()).id}`) },
  { route: 'POST /api/v1/citizen/requests/{id}/notes', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
    call: async (c) => c.post(`/api/v1/citizen/requests/${(await sharedCitizenRequest()).id}/notes`, { body: 'یادداشت ماتریس' }) },
  { route: 'POST /api/v1/citizen/requests/{id}/reply', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
    call: async (c) => c.post(`/api/v1/citizen/requests/${(await sharedCitizenRequest()).id}/reply`, { body: 'پاسخ ماتریس' }) },
  { route: 'POST /api/v1/citizen/requests/{id}/assign', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
    call: async (c) => c.post(`/api/v1/citizen/requests/${(await sharedCitizenRequest()).id}/assign`, { user_id: null }) },
  { route: 'POST /api/v1/citizen/requests/{id}/transfer', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
    call: async (c) => c.post(`/api/v1/citizen/requests/${(await citizenRequest()).id}/transfer`, { agency_id: ids.agencies.refah.id, reason: 'آزمون' }) },
  { route: 'POST /api/v1/citizen/requests/{id}/close', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
    call: async (c) => c.post(`/api/v1/citizen/requests/${(await citizenRequest()).id}/close`, { outcome: 'answered' }) },
  { route: 'POST /api/v1/citizen/requests/{id}/merge', expect: row(200, 200, 404, 404, 200, 404, 200, 401),
    call: async (c) => {
      const [a, b] = [await citizenRequest(), await citizenRequest()];
      return c.post(`/api/v1/citizen/requests/${a.id}/merge`, { ids: [b.id] });
    } },
  { route: 'GET /api/v1/citizen/requests/{id}/attachments/{aid}', expect: row(404, 404, 404, 404, 404, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/citizen/requests/${(await sharedCitizenRequest()).id}/attachments/999999`) },
  { route: 'GET /api/v1/citizen/templates', expect: row(200, 200, 403, 403, 200, 403, 200, 401), call: (c) => c.get('/api/v1/citizen/templates') },
  { route: 'POST /api/v1/citizen/templates', expect: row(201, 201, 403, 403, 403, 403, 403, 401),
    call: (c) => c.post('/api/v1/citizen/templates', { title: 'قالب ماتریس', body: 'متن قالب' }) },
  { route: 'GET /api/v1/citizen/routing', expect: row(200, 200, 403, 403, 403, 403, 403, 401), call: (c) => c.get('/api/v1/citizen/routing') },
  { route: 'POST /api/v1/citizen/routing/retrain', expect: row(200, 200, 403, 403, 403, 403, 403, 401), call: (c) => c.post('/api/v1/citizen/routing/retrain') },
  { route: 'POST /api/v1/citizen/routing/rules', expect: row(201, 201, 403, 403, 403, 403, 403, 401),
    call: (c) => c.post('/api/v1/citizen/routing/rules', { agency_id: ids.agencies.tamin.id, keywords: 'واژهٔ ماتریس' }) },
  { route: 'DELETE /api/v1/citizen/routing/rules/{id}', expect: row(204, 204, 403, 403, 403, 403, 403, 401),
    call: async (c) => {
      const rule = assertStatus(await admin.post('/api/v1/citizen/routing/rules', { agency_id: ids.agencies.tamin.id, keywords: 'حذفی' }), 201).json;
      return c.delete(`/api/v1/citizen/routing/rules/${rule.id}`);
    } },
  { route: 'GET /api/v1/citizen/csat', expect: row(200, 200, 200, 200, 200, 200, 200, 401), call: (c) => c.get('/api/v1/citizen/csat') },
  { route: 'GET /api/v1/citizen/sla', expect: row(200, 200, 403, 403, 403, 403, 403, 401), call: (c) => c.get('/api/v1/citizen/sla') },
  { route: 'PUT /api/v1/citizen/sla', expect: row(200, 200, 403, 403, 403, 403, 403, 401),
    call: (c) => c.put('/api/v1/citizen/sla', { type: 'question', first_response_minutes: 420, resolve_minutes: 2100 }) },
  { route: 'GET /api/v1/citizen/export', expect: row(200, 200, 403, 403, 403, 403, 403, 401), call: (c) => c.get('/api/v1/citizen/export?mobile=09370000001') },
  { route: 'POST /api/v1/citizen/erase', expect: row(200, 200, 403, 403, 403, 403, 403, 401), call: (c) => c.post('/api/v1/citizen/erase', { mobile: '09370000002' }) },
  // The citizens' pages and Open311: public; errors are Persian pages (html) or the error shape (Open311).
  { route: 'GET /citizen', expect: publicAll(200), call: (c) => c.get('/citizen') },
  { route: 'POST /citizen/requests', html: true, expect: publicAll(400), call: (c) => c.post('/citizen/requests', 'type=question', { 'content-type': 'application/x-www-form-urlencoded' }) },
  { route: 'GET /citizen/verify', html: true, expect: publicAll(404), call: (c) => c.get('/citizen/verify?code=123') },
  { route: 'POST /citizen/verify', html: true, expect: publicAll(400), call: (c) => c.post('/citizen/verify', 'tracking_code=123&code=1', { 'content-type': 'application/x-www-form-urlencoded' }) },
  { route: 'GET /citizen/track', expect: publicAll(200), call: (c) => c.get('/citizen/track') },
  { route: 'POST /citizen/track', html: true, expect: publicAll(404), call: (c) => c.post('/citizen/track', 'tracking_code=1234567890&mobile=09120000000', { 'content-type': 'application/x-www-form-urlencoded' }) },
  { route: 'GET /citizen/requests/{code}', expect: publicAll(200), call: (c) => c.get('/citizen/requests/1234567890') },
  { route: 'POST /citizen/requests/{code}/rate', html: true, expect: publicAll(403), call: (c) => c.post('/citizen/requests/1234567890/rate', 'score=5', { 'content-type': 'application/x-www-form-urlencoded' }) },
  { route: 'POST /citizen/requests/{code}/reopen', html: true, expect: publicAll(403), call: (c) => c.post('/citizen/requests/1234567890/reopen', 'reason=x', { 'content-type': 'application/x-www-form-urlencoded' }) },
  { route: 'GET /open311/v2/services.json', expect: publicAll(200), call: (c) => c.get('/open311/v2/services.json') },
  { route: 'GET /open311/v2/requests.json', expect: publicAll(400), call: (c) => c.get('/open311/v2/requests.json') },
  { route: 'POST /open311/v2/requests.json', expect: publicAll(400), call: (c) => c.post('/open311/v2/requests.json', {}) },
  { route: 'GET /open311/v2/requests/{id}', expect: publicAll(404), call: (c) => c.get('/open311/v2/requests/1234567890.json') },
  { route: 'POST /open311/v2/requests/{id}/verify', expect: publicAll(400), call: (c) => c.post('/open311/v2/requests/123/verify', { code: '1' }) },

  // Distribution: channel and press-list management is for system admins, the council admin and the
  // agency's PR manager; the deliveries of a release are for whoever reads the release.
  { route: 'GET /api/v1/channels', expect: everyone(200), call: (c) => c.get('/api/v1/channels') },
  { route: 'POST /api/v1/channels', expect: row(201, 201, 403, 403, 201, 403, 403, 401),
    call: async (c) => {
      const name = uniq('ch');
      const r = await c.post('/api/v1/channels', { agency_id: ids.agencies.tamin.id, kind: 'webhook', name, enabled: false,
        config: { url: 'http://127.0.0.1:9/hook' }, secret: 'matrix-hook-key' });
      r.name = name;
      return r;
    },
    check: async (r) => {
      const all = (await current('/api/v1/channels')).items;
      assert.ok(!all.some((x) => x.name === r.name), `refused create wrote channel ${r.name}`);
    } },
  { route: 'GET /api/v1/channels/{id}', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/channels/${(await channelFixture()).id}`) },
  { route: 'PATCH /api/v1/channels/{id}', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c, who) => {
      const ch = await current(`/api/v1/channels/${(await channelFixture()).id}`);
      const r = await c.patch(`/api/v1/channels/${ch.id}`, { version: ch.version, name: `کانال ${who}` });
      r.before = ch;
      return r;
    },
    check: async (r) => {
      const ch = await current(`/api/v1/channels/${r.before.id}`);
      assert.equal(ch.version, r.before.version, 'refused edit changed the channel');
    } },
  { route: 'POST /api/v1/channels/{id}/test', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c) => c.post(`/api/v1/channels/${(await channelFixture()).id}/test`) },
  { route: 'GET /api/v1/press-lists', expect: everyone(200), call: (c) => c.get('/api/v1/press-lists') },
  { route: 'POST /api/v1/press-lists', expect: row(201, 201, 403, 403, 201, 403, 403, 401),
    call: (c) => c.post('/api/v1/press-lists', { agency_id: ids.agencies.tamin.id, name: 'فهرست نقش‌ها' }) },
  { route: 'GET /api/v1/press-lists/{id}/contacts', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/press-lists/${(await pressListFixture()).id}/contacts`) },
  { route: 'POST /api/v1/press-lists/{id}/contacts', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c, who) => c.post(`/api/v1/press-lists/${(await pressListFixture()).id}/contacts`,
      { contacts: [{ email: `${who}@matrix.example.ir` }] }),
    check: async (r) => {
      const all = (await current(`/api/v1/press-lists/${distList.id}/contacts?per_page=200`)).items;
      assert.ok(all.every((x) => ['system_admin', 'council_admin', 'agency_pr_manager'].includes(x.email.split('@')[0])),
        'a refused import wrote contacts');
    } },
  { route: 'GET /api/v1/releases/{id}/deliveries', expect: everyone(200),
    call: async (c) => c.get(`/api/v1/releases/${(await release('published')).id}/deliveries`) },
  // Retrying a delivery that is not failed is a conflict for those allowed to retry at all.
  { route: 'POST /api/v1/deliveries/{id}/retry', expect: row(409, 409, 403, 403, 409, 403, 403, 401),
    call: async (c) => c.post(`/api/v1/deliveries/${(await queuedDelivery()).id}/retry`) },
  { route: 'POST /api/v1/deliveries/{id}/cancel', expect: row(200, 200, 403, 403, 200, 403, 403, 401),
    call: async (c) => {
      const d = await queuedDelivery();
      const r = await c.post(`/api/v1/deliveries/${d.id}/cancel`);
      r.delivery = d;
      return r;
    },
    check: async (r) => {
      const d = (await current(`/api/v1/releases/${r.delivery.release_id}/deliveries`)).items.find((x) => x.id === r.delivery.id);
      assert.notEqual(d.state, 'cancelled', 'a refused cancel cancelled the delivery');
    } },
  { route: 'GET /unsubscribe/{token}', html: true, expect: publicAll(404), call: (c) => c.get(`/unsubscribe/${'0'.repeat(32)}`) },
  { route: 'POST /unsubscribe/{token}', html: true, expect: publicAll(404), call: (c) => c.post(`/unsubscribe/${'0'.repeat(32)}`) },
];

// Cross-scope cases: same routes, targets outside the caller's council or agency.
const CROSS = [
  { what: 'tamin PR manager edits a behzisti user', as: 'agency_pr_manager', expect: 404,
    call: async (c) => {
      const u = await current(`/api/v1/users/${ids.users['behzisti-editor'].id}`);
      return c.patch(`/api/v1/users/${u.id}`, { version: u.version, name: 'ربوده‌شده' });
    } },
  { what: 'tamin PR manager resets a behzisti user\'s password', as: 'agency_pr_manager', expect: 404,
    call: (c) => c.post(`/api/v1/users/${ids.users['behzisti-manager'].id}/password`, { new_password: 'Hijack-pass-1' }) },
  { what: 'tamin PR manager lists behzisti users', as: 'agency_pr_manager', expect: 403,
    call: (c) => c.get(`/api/v1/users?agency_id=${ids.agencies.behzisti.id}`) },
  { what: 'tamin PR manager creates a behzisti editor', as: 'agency_pr_manager', expect: 403,
    call: (c) => c.post('/api/v1/users', newUser([{ role: 'agency_editor', agency_id: ids.agencies.behzisti.id }])) },
  { what: 'tamin PR manager grants council_admin', as: 'agency_pr_manager', expect: 403,
    call: (c) => c.post('/api/v1/users', newUser([{ role: 'council_admin', council_id: ids.councilId }])) },
  { what: 'tamin PR manager promotes a tamin user to council_admin', as: 'agency_pr_manager', expect: 403,
    call: async (c) => {
      const u = await current(`/api/v1/users/${target.id}`);
      return c.patch(`/api/v1/users/${u.id}`, { version: u.version, roles: [{ role: 'council_admin', council_id: ids.councilId }] });
    } },
  { what: 'tamin PR manager adds a behzisti role to a tamin user', as: 'agency_pr_manager', expect: 403,
    call: async (c) => {
      const u = await current(`/api/v1/users/${target.id}`);
      return c.patch(`/api/v1/users/${u.id}`, { version: u.version, roles: [
        { role: 'agency_editor', agency_id: ids.agencies.tamin.id }, { role: 'agency_editor', agency_id: ids.agencies.behzisti.id }] });
    } },
  { what: 'tamin PR manager reads the council admin', as: 'agency_pr_manager', expect: 404,
    call: (c) => c.get(`/api/v1/users/${ids.users.council.id}`) },
  { what: 'tamin PR manager edits their own agency', as: 'agency_pr_manager', expect: 403,
    call: async (c) => {
      const a = await current(`/api/v1/agencies/${ids.agencies.tamin.id}`);
      return c.patch(`/api/v1/agencies/${a.id}`, { version: a.version, name: 'نام ربوده' });
    } },
  { what: 'tamin editor creates a tamin user', as: 'agency_editor', expect: 403,
    call: (c) => c.post('/api/v1/users', newUser([{ role: 'agency_editor', agency_id: ids.agencies.tamin.id }])) },
  { what: 'tamin editor edits themself into a manager', as: 'agency_editor', expect: 403,
    call: async (c) => {
      const me = (await c.get('/api/v1/auth/me')).json.user;
      return c.patch(`/api/v1/users/${me.id}`, { version: me.version, roles: [{ role: 'agency_pr_manager', agency_id: ids.agencies.tamin.id }] });
    } },
  { what: 'tamin editor resets their own password through the admin route', as: 'agency_editor', expect: 403,
    call: async (c) => {
      const me = (await c.get('/api/v1/auth/me')).json.user;
      return c.post(`/api/v1/users/${me.id}/password`, { new_password: 'Sneaky-pass-1' });
    } },
  { what: 'council admin grants system_admin', as: 'council_admin', expect: 403,
    call: (c) => c.post('/api/v1/users', newUser([{ role: 'system_admin' }])) },
  { what: 'council admin edits the system admin', as: 'council_admin', expect: 404,
    call: async (c) => {
      const u = await current(`/api/v1/users/${ids.users.admin.id}`);
      return c.patch(`/api/v1/users/${u.id}`, { version: u.version, disabled: true });
    } },
  { what: 'council admin reads another council', as: 'council_admin', expect: 404,
    call: () => clients.council_admin.get(`/api/v1/councils/${otherCouncil.id}`) },
  { what: 'council admin edits another council', as: 'council_admin', expect: 404,
    call: (c) => c.patch(`/api/v1/councils/${otherCouncil.id}`, { version: otherCouncil.version, name: 'ربوده' }) },
  { what: 'council admin creates an agency in another council', as: 'council_admin', expect: 400,
    call: (c) => c.post('/api/v1/agencies', { council_id: otherCouncil.id, slug: uniq('x').toLowerCase(), name: 'نفوذی' }) },
  { what: 'council admin grants a role in another council', as: 'council_admin', expect: 403,
    call: (c) => c.post('/api/v1/users', newUser([{ role: 'analyst', council_id: otherCouncil.id }])) },
  { what: 'council admin lists users of another council', as: 'council_admin', expect: 403,
    call: (c) => c.get(`/api/v1/users?council_id=${otherCouncil.id}`) },
  { what: 'council admin lists agencies of another council', as: 'council_admin', expect: 403,
    call: (c) => c.get(`/api/v1/agencies?council_id=${otherCouncil.id}`) },
  { what: 'tamin editor uploads a photo into behzisti\'s library', as: 'agency_editor', expect: 404,
    call: (c) => upload(c, ids.agencies.behzisti.id, makePng(64, 48)) },
  { what: 'tamin editor lists behzisti\'s media library', as: 'agency_editor', expect: 404,
    call: (c) => c.get(`/api/v1/media?agency_id=${ids.agencies.behzisti.id}`) },
  { what: 'tamin PR manager opens a behzisti photo (not yet public)', as: 'agency_pr_manager', expect: 404,
    call: (c) => c.get(`/media/${behzistiPhoto.id}/large`) },
  { what: 'tamin desk uploads a photo', as: 'citizen_desk', expect: 403,
    call: (c) => upload(c, ids.agencies.tamin.id, makePng(64, 48)) },
  { what: 'analyst edits an agency', as: 'analyst', expect: 403,
    call: async (c) => {
      const a = await current(`/api/v1/agencies/${ids.agencies.behzisti.id}`);
      return c.patch(`/api/v1/agencies/${a.id}`, { version: a.version, name: 'تحلیلگر' });
    } },
];

function serverRoutes() {
  const dir = path.join(repoRoot, 'src/api');
  const routes = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.cc'))) {
    const src = readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/\br\.Add\(\s*V::(\w+)\s*,\s*"([^"]+)"/g)) routes.push(`${m[1].toUpperCase().replace(/_$/, '')} ${m[2]}`);
  }
  return routes;
}

test('every route of the server is in the matrix, and every matrix route exists', () => {
  const server = serverRoutes();
  assert.ok(server.length >= 20, `found ${server.length} routes by grepping r.Add( in src/api`);
  const table = MATRIX.map((m) => m.route);
  const missing = server.filter((r) => !table.includes(r));
  assert.deepEqual(missing, [], `routes missing from the authorization matrix in tests/e2e/authz.test.mjs:\n  ${missing.join('\n  ')}`);
  const stale = table.filter((r) => !server.includes(r));
  assert.deepEqual(stale, [], `matrix routes the server no longer has:\n  ${stale.join('\n  ')}`);
  assert.equal(new Set(table).size, table.length, 'no duplicate rows');
});

for (const m of MATRIX) {
  test(`matrix: ${m.route}`, async () => {
    const failures = [];
    for (const who of WHO) {
      const c = m.own ? await fresh(who) : clients[who];
      const r = await m.call(c, who);
      const want = m.expect[who];
      if (r.status !== want) {
        failures.push(`${m.route} as ${who}: expected ${want}, got ${r.status} ${r.text.slice(0, 200)}`);
        continue;
      }
      if (r.status >= 400 && m.html) {
        // Public site pages answer errors as Persian pages, not the JSON error shape.
        if (!hasPersian(r.text)) failures.push(`${m.route} as ${who}: ${r.status} without a Persian page`);
      } else if (r.status >= 400) {
        if (!r.json?.error?.code || !hasPersian(r.json.error.message)) {
          failures.push(`${m.route} as ${who}: ${r.status} without the error shape or a Persian message: ${r.text.slice(0, 200)}`);
        }
        if (m.check) {
          try { await m.check(r); } catch (e) { failures.push(`${m.route} as ${who}: ${e.message}`); }
        }
      }
    }
    // Make sure the shared clients are still logged in for the next rows.
    if (m.own) for (const w of WHO) if (ROLES[w]) clients[w] = await loginAs(srv, ROLES[w]);
    assert.deepEqual(failures, [], `authorization matrix mismatches:\n  ${failures.join('\n  ')}`);
  });
}

test('a stranger gets 401 on every session route, even with a made-up cookie and CSRF token', async () => {
  const c = new ApiClient(srv.base);
  c.cookie = 'pol_session=' + 'A'.repeat(43);
  c.csrf = 'B'.repeat(32);
  const failures = [];
  for (const m of MATRIX) {
    if (m.expect.stranger !== 401) continue;
    const r = await m.call(c, 'stranger');
    if (r.status !== 401) failures.push(`${m.route}: ${r.status} ${r.text.slice(0, 120)}`);
    else if (r.json?.error?.code !== 'unauthenticated') failures.push(`${m.route}: code ${r.json?.error?.code}`);
  }
  assert.deepEqual(failures, [], `expected 401 unauthenticated:\n  ${failures.join('\n  ')}`);
});

test('cross-scope cases are refused and write nothing', async () => {
  const before = (await current('/api/v1/audit?per_page=1')).total;
  const failures = [];
  for (const x of CROSS) {
    const r = await x.call(clients[x.as]);
    if (r.status !== x.expect) failures.push(`${x.what} (as ${x.as}): expected ${x.expect}, got ${r.status} ${r.text.slice(0, 200)}`);
    else if (!hasPersian(r.json?.error?.message)) failures.push(`${x.what}: no Persian error message: ${r.text.slice(0, 200)}`);
  }
  assert.deepEqual(failures, [], `cross-scope mismatches:\n  ${failures.join('\n  ')}`);
  const afterCount = (await current('/api/v1/audit?per_page=1')).total;
  assert.equal(afterCount, before, 'refused requests left no audit entries (so no writes)');
  const u = await current(`/api/v1/users/${ids.users['behzisti-editor'].id}`);
  assert.equal(u.name, ids.users['behzisti-editor'].name);
  const t = await current(`/api/v1/users/${target.id}`);
  assert.deepEqual(t.roles.map((g) => g.role), ['agency_editor']);
});

test('what each role sees: agencies and users lists are scoped', async () => {
  // Everyone in the demo council sees its agencies but not the other council's.
  for (const who of WHO.filter((w) => ROLES[w] && w !== 'system_admin')) {
    const councils = assertStatus(await clients[who].get('/api/v1/councils'), 200).json.items;
    assert.deepEqual(councils.map((c) => c.slug), ['qazvin-tkr'], `${who} sees only their council`);
  }
  const all = assertStatus(await admin.get('/api/v1/councils'), 200).json.items;
  assert.ok(all.some((c) => c.slug === 'other-council'));
  const mgrUsers = assertStatus(await clients.agency_pr_manager.get('/api/v1/users?per_page=200'), 200).json.items;
  for (const u of mgrUsers) assert.ok(u.roles.some((g) => g.agency_id === ids.agencies.tamin.id), `${u.username} is tamin staff`);
  const councilUsers = assertStatus(await clients.council_admin.get('/api/v1/users?per_page=200'), 200).json.items;
  assert.ok(!councilUsers.some((u) => u.username === 'admin'), 'the system admin is not in the council list');
});
