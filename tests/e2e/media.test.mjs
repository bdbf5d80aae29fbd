// The media library over HTTP: upload (type by content, caps, dedupe), list,
// the image files with ETag/304, private until a public release uses the
// photo, other agencies kept out, and bad uploads that change nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, ApiClient } from './harness.mjs';
import { assertError, assertStatus, loginAs, demoIds, healthy, assertNoSanitizerReports } from './lib/common.mjs';
import { writesNothing } from './lib/authz_writes.mjs';
import { makeFlatPng, makePng, pngBombHeader, upload } from './lib/images.mjs';

let srv, ids, admin, editor, manager, desk, committee, otherEditor, stranger;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  ids = await demoIds(admin);
  editor = await loginAs(srv, 'tamin-editor');
  manager = await loginAs(srv, 'tamin-manager');
  desk = await loginAs(srv, 'tamin-desk');
  committee = await loginAs(srv, 'committee');
  otherEditor = await loginAs(srv, 'behzisti-editor');
  stranger = new ApiClient(srv.base);
});
after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

function filesUnder(dir) {
  let n = 0;
  let entries = [];
  try { entries = readdirSync(dir); } catch { return 0; }
  for (const e of entries) {
    const p = path.join(dir, e);
    n += statSync(p).isDirectory() ? filesUnder(p) : 1;
  }
  return n;
}
const mediaFiles = () => filesUnder(path.join(srv.dataDir, 'media'));
const isJpeg = (buf) => buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;

