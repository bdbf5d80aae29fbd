// A protocol-faithful local news site for the monitoring tests: feeds (RSS 2.0, Atom, JSON Feed), a
// listing page without a feed, article pages built from the Fars sample (../shared/data/news/
// fars-news-sample.jsonl), gzip when asked, conditional GET (ETag / Last-Modified → 304), robots.txt —
// and the broken sources: malformed XML, windows-1256 pages, a gzip bomb, a redirect loop, a server that
// stalls, and a feed robots.txt forbids.
//
//   const site = await startNewsServer();   // site.base, site.stats, await site.close()
//   node peers/news-server.mjs [port]        // standalone, for poking at it by hand
import http from 'node:http';
import zlib from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.POL_SHARED_DIR || path.resolve(here, '../../../../shared');
export const sample = readFileSync(path.join(shared, 'data/news/fars-news-sample.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l));
export const foundingArticle = readFileSync(path.join(shared, 'data/news/council-founding-article.txt'), 'utf8');

// windows-1256 encoder: the inverse of the WHATWG decoder's table (unencodable characters become '?').
const cp1256 = new Map();
{
  const dec = new TextDecoder('windows-1256');
  for (let b = 0; b < 256; b++) cp1256.set(dec.decode(Uint8Array.of(b)), b);
  cp1256.set('\u06CC', cp1256.get('\u064A'));  // Persian yeh → Arabic yeh, as legacy sites do
}
export function encode1256(s) {
  const out = [];
  for (const ch of s) out.push(cp1256.has(ch) ? cp1256.get(ch) : 0x3f);
  return Buffer.from(out);
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const BASE_TIME = Date.UTC(2025, 5, 10, 6, 0, 0);  // 10 June 2025
const pubDate = (i) => new Date(BASE_TIME + i * 3600000);

export function articleHtml(a, i, { charset = 'utf-8', extraBody = '' } = {}) {
  const paras = a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
  return `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="${charset}">
<title>${esc(a.title)} | سایت خبری نمونه</title>
<meta property="og:title" content="${esc(a.title)}">
<meta property="article:published_time" content="${pubDate(i).toISOString()}">
<meta name="author" content="خبرنگار نمونه">
</head><body>
<nav><a href="/">صفحه نخست</a> <a href="/tag/economy">اقتصاد</a></nav>
<article><h1>${esc(a.title)}</h1><div class="lead">${esc(a.abstract)}</div>
<div class="body">${paras}${extraBody}</div></article>
<footer>همه حقوق محفوظ است.</footer></body></html>`;
}

function rss(title, items, { encoding = 'UTF-8' } = {}) {
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>http://example/</link>
${items.map((it) => `<item><title>${esc(it.title)}</title><link>${it.link}</link><guid>${it.link}</guid>
<description>${esc(it.description)}</description><pubDate>${it.date.toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
}

export async function startNewsServer({ port = 0 } = {}) {
  const stats = { requests: [], notModified: 0, robots: 0 };
  const bomb = zlib.gzipSync(Buffer.alloc(64 << 20));  // 64 MB of zeros in ~64 KB
  const etag = '"rss-v1"';
  const lastModified = pubDate(0).toUTCString();
  const stalled = new Set();
  let base = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    stats.requests.push(p);
    const send = (status, type, body, headers = {}) => {
      let buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
      const h = { 'content-type': type, ...headers };
      if (/\bgzip\b/.test(req.headers['accept-encoding'] || '') && !h['content-encoding'] && buf.length > 512) {
        buf = zlib.gzipSync(buf);
        h['content-encoding'] = 'gzip';
      }
      h['content-length'] = buf.length;
      res.writeHead(status, h);
      res.end(buf);
    };
    const news = (i) => `${base}/good/news/${i}`;
    const item = (i) => ({ title: sample[i].title, link: news(i), description: sample[i].abstract, date: pubDate(i) });
    const range = (a, b) => Array.from({ length: b - a }, (_, k) => a + k);

    if (p === '/robots.txt') {
      stats.robots++;
      return send(200, 'text/plain', 'User-agent: *\nDisallow: /private/\n');
    }
    // Good sources.
    if (p === '/good/rss.xml') {
      if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
        stats.notModified++;
        res.writeHead(304, { etag, 'last-modified': lastModified });
        return res.end();
      }
      return send(200, 'application/rss+xml; charset=utf-8', rss('خبرگزاری نمونه', range(0, 20).map(item)),
        { etag, 'last-modified': lastModified });
    }
    if (p === '/atom/feed.xml') {  // overlaps the RSS feed on 15..19: stored once
      const entries = range(15, 30).map((i) => `<entry><title>${esc(sample[i].title)}</title><id>urn:fars:${i}</id>
<link rel="alternate" href="${news(i)}?utm_source=atom"/><updated>${pubDate(i).toISOString()}</updated>
<summary>${esc(sample[i].abstract)}</summary></entry>`).join('\n');
      return send(200, 'application/atom+xml', `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>اتم نمونه</title>${entries}</feed>`);
    }
    if (p === '/json/feed.json') {  // full text in the feed: no page fetches
      return send(200, 'application/feed+json', JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: 'جی‌سان‌فید نمونه',
        items: range(30, 40).map((i) => ({ id: String(i), url: `${base}/json/news/${i}`, title: sample[i].title,
          summary: sample[i].abstract, content_html: sample[i].paragraphs.map((x) => `<p>${esc(x)}</p>`).join(''),
          date_published: pubDate(i).toISOString() })) }));
    }
    if (p === '/listing/') {  // a site without a feed
      const links = range(40, 50).map((i) => `<li><a href="/good/news/${i}">${esc(sample[i].title)}</a></li>`).join('');
      return send(200, 'text/html; charset=utf-8', `<!doctype html><html><head><meta charset="utf-8"><title>فهرست</title></head>
<body><nav><a href="/about">درباره</a></nav><ul class="news-list">${links}<li><a href="/good/reuse">بازنشر</a></li></ul>
<a href="/tag/x">برچسب</a></body></html>`);
    }
    let m = p.match(/^\/good\/news\/(\d+)$/);
    if (m && sample[+m[1]]) return send(200, 'text/html; charset=utf-8', articleHtml(sample[+m[1]], +m[1]));
    if (p === '/good/reuse') {  // the council's founding release, reprinted with the outlet's boilerplate
      const lines = foundingArticle.split('\n').map((l) => l.trim()).filter(Boolean);
      const a = { title: 'تشکیل شورای هماهنگی دستگاه‌های وزارت کار در قزوین', abstract: 'به گزارش خبرگزاری نمونه، ' + lines[0],
        paragraphs: [...lines.slice(1), 'انتهای پیام/'] };
      return send(200, 'text/html; charset=utf-8', articleHtml(a, 99));
    }
    // windows-1256: the feed and its pages.
    if (p === '/cp1256/rss.xml') {
      const body = rss('خبرگزاری قدیمی', range(50, 55).map((i) => ({ ...item(i), link: `${base}/cp1256/news/${i}` })),
        { encoding: 'windows-1256' });
      return send(200, 'application/rss+xml', encode1256(body));
    }
    m = p.match(/^\/cp1256\/news\/(\d+)$/);
    if (m && sample[+m[1]]) return send(200, 'text/html', encode1256(articleHtml(sample[+m[1]], +m[1], { charset: 'windows-1256' })));
    // Broken sources.
    if (p === '/broken/malformed.xml') {
      return send(200, 'application/rss+xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>خراب</title>
<item><title>${esc(sample[0].title)}</title><link>${news(0)}</link></item><item><title>نیمه‌کاره`);
    }
    if (p === '/broken/bomb.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': bomb.length });
      return res.end(bomb);
    }
    if (p === '/broken/loop') { res.writeHead(302, { location: '/broken/loop2' }); return res.end(); }
    if (p === '/broken/loop2') { res.writeHead(302, { location: '/broken/loop' }); return res.end(); }
    if (p === '/broken/stall') {  // headers and a few bytes, then nothing
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss><channel>');
      stalled.add(res);
      return;
    }
    if (p === '/private/rss.xml') return send(200, 'application/rss+xml', rss('ممنوع', range(0, 2).map(item)));
    send(404, 'text/plain; charset=utf-8', 'پیدا نشد');
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    stats,
    url: (x) => base + x,
    async close() {
      for (const r of stalled) r.destroy();
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startNewsServer({ port: +(process.argv[2] || 0) });
  console.log(`news server on ${s.base}`);
}
