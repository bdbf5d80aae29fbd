// Media monitoring end to end: a real `pol serve` fetching from a local news site (peers/news-server.mjs)
// over loopback — RSS, Atom, JSON Feed, a listing page, windows-1256 pages — and the broken sources
// (malformed XML, gzip bomb, redirect loop, stalling server, robots.txt) each marked unhealthy with a
// Persian reason while the others keep flowing; dedup across feeds; conditional GET; search; mentions;
// press pickup of the demo council's founding release; tone override; `pol ingest FILE`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, pol } from './harness.mjs';
import { assertStatus, assertError, loginAs, demoIds, hasPersian, assertNoSanitizerReports } from './lib/common.mjs';
import { writesNothing } from './lib/authz_writes.mjs';
import { startNewsServer, sample } from './peers/news-server.mjs';

let srv, site, analyst, admin, ids;
const sources = {};

async function waitFetched(client, id, since) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const r = assertStatus(await client.get(`/api/v1/monitor/sources/${id}`), 200);
    if ((r.json.health.last_fetch_at ?? 0) > since) return r.json;
    if (Date.now() > deadline) throw new Error(`source ${id} was not fetched: ${r.text}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function fetchSource(id) {
  const before = Date.now() - 1;
  const r = assertStatus(await analyst.post(`/api/v1/monitor/sources/${id}/fetch`, {}), 202);
  assert.ok(r.json.job_id > 0);
  return waitFetched(analyst, id, before);
}

before(async () => {
  site = await startNewsServer();
  srv = await startServer({
    env: { POL_MONITOR_FETCH_TIMEOUT_MS: '2000', POL_MONITOR_MAX_BYTES: '4000000', POL_MONITOR_SCHEDULE: '0',
      POL_MONITOR_HOST_INTERVAL_MS: '0' },
  });
  admin = await loginAs(srv, 'admin');
  analyst = await loginAs(srv, 'analyst');
  ids = await demoIds(admin);
  const add = async (key, body) => {
    const r = assertStatus(await analyst.post('/api/v1/monitor/sources', { council_id: ids.councilId, fetch_interval_s: 900, ...body }), 201, key);
    sources[key] = r.json;
  };
  await add('rss', { name: 'خبرگزاری نمونه (RSS)', url: site.url('/good/rss.xml'), tier: 'national' });
  await add('atom', { name: 'اتم نمونه', url: site.url('/atom/feed.xml'), tier: 'provincial' });
  await add('json', { name: 'جی‌سان‌فید نمونه', url: site.url('/json/feed.json'), tier: 'local' });
  await add('listing', { name: 'سایت بی‌خوراک', url: site.url('/listing/'), kind: 'listing', tier: 'provincial', reach_weight: 3 });
  await add('cp1256', { name: 'سایت قدیمی ۱۲۵۶', url: site.url('/cp1256/rss.xml'), tier: 'local' });
  await add('malformed', { name: 'خوراک خراب', url: site.url('/broken/malformed.xml') });
  await add('bomb', { name: 'بمب فشرده', url: site.url('/broken/bomb.xml') });
  await add('loop', { name: 'حلقهٔ تغییر مسیر', url: site.url('/broken/loop') });
  await add('stall', { name: 'سرور خوابیده', url: site.url('/broken/stall') });
  await add('robots', { name: 'منبع ممنوع', url: site.url('/private/rss.xml') });
});

after(async () => {
  await srv?.stop();
  await site?.close();
  if (srv) assertNoSanitizerReports(srv);
});

test('every source is fetched; broken ones are unhealthy with a Persian reason, the others keep flowing', async () => {
  // The RSS feed first (the Atom feed overlaps it), then all the others at once, so the stalled and the
  // exploding ones run beside the good ones.
  const got = { rss: await fetchSource(sources.rss.id) };
  const since = Date.now() - 1;
  for (const [k, s] of Object.entries(sources)) {
    if (k !== 'rss') assertStatus(await analyst.post(`/api/v1/monitor/sources/${s.id}/fetch`, {}), 202);
  }
  for (const [k, s] of Object.entries(sources)) if (k !== 'rss') got[k] = await waitFetched(analyst, s.id, since);

  for (const k of ['rss', 'atom', 'json', 'listing', 'cp1256']) {
    assert.equal(got[k].health.healthy, true, `${k} healthy: ${JSON.stringify(got[k].health)}`);
    assert.ok(got[k].health.last_success_at > 0);
  }
  const reasons = {
    malformed: /خوراک خراب است/, bomb: /حجم پاسخ از سقف مجاز/, loop: /تغییر مسیر/, stall: /زمان مقرر/,
    robots: /robots\.txt/,
  };
  for (const [k, re] of Object.entries(reasons)) {
    assert.equal(got[k].health.healthy, false, `${k} should be unhealthy`);
    assert.ok(hasPersian(got[k].health.last_error), `${k}: Persian reason: ${got[k].health.last_error}`);
    assert.match(got[k].health.last_error, re, k);
  }
  // Items: RSS 20, Atom 15 of which 5 overlap the RSS feed (other URLs, same canonical page), JSON Feed 10,
  // listing 10 + the reprinted release, windows-1256 5.
  assert.equal(got.rss.health.items_total, 20);
  assert.equal(got.atom.health.items_total, 10);
  assert.equal(got.json.health.items_total, 10);
  assert.equal(got.listing.health.items_total, 11);
  assert.equal(got.cp1256.health.items_total, 5);
  const all = assertStatus(await analyst.get(`/api/v1/monitor/items?council_id=${ids.councilId}&per_page=1`), 200).json;
  assert.equal(all.total, 56);
  // The robots.txt was read once per origin, and the forbidden feed never requested.
  assert.ok(!site.stats.requests.includes('/private/rss.xml'));
  // The source list shows the health of each.
  const list = assertStatus(await analyst.get(`/api/v1/monitor/sources?council_id=${ids.councilId}`), 200).json.items;
  assert.equal(list.filter((s) => s.health.healthy === false).length, 5);
});

test('windows-1256 pages are decoded; search with boolean syntax and Jalali dates', async () => {
  const cp = assertStatus(await analyst.get(`/api/v1/monitor/items?source_id=${sources.cp1256.id}&per_page=50`), 200).json;
  assert.equal(cp.total, 5);
  const titles = cp.items.map((i) => i.title);
  // The sample's titles (Arabic ي/ك as printed; display normalization turns them Persian).
  for (const i of [50, 51, 52, 53, 54]) {
    const words = sample[i].title.replace(/ي/g, 'ی').replace(/ك/g, 'ک').split(' ').find((w) => w.length >= 4);
    assert.ok(titles.some((t) => t.includes(words)), `windows-1256 title ${i}: ${words} in ${titles}`);
  }
  const q = encodeURIComponent('دفاتر ICT روستایی');
  const hits = assertStatus(await analyst.get(`/api/v1/monitor/items?q=${q}`), 200).json;
  assert.ok(hits.total >= 1);
  assert.match(hits.items[0].snippet, /<mark>/);
  const bad = await analyst.get(`/api/v1/monitor/items?q=${encodeURIComponent('(بیمه')}`);
  assertError(bad, 400, 'invalid_query');
  // Jalali date filters: everything was published 20 Khordad 1404 (10 June 2025) or later.
  const before = assertStatus(await analyst.get(`/api/v1/monitor/items?to=${encodeURIComponent('۱۴۰۴/۰۳/۱۹')}&source_id=${sources.rss.id}`), 200).json;
  assert.equal(before.total, 0);
  const on = assertStatus(await analyst.get(`/api/v1/monitor/items?from=${encodeURIComponent('20 خرداد 1404')}&source_id=${sources.rss.id}`), 200).json;
  assert.equal(on.total, 20);
  assertError(await analyst.get('/api/v1/monitor/items?from=فردا'), 400, 'invalid_date');
});

test('a second fetch is a conditional GET: 304, nothing new, still healthy', async () => {
  const before304 = site.stats.notModified;
  const s = await fetchSource(sources.rss.id);
  assert.equal(site.stats.notModified, before304 + 1);
  assert.equal(s.health.healthy, true);
  assert.equal(s.health.items_total, 20);
});

test('press pickup: the reprinted founding release shows on its coverage page', async () => {
  const rel = assertStatus(await analyst.get('/api/v1/releases?status=published'), 200).json.items;
  assert.ok(rel.length >= 1, 'the demo has a published release');
  const founding = rel[0];
  const cov = assertStatus(await analyst.get(`/api/v1/monitor/releases/${founding.id}/coverage`), 200).json;
  assert.equal(cov.outlets.length, 1, JSON.stringify(cov));
  const o = cov.outlets[0];
  assert.equal(o.source_name, 'سایت بی‌خوراک');
  assert.ok(o.containment >= 0.8, `containment ${o.containment}`);
  assert.ok(cov.reach_weighted > 2);
  assert.ok(cov.paragraph_uses.some((n) => n > 0));
  // The item view puts the reused passages beside the release.
  const item = assertStatus(await analyst.get(`/api/v1/monitor/items/${o.item_id}`), 200).json;
  assert.equal(item.pickups[0].release_id, founding.id);
  assert.ok(item.pickups[0].release_paragraphs.length >= 3);
  // An agency role outside the release's agency does not see its coverage.
  const behzisti = await loginAs(srv, 'behzisti-manager');
  assertError(await behzisti.get(`/api/v1/monitor/releases/${founding.id}/coverage`), 404);
});

test('mentions and agency scope; tone override by an analyst', async () => {
  // The demo watchlists name the ministry's agencies; the founding article names the ministry.
  const tkr = ids.agencies.tkr.id;
  const mentioned = assertStatus(await analyst.get(`/api/v1/monitor/items?agency_id=${tkr}`), 200).json;
  assert.ok(mentioned.total >= 1);
  const mgr = await loginAs(srv, 'tkr-manager');
  const own = assertStatus(await mgr.get('/api/v1/monitor/items'), 200).json;
  assert.equal(own.total, mentioned.total, 'an agency manager sees the items that mention the agency');
  const id = mentioned.items[0].id;
  const view = assertStatus(await mgr.get(`/api/v1/monitor/items/${id}`), 200).json;
  assert.ok(view.mentions.length >= 1);
  const [b, e] = view.mentions[0].spans[0];
  assert.ok(hasPersian(Buffer.from(view.text, 'utf8').subarray(b, e).toString('utf8')));
  // Another agency's desk does not see an item that does not name it.
  const desk = await loginAs(srv, 'omid-desk');
  assertError(await desk.get(`/api/v1/monitor/items/${id}`), 404);

  const r = assertStatus(await analyst.put(`/api/v1/monitor/items/${id}/tone`, { tone: 'negative' }), 200).json;
  assert.equal(r.tone, 'negative');
  assert.equal(r.tone_override, 'negative');
  await writesNothing(admin, async () => assertError(await analyst.put(`/api/v1/monitor/items/${id}/tone`, { tone: 'خوب' }), 400, 'invalid_field'));
  const neg = assertStatus(await analyst.get(`/api/v1/monitor/items?tone=negative&agency_id=${tkr}`), 200).json;
  assert.ok(neg.items.some((i) => i.id === id));
  const model = assertStatus(await analyst.get('/api/v1/monitor/tone-model'), 200).json;
  assert.ok(model.test > 0 && model.accuracy >= 0.65);
  const stats = assertStatus(await analyst.get(`/api/v1/monitor/stats?council_id=${ids.councilId}&agency_id=${tkr}`), 200).json;
  assert.ok(stats.mentions.length >= 1);
});

test('pol ingest FILE imports the sample as a job on the monitor queue', async () => {
  const shared = process.env.POL_SHARED_DIR || path.resolve(import.meta.dirname, '../../../shared');
  const out = pol(['ingest', '--data', srv.dataDir, path.join(shared, 'data/news/fars-news-sample.jsonl')]);
  assert.match(out, /ورود انجام شد/);
  const all = assertStatus(await analyst.get(`/api/v1/monitor/items?council_id=${ids.councilId}&per_page=1`), 200).json;
  // The sample's links are farsnews.ir; none of them is on the local site, so all 600 are new.
  assert.equal(all.total, 56 + 600);
  const jobs = assertStatus(await admin.get('/api/v1/jobs?kind=monitor.ingest'), 200).json.items;
  assert.ok(jobs.some((j) => j.state === 'done' && j.queue === 'monitor'), JSON.stringify(jobs).slice(0, 400));
  // Again: nothing new.
  pol(['ingest', '--data', srv.dataDir, path.join(shared, 'data/news/fars-news-sample.jsonl')]);
  const again = assertStatus(await analyst.get(`/api/v1/monitor/items?council_id=${ids.councilId}&per_page=1`), 200).json;
  assert.equal(again.total, 656);
});
