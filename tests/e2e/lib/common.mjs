// Shared helpers for the HTTP integration suites: logging in as demo users,
// looking up demo ids, and asserting the API's error shape.
import assert from 'node:assert/strict';
import { ApiClient, DEMO_PASSWORD } from '../harness.mjs';

export const DEMO_AGENCIES = ['tkr', 'tamin', 'tamin-darman', 'behzisti', 'fanni', 'bazneshastegi', 'refah', 'omid',
  'tosee-taavon', 'roostaei'];

// Persian/Arabic letters (not just digits or punctuation).
const PERSIAN_LETTER = /[\u0622-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]/;
export function hasPersian(s) { return typeof s === 'string' && PERSIAN_LETTER.test(s); }

// Asserts `r` is the API error shape with this status and code, and a Persian message.
export function assertError(r, status, code, what = '') {
  const ctx = `${what ? what + ': ' : ''}got ${r.status} ${r.text.slice(0, 300)}`;
  assert.equal(r.status, status, `expected HTTP ${status} (${code}); ${ctx}`);
  assert.ok(r.json && r.json.error, `expected an error body; ${ctx}`);
  if (code) assert.equal(r.json.error.code, code, `expected error code ${code}; ${ctx}`);
  assert.ok(hasPersian(r.json.error.message), `error message should be Persian; ${ctx}`);
  return r.json.error;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn` every `stepMs` until it returns something truthy (returned); fails the test, naming `what`,
// after `timeoutMs`.
export async function until(what, fn, timeoutMs = 30000, stepMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(stepMs);
  }
}

// `s` with its last character changed to a different one: a token that is
// certainly wrong but has the right length and alphabet.
export function tamperLast(s) {
  return s.slice(0, -1) + (s.at(-1) === 'A' ? 'B' : 'A');
}

export function assertStatus(r, status, what = '') {
  assert.equal(r.status, status, `${what ? what + ': ' : ''}expected HTTP ${status}, got ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

export async function loginAs(srv, login, password = DEMO_PASSWORD) {
  const c = new ApiClient(srv.base);
  const r = await c.login(login, password);
  assert.equal(r.status, 200, `login as ${login}: ${r.status} ${r.text}`);
  c.user = r.json.user;
  return c;
}

// Ids of the demo council, its agencies (by slug) and users (by username).
export async function demoIds(admin) {
  const councils = assertStatus(await admin.get('/api/v1/councils'), 200).json.items;
  const council = councils.find((c) => c.slug === 'qazvin-tkr');
  assert.ok(council, 'demo council present');
  const agencies = {};
  const ag = assertStatus(await admin.get(`/api/v1/agencies?council_id=${council.id}&per_page=200`), 200).json;
  for (const a of ag.items) agencies[a.slug] = a;
  const users = {};
  for (let page = 1; ; page++) {
    const r = assertStatus(await admin.get(`/api/v1/users?per_page=200&page=${page}`), 200).json;
    for (const u of r.items) users[u.username] = u;
    if (page * 200 >= r.total) break;
  }
  return { council, councilId: council.id, agencies, users };
}

export async function healthy(srv) {
  const r = await fetch(srv.url('/healthz'));
  assert.equal(r.status, 200, 'server should keep serving (/healthz)');
  assert.equal(await r.text(), 'ok\n');
}

let seq = 0;
export function uniq(prefix = 'u') { return `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`; }

// Audit entries, newest first, as a system admin sees them.
export async function auditEntries(admin, query = '') {
  const r = assertStatus(await admin.get(`/api/v1/audit?per_page=200${query}`), 200, 'audit');
  return r.json.items;
}

// The server's own output must hold no sanitizer reports (ASan/UBSan build).
export function assertNoSanitizerReports(srv) {
  const out = srv.output();
  const bad = out.split('\n').filter((l) => /runtime error:|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer/.test(l));
  assert.deepEqual(bad, [], `sanitizer reports in pol serve output:\n${out.slice(-4000)}`);
}
