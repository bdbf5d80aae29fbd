// Starts a real `pol serve` on a free loopback port with a fresh data folder,
// for HTTP integration and browser tests. Usage:
//   const srv = await startServer();            // init + demo council
//   const r = await fetch(srv.url('/healthz'));
//   await srv.stop();                           // SIGTERM, waits for exit
// POL_BIN selects the binary (default: build-test/src/cli/pol).
// The backend switch: with POL_TEST_PG_URL (the admin URL of a PostgreSQL cluster, e.g. the test run's,
// scripts/pg-test-cluster.sh) every fresh data folder gets its own new database on that cluster, named
// in the folder's pol.toml (`db = "postgresql://…"`), so `pol serve`, `pol demo` and every other `pol`
// command on that folder use it; stop() drops it with the folder. Without it: SQLite (DATA/pol.db).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const polBin = process.env.POL_BIN || path.join(repoRoot, 'build-test/src/cli/pol');
// Every pol the tests start (serve and the CLI) inherits this: fontconfig's allocations behind the PDF
// fonts are not Pol's leaks (tests/e2e/lsan.supp).
if (!/suppressions=/.test(process.env.LSAN_OPTIONS || '')) {
  process.env.LSAN_OPTIONS = [process.env.LSAN_OPTIONS, `suppressions=${path.join(here, 'lsan.supp')}`].filter(Boolean).join(':');
}
export const DEMO_PASSWORD = 'demo1405';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const pgAdminUrl = process.env.POL_TEST_PG_URL || '';
const pgDatabases = new Map(); // data folder → database name

function psql(sql) {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', pgAdminUrl, '-c', sql], { stdio: 'pipe' });
}

// On PostgreSQL: a new database for the data folder `dir`, named in DIR/pol.toml. A no-op on SQLite.
export function attachTestDatabase(dir) {
  if (!pgAdminUrl || pgDatabases.has(dir)) return;
  const name = `pol_e2e_${process.pid}_${pgDatabases.size}_${Math.floor(Math.random() * 1e9)}`;
  psql(`CREATE DATABASE ${name}`);
  pgDatabases.set(dir, name);
  const url = pgAdminUrl.replace(/\/[^/?]*(\?.*)?$/, (_m, q) => `/${name}${q || ''}`);
  const toml = path.join(dir, 'pol.toml');
  (existsSync(toml) ? appendFileSync : writeFileSync)(toml, `\ndb = "${url}"\n`, { mode: 0o600 });
}

// Drops the database of `dir` (PostgreSQL), when the harness made one.
export function dropTestDatabase(dir) {
  const name = pgDatabases.get(dir);
  if (!name) return;
  pgDatabases.delete(dir);
  try {
    psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch {}
}

// Runs `sql` on the database of the data folder `dir` (its PostgreSQL database when the harness made
// one, else DIR/pol.db with the sqlite3 shell); the rows as text, columns joined by `separator`.
export function dbQuery(dir, sql, { separator = '|' } = {}) {
  const name = pgDatabases.get(dir);
  if (name) {
    const url = pgAdminUrl.replace(/\/[^/?]*(\?.*)?$/, (_m, q) => `/${name}${q || ''}`);
    return execFileSync('psql', ['-X', '-q', '-At', '-F', separator, '-v', 'ON_ERROR_STOP=1', url, '-c', sql], {
      encoding: 'utf8',
    });
  }
  // The server writes too: wait for its write lock (5 s) instead of failing with "database is locked".
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', '-separator', separator, path.join(dir, 'pol.db'), sql],
    { encoding: 'utf8' });
}

export function pol(args, opts = {}) {
  return execFileSync(polBin, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
}

// A line of a sanitizer's report (the same test as lib/common.mjs's assertNoSanitizerReports).
const SANITIZER_LINE = /runtime error:|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer/;

export async function startServer({ demo = true, env = {}, dataDir } = {}) {
  const dir = dataDir || mkdtempSync(path.join(tmpdir(), 'pol-test-'));
  if (!dataDir) {
    attachTestDatabase(dir);
    pol(['init', '--data', dir]);
    if (demo) pol(['demo', '--data', dir]);
  }
  const port = await freePort();
  // Absolute links come only from the public URL (never the request's Host): the server's own address.
  const child = spawn(polBin, ['serve', '--data', dir, '--listen', `127.0.0.1:${port}`], {
    // Tests talk to loopback peers; a test narrows or removes this with env: { POL_OUTBOUND_ALLOW: … }.
    // The log SMS provider is chosen explicitly (without a provider, codes are not sent).
    env: {
      ...process.env,
      POL_LOG_LEVEL: 'warn',
      POL_PUBLIC_URL: `http://127.0.0.1:${port}`,
      POL_OUTBOUND_ALLOW: '127.0.0.0/8',
      POL_SMS_PROVIDER: 'log',
      // PDFs rendered by the server (report/): fontconfig's process-lifetime allocations are not leaks.
      LSAN_OPTIONS: [process.env.LSAN_OPTIONS, `suppressions=${path.join(repoRoot, 'tests/e2e/lsan.supp')}`]
        .filter(Boolean).join(':'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  // 'close' comes after the process has exited and its output has been read to the end, so the
  // checks in stop() see the sanitizer's report (printed at exit) if there is one.
  const closed = new Promise((r) => child.once('close', (code, sig) => r({ code, sig })));
  const base = `http://127.0.0.1:${port}`;
  // Generous: a sanitizer build on a loaded 2-core machine can take many seconds to start.
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pol serve exited early:\n${output}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL'); // a server that never became ready must not outlive the test run
      throw new Error(`pol serve did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    port,
    dataDir: dir,
    child,
    output: () => output,
    url: (p) => base + p,
    // Stops the server and waits until it has exited and its output is read. After a SIGTERM sent here,
    // the exit must be clean: code 0 and no sanitizer report (ASan/LSan/UBSan print at exit).
    async stop({ keepData = false, signal = 'SIGTERM' } = {}) {
      let sent = false;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        sent = true;
      }
      const { code, sig } = await closed;
      if (!keepData && !dataDir) {
        rmSync(dir, { recursive: true, force: true });
        dropTestDatabase(dir);
      }
      if (sent && signal === 'SIGTERM') {
        const reports = output.split('\n').filter((l) => SANITIZER_LINE.test(l));
        if (code !== 0 || reports.length > 0) {
          throw new Error(`pol serve did not exit cleanly (code ${code}, signal ${sig}):\n${output.slice(-4000)}`);
        }
      }
    },
  };
}

// A tiny cookie-jar client for the JSON API: logs in, keeps the session
// cookie, and sends the CSRF token on state-changing requests.
export class ApiClient {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }
  async request(method, p, body, headers = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (method !== 'GET' && method !== 'HEAD' && this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      // Strings and bytes (e.g. an image upload) go as they are; anything else as JSON.
      payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    const r = await fetch(this.base + p, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = r.headers.getSetCookie?.() || [];
    for (const c of setCookie) {
      const [pair] = c.split(';');
      if (pair.startsWith('pol_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch {}
    return { status: r.status, headers: r.headers, json, text };
  }
  get(p, h) { return this.request('GET', p, undefined, h); }
  post(p, b, h) { return this.request('POST', p, b ?? {}, h); }
  patch(p, b, h) { return this.request('PATCH', p, b, h); }
  put(p, b, h) { return this.request('PUT', p, b, h); }
  delete(p, h) { return this.request('DELETE', p, undefined, h); }
  async login(login, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { login, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}
