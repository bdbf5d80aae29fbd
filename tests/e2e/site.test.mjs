// The public news site: pages, feeds, sitemap and robots.txt against a real
// `pol serve`. Releases are written straight into the data folder's SQLite
// database (the newsroom's publishing API is tested in its own suite), so this
// suite pins down the site's data contract: only `published` releases past
// their embargo are public, withdrawn ones leave every list and feed and their
// page says so. Debian's newsboat must read every feed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, pol, pgAdminUrl, dbQuery } from './harness.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';

let srv, db, tamin, behzisti, council;
const rel = {};
const now = Date.now();
const HOUR = 3600 * 1000;

function sql(statement) {
  if (pgAdminUrl) return dbQuery(srv.dataDir, statement).trim(); // PostgreSQL (harness.mjs)
  return execFileSync('sqlite3', ['-bail', '-cmd', '.timeout 5000', db, statement], { encoding: 'utf8' }).trim();
}
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

// The newsroom's full-text index is kept by triggers that tokenize with Pol's own FTS5 tokenizer, which
// the sqlite3 shell does not have: inserts from here run with the insert trigger set aside (and put back),
// and `pol reindex` then rebuilds the index with the real tokenizer, as an operator would after such a load.
let ftsTrigger;
function withoutFtsTrigger(statement) {
  if (pgAdminUrl) return sql(statement); // PostgreSQL indexes rows flagged search_stale at the next write
  ftsTrigger ??= sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'releases_fts_ai';");
  if (!ftsTrigger) return sql(statement);
  return sql(`BEGIN; DROP TRIGGER releases_fts_ai; ${statement} ${ftsTrigger}; COMMIT;`);
}

function insertRelease({ agency = tamin, status = 'published', title, lead = '', body = '', slug = '', publishedAt = now,
  embargo = null, tags = [] }) {
  const id = Number(withoutFtsTrigger(`INSERT INTO releases(agency_id, council_id, status, title, lead, body_html, body_text, slug,
      embargo_until, published_at, created_at, updated_at)
    VALUES (${agency}, ${council}, ${q(status)}, ${q(title)}, ${q(lead)}, ${q(body)}, ${q(body.replace(/<[^>]*>/g, ''))},
      ${q(slug)}, ${embargo ?? 'NULL'}, ${publishedAt}, ${Math.min(publishedAt, now)}, ${Math.min(publishedAt, now)})
    RETURNING id;`));
  for (const t of tags) sql(`INSERT INTO release_tags(release_id, tag) VALUES (${id}, ${q(t)});`);
  return id;
}

