// The authorization matrix and the cross-scope cases of authz.test.mjs, one row per route.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, ApiClient, DEMO_PASSWORD, repoRoot, pol } from '../harness.mjs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assertStatus, loginAs, demoIds, uniq, hasPersian } from './common.mjs';
import { assertNoSanitizerReports } from './common.mjs';
import { makePng, upload } from './images.mjs';
import {
  ROLES, WHO, admin, behzistiPhoto, channelFixture, citizenRequest, citizenSeq, clients, current,
  distChannel, distList, doneJob, doneJobId, everyone, foundingRelease, fresh, ids, managerNotification, mediaItem, mediaItemP,
  monitorSource, monitorSourceP, newUser, occasion, otherCouncil, photo, pressListFixture, publicAll,
  queuedDelivery, release, row, sharedCitizen, sharedCitizenRequest, srv, target,
  probeBot, probeChannel,
} from './authz_fixtures.mjs';
import { COMMITTEE_ROWS } from './committee_matrix.mjs';
import { AGENCY_CROSS, ATTACHMENT_ROW } from './authz_cross_agency.mjs';
import { counting, grownCount, peerNotReached, peerReached, readAt, sameCount, shrunkCount, viaPeer } from './authz_checks.mjs';
import { CLOSURE_ROWS } from './closure_matrix.mjs';
import { COMMITTEE_MINUTES_ROWS } from './committee_minutes_matrix.mjs';
import { COMMITTEE_PUBLIC_ROWS } from './committee_public_matrix.mjs';
import { SCORECARD_ROWS } from './scorecard_matrix.mjs';
import { STAFF_CHAT_ROWS } from './staff_chat_matrix.mjs';
import { OUTBOX_ROWS } from './outbox_matrix.mjs';
import { BULLETIN_SCHEDULE_ROWS, EMERGING_ROWS } from './emerging_matrix.mjs';
import { UX_ROWS } from './ux_matrix.mjs';

