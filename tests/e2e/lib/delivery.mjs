// The set-up the distribution e2e files share (alert_delivery, bulletin_delivery, release_update,
// failed_deliveries): waiting for the durable queue, publishing a release through the workflow, a messenger
// channel body off the official host, and the failed lists (release deliveries and the other kinds).
import assert from 'node:assert/strict';
import { startServer } from '../harness.mjs';
import { startFakeBotApi } from '../peers/fake_bot_api.mjs';
import { startSmtp } from '../peers/smtp.mjs';
import { assertStatus, assertNoSanitizerReports, demoIds, loginAs, sleep, until } from './common.mjs';

export const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwx-yz';
export const WRONG_TOKEN = '999999:WrongTokenWrongTokenWrong';
export const EITAA_TOKEN = 'eitaa-token-0001';

// The outside world of a delivery test, filled into `world` as it starts (so stopDeliveryWorld stops what
// did start, even when a step failed): the SMTP peer, the fake Bot API with `chats` (Eitaa's API too), a
// server whose public links are the portal's, the admin and `users` signed in (world.sessions) and the
// demo's ids.
export async function startDeliveryWorld(world, { chats, users = [] }) {
  world.smtp = await startSmtp();
  world.fake = await startFakeBotApi({ tokens: [TOKEN], chats, eitaaTokens: [EITAA_TOKEN] });
  world.srv = await startServer({ env: { POL_PUBLIC_URL: 'https://news.qazvin.example.ir' } });
  world.sessions = {};
  for (const u of ['admin', ...users]) world.sessions[u] = await loginAs(world.srv, u);
  world.ids = await demoIds(world.sessions.admin);
}

// Stops the server and the peers, then fails on a sanitizer report in the server's log.
export async function stopDeliveryWorld(world) {
  await world.srv?.stop();
  await world.fake?.close();
  await world.smtp?.stop();
  if (world.srv) assertNoSanitizerReports(world.srv);
}

export { sleep, until };

// A release written, submitted and approved by `client` (a PR manager): published.
export async function publish(client, agency_id, title, extra = {}) {
  let r = assertStatus(await client.post('/api/v1/releases',
    { agency_id, title, lead: 'لید خبر.', body_html: '<p>متن خبر.</p>', ...extra }), 201).json;
  r = assertStatus(await client.post(`/api/v1/releases/${r.id}/submit`, { version: r.version }), 200).json;
  r = assertStatus(await client.post(`/api/v1/releases/${r.id}/approve`, { version: r.version }), 200).json;
  assert.equal(r.status, 'published');
  return r;
}

// A messenger channel's body on the fake Bot API (off the official host: a system admin creates it).
export const botChannel = (owner, kind, chat, base, secret = TOKEN, extra = {}) =>
  ({ ...owner, kind, name: `${kind} ${chat}`, config: { chat_id: chat, base_url: base, ...extra }, secret });

// The failed bulletin/alert/correction rows `client` sees (GET /api/v1/outbox/failed) matching `pred`,
// waited for.
export async function failedOutbox(client, what, pred, query = '') {
  return until(what, async () => {
    const list = assertStatus(await client.get(`/api/v1/outbox/failed?per_page=200${query}`), 200).json;
    const rows = list.items.filter(pred);
    return rows.length ? { list, rows } : null;
  });
}