async function get(p, headers = {}) {
  const r = await fetch(srv.url(p), { headers, redirect: 'manual' });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

const TAG = 'بیمه';
const TAG_PATH = `/tags/${encodeURIComponent(TAG)}`;
const FEEDS = ['/feed.rss', '/feed.atom', '/agencies/tamin/feed.rss', '/agencies/tamin/feed.atom',
  `${TAG_PATH}/feed.rss`, `${TAG_PATH}/feed.atom`];

before(async () => {
  srv = await startServer();
  db = path.join(srv.dataDir, 'pol.db');
  council = Number(sql("SELECT id FROM councils WHERE slug = 'qazvin-tkr';"));
  tamin = Number(sql(`SELECT id FROM agencies WHERE slug = 'tamin' AND council_id = ${council};`));
  behzisti = Number(sql(`SELECT id FROM agencies WHERE slug = 'behzisti' AND council_id = ${council};`));
  rel.published = insertRelease({
    title: 'افزایش مستمری بازنشستگان تأمین اجتماعی', lead: 'مستمری <بازنشستگان> از فروردین افزایش می‌یابد.',
    body: '<p>متن کامل خبر دربارهٔ <strong>مستمری</strong>.</p>', slug: 'mostamari', publishedAt: now - 2 * HOUR,
    tags: [TAG, 'بازنشستگی'] });
  rel.second = insertRelease({ title: 'نشست خبری مدیرکل', publishedAt: now - 3 * HOUR, tags: [TAG] });
  rel.other = insertRelease({ agency: behzisti, title: 'طرح توانمندسازی مددجویان', publishedAt: now - HOUR });
  rel.draft = insertRelease({ status: 'draft', title: 'پیش‌نویس محرمانه', tags: [TAG] });
  rel.submitted = insertRelease({ status: 'submitted', title: 'ارسال‌شده برای تأیید', tags: [TAG] });
  rel.scheduled = insertRelease({ status: 'scheduled', title: 'زمان‌بندی‌شده برای فردا', publishedAt: now + 24 * HOUR });
  rel.embargoed = insertRelease({ title: 'خبر تحت تحریم زمانی', embargo: now + 24 * HOUR, tags: [TAG] });
  rel.toWithdraw = insertRelease({ title: 'خبری که پس گرفته می‌شود', publishedAt: now - 30 * 60 * 1000, tags: [TAG] });
  pol(['reindex', '--data', srv.dataDir]);
});
after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

const HIDDEN = ['پیش‌نویس محرمانه', 'ارسال‌شده برای تأیید', 'زمان‌بندی‌شده برای فردا', 'خبر تحت تحریم زمانی'];

test('the portal home lists the latest public releases of all agencies, in Persian, right to left', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(r.text, /<html lang="fa" dir="rtl">/);
  for (const t of ['افزایش مستمری بازنشستگان تأمین اجتماعی', 'نشست خبری مدیرکل', 'طرح توانمندسازی مددجویان']) {
    assert.ok(r.text.includes(t), `home lists ${t}`);
  }
  for (const t of HIDDEN) assert.ok(!r.text.includes(t), `home must not show ${t}`);
  // Newest first; the lead is escaped; the staff console is a link in the header.
  assert.ok(r.text.indexOf('طرح توانمندسازی') < r.text.indexOf('افزایش مستمری'));
  assert.ok(r.text.includes('مستمری &lt;بازنشستگان&gt;'));
  assert.match(r.text, /<a href="\/console\/"[^>]*>ورود کارکنان<\/a>/);
  assert.match(r.text, /<link rel="alternate" type="application\/rss\+xml"/);
  assert.ok(!/<script/i.test(r.text), 'no JavaScript');
  assert.match(r.headers.get('cache-control'), /max-age/);
});

test('agency and tag pages, pagination and unknown names', async () => {
  const tm = await get('/agencies/tamin');
  assert.equal(tm.status, 200);
  assert.ok(tm.text.includes('افزایش مستمری') && !tm.text.includes('طرح توانمندسازی'));
  const bz = await get('/agencies/behzisti');
  assert.ok(bz.text.includes('طرح توانمندسازی') && !bz.text.includes('افزایش مستمری'));
  const tag = await get(TAG_PATH);
  assert.equal(tag.status, 200);
  assert.ok(tag.text.includes('افزایش مستمری') && tag.text.includes('نشست خبری'));
  for (const t of HIDDEN) assert.ok(!tag.text.includes(t), `tag page must not show ${t}`);
  assert.equal((await get('/agencies/no-such-agency')).status, 404);
  assert.equal((await get('/tags/no-such-tag')).status, 404);
  assert.equal((await get('/?page=50')).status, 404);
  assert.equal((await get('/?page=abc')).status, 200);
});