// The matrix. `call(client, who)` makes the request; `own` cells get a freshly
// logged-in client (the call ends or rotates the session); `check` verifies
// that a refused write wrote nothing. The runner checks every refused write against the audit log
// itself (lib/authz_writes.mjs); a write route that audits nothing says so in `unaudited` and brings a
// `check` for refusals and a `proof` (run on allowed cells) that the check can fail.
export const MATRIX = [
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
  // Nobody may read another person's notification: a real notification of the tamin PR manager is 204 for
  // the manager and 404 for everyone else, and a refused read leaves it unread.
  { route: 'POST /api/v1/notifications/{id}/read', expect: row(404, 404, 404, 404, 204, 404, 404, 401),
    unaudited: 'marking one\'s own notification read is not audited', proof: async (r) => assert.ok(await readAt(r), 'the read is seen'),
    call: async (c) => {
      const n = await managerNotification();
      const r = await c.post(`/api/v1/notifications/${n.id}/read`);
      r.notification = n;
      return r;
    },
    check: async (r) => {
      assert.equal(await readAt(r), null, 'a refused read marked the notification read');
    } },
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
  // A fetch enqueues a job and audits nothing: the jobs of the (disabled) matrix source are counted instead.
  { route: 'POST /api/v1/monitor/sources/{id}/fetch', expect: row(202, 202, 403, 202, 403, 403, 403, 401),
    unaudited: 'a fetch now only enqueues a job', check: sameCount, proof: grownCount,
    call: async (c) => {
      const id = (await monitorSource()).id;
      return counting(`SELECT COUNT(*) FROM jobs WHERE kind = 'monitor.fetch' AND payload = '{"source_id":${id}}'`,
        () => c.post(`/api/v1/monitor/sources/${id}/fetch`, {}));
    } },
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
  // A person's saved searches are theirs alone and not audited: the table's rows are counted instead.
  { route: 'POST /api/v1/monitor/saved-searches', expect: everyone(201),
    unaudited: 'saved searches are a person\'s own notes', check: sameCount, proof: grownCount,
    call: (c) => counting('SELECT COUNT(*) FROM saved_searches',
      () => c.post('/api/v1/monitor/saved-searches', { name: 'جست‌وجوی ماتریس', query: { q: 'بیمه', tone: 'negative' } })) },
  // Each person deletes a search of their own; the stranger tries the checker's (a real id).
  { route: 'DELETE /api/v1/monitor/saved-searches/{id}', expect: everyone(204),
    unaudited: 'saved searches are a person\'s own notes', check: sameCount, proof: shrunkCount,
    call: async (c, who) => {
      const owner = ROLES[who] ? c : admin;
      const s = assertStatus(await owner.post('/api/v1/monitor/saved-searches', { name: 'موقت', query: {} }), 201, 'a saved search').json;
      return counting('SELECT COUNT(*) FROM saved_searches', () => c.delete(`/api/v1/monitor/saved-searches/${s.id}`));
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
  { route: 'GET /favicon.ico', expect: publicAll(200), call: (c) => c.get('/favicon.ico') },
  { route: 'GET /.not-found', html: true, expect: publicAll(404), call: (c) => c.get('/.not-found') },
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
  ATTACHMENT_ROW,
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
  // A test send writes nothing and audits nothing: it must not reach the channel's service when refused.
  { route: 'POST /api/v1/channels/{id}/test', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    unaudited: 'a test send only sends', check: peerNotReached, proof: peerReached,
    call: async (c) => viaPeer(async () => c.post(`/api/v1/channels/${(await probeChannel()).id}/test`)) },
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
  // Insight (insight_routes.cc): council roles see the council's dashboard, agency staff their agency's.
  { route: 'GET /api/v1/insight/dashboard', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/dashboard?council_id=${ids.councilId}&period=month`) },
  { route: 'GET /api/v1/insight/records', expect: everyone(200),
    call: (c) => c.get(`/api/v1/insight/records?agency_id=${ids.agencies.tamin.id}&period=month&metric=mentions`) },
  { route: 'GET /api/v1/insight/dashboard/export', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/dashboard/export?council_id=${ids.councilId}&period=month&widget=figures&format=csv`) },
  { route: 'GET /api/v1/insight/dashboard/chart', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/dashboard/chart?council_id=${ids.councilId}&period=month&chart=mentions_over_time`) },
  { route: 'GET /api/v1/insight/records/export', expect: everyone(200),
    call: (c) => c.get(`/api/v1/insight/records/export?agency_id=${ids.agencies.tamin.id}&period=month&metric=mentions&format=csv`) },
  // The bulletin (insight_bulletin_routes.cc): those who see the council's dashboard; HTML keeps the row fast.
  { route: 'GET /api/v1/insight/bulletin', expect: row(200, 200, 200, 200, 403, 403, 403, 401),
    call: (c) => c.get(`/api/v1/insight/bulletin?council_id=${ids.councilId}&period=week&format=html`) },
  { route: 'GET /unsubscribe/{token}', html: true, expect: publicAll(404), call: (c) => c.get(`/unsubscribe/${'0'.repeat(32)}`) },
  { route: 'POST /unsubscribe/{token}', html: true, expect: publicAll(404), call: (c) => c.post(`/unsubscribe/${'0'.repeat(32)}`) },
  ...COMMITTEE_ROWS,
  ...CLOSURE_ROWS,
  ...COMMITTEE_MINUTES_ROWS,
  ...COMMITTEE_PUBLIC_ROWS,
  ...SCORECARD_ROWS,
  ...STAFF_CHAT_ROWS,
  ...OUTBOX_ROWS,
  ...EMERGING_ROWS,
  ...BULLETIN_SCHEDULE_ROWS,
  ...UX_ROWS,
  // Messenger bots (issue 15): managed like distribution channels (system admins, the council admin, the
  // agency's PR manager); others in the council are refused (403 on create, 404 on an existing bot).
  { route: 'GET /api/v1/messenger/bots', expect: everyone(200), call: (c) => c.get('/api/v1/messenger/bots') },
  { route: 'POST /api/v1/messenger/bots', expect: row(201, 201, 403, 403, 201, 403, 403, 401),
    call: async (c) => {
      const name = uniq('bot');
      const r = await c.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'bale', name,
        token: '123:MatrixBotToken', enabled: false });
      r.name = name;
      return r;
    },
    check: async (r) => {
      const all = (await current('/api/v1/messenger/bots')).items;
      assert.ok(!all.some((x) => x.name === r.name), `refused create wrote bot ${r.name}`);
    } },
  { route: 'GET /api/v1/messenger/bots/{id}', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c) => c.get(`/api/v1/messenger/bots/${(await botFixture()).id}`) },
  { route: 'PATCH /api/v1/messenger/bots/{id}', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    call: async (c, who) => {
      const b = await current(`/api/v1/messenger/bots/${(await botFixture()).id}`);
      const r = await c.patch(`/api/v1/messenger/bots/${b.id}`, { version: b.version, welcome: `خوش آمدید ${who}` });
      r.before = b;
      return r;
    },
    check: async (r) => {
      const b = await current(`/api/v1/messenger/bots/${r.before.id}`);
      assert.equal(b.version, r.before.version, 'refused edit changed the bot');
    } },
  { route: 'POST /api/v1/messenger/bots/{id}/test', expect: row(200, 200, 404, 404, 200, 404, 404, 401),
    unaudited: 'a test only calls the bot service', check: peerNotReached, proof: peerReached,
    call: async (c) => viaPeer(async () => c.post(`/api/v1/messenger/bots/${(await probeBot()).id}/test`)) },
  // The webhook: the secret token is the only credential; a polling bot (and a wrong secret) is 401 for all.
  { route: 'POST /hooks/messenger/{id}', expect: publicAll(401),
    call: async (c) => c.post(`/hooks/messenger/${(await botFixture()).id}`, { update_id: 1 },
      { 'x-telegram-bot-api-secret-token': 'not-the-secret' }) },
];

let matrixBot;
async function botFixture() {
  if (!matrixBot) {
    matrixBot = assertStatus(await admin.post('/api/v1/messenger/bots', { agency_id: ids.agencies.tamin.id, kind: 'telegram',
      name: 'ربات ماتریس', token: '654321:MatrixPollingBot', base_url: 'http://127.0.0.1:9', enabled: false }), 201,
    'checker creates a bot').json;
  }
  return matrixBot;
}

// Cross-scope cases: same routes, targets outside the caller's council or agency.
export const CROSS = [
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
  { what: 'tamin PR manager opens behzisti\'s dashboard', as: 'agency_pr_manager', expect: 403,
    call: (c) => c.get(`/api/v1/insight/dashboard?agency_id=${ids.agencies.behzisti.id}`) },
  { what: 'tamin desk lists the records behind the council\'s numbers', as: 'citizen_desk', expect: 403,
    call: (c) => c.get(`/api/v1/insight/records?council_id=${ids.councilId}&metric=requests_received`) },  ...AGENCY_CROSS,
];
