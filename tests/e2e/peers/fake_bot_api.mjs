// A local fake of the outside world's messenger APIs, faithful to the documented requests and errors:
//   Bot API (Telegram, Bale):  POST /bot<token>/<method>   (sendMessage, sendPhoto, getMe; sendDocument as
//                              multipart/form-data with the file in `document`), JSON, form or multipart body
//   Eitaa (eitaayar):          POST /api/<token>/sendMessage (form: chat_id, text), /sendFile (multipart:
//                              chat_id, caption, title, file)
//   Webhook receiver:          POST /hook/<name>             (records headers and body, answers 200)
// Bot API rules kept: unknown token → 401 Unauthorized; unknown chat → 400 "Bad Request: chat not found";
// text over 4,096 / caption over 1,024 UTF-16 units after entity parsing → 400 "message is too long" /
// "message caption is too long"; an unsupported HTML tag → 400 "can't parse entities". Faults on demand:
// failNext(n, {status, retry_after}) answers the next n sends with 429 (with parameters.retry_after) or
// 5xx; down()/up() close and reopen the listening socket (connection refused meanwhile); hold() keeps
// requests unanswered and unprocessed until release() — a request whose client went away is never
// processed, as with a real server that had not read it yet.
// Documents: an empty or missing file → 400 "Bad Request: there is no document in the request"; over 50 MB
// (Telegram's upload limit) → 413 "Request Entity Too Large"; a caption over 1,024 → 400 "message caption is
// too long". A recorded document message carries {file_name, mime_type, data (a Buffer), caption}.
// Corrections and withdrawals: editMessageText / editMessageCaption / deleteMessage on a message this fake
// accepted in that chat — unknown or deleted → 400 "Bad Request: message to edit not found" / "message to
// delete not found"; the same content again → 400 "Bad Request: message is not modified: …"; editing the
// text of a photo/document message → 400 "Bad Request: there is no text in the message to edit", the caption
// of a text message → 400 "Bad Request: there is no caption in the message to edit". An edit updates the
// recorded message (text/caption, `edits` counted, `edited_at`); a deletion marks it `deleted`.
// Every accepted message is recorded in `messages` (what the channel would show).
import http from 'node:http';

const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre',
  'tg-spoiler', 'span', 'blockquote']);

function utf16Len(s) { return s.length; }  // JS strings are UTF-16

// Bot API HTML parsing: the visible text, or an error description.
export function parseHtml(s) {
  const re = /<\/?([a-zA-Z-]+)[^>]*>/g;
  let m;
  while ((m = re.exec(s))) {
    if (!ALLOWED_TAGS.has(m[1].toLowerCase())) return { error: `Bad Request: can't parse entities: Unsupported start tag "${m[1]}" at byte offset ${m.index}` };
  }
  const text = s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return { text };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// multipart/form-data (RFC 7578): fields as strings, files as {filename, type, data: Buffer}; null when
// malformed. The filename's %22/%0D/%0A (how a quote and line breaks travel) are decoded.
export function parseMultipart(contentType, buf) {
  const m = /boundary=("?)([^";]+)\1/.exec(contentType || '');
  if (!m) return null;
  const delim = Buffer.from(`--${m[2]}`);
  const out = {};
  let pos = buf.indexOf(delim);
  if (pos < 0) return null;
  for (;;) {
    pos += delim.length;
    if (buf.subarray(pos, pos + 2).toString() === '--') return out;
    pos += 2;
    const end = buf.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), pos);
    if (end < 0) return null;
    const part = buf.subarray(pos, end);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return null;
    const headers = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name === undefined) return null;
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (filename !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] || 'application/octet-stream';
      out[name] = { filename: filename.replace(/%22/g, '"').replace(/%0D/g, '\r').replace(/%0A/g, '\n'), type, data };
    } else {
      out[name] = data.toString('utf8');
    }
    pos = end + 2;
  }
}

function parseParams(req, raw) {
  const type = (req.headers['content-type'] || '').split(';')[0].trim();
  if (type === 'multipart/form-data') return parseMultipart(req.headers['content-type'], raw);
  const body = raw.toString('utf8');
  if (type === 'application/json') { try { return JSON.parse(body); } catch { return null; } }
  return Object.fromEntries(new URLSearchParams(body));
}

