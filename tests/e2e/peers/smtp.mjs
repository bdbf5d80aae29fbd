// Launches the loopback SMTP receiver (peers/smtp_server.py, Debian's python3-aiosmtpd) and reads back
// what it received, parsed by python's email package (peers/parse_mail.py).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Debian's python (python3-aiosmtpd lives in its dist-packages), even when another python3 comes first on PATH.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export async function startSmtp({ user = 'pol', password = 'smtp-pass-1', rejectDomain } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-smtp-'));
  const port = await freePort();
  const args = [path.join(here, 'smtp_server.py'), dir, String(port), user, password];
  if (rejectDomain) args.push('--reject-domain', rejectDomain);
  const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`smtp server did not start: ${out}`)), 10000);
    child.stdout.on('data', (d) => { out += d; if (out.includes('READY')) { clearTimeout(t); resolve(); } });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => { clearTimeout(t); reject(new Error(`smtp server exited ${code}: ${out}`)); });
  });
  return {
    port, user, password, dir,
    url: `smtp://127.0.0.1:${port}`,
    // Envelopes of the accepted messages: [{file, mail_from, rcpt_tos}]
    received() {
      return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({
        file: path.join(dir, f.replace(/\.json$/, '.eml')), ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')),
      }));
    },
    parse(file) { return JSON.parse(execFileSync(PYTHON, [path.join(here, 'parse_mail.py'), file], { encoding: 'utf8' })); },
    // Many messages in one python process (a process per message costs ~0.1 s).
    parseMany(files) {
      if (!files.length) return [];
      return JSON.parse(execFileSync(PYTHON, [path.join(here, 'parse_mail.py'), '--many', ...files], { encoding: 'utf8', maxBuffer: 256 << 20 }));
    },
    async stop() {
      if (child.exitCode === null) { const e = new Promise((r) => child.once('exit', r)); child.kill('SIGTERM'); await e; }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
