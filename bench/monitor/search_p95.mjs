// Monitoring search latency through the API (issue 14, "Speed"): a fixed query set (one query a line;
// bench/store_bench.sh makes it with `seed_media_items --queries 210`), one query at a time, as the council's admin (GET
// /api/v1/monitor/items?q=…&per_page=50: the capped count, the best 50 and their snippets), alternating
// between the given nodes. The first ten queries warm the caches and are not counted.
// Prints one RESULT line (p50/p95/p99 in ms, mean matches, errors), like the wrk scripts.
//   node bench/monitor/search_p95.mjs --ports 8080[,8081] --queries FILE [--login council] [--each]
// --each also prints every counted query's time and match count (tab-separated), slowest first.
import { readFileSync } from 'node:fs';
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const ports = arg('ports', '').split(',').filter(Boolean);
if (!ports.length) throw new Error('--ports is required');
const queries = readFileSync(arg('queries', ''), 'utf8').split('\n').filter(Boolean);
if (queries.length <= 10) throw new Error('--queries names a file of more than ten queries');
const login = arg('login', 'council');
const WARM = 10;

// Sessions live in the database: one login serves every node.
const res = await fetch(`http://127.0.0.1:${ports[0]}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login, password: 'demo1405' }),
});
const cookie = (res.headers.get('set-cookie') || '').match(/pol_session=[^;]*/)?.[0];
if (!res.ok || !cookie) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);

const ms = [];
const each = [];
let matches = 0, errors = 0;
for (let i = 0; i < queries.length; i++) {
  const port = ports[i % ports.length];
  const url = `http://127.0.0.1:${port}/api/v1/monitor/items?per_page=50&q=${encodeURIComponent(queries[i])}`;
  const t0 = performance.now();
  const r = await fetch(url, { headers: { cookie, accept: 'application/json' } });
  const body = await r.text();
  const took = performance.now() - t0;
  if (!r.ok) {
    errors++;
    if (errors === 1) console.error(`query «${queries[i]}»: HTTP ${r.status} ${body.slice(0, 300)}`);
    continue;
  }
  if (i < WARM) continue;
  ms.push(took);
  const total = JSON.parse(body).total || 0;
  matches += total;
  each.push([took, total, queries[i]]);
}
if (process.argv.includes('--each')) {
  for (const [took, total, q] of each.sort((a, b) => b[0] - a[0])) console.log(`${took.toFixed(1)}\t${total}\t${q}`);
}
ms.sort((a, b) => a - b);
const at = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] : NaN);
console.log(`RESULT queries=${ms.length} p50_ms=${at(0.5).toFixed(1)} p95_ms=${at(0.95).toFixed(1)} ` +
  `p99_ms=${at(0.99).toFixed(1)} max_ms=${(ms.at(-1) ?? NaN).toFixed(1)} mean_matches=${ms.length ? Math.round(matches / ms.length) : 0} errors=${errors}`);