test('the article page: metadata, Jalali dates, share links, light, cached', async () => {
  const p = `/news/${rel.published}/mostamari`;
  const r = await get(p);
  assert.equal(r.status, 200);
  const html = r.text;
  assert.ok(Buffer.byteLength(html) < 60 * 1024, `article page is ${Buffer.byteLength(html)} bytes`);
  assert.ok(!/<link[^>]+rel="stylesheet"/.test(html), 'CSS is inline, so the HTML is the whole weight');
  assert.ok(html.includes(`<link rel="canonical" href="${srv.base}${p}">`));
  assert.match(html, /<meta property="og:title" content="افزایش مستمری بازنشستگان تأمین اجتماعی — /);
  assert.match(html, /<meta property="og:type" content="article">/);
  assert.match(html, /<meta property="og:url" content="http:\/\/127\.0\.0\.1:\d+\/news\/\d+\/mostamari">/);
  assert.match(html, /<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">[۰-۹]+ [^<]+ [۰-۹]{4}، ساعت [۰-۹]{2}:[۰-۹]{2}<\/time>/);
  assert.ok(html.includes('<p>متن کامل خبر دربارهٔ <strong>مستمری</strong>.</p>'), 'the sanitized body as stored');
  for (const share of ['https://t.me/share/url?url=', 'https://ble.ir/share/url?url=', 'https://eitaa.com/share/url?url=',
    'https://wa.me/?text=']) assert.ok(html.includes(share), share);
  assert.ok(html.includes(`href="${TAG_PATH}"`), 'tags link to their pages');
  // The slug is decoration; without it the same page answers with the same canonical link.
  const bare = await get(`/news/${rel.published}`);
  assert.equal(bare.status, 200);
  assert.ok(bare.text.includes(`<link rel="canonical" href="${srv.base}${p}">`));

  const etag = r.headers.get('etag');
  const lastModified = r.headers.get('last-modified');
  // The tag of the representation sent: node's fetch asks for gzip/br, so it carries the encoding's suffix.
  assert.match(etag, /^"[0-9a-f]{32}(-br|-gz)?"$/);
  assert.match(lastModified, /GMT$/);
  assert.equal(new Date(lastModified).getTime(), Math.floor((now - 2 * HOUR) / 1000) * 1000);
  assert.match(r.headers.get('cache-control'), /public, max-age=\d+/);
  const cached = await get(p, { 'if-none-match': etag });
  assert.equal(cached.status, 304);
  assert.equal(cached.text, '');
  assert.equal((await get(p, { 'if-modified-since': lastModified })).status, 304);
  assert.equal((await get(p, { 'if-none-match': '"other"' })).status, 200);
  assert.equal((await get(p, { 'if-modified-since': new Date(now - 3 * HOUR).toUTCString() })).status, 200);
});

test('drafts, submitted, scheduled and embargoed releases are never visible', async () => {
  for (const id of [rel.draft, rel.submitted, rel.scheduled, rel.embargoed]) {
    assert.equal((await get(`/news/${id}`)).status, 404, `release ${id}`);
    assert.equal((await get(`/news/${id}/x`)).status, 404, `release ${id} with a slug`);
  }
  for (const p of ['/', '/agencies/tamin', TAG_PATH, ...FEEDS, '/sitemap.xml',
    '/search?q=' + encodeURIComponent('پیش‌نویس محرمانه'), '/search?q=' + encodeURIComponent('تحریم زمانی')]) {
    const r = await get(p);
    // (The search page repeats the query itself, so there only links count.)
    if (!p.startsWith('/search')) for (const t of HIDDEN) assert.ok(!r.text.includes(t), `${p} must not show ${t}`);
    else assert.match(r.text, /پیدا نشد/);
    for (const id of [rel.draft, rel.submitted, rel.scheduled, rel.embargoed]) {
      assert.ok(!r.text.includes(`/news/${id}<`) && !r.text.includes(`/news/${id}/`) && !r.text.includes(`/news/${id}"`),
        `${p} must not link release ${id}`);
    }
  }
});

test('search normalizes spelling variants', async () => {
  // Arabic yeh and kaf, no hamza seat, a different ZWNJ: the text core gives the same terms.
  const r = await get('/search?q=' + encodeURIComponent('مستمري بازنشستگان'));
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('افزایش مستمری بازنشستگان'), 'found');
  assert.ok(!r.text.includes('طرح توانمندسازی'));
  assert.match(r.text, /<mark>مستمری<\/mark>/, 'the matched words are highlighted in the snippet');
  const none = await get('/search?q=' + encodeURIComponent('<script>x</script>'));
  assert.ok(!none.text.includes('<script>x'), 'the query is escaped');
});

function parseItems(xml) {
  // Titles of items/entries (the C++ unit test parses the feeds with pugixml; here a light check).
  const titles = [...xml.matchAll(/<(?:item|entry)>[\s\S]*?<title>([^<]*)<\/title>/g)].map((m) => m[1]);
  return titles.map((t) => t.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'));
}

test('RSS and Atom feeds per council, agency and tag', async () => {
  for (const p of FEEDS) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    const atom = p.endsWith('.atom');
    assert.equal(r.headers.get('content-type'), atom ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8');
    assert.ok(r.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), p);
    const titles = parseItems(r.text);
    assert.ok(titles.includes('افزایش مستمری بازنشستگان تأمین اجتماعی'), `${p}: ${titles}`);
    if (p.startsWith('/agencies/tamin') || p.startsWith('/tags/')) assert.ok(!titles.includes('طرح توانمندسازی مددجویان'), p);
    if (atom) {
      assert.match(r.text, /<published>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/published>/);
      assert.ok(r.text.includes(`<id>${srv.base}/news/${rel.published}</id>`), 'stable entry id');
    } else {
      assert.match(r.text, /<pubDate>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000<\/pubDate>/);
      assert.ok(r.text.includes(`<guid isPermaLink="true">${srv.base}/news/${rel.published}</guid>`), 'stable guid');
    }
    const again = await get(p, { 'if-none-match': r.headers.get('etag') });
    assert.equal(again.status, 304, `${p} honours If-None-Match`);
  }
});

test('sitemap.xml and robots.txt', async () => {
  const map = await get('/sitemap.xml');
  assert.equal(map.status, 200);
  assert.match(map.headers.get('content-type'), /^application\/xml/);
  assert.ok(map.text.includes(`<loc>${srv.base}/news/${rel.published}/mostamari</loc>`));
  assert.ok(map.text.includes(`<loc>${srv.base}/agencies/tamin</loc>`));
  const robots = await get('/robots.txt');
  assert.equal(robots.status, 200);
  assert.ok(robots.text.includes(`Sitemap: ${srv.base}/sitemap.xml`));
  assert.ok(robots.text.includes('Disallow: /api/'));
});

test('the site font is served with a year-long cache', async () => {
  const home = await get('/');
  const m = home.text.match(/url\((\/static\/vazirmatn-[0-9a-f]+\.woff2)\)/);
  if (!m) return; // no console build or npm package: system fonts
  const r = await fetch(srv.url(m[1]));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'font/woff2');
  assert.match(r.headers.get('cache-control'), /max-age=31536000, immutable/);
});