async function raw(client, p, headers = {}) {
  const h = { ...headers };
  if (client.cookie) h.cookie = client.cookie;
  const r = await fetch(srv.url(p), { headers: h });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

test('upload, list, one item, and the same bytes again', async () => {
  const tamin = ids.agencies.tamin.id;
  const png = makePng(1600, 900);
  const r = assertStatus(await upload(editor, tamin, png, { caption: 'شعبهٔ مركزي قزوين' }), 201, 'editor uploads');
  const m = r.json;
  assert.equal(r.headers.get('location'), `/api/v1/media/${m.id}`);
  assert.equal(m.agency_id, tamin);
  assert.equal(m.content_type, 'image/png');
  assert.equal(m.width, 1600);
  assert.equal(m.height, 900);
  assert.equal(m.bytes, png.length);
  assert.equal(m.caption, 'شعبهٔ مرکزی قزوین', 'Arabic ي/ك normalized');
  assert.equal(m.uploaded_by, ids.users['tamin-editor'].id);
  assert.deepEqual(m.urls, { large: `/media/${m.id}/large`, thumb: `/media/${m.id}/thumb` });
  assert.ok(m.created_at > 0);

  const list = assertStatus(await committee.get(`/api/v1/media?agency_id=${tamin}`), 200).json;
  assert.equal(list.items[0].id, m.id, 'newest first, seen by the council');
  assert.ok(list.total >= 1);
  assert.equal(assertStatus(await desk.get(`/api/v1/media/${m.id}`), 200).json.caption, m.caption);

  // The same bytes again: the existing item, no second row.
  const again = assertStatus(await upload(manager, tamin, png, { caption: 'دیگر' }), 200, 'dedupe').json;
  assert.equal(again.id, m.id);
  assert.equal(again.caption, m.caption);
  assert.equal((await committee.get(`/api/v1/media?agency_id=${tamin}`)).json.total, list.total);
});

test('the files: JPEG variants with a strong ETag and 304; private until a public release uses the photo', async () => {
  const tamin = ids.agencies.tamin.id;
  const m = assertStatus(await upload(editor, tamin, makePng(1600, 1200), { caption: 'نشست خبری' }), 201).json;

  const large = await raw(editor, m.urls.large);
  assert.equal(large.status, 200);
  assert.equal(large.headers.get('content-type'), 'image/jpeg');
  assert.ok(isJpeg(large.body));
  assert.equal(large.headers.get('cache-control'), 'private, no-cache');
  const etag = large.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+-large"$/);
  const thumb = await raw(editor, m.urls.thumb);
  assert.equal(thumb.status, 200);
  assert.ok(isJpeg(thumb.body));
  assert.ok(thumb.body.length < large.body.length, 'the thumbnail is smaller');
  assert.notEqual(thumb.headers.get('etag'), etag);
  // Phones: the 800 px JPEG, and WebP beside both sizes (the site's <picture> asks for these).
  const medium = await raw(editor, `/media/${m.id}/medium`);
  assert.equal(medium.status, 200);
  assert.equal(medium.headers.get('content-type'), 'image/jpeg');
  assert.ok(isJpeg(medium.body));
  for (const v of ['large.webp', 'medium.webp']) {
    const w = await raw(editor, `/media/${m.id}/${v}`);
    assert.equal(w.status, 200, v);
    assert.equal(w.headers.get('content-type'), 'image/webp', v);
    assert.equal(w.body.subarray(8, 12).toString('latin1'), 'WEBP', v);
    assert.equal(w.headers.get('cache-control'), 'private, no-cache', v);
    assert.match(w.headers.get('etag'), new RegExp(`^"[0-9a-f]+-${v.replace('.', '\\.')}"$`));
  }
  assert.equal((await raw(editor, `/media/${m.id}/original`)).status, 404, 'the original is never served');

  const again = await raw(editor, m.urls.large, { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal((await raw(editor, m.urls.large, { 'if-none-match': '"other"' })).status, 200);

  // Not yet public: only the agency's staff and its council.
  assert.equal((await raw(committee, m.urls.large)).status, 200);
  assert.equal((await raw(desk, m.urls.thumb)).status, 200);
  for (const c of [stranger, otherEditor]) {
    const r = await raw(c, m.urls.large);
    assert.equal(r.status, 404);
    assert.equal(r.headers.get('etag'), null);
  }
  assert.equal((await raw(stranger, m.urls.large, { 'if-none-match': etag })).status, 404, 'no 304 leak');
  assert.equal((await raw(editor, `/media/${m.id}/original`)).status, 404);
  assert.equal((await raw(editor, '/media/999999/large')).status, 404);

  // A release with the photo, approved and published: now anyone may see it, cacheably.
  let rel = assertStatus(await editor.post('/api/v1/releases', {
    agency_id: tamin, title: 'نشست خبری مدیرکل تأمین اجتماعی', body_html: '<p>متن</p>',
    photos: [{ media_id: m.id, caption: 'مدیرکل در نشست خبری' }],
  }), 201).json;
  assert.deepEqual(rel.photos.map((p) => p.media_id), [m.id]);
  assert.equal((await raw(stranger, m.urls.large)).status, 404, 'a draft does not make it public');
  rel = assertStatus(await editor.post(`/api/v1/releases/${rel.id}/submit`, { version: rel.version }), 200).json;
  rel = assertStatus(await manager.post(`/api/v1/releases/${rel.id}/approve`, { version: rel.version }), 200).json;
  assert.equal(rel.status, 'published');

  const pub = await raw(stranger, m.urls.large);
  assert.equal(pub.status, 200);
  assert.ok(isJpeg(pub.body));
  assert.equal(pub.headers.get('cache-control'), 'public, max-age=2592000');
  assert.equal(pub.headers.get('etag'), etag, 'the same file, the same ETag');
  assert.equal((await raw(stranger, m.urls.large, { 'if-none-match': etag })).status, 304);
  assert.equal((await raw(otherEditor, m.urls.thumb)).status, 200);

  const page = await fetch(srv.url(`/news/${rel.id}`));
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes(`/media/${m.id}/large`), 'the article shows the photo');
  assert.ok(html.includes('مدیرکل در نشست خبری'), 'with its caption');

  // Reuse: the same photo in a second release of the agency.
  const second = assertStatus(await editor.post('/api/v1/releases', {
    agency_id: tamin, title: 'خبر دوم با همان عکس', photos: [{ media_id: m.id, caption: '' }],
  }), 201).json;
  assert.deepEqual(second.photos.map((p) => p.media_id), [m.id]);
});

test('other agencies and roles that only look are kept out', async () => {
  const tamin = ids.agencies.tamin.id;
  assertError(await upload(otherEditor, tamin, makePng(64, 64)), 404, 'not_found', 'behzisti editor into tamin');
  assertError(await otherEditor.get(`/api/v1/media?agency_id=${tamin}`), 404, 'not_found');
  assertError(await upload(desk, tamin, makePng(64, 64)), 403, 'forbidden', 'citizen desk');
  assertError(await upload(committee, tamin, makePng(64, 64)), 403, 'forbidden', 'committee member');
  assertError(await upload(stranger, tamin, makePng(64, 64)), 401, 'unauthenticated');
  const m = assertStatus(await upload(editor, tamin, makePng(80, 60)), 201).json;
  assertError(await otherEditor.get(`/api/v1/media/${m.id}`), 404, 'not_found');
  // Another agency's release cannot use it either.
  await writesNothing(admin, async () => assertError(await otherEditor.post('/api/v1/releases', {
    agency_id: ids.agencies.behzisti.id, title: 'خبر بهزیستی', photos: [{ media_id: m.id, caption: '' }],
  }), 400, 'unknown_media'));
});

test('oversized or disguised uploads: clear Persian errors, nothing changed', async () => {
  const tamin = ids.agencies.tamin.id;
  const before = {
    media: (await admin.get(`/api/v1/media?agency_id=${tamin}`)).json.total,
    audit: (await admin.get('/api/v1/audit?per_page=1')).json.total,
    files: mediaFiles(),
  };
  const png = makePng(400, 300);
  const cases = [
    ['an HTML page sent as a JPEG', Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'), 'image/jpeg', 415, 'unsupported_image'],
    ['a ZIP archive sent as a PNG', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'), Buffer.alloc(300, 7)]), 'image/png', 415, 'unsupported_image'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml', 415, 'unsupported_image'],
    ['JPEG magic bytes before HTML', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html>not an image</html>')]), 'image/jpeg', 400, 'corrupt_image'],
    ['a truncated PNG', png.subarray(0, Math.floor(png.length / 2)), 'image/png', 400, 'corrupt_image'],
    ['a decompression bomb (50000×50000 header)', pngBombHeader(50000, 50000), 'image/png', 400, 'image_dimensions'],
    ['an empty body', Buffer.alloc(0), 'image/png', 400, 'empty_image'],
    ['a real PNG sent as text/plain', png, 'text/plain', 415, 'unsupported_media_type'],
    ['10.5 MiB', Buffer.concat([png, Buffer.alloc(10.5 * 1024 * 1024 - png.length)]), 'image/png', 413, 'image_too_large'],
    ['13 MiB (over the route\'s body limit)', Buffer.alloc(13 * 1024 * 1024, 1), 'image/png', 413, 'payload_too_large'],
  ];
  for (const [what, bytes, type, status, code] of cases) {
    const err = assertError(await upload(editor, tamin, bytes, { type }), status, code, what);
    assert.ok(err.message.length > 10, what);
  }
  await writesNothing(admin, async () => assertError(await editor.request('POST', '/api/v1/media', png, { 'content-type': 'image/png' }), 400, 'required'));
  // Another route keeps the default 1 MiB limit.
  await writesNothing(admin, async () => assertError(await editor.request('POST', '/api/v1/releases', 'x'.repeat(2 * 1024 * 1024)), 413, 'payload_too_large'));

  assert.equal((await admin.get(`/api/v1/media?agency_id=${tamin}`)).json.total, before.media, 'no media rows');
  assert.equal((await admin.get('/api/v1/audit?per_page=1')).json.total, before.audit, 'no audit entries');
  assert.equal(mediaFiles(), before.files, 'no files written');
  await healthy(srv);
  // And a good upload still works afterwards.
  assertStatus(await upload(editor, tamin, makePng(120, 90)), 201);
});

// Memory, measured on a server of its own: ASan's quarantine keeps freed blocks resident (256 MB
// by default), which would bury what Pol itself holds; a small one keeps use-after-free checks on.
// The peak is measured from a reset (clear_refs 5 resets VmHWM to the current RSS), so what an
// earlier upload used cannot hide what this one does.
describe('decoding memory', () => {
  let lean, leanEditor, agency;
  before(async () => {
    lean = await startServer({ env: { ASAN_OPTIONS: `${process.env.ASAN_OPTIONS || ''}:quarantine_size_mb=8` } });
    const a = await loginAs(lean, 'admin');
    agency = (await demoIds(a)).agencies.tamin.id;
    leanEditor = await loginAs(lean, 'tamin-editor');
    assertStatus(await upload(leanEditor, agency, makePng(800, 600)), 201, 'a first upload starts libvips');
  });
  after(async () => {
    await lean?.stop();
    if (lean) assertNoSanitizerReports(lean);
  });
  const MiB = 1024 * 1024;
  function procStatus(field) {
    const status = readFileSync(`/proc/${lean.child.pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]) * 1024;
  }
  async function peakGrowth(fn) {
    writeFileSync(`/proc/${lean.child.pid}/clear_refs`, '5');
    const start = procStatus('VmRSS');
    const result = await fn();
    return { result, growth: procStatus('VmHWM') - start };
  }

  test('a 300 KB PNG that decodes to 320 MB is refused from its header; the server stays small', async (t) => {
    // 6324×6324 = 40.0 MP (within the pixel cap), 16-bit RGBA: 8 bytes a pixel, 320 MB decoded.
    const bomb = await makeFlatPng(6324, 6324, { bitDepth: 16, colorType: 6 });
    assert.ok(bomb.length < 400 * 1024, `the file is small (${bomb.length} bytes)`);
    const before = (await leanEditor.get(`/api/v1/media?agency_id=${agency}`)).json.total;
    const { result: r, growth } = await peakGrowth(() => upload(leanEditor, agency, bomb));
    t.diagnostic(`peak growth ${Math.round(growth / MiB)} MiB`);
    assert.ok(growth < 32 * MiB, `peak memory grew by ${Math.round(growth / MiB)} MiB (bound 32 MiB); got ${r.status}`);
    const err = assertError(r, 400, 'image_too_heavy', 'decoded size over the cap');
    assert.match(err.message, /مگابایت/);
    assert.equal((await leanEditor.get(`/api/v1/media?agency_id=${agency}`)).json.total, before, 'no media row');
    await healthy(lean);
  });

  test('a heavy image within the caps is streamed: no full decoded copy, variants shrunk', async (t) => {
    // 3000×3000 16-bit RGBA: 72 MB decoded (under the cap). The old pipeline held it whole, twice (72 + 36 MB).
    const heavy = await makeFlatPng(3000, 3000, { bitDepth: 16, colorType: 6 });
    const { result: r, growth } = await peakGrowth(() => upload(leanEditor, agency, heavy));
    assertStatus(r, 201, 'heavy but allowed');
    assert.equal(r.json.width, 3000);
    assert.equal(r.json.height, 3000);
    t.diagnostic(`peak growth ${Math.round(growth / MiB)} MiB`);
    assert.ok(growth < 64 * MiB, `peak memory grew by ${Math.round(growth / MiB)} MiB (bound 64 MiB)`);
    const large = await fetch(lean.url(r.json.urls.large), { headers: { cookie: leanEditor.cookie } });
    assert.equal(large.status, 200);
    assert.ok(isJpeg(Buffer.from(await large.arrayBuffer())));
  });
});
