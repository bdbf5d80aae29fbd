// Fan-out benchmark (issue 5): one release to 5 messenger channels (fake Bot API) and a press list of
// 2,000 addresses (a real SMTP server on loopback, aiosmtpd), against a real `pol serve`.
// Prints the publish request's latency, the time until every delivery is sent, and deliveries/s, and a
// last RESULT line with the medians (bench/store_bench.sh's table).
//   POL_BIN=build-rel/src/cli/pol node bench/distribution/fanout.mjs [--contacts 2000] [--runs 3] [--nodes 2]
// With POL_TEST_PG_URL (a PostgreSQL cluster's admin URL) the server's database is a new one on that
// cluster (tests/e2e/harness.mjs); --nodes 2 starts a second `pol serve` on the same data folder and
// database, whose workers share the deliveries (the publish request goes to the first).
import { startServer } from '../../tests/e2e/harness.mjs';
import { loginAs, demoIds } from '../../tests/e2e/lib/common.mjs';
import { startFakeBotApi } from '../../tests/e2e/peers/fake_bot_api.mjs';
import { startSmtp } from '../../tests/e2e/peers/smtp.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const CONTACTS = arg('contacts', 2000);
const RUNS = arg('runs', 3);
const NODES = arg('nodes', 1);
const TOKEN = '123456:BenchTokenBenchTokenBenchTok';
const chats = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`@bench_chan${i}`, { id: -1002000000000 - i, title: `ch${i}`, username: `bench_chan${i}` }]));

const fake = await startFakeBotApi({ tokens: [TOKEN], chats });
const smtp = await startSmtp();
const srv = await startServer({ env: { POL_LOG_LEVEL: 'error' } });
const others = [];
for (let i = 1; i < NODES; i++) others.push(await startServer({ dataDir: srv.dataDir, env: { POL_LOG_LEVEL: 'error' } }));
const publishMsAll = [], rateAll = [];
try {
  const manager = await loginAs(srv, 'tamin-manager');
  const admin = await loginAs(srv, 'admin');  // a Bot API other than Telegram's own: the system admin's call
  const ids = await demoIds(admin);
  const agency_id = ids.agencies.tamin.id;
  const must = (res, what) => {
    if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${res.text}`);
    return res.json;
  };
  for (const chat of Object.keys(chats)) {
    must(await admin.post('/api/v1/channels', { agency_id, kind: 'telegram', name: chat, config: { chat_id: chat, base_url: fake.base }, secret: TOKEN }), 'telegram channel');
  }
  const list = (await manager.post('/api/v1/press-lists', { agency_id, name: 'bench' })).json;
  const contacts = Array.from({ length: CONTACTS }, (_, i) => ({ email: `r${i}@bench.example.ir`, name: `خبرنگار ${i}` }));
  const imp = await manager.post(`/api/v1/press-lists/${list.id}/contacts`, { contacts });
  if (imp.json.added !== CONTACTS) throw new Error(`import: ${imp.text}`);
  must(await admin.post('/api/v1/channels', { agency_id, kind: 'email', name: 'bench mail', secret: smtp.password,
    config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user, from_address: 'pr@tamin.example.ir' } }), 'e-mail channel');
  const total = 5 + CONTACTS;
  for (let run = 1; run <= RUNS; run++) {
    let r = (await manager.post('/api/v1/releases', { agency_id, title: `خبر محک ${run} ${Date.now()}`, lead: 'لید خبر محک.', body_html: '<p>متن خبر محک برای سنجش سرعت پخش. جملهٔ دوم.</p>' })).json;
    r = (await manager.post(`/api/v1/releases/${r.id}/submit`, { version: r.version })).json;
    const t0 = performance.now();
    const pub = await manager.post(`/api/v1/releases/${r.id}/approve`, { version: r.version });
    const publishMs = performance.now() - t0;
    if (pub.json.status !== 'published') throw new Error(pub.text);
    let doneMs;
    for (const deadline = Date.now() + 300000; ;) {
      if (Date.now() > deadline) throw new Error('deliveries not all sent within 5 minutes');
      const d = (await manager.get(`/api/v1/releases/${r.id}/deliveries`)).json;
      const sent = d.channels.filter((c) => c.kind !== 'site').reduce((n, c) => n + c.sent, 0);
      const failed = d.channels.reduce((n, c) => n + c.failed, 0);
      if (failed) throw new Error(`failed deliveries: ${JSON.stringify(d.channels)}`);
      if (sent === total) { doneMs = performance.now() - t0; break; }
      await new Promise((res) => setTimeout(res, 20));
    }
    publishMsAll.push(publishMs);
    rateAll.push(total / (doneMs / 1000));
    console.log(`run ${run}: publish request ${publishMs.toFixed(1)} ms; ${total} deliveries sent in ${(doneMs / 1000).toFixed(2)} s = ${Math.round(total / (doneMs / 1000))} deliveries/s`);
  }
  console.log(`fake Bot API received ${fake.messages.length}, SMTP server ${smtp.received().length}`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`RESULT nodes=${NODES} deliveries=${total} publish_ms=${median(publishMsAll).toFixed(1)} deliveries_per_s=${Math.round(median(rateAll))}`);
} finally {
  for (const o of others) await o.stop();
  await srv.stop();
  await smtp.stop();
  await fake.close();
}
