// Issue 18 §2: spellings of one word find each other end to end. «مدیرکل» (joined) finds «مدیر کل»
// (spaced) and the reverse, and هیأت finds هیئت, in release search, monitoring search (after
// `pol ingest`), and in citizens' routing rules (a rule keyword «مدیرکل» routes a request that
// writes «مدیر کل»), which use the same terms as duplicate detection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, pol } from './harness.mjs';
import { assertStatus, loginAs, demoIds, assertNoSanitizerReports } from './lib/common.mjs';
import { startFakeKavenegar, nationalCode } from './lib/citizen.mjs';

let srv, sms, ids, admin, editor;

before(async () => {
  sms = await startFakeKavenegar();
  srv = await startServer({ env: {
    POL_SMS_PROVIDER: 'kavenegar', POL_SMS_KAVENEGAR_URL: sms.url, POL_SMS_API_KEY: 'test-key', POL_SMS_SENDER: '10004346',
    POL_CITIZEN_RATE_LIMITS: 'off',
  } });
  admin = await loginAs(srv, 'admin');
  ids = await demoIds(admin);
  editor = await loginAs(srv, 'tamin-editor');
});
after(async () => {
  await srv?.stop();
  await sms?.close();
  if (srv) assertNoSanitizerReports(srv);
});

const q = (s) => encodeURIComponent(s);

test('releases: «مدیرکل» finds «مدیر کل», «مدیر کل» finds «مدیرکل», هیأت finds هیئت', async () => {
  const spaced = assertStatus(await editor.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id, title: 'دیدار مدیر کل با مستمری بگیران استان',
    body_html: '<p>در این دیدار درباره بیمه شدگان گفت‌وگو شد.</p>',
  }), 201).json;
  const joined = assertStatus(await editor.post('/api/v1/releases', {
    agency_id: ids.agencies.tamin.id, title: 'گزارش مدیرکل به هیئت امنا',
    body_html: '<p>گزارش سالانه.</p>',
  }), 201).json;
  const ids1 = async (query) =>
    assertStatus(await editor.get(`/api/v1/releases?q=${q(query)}&per_page=50`), 200).json.items.map((x) => x.id);
  for (const query of ['مدیرکل', 'مدیر‌کل', 'مدیر کل']) {
    const found = await ids1(query);
    assert.ok(found.includes(spaced.id), `${query} finds the spaced release`);
    assert.ok(found.includes(joined.id), `${query} finds the joined release`);
  }
  assert.ok((await ids1('مستمری‌بگیران')).includes(spaced.id), 'مستمری‌بگیران finds مستمری بگیران');
  assert.ok((await ids1('بیمه‌شدگان')).includes(spaced.id), 'بیمه‌شدگان finds بیمه شدگان');
  assert.ok((await ids1('هیأت امنا')).includes(joined.id), 'هیأت finds هیئت');
  // One part of a compound still finds it; an unrelated word does not.
  assert.ok((await ids1('مدیر امنا')).includes(joined.id), 'a part finds the joined compound');
  assert.ok(!(await ids1('بارندگی')).includes(joined.id));
});

test('monitoring: an ingested article with «مدیر کل» is found by «مدیرکل», and مسؤول by مسئول', async () => {
  const analyst = await loginAs(srv, 'analyst');
  const dir = mkdtempSync(path.join(tmpdir(), 'pol-fold-'));
  try {
    const file = path.join(dir, 'articles.jsonl');
    const rows = [
      { title: 'سفر مدیر کل بهزیستی به شهرستان‌های غربی', abstract: 'مدیر کل بهزیستی از مراکز توان‌بخشی بازدید کرد.',
        paragraphs: ['به گزارش خبرنگار ما، این سفر دو روز طول کشید.'], tags: [], link: 'https://example.org/fold/1' },
      { title: 'نشست مسؤولان آبرسانی روستایی', abstract: 'مسؤولان از طرح‌های تازه گفتند.',
        paragraphs: ['جزئیات طرح در نشست بعدی اعلام می‌شود.'], tags: [], link: 'https://example.org/fold/2' },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    pol(['ingest', '--data', srv.dataDir, file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const search = async (query) =>
    assertStatus(await analyst.get(`/api/v1/monitor/items?q=${q(query)}&per_page=50`), 200).json.items.map((i) => i.title);
  for (const query of ['مدیرکل', 'مدیر کل']) {
    assert.ok((await search(query)).some((t) => t.includes('سفر مدیر کل بهزیستی')), `${query} finds «مدیر کل»`);
  }
  assert.ok((await search('مسئولان آبرسانی')).some((t) => t.includes('مسؤولان')), 'مسئولان finds مسؤولان');
});

test('citizens: a routing rule on «مدیرکل» routes a request that writes «مدیر کل»', async () => {
  const council = await loginAs(srv, 'council');
  assertStatus(await council.post('/api/v1/citizen/routing/rules', {
    agency_id: ids.agencies.behzisti.id, keywords: 'مدیرکل', priority: 100,
  }), 201);
  const mobile = '09351234567';
  const before = sms.messages.length;
  const r = await fetch(srv.url('/open311/v2/requests.json'), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      service_code: 'complaint', subject: 'درخواست دیدار', phone: '+98 ' + mobile.slice(1), name: 'شهروند آزمون',
      description: 'می‌خواهم با مدیر کل درباره پرونده‌ام گفت‌وگو کنم.', national_code: nationalCode(777),
    }).toString(),
  });
  assert.equal(r.status, 201, await r.clone().text());
  const code = (await r.json())[0].service_request_id;
  const otp = await sms.otp(mobile, before);
  const v = await fetch(srv.url(`/open311/v2/requests/${code}/verify`), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${otp}`,
  });
  assert.equal(v.status, 200, await v.clone().text());
  const status = (await v.json())[0];
  assert.equal(status.pol_agency_id, ids.agencies.behzisti.id, 'routed by the rule');
});
