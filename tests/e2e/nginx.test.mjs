// Pol behind Debian's nginx, configured with the shipped deploy/nginx/pol-proxy.conf (security issue
// #17, finding 7 and "Deployment"): nginx runs unprivileged on loopback (plain HTTP) in front of
// `pol serve --set trusted_proxies=127.0.0.1/32`, and the real client address reaches the throttle —
// locking client A (127.0.0.2) out of logins leaves client B (127.0.0.3) alone. The whole site file
// deploy/nginx/pol.conf passes `nginx -t` with a throwaway certificate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, freePort, repoRoot } from './harness.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const SKIP = !NGINX && !process.env.CI ? 'nginx is not installed (scripts/install-deps.sh installs it)' : false;
const deploy = path.join(repoRoot, 'deploy/nginx');

let srv, nginx, nginxPort, dir, nginxLog = '';

function nginxConfig(polPort) {
  const t = (n) => path.join(dir, n);
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(t(d), { recursive: true });
  return `daemon off;
master_process off;
pid ${t('nginx.pid')};
error_log ${t('error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  upstream pol { server 127.0.0.1:${polPort}; keepalive 8; }
  server {
    listen 127.0.0.1:${nginxPort};
    include ${path.join(deploy, 'pol-proxy.conf')};
  }
}
`;
}

before(async () => {
  if (SKIP) return;
  assert.ok(NGINX, 'nginx must be installed in CI');
  dir = mkdtempSync(path.join(tmpdir(), 'pol-nginx-'));
  srv = await startServer({ env: { POL_TRUSTED_PROXIES: '127.0.0.1/32' } });
  nginxPort = await freePort();
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(srv.port));
  nginx = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  nginx.stdout.on('data', (d) => (nginxLog += d));
  nginx.stderr.on('data', (d) => (nginxLog += d));
  for (let i = 0; ; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited:\n${nginxLog}`);
    const r = await request('127.0.0.2', 'GET', '/healthz').catch(() => null);
    if (r?.status === 200) break;
    if (i > 100) throw new Error(`nginx did not come up:\n${nginxLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx.once('exit', r));
    nginx.kill('SIGQUIT');
    await exited;
  }
  if (srv) {
    assertNoSanitizerReports(srv);
    await srv.stop();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A request to nginx from a chosen loopback source address.
function request(from, method, p, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: nginxPort, localAddress: from, method, path: p, agent: false,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const failLogin = (from, i, headers) =>
  request(from, 'POST', '/api/v1/auth/login', JSON.stringify({ login: `nobody${i}`, password: 'wrong' }), headers);

test('behind nginx the client address reaches the login throttle: A locked out, B not', { skip: SKIP }, async () => {
  for (let i = 0; i < 20; i++) {
    // Client A even claims to be someone else: nginx replaces the header with the real address.
    const r = await failLogin('127.0.0.2', i, { 'x-forwarded-for': `198.51.100.${i}` });
    assert.equal(r.status, 401, r.text);
  }
  const a = await failLogin('127.0.0.2', 99);
  assert.equal(a.status, 429, `client A is throttled: ${a.text}`);
  const b = await failLogin('127.0.0.3', 99);
  assert.equal(b.status, 401, `client B is not: ${b.text}`);
});

test('behind nginx /metrics is closed and the shipped body limit holds', { skip: SKIP }, async () => {
  assert.equal((await request('127.0.0.2', 'GET', '/metrics')).status, 404);
  const big = await request('127.0.0.2', 'POST', '/api/v1/auth/login', 'x'.repeat(13 * 1024 * 1024));
  assert.equal(big.status, 413, 'nginx refuses bodies over 12 MiB');
  const site = await request('127.0.0.2', 'GET', '/', undefined, { host: 'evil.example' });
  assert.equal(site.status, 200);
  assert.ok(!site.text.includes('evil.example'), 'absolute links never from Host');
});

test('deploy/nginx/pol.conf as shipped passes nginx -t', { skip: SKIP }, () => {
  const key = path.join(dir, 'key.pem'), cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=news.example.ir', '-days', '1',
    '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const site = readFileSync(path.join(deploy, 'pol.conf'), 'utf8')
    .replace(/\/etc\/letsencrypt\/live\/news\.example\.ir\/fullchain\.pem/g, cert)
    .replace(/\/etc\/letsencrypt\/live\/news\.example\.ir\/privkey\.pem/g, key)
    .replaceAll('/etc/nginx/snippets/pol-proxy.conf', path.join(deploy, 'pol-proxy.conf'));
  writeFileSync(path.join(dir, 'site.conf'), site);
  writeFileSync(path.join(dir, 'check.conf'), `pid ${path.join(dir, 'check.pid')};
error_log ${path.join(dir, 'check.log')};
events {}
http { include ${path.join(dir, 'site.conf')}; }
`);
  execFileSync(NGINX, ['-t', '-q', '-c', path.join(dir, 'check.conf'), '-p', dir, '-e', path.join(dir, 'check.log')],
    { stdio: 'pipe' });
});
