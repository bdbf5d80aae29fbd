// The citizens' portal forms as a person meets them: every field's error at once, a correctly answered
// challenge not asked again after a failed attempt (a single-use pass instead), the track form keeping
// what was typed, and the satisfaction rating with nothing pre-selected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertNoSanitizerReports } from './lib/common.mjs';
import { solveChallenge, hidden } from './lib/citizen.mjs';

let srv;
before(async () => {
  srv = await startServer({ env: { POL_CITIZEN_RATE_LIMITS: 'off' } });
});
after(async () => {
  await srv?.stop();
  if (srv) assertNoSanitizerReports(srv);
});

async function formPost(p, fields) {
  const r = await fetch(srv.url(p), {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
}

const count = async () => (await fetch(srv.url('/citizen')).then((r) => r.text())).length;

test('the form lists every error at once and keeps a correct challenge answer', async () => {
  const form = await fetch(srv.url('/citizen')).then((r) => r.text());
  const solved = solveChallenge(form);
  assert.ok(solved.challenge_token, 'the form asks a challenge');
  const r = await formPost('/citizen/requests', {
    type: 'question', subject: '', text: 'متن درخواست من', name: '', mobile: '۰۹۱۲', national_code: '1234567890',
    agency: 'unknown', ...solved,
  });
  assert.equal(r.status, 400);
  for (const message of ['موضوع را بنویسید', 'نام و نام خانوادگی را بنویسید', 'شمارهٔ همراه معتبر نیست', 'کد ملی درست نیست']) {
    assert.ok(r.text.includes(message), `lists: ${message}`);
  }
  assert.ok(r.text.includes('متن درخواست من'), 'what was typed stays');
  assert.ok(!r.text.includes('حاصل «'), 'no new question: the answer was right');
  const pass = hidden(r.text, 'challenge_pass');
  assert.ok(pass, 'a pass for the next attempt');
  // The corrected form goes through with the pass …
  const ok = await formPost('/citizen/requests', {
    type: 'question', subject: 'وام', text: 'متن درخواست من', name: 'آزمون', mobile: '09351112233', agency: 'unknown',
    challenge_pass: pass,
  });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  assert.match(ok.location, /^\/citizen\/verify\?code=/);
  // … once: the same pass again is refused and a question is asked.
  const again = await formPost('/citizen/requests', {
    type: 'question', subject: 'وام', text: 'متن دیگر', name: 'آزمون', mobile: '09351112234', agency: 'unknown',
    challenge_pass: pass,
  });
  assert.equal(again.status, 400);
  assert.ok(again.text.includes('پرسش امنیتی'));
  assert.ok(again.text.includes('حاصل «'), 'a fresh question');
  assert.equal(hidden(again.text, 'challenge_pass'), undefined);
});

test('a wrong challenge answer is listed with the other errors, and a new question is asked', async () => {
  const form = await fetch(srv.url('/citizen')).then((r) => r.text());
  const { challenge_token } = solveChallenge(form);
  const r = await formPost('/citizen/requests', {
    type: 'question', subject: '', text: 'متن', name: 'آزمون', mobile: '09351112235', agency: 'unknown',
    challenge: '999', challenge_token,
  });
  assert.equal(r.status, 400);
  assert.ok(r.text.includes('موضوع را بنویسید'));
  assert.ok(r.text.includes('پاسخ پرسش امنیتی درست نبود'));
  assert.equal(hidden(r.text, 'challenge_pass'), undefined, 'no pass without a right answer');
  assert.ok(await count() > 0);
});

test('a failed lookup keeps the tracking code and the mobile in the track form', async () => {
  const r = await formPost('/citizen/track', { tracking_code: '1234567890', mobile: '09351119999' });
  assert.ok(r.status >= 400);
  assert.match(r.text, /name="tracking_code" value="1234567890"/);
  assert.match(r.text, /name="mobile" value="09351119999"/);
});