export async function startFakeBotApi({ tokens = [], chats = {}, eitaaTokens = [] } = {}) {
  // chats: { '@name': { id: -100…, title, username } } — chat ids accepted as '@name' or the numeric id.
  const state = {
    messages: [], hooks: [], requests: 0, failures: [], holding: false, held: [], nextId: 1000,
  };
  const chatByKey = new Map();
  for (const [key, c] of Object.entries(chats)) { chatByKey.set(key, c); chatByKey.set(String(c.id), c); }
  const json = (res, status, obj, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(obj));
  };
  const fail = (res, code, description, extra = {}) => json(res, code, { ok: false, error_code: code, description, ...extra });

  function takeFailure(res) {
    const f = state.failures[0];
    if (!f) return false;
    if (--f.count <= 0) state.failures.shift();
    if (f.status === 429) {
      fail(res, 429, `Too Many Requests: retry after ${f.retry_after}`, { parameters: { retry_after: f.retry_after } });
    } else {
      fail(res, f.status, f.status === 502 ? 'Bad Gateway' : 'Internal Server Error');
    }
    return true;
  }

  async function handle(req, res) {
    state.requests++;
    const body = await readBody(req);
    if (state.holding) {
      await new Promise((resolve) => {
        const entry = () => resolve();
        state.held.push(entry);
        res.on('close', () => {  // the client went away: no longer held
          const i = state.held.indexOf(entry);
          if (i >= 0) state.held.splice(i, 1);
          resolve();
        });
      });
      if (res.destroyed || res.writableEnded || req.socket.destroyed) return;  // the client went away: never processed
    }
    const url = new URL(req.url, 'http://x');
    let m;
    if ((m = url.pathname.match(/^\/hook\/(.+)$/)) && req.method === 'POST') {
      if (takeFailure(res)) return;
      state.hooks.push({ name: m[1], headers: req.headers, body: body.toString('utf8') });
      return json(res, 200, { received: true });
    }
    if ((m = url.pathname.match(/^\/api\/([^/]+)\/(\w+)$/))) {  // Eitaa
      const [, token, method] = m;
      if (!eitaaTokens.includes(token)) return fail(res, 401, 'Unauthorized');
      if (method !== 'sendMessage' && method !== 'sendFile') return fail(res, 404, 'Not Found');
      if (takeFailure(res)) return;
      const p = parseParams(req, body) || {};
      const chat = chatByKey.get(String(p.chat_id));
      if (!chat) return fail(res, 400, 'Bad Request: chat not found');
      if (method === 'sendFile') {
        if (!p.file || typeof p.file !== 'object' || !p.file.data.length) return fail(res, 400, 'Bad Request: file is empty');
        const message_id = state.nextId++;
        state.messages.push({ api: 'eitaa', token, chat: chat.username || String(chat.id), method, caption: p.caption || '', title: p.title || '',
          document: { file_name: p.file.filename, mime_type: p.file.type, data: p.file.data }, message_id, at: Date.now() });
        return json(res, 200, { ok: true, result: { message_id, date: Math.floor(Date.now() / 1000) } });
      }
      if (!p.text) return fail(res, 400, 'Bad Request: message text is empty');
      if (utf16Len(p.text) > 4096) return fail(res, 400, 'Bad Request: message is too long');
      const message_id = state.nextId++;
      state.messages.push({ api: 'eitaa', token, chat: chat.username || String(chat.id), method, text: p.text, message_id, at: Date.now() });
      return json(res, 200, { ok: true, result: { message_id, date: Math.floor(Date.now() / 1000) } });
    }
    if (!(m = url.pathname.match(/^\/bot([^/]+)\/(\w+)$/))) return fail(res, 404, 'Not Found');
    const [, token, method] = m;
    if (!tokens.includes(token)) return fail(res, 401, 'Unauthorized');
    if (method === 'getMe') return json(res, 200, { ok: true, result: { id: 1, is_bot: true, first_name: 'Pol', username: 'pol_bot' } });
    if (['editMessageText', 'editMessageCaption', 'deleteMessage'].includes(method)) {
      const p = parseParams(req, body);
      if (!p) return fail(res, 400, 'Bad Request: invalid JSON');
      if (takeFailure(res)) return;
      const chat = chatByKey.get(String(p.chat_id));
      if (!chat) return fail(res, 400, 'Bad Request: chat not found');
      const chatName = chat.username || String(chat.id);
      const msg = state.messages.find((x) => x.api === 'bot' && x.chat === chatName && x.message_id === Number(p.message_id) && !x.deleted);
      if (method === 'deleteMessage') {
        if (!msg) return fail(res, 400, 'Bad Request: message to delete not found');
        msg.deleted = true;
        msg.deleted_at = Date.now();
        return json(res, 200, { ok: true, result: true });
      }
      if (!msg) return fail(res, 400, 'Bad Request: message to edit not found');
      const isText = msg.method === 'sendMessage';
      if (method === 'editMessageText' && !isText) return fail(res, 400, 'Bad Request: there is no text in the message to edit');
      if (method === 'editMessageCaption' && isText) return fail(res, 400, 'Bad Request: there is no caption in the message to edit');
      const raw = method === 'editMessageText' ? (p.text || '') : (p.caption || '');
      if (method === 'editMessageText' && !raw) return fail(res, 400, 'Bad Request: message text is empty');
      const parsed = p.parse_mode === 'HTML' ? parseHtml(raw) : { text: raw };
      if (parsed.error) return fail(res, 400, parsed.error);
      if (utf16Len(parsed.text) > (isText ? 4096 : 1024)) return fail(res, 400, isText ? 'Bad Request: message is too long' : 'Bad Request: message caption is too long');
      const current = isText ? msg.text : (msg.caption ?? msg.text);
      if (current === parsed.text) return fail(res, 400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
      if (isText) { msg.text = parsed.text; msg.raw = raw; } else { msg.caption = parsed.text; if (msg.method === 'sendPhoto') msg.text = parsed.text; }
      msg.edits = (msg.edits || 0) + 1;
      msg.edited_at = Date.now();
      const result = { message_id: msg.message_id, date: Math.floor(msg.at / 1000), edit_date: Math.floor(Date.now() / 1000),
        chat: { id: chat.id, type: 'channel', title: chat.title, username: chat.username } };
      if (isText) result.text = parsed.text; else result.caption = parsed.text;
      return json(res, 200, { ok: true, result });
    }
    if (!['sendMessage', 'sendPhoto', 'sendDocument'].includes(method)) return fail(res, 404, 'Not Found');
    if (method === 'sendDocument' && body.length > 50 * 1000 * 1000) return fail(res, 413, 'Request Entity Too Large');
    const p = parseParams(req, body);
    if (!p) return fail(res, 400, 'Bad Request: invalid JSON');
    if (takeFailure(res)) return;
    const chat = chatByKey.get(String(p.chat_id));
    if (!chat) return fail(res, 400, 'Bad Request: chat not found');
    if (method === 'sendDocument') {
      const doc = p.document;
      if (!doc || typeof doc !== 'object' || !doc.data.length) return fail(res, 400, 'Bad Request: there is no document in the request');
      const dparsed = p.parse_mode === 'HTML' ? parseHtml(p.caption || '') : { text: p.caption || '' };
      if (dparsed.error) return fail(res, 400, dparsed.error);
      if (utf16Len(dparsed.text) > 1024) return fail(res, 400, 'Bad Request: message caption is too long');
      const message_id = state.nextId++;
      const document = { file_name: doc.filename, mime_type: doc.type, data: doc.data, file_size: doc.data.length };
      state.messages.push({ api: 'bot', token, chat: chat.username || String(chat.id), method, caption: dparsed.text, document, message_id, at: Date.now() });
      return json(res, 200, { ok: true, result: { message_id, date: Math.floor(Date.now() / 1000),
        chat: { id: chat.id, type: 'channel', title: chat.title, username: chat.username },
        document: { file_name: doc.filename, mime_type: doc.type, file_size: doc.data.length, file_id: `doc${message_id}` },
        caption: dparsed.text } });
    }
    const html = p.parse_mode === 'HTML';
    const raw = method === 'sendPhoto' ? (p.caption || '') : (p.text || '');
    if (method === 'sendMessage' && !raw) return fail(res, 400, 'Bad Request: message text is empty');
    if (method === 'sendPhoto' && !p.photo) return fail(res, 400, 'Bad Request: there is no photo in the request');
    const parsed = html ? parseHtml(raw) : { text: raw };
    if (parsed.error) return fail(res, 400, parsed.error);
    if (method === 'sendPhoto' && utf16Len(parsed.text) > 1024) return fail(res, 400, 'Bad Request: message caption is too long');
    if (method === 'sendMessage' && utf16Len(parsed.text) > 4096) return fail(res, 400, 'Bad Request: message is too long');
    const message_id = state.nextId++;
    state.messages.push({ api: 'bot', token, chat: chat.username || String(chat.id), method, raw, text: parsed.text, photo: p.photo, message_id, at: Date.now() });
    const result = { message_id, date: Math.floor(Date.now() / 1000), chat: { id: chat.id, type: 'channel', title: chat.title, username: chat.username } };
    if (method === 'sendPhoto') result.caption = parsed.text; else result.text = parsed.text;
    return json(res, 200, { ok: true, result });
  }

  const sockets = new Set();
  let server;
  let port = 0;
  const listen = () => new Promise((resolve, reject) => {
    server = http.createServer((req, res) => { handle(req, res).catch((e) => { try { fail(res, 500, String(e)); } catch {} }); });
    server.keepAliveTimeout = 2000;
    server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { port = server.address().port; resolve(); });
  });
  await listen();
  const api = {
    get base() { return `http://127.0.0.1:${port}`; },
    get port() { return port; },
    messages: state.messages,
    hooks: state.hooks,
    get requests() { return state.requests; },
    failNext(count, { status = 429, retry_after = 1 } = {}) { state.failures.push({ count, status, retry_after }); },
    async down() {
      await new Promise((r) => { server.close(() => r()); for (const s of sockets) s.destroy(); });
    },
    async up() { await listen(); },
    hold() { state.holding = true; },
    release() { state.holding = false; const h = state.held.splice(0); for (const r of h) r(); },
    releaseOne() { const r = state.held.shift(); if (r) r(); },
    get heldCount() { return state.held.length; },
    async close() { state.holding = false; for (const r of state.held.splice(0)) r(); await api.down().catch(() => {}); },
  };
  return api;
}