// Reads each feed with Debian's newsboat (a real feed reader) and returns its items (title, guid) per feed
// URL from newsboat's cache database. One cache per feed: newsboat keeps one copy of an item (by guid)
// across all the feeds of a cache, and every feed here carries the same guids.
function newsboatRead(urls) {
  const byFeed = {};
  let unread = '';
  for (const u of urls) {
    const one = newsboatReadOne(u);
    byFeed[u] = one.items;
    unread += one.unread;
  }
  return { byFeed, unread };
}

function newsboatReadOne(url) {
  const urls = [url];
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-newsboat-'));
  try {
    writeFileSync(path.join(dir, 'urls'), urls.join('\n') + '\n');
    writeFileSync(path.join(dir, 'config'), 'reload-threads 2\ndownload-retries 2\ndownload-timeout 10\n');
    const cache = path.join(dir, 'cache.db');
    execFileSync('newsboat', ['-u', path.join(dir, 'urls'), '-c', cache, '-C', path.join(dir, 'config'), '-x', 'reload'], {
      env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir }, encoding: 'utf8', timeout: 60000,
    });
    const unread = execFileSync('newsboat', ['-u', path.join(dir, 'urls'), '-c', cache, '-C', path.join(dir, 'config'),
      '-x', 'print-unread'], { env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir }, encoding: 'utf8' });
    const rows = execFileSync('sqlite3', ['-separator', '\t', cache, 'SELECT feedurl, title, guid FROM rss_item;'],
      { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
    const items = rows.filter(([feed]) => feed === url).map(([, title, guid]) => ({ title, guid }));
    return { items, unread };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('newsboat reads every feed: titles and guids come through', () => {
  const urls = FEEDS.map((p) => srv.url(p));
  const { byFeed, unread } = newsboatRead(urls);
  assert.match(unread, /\d+ unread articles/);
  for (const u of urls) {
    const titles = byFeed[u].map((i) => i.title);
    assert.ok(titles.includes('افزایش مستمری بازنشستگان تأمین اجتماعی'), `newsboat read ${u}: ${JSON.stringify(titles)}`);
    assert.ok(byFeed[u].some((i) => i.guid === `${srv.base}/news/${rel.published}`), `${u}: guid`);
    for (const t of HIDDEN) assert.ok(!titles.includes(t), `${u} must not carry ${t}`);
  }
  assert.equal(byFeed[srv.url('/feed.rss')].length, byFeed[srv.url('/feed.atom')].length, 'RSS and Atom carry the same items');
});

test('a withdrawn release leaves lists, feeds and the sitemap; its page says it was withdrawn', async () => {
  const title = 'خبری که پس گرفته می‌شود';
  for (const p of ['/', '/agencies/tamin', TAG_PATH, ...FEEDS]) {
    assert.ok((await get(p)).text.includes(title), `${p} lists it before`);
  }
  assert.ok((await get('/sitemap.xml')).text.includes(`/news/${rel.toWithdraw}<`), 'in the sitemap before');
  const before = await get('/feed.rss');
  sql(`UPDATE releases SET status = 'withdrawn', withdrawn_at = ${Date.now()}, updated_at = ${Date.now()},
    withdrawn_reason = 'آمار اعلام‌شده نادرست بود.' WHERE id = ${rel.toWithdraw};`);
  // That write came from another process (the sqlite3 shell), which the page cache sees within a second
  // (site/page_cache.h: kRecheckMs); a withdrawal through the server shows at once.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  for (const p of ['/', '/agencies/tamin', TAG_PATH, ...FEEDS]) {
    const r = await get(p);
    assert.ok(!r.text.includes(title), `${p} no longer lists it`);
  }
  assert.ok(!(await get('/sitemap.xml')).text.includes(`/news/${rel.toWithdraw}<`), 'gone from the sitemap');
  assert.ok(!(await get('/search?q=' + encodeURIComponent('پس گرفته'))).text.includes(`/news/${rel.toWithdraw}`));
  // A reader's cached copy is stale now: the conditional GET gets the new feed.
  assert.equal((await get('/feed.rss', { 'if-none-match': before.headers.get('etag') })).status, 200);
  const page = await get(`/news/${rel.toWithdraw}`);
  assert.equal(page.status, 410);
  assert.ok(page.text.includes(title));
  assert.ok(page.text.includes('پس گرفته شده است'));
  assert.ok(page.text.includes('آمار اعلام‌شده نادرست بود.'));
  assert.match(page.text, /<meta name="robots" content="noindex">/);
  const { byFeed } = newsboatRead([srv.url('/feed.rss')]);
  assert.ok(!byFeed[srv.url('/feed.rss')].some((i) => i.title === title), 'newsboat no longer sees it');
});

test('a corrected release shows its correction note', async () => {
  const id = insertRelease({ status: 'corrected', title: 'خبر اصلاح‌شده', publishedAt: now - 5 * HOUR });
  sql(`UPDATE releases SET corrected_at = ${now}, correction_note = 'رقم اعتبار اصلاح شد.' WHERE id = ${id};`);
  const r = await get(`/news/${id}`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('اصلاحیه'));
  assert.ok(r.text.includes('رقم اعتبار اصلاح شد.'));
});
