// A second agency in the authorization matrix: behzisti's channels, press list, deliveries, citizen
// attachments and releases awaiting approval, each a real object made by the checker (a system admin),
// which the tamin editor and PR manager (agency A) are refused on. Also the tamin citizen request with
// a real attachment that the matrix's attachment row reads.
import assert from 'node:assert/strict';
import { solveChallenge } from './citizen.mjs';
import { assertStatus } from './common.mjs';
import { admin, countingPeer, current, ids, srv } from './authz_fixtures.mjs';

// A 1×1 PNG (the citizen form takes photos only).
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let phoneSeq = 0;

// The one-time code the dev SMS provider logged for `phone` (the newest).
async function loggedCode(phone) {
  for (let i = 0; i < 400; i++) {
    const m = [...srv.output().matchAll(new RegExp(`to=${phone} text=[^\\n]*?(\\d{6})`, 'g'))];
    if (m.length) return m[m.length - 1][1];
    await new Promise((res) => setTimeout(res, 25));
  }
  assert.fail(`no one-time code logged for ${phone}`);
}

// A verified citizen request for `agency` with a PNG attached (the citizens' form); the request as
// the checker sees it, with its attachments.
export async function requestWithAttachment(agency) {
  const html = await fetch(srv.url('/citizen')).then((r) => r.text());
  const phone = `0936${String(1000000 + phoneSeq++)}`;
  const fd = new FormData();
  const fields = { type: 'question', subject: 'پرسش ماتریس', text: 'پرسش آزمون ماتریس دسترسی دربارهٔ بیمه با پیوست',
    name: 'ماتریس', agency, mobile: phone, ...solveChallenge(html) };
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('attachments', new Blob([PNG], { type: 'image/png' }), 'رسید.png');
  const r = await fetch(srv.url('/citizen/requests'), { method: 'POST', body: fd, redirect: 'manual' });
  assert.equal(r.status, 303, `citizen form: ${r.status} ${(await r.text()).slice(0, 300)}`);
  const code = r.headers.get('location').split('code=')[1];
  const v = await fetch(srv.url(`/open311/v2/requests/${code}/verify`), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: await loggedCode(phone) }),
  });
  assert.equal(v.status, 200, 'verified');
  const item = (await current('/api/v1/citizen/requests?per_page=50')).items.find((x) => x.tracking_code === code);
  assert.ok(item, 'the request is listed');
  const full = await current(`/api/v1/citizen/requests/${item.id}`);
  assert.equal(full.attachments.length, 1, 'one attachment');
  assert.equal(full.agency_id, ids.agencies[agency].id, `filed with ${agency}`);
  return full;
}
let taminAttachmentP;
export function taminAttachment() { return (taminAttachmentP ??= requestWithAttachment('tamin')); }

let bP;
// Behzisti's objects, made once.
export function behzisti() {
  bP ??= (async () => {
    const agency = ids.agencies.behzisti.id;
    const post = async (p, body, what) => assertStatus(await admin.post(p, body), 201, what).json;
    const channel = await post('/api/v1/channels', { agency_id: agency, kind: 'telegram', name: 'کانال بهزیستی',
      config: { chat_id: '@behzisti_matrix', base_url: 'http://127.0.0.1:9' }, secret: '223456:BehzistiTokenBehzistiTokenBeh' },
    'a behzisti channel whose sends fail (queued for a retry)');
    const probe = await post('/api/v1/channels', { agency_id: agency, kind: 'telegram', name: 'کانال سنجش بهزیستی', enabled: false,
      config: { chat_id: '@behzisti_probe', base_url: await countingPeer() }, secret: '323456:BehzistiProbeBehzistiProbeBe' },
    'a disabled behzisti channel on the counting peer');
    const list = await post('/api/v1/press-lists', { agency_id: agency, name: 'فهرست بهزیستی' }, 'a behzisti press list');
    assertStatus(await admin.post(`/api/v1/press-lists/${list.id}/contacts`, { contacts: [{ email: 'dabir@behzisti.example.ir' }] }),
      200, 'a contact on it');
    const release = async (title) => post('/api/v1/releases', { agency_id: agency, title, body_html: '<p>متن</p>' }, 'a behzisti release');
    const draft = await release('پیش‌نویس بهزیستی');
    let submitted = await release('خبر بهزیستی در انتظار تأیید');
    submitted = assertStatus(await admin.post(`/api/v1/releases/${submitted.id}/submit`, { version: submitted.version }), 200).json;
    let published = await release('خبر منتشرشدهٔ بهزیستی');
    published = assertStatus(await admin.post(`/api/v1/releases/${published.id}/submit`, { version: published.version }), 200).json;
    published = assertStatus(await admin.post(`/api/v1/releases/${published.id}/approve`, { version: published.version }), 200).json;
    let delivery;
    for (let i = 0; i < 400 && !delivery; i++) {
      const d = (await current(`/api/v1/releases/${published.id}/deliveries`)).items.find((x) => x.channel_id === channel.id);
      if (d && d.state === 'queued' && d.attempts >= 1) delivery = d;
      else await new Promise((res) => setTimeout(res, 25));
    }
    assert.ok(delivery, 'a queued behzisti delivery');
    const request = await requestWithAttachment('behzisti');
    return { agency, channel, probe, list, draft, submitted, published, delivery, request };
  })();
  return bP;
}
