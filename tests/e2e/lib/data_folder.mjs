// Helpers for the data-folder tests (file modes, backups): every path under a folder with its mode,
// and a citizen's request with an attachment through the public form.
import assert from 'node:assert/strict';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { solveChallenge } from './citizen.mjs';

/** Every path under `root` (and root itself as '.'), with its permission bits and kind. */
export function walk(root) {
  const out = [];
  const visit = (rel) => {
    const p = path.join(root, rel);
    const st = lstatSync(p);
    out.push({ rel, mode: st.mode & 0o777, dir: st.isDirectory(), file: st.isFile(), link: st.isSymbolicLink() });
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(rel === '.' ? e : path.join(rel, e));
  };
  visit('.');
  return out;
}

/** Asserts folders 0700 and files 0600 everywhere under `root`; returns the relative paths. */
export function assertPrivate(root, what = '') {
  const entries = walk(root);
  const loose = entries
    .filter((e) => (e.dir && e.mode !== 0o700) || (e.file && e.mode !== 0o600) || e.link)
    .map((e) => `${e.rel} ${e.mode.toString(8)}`);
  assert.deepEqual(loose, [], `${what}: folders must be 0700 and files 0600 under ${root}`);
  return entries.map((e) => e.rel);
}

let mobileSeq = 0;
/** Submits a citizen's request with `png` attached through /citizen; returns the tracking code. */
export async function submitWithAttachment(srv, png) {
  const html = await fetch(srv.url('/citizen')).then((r) => r.text());
  const fields = {
    type: 'question', subject: 'پرسش', text: 'شرایط وام ازدواج بانک رفاه چیست؟', name: 'آزمون', agency: 'refah',
    mobile: `0912${String(7000000 + (Date.now() % 1000000) + mobileSeq++).slice(-7)}`, ...solveChallenge(html),
  };
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('attachments', new Blob([png], { type: 'image/png' }), 'رسید.png');
  const r = await fetch(srv.url('/citizen/requests'), { method: 'POST', body: fd, redirect: 'manual' });
  assert.equal(r.status, 303, `citizen form: ${r.status} ${(await r.text()).slice(0, 300)}`);
  return r.headers.get('location').split('code=')[1];
}
