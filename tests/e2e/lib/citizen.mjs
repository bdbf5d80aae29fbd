// Helpers for the citizens' channel tests: a protocol-faithful Kavenegar fake
// (POST /v1/{key}/sms/send.json with receptor/message form fields, answering
// {"return":{"status":200,...},"entries":[...]}), the challenge solver for the
// public form, and a tiny form client for the server-rendered pages.
import http from 'node:http';

export async function startFakeKavenegar() {
  const messages = [];
  let fail = 0; // the next `fail` requests answer a gateway error (5xx)
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const m = req.url.match(/^\/v1\/([^/]+)\/sms\/send\.json$/);
      if (req.method !== 'POST' || !m) { res.writeHead(404); res.end(); return; }
      if (fail > 0) {
        fail--;
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ return: { status: 502, message: 'خطای موقت' }, entries: null }));
        return;
      }
      const form = new URLSearchParams(body);
      messages.push({ key: decodeURIComponent(m[1]), receptor: form.get('receptor'), message: form.get('message'), sender: form.get('sender') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ return: { status: 200, message: 'تایید شد' },
        entries: [{ messageid: messages.length, message: form.get('message'), status: 1, statustext: 'در صف ارسال', sender: '10004346', receptor: form.get('receptor'), date: Math.floor(Date.now() / 1000), cost: 120 }] }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    messages,
    failNext(n) { fail = n; },
    // The newest one-time code sent to `mobile` (waits for it).
    async otp(mobile, after = 0) {
      for (let i = 0; i < 200; i++) {
        const found = messages.slice(after).reverse().find((x) => x.receptor === mobile && /کد تأیید/.test(x.message));
        if (found) return found.message.match(/(\d{6})/)[1];
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no one-time code reached ${mobile}`);
    },
    async waitFor(pred, what = 'an SMS') {
      for (let i = 0; i < 400; i++) {
        const found = messages.find(pred);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`${what} never arrived`);
    },
    close() { return new Promise((r) => server.close(r)); },
  };
}

const WORDS = { 'صفر': 0, 'یک': 1, 'دو': 2, 'سه': 3, 'چهار': 4, 'پنج': 5, 'شش': 6, 'هفت': 7, 'هشت': 8, 'نه': 9 };
// Solves «سه به‌علاوهٔ پنج» / «نه منهای دو» from the form page; returns {challenge, challenge_token}.
export function solveChallenge(html) {
  const q = html.match(/حاصل «([^»]+)»/);
  if (!q) return {};
  const plus = q[1].includes('به‌علاوهٔ');
  const [a, b] = q[1].split(plus ? ' به‌علاوهٔ ' : ' منهای ').map((w) => WORDS[w.trim()]);
  const token = html.match(/name="challenge_token" value="([^"]+)"/)[1];
  return { challenge: String(plus ? a + b : a - b), challenge_token: token };
}

export const hidden = (html, name) => (html.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1];

// Valid Iranian national codes for tests (check digit computed).
export function nationalCode(seed) {
  const d = String(100000000 + (seed % 800000000)).slice(0, 9).split('').map(Number);
  const s = d.reduce((acc, x, i) => acc + x * (10 - i), 0) % 11;
  return d.join('') + String(s < 2 ? s : 11 - s);
}
