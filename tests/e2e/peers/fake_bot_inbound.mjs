// A protocol-faithful fake of the Telegram Bot API (also Bale's) for inbound bots, run as a separate
// process: `node fake_bot_inbound.mjs` prints "PORT <n>" once listening on 127.0.0.1.
//
// Bot API (POST /bot<token>/<method>, JSON body; answers {"ok":true,"result":…} or
// {"ok":false,"error_code":…,"description":…,"parameters":{"retry_after":N}}):
//   getMe; getUpdates {offset, timeout, limit}: updates with update_id >= offset, and every update below
//   offset is confirmed (forgotten), as Telegram does; waits up to `timeout` s for one; 409 while a
//   webhook is set. setWebhook {url, secret_token} / deleteWebhook / getWebhookInfo (the fake then POSTs
//   updates to the URL with X-Telegram-Bot-Api-Secret-Token). sendMessage {chat_id, text, reply_markup}
//   (reply keyboards, inline keyboards, request_contact are recorded as sent), sendPhoto,
//   answerCallbackQuery, editMessageReplyMarkup; getFile {file_id} → {file_path, file_size}, and the
//   download at GET /file/bot<token>/<file_path>. Token "0:bad" → 401 Unauthorized. A blocked chat →
//   403 "Forbidden: bot was blocked by the user". failNext(n, retry_after) → the next n sends get 429.
// Control (for the test): POST /control/update {token, update} queues an update (update_id assigned when
// absent) or delivers it to the webhook; POST /control/file {token, file_id, base64}; POST /control/block
// {token, chat_id}; POST /control/fail {token, count, retry_after, chat_id?} (only that chat's sends when given); GET /control/sent?token=&chat_id=;
// GET /control/state?token= → {pending, next_update_id, get_updates_calls, webhook}.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serve() {
  const bots = new Map();
  const bot = (token) => {
    if (!bots.has(token)) {
      bots.set(token, { updates: [], nextId: 1000, waiters: [], sent: [], files: new Map(), blocked: new Set(),
        fail: { count: 0, retry_after: 1 }, webhook: null, getUpdatesCalls: 0, messageId: 1 });
    }
    return bots.get(token);
  };
  const answer = (res, status, obj) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(obj));
  };
  const ok = (res, result) => answer(res, 200, { ok: true, result });
  const err = (res, code, description, parameters) =>
    answer(res, code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });

  async function deliverWebhook(b, update) {
    const r = await fetch(b.webhook.url, { method: 'POST', headers: { 'content-type': 'application/json',
      ...(b.webhook.secret_token ? { 'x-telegram-bot-api-secret-token': b.webhook.secret_token } : {}) },
    body: JSON.stringify(update) });
    return r.status;
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const raw = await readBody(req);
    let body = {};
    try { body = raw.length ? JSON.parse(raw.toString('utf8')) : {}; } catch { return err(res, 400, 'Bad Request: invalid JSON'); }

    if (url.pathname.startsWith('/control/')) {
      const what = url.pathname.slice('/control/'.length);
      const b = bot(body.token || url.searchParams.get('token') || '');
      if (what === 'update') {
        const u = { ...body.update };
        if (u.update_id === undefined) u.update_id = b.nextId++;
        else b.nextId = Math.max(b.nextId, u.update_id + 1);
        if (b.webhook) return answer(res, 200, { update_id: u.update_id, webhook_status: await deliverWebhook(b, u) });
        b.updates.push(u);
        for (const w of b.waiters.splice(0)) w();
        return answer(res, 200, { update_id: u.update_id });
      }
      if (what === 'file') {
        b.files.set(body.file_id, Buffer.from(body.base64, 'base64'));
        return answer(res, 200, {});
      }
      if (what === 'block') { b.blocked.add(String(body.chat_id)); return answer(res, 200, {}); }
      if (what === 'fail') { b.fail = { count: body.count, retry_after: body.retry_after ?? 1, chat_id: body.chat_id === undefined ? null : String(body.chat_id) }; return answer(res, 200, {}); }
      if (what === 'sent') {
        const chat = url.searchParams.get('chat_id');
        return answer(res, 200, b.sent.filter((m) => !chat || String(m.body.chat_id) === chat));
      }
      if (what === 'state') {
        return answer(res, 200, { pending: b.updates.map((u) => u.update_id), next_update_id: b.nextId,
          get_updates_calls: b.getUpdatesCalls, webhook: b.webhook });
      }
      return answer(res, 404, {});
    }

    let m = url.pathname.match(/^\/file\/bot([^/]+)\/(.+)$/);
    if (m && req.method === 'GET') {
      const b = bot(m[1]);
      const data = b.files.get(m[2].replace(/^photos\//, ''));
      if (!data) { res.writeHead(404); return res.end('Not Found'); }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
      return res.end(data);
    }
    m = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (!m || req.method !== 'POST') return err(res, 404, 'Not Found');
    const [, token, method] = m;
    if (token === '0:bad') return err(res, 401, 'Unauthorized');
    const b = bot(token);
    switch (method) {
      case 'getMe':
        return ok(res, { id: Number(token.split(':')[0]) || 1, is_bot: true, first_name: 'Pol test bot', username: 'pol_test_bot' });
      case 'getUpdates': {
        if (b.webhook) return err(res, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        b.getUpdatesCalls++;
        const offset = body.offset ?? 0;
        if (offset > 0) b.updates = b.updates.filter((u) => u.update_id >= offset);
        const limit = Math.min(body.limit ?? 100, 100);
        const ready = () => b.updates.filter((u) => u.update_id >= offset).slice(0, limit);
        if (!ready().length && body.timeout > 0) {
          let closed = false;
          res.on('close', () => { closed = true; });
          await new Promise((resolve) => {
            const t = setTimeout(resolve, body.timeout * 1000);
            b.waiters.push(() => { clearTimeout(t); resolve(); });
          });
          if (closed) return;
        }
        return ok(res, ready());
      }
      case 'setWebhook':
        b.webhook = { url: body.url, secret_token: body.secret_token || '' };
        b.updates = [];
        return ok(res, true);
      case 'deleteWebhook':
        b.webhook = null;
        return ok(res, true);
      case 'getWebhookInfo':
        return ok(res, { url: b.webhook?.url || '', has_custom_certificate: false, pending_update_count: b.updates.length });
      case 'getFile': {
        const data = b.files.get(body.file_id);
        if (!data) return err(res, 400, 'Bad Request: invalid file_id');
        return ok(res, { file_id: body.file_id, file_unique_id: body.file_id, file_size: data.length, file_path: `photos/${body.file_id}` });
      }
      case 'answerCallbackQuery':
        b.sent.push({ method, body });
        return ok(res, true);
      case 'sendMessage': case 'sendPhoto': case 'editMessageReplyMarkup': {
        if (b.fail.count > 0 && (b.fail.chat_id === null || b.fail.chat_id === undefined || b.fail.chat_id === String(body.chat_id))) {
          b.fail.count--;
          b.sent.push({ method: 'refused-429', body });
          return err(res, 429, `Too Many Requests: retry after ${b.fail.retry_after}`, { retry_after: b.fail.retry_after });
        }
        if (b.blocked.has(String(body.chat_id))) return err(res, 403, 'Forbidden: bot was blocked by the user');
        if (method === 'sendMessage' && (typeof body.text !== 'string' || !body.text.length)) return err(res, 400, 'Bad Request: message text is empty');
        if (method === 'sendMessage' && body.text.length > 4096) return err(res, 400, 'Bad Request: message is too long');
        b.sent.push({ method, body, at: Date.now() });
        return ok(res, { message_id: b.messageId++, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: 'private' }, text: body.text });
      }
      default:
        return err(res, 404, 'Not Found: method not found');
    }
  });
  server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
    process.stdout.write(`PORT ${server.address().port}\n`);
  });
}

// For tests: starts the fake as a child process and gives a small client for its control endpoints.
export async function startFakeBotInbound() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/PORT (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error('fake bot API exited')));
  });
  const base = `http://127.0.0.1:${port}`;
  const call = async (p, body) => {
    const r = await fetch(base + p, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return r.json();
  };
  return {
    base,
    update: (token, update) => call('/control/update', { token, update }),
    file: (token, file_id, bytes) => call('/control/file', { token, file_id, base64: Buffer.from(bytes).toString('base64') }),
    block: (token, chat_id) => call('/control/block', { token, chat_id }),
    fail: (token, count, retry_after, chat_id) => call('/control/fail', { token, count, retry_after, chat_id }),
    sent: (token, chat_id) => call(`/control/sent?token=${encodeURIComponent(token)}${chat_id ? `&chat_id=${chat_id}` : ''}`),
    state: (token) => call(`/control/state?token=${encodeURIComponent(token)}`),
    stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve();
