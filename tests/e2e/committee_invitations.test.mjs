// The committee's invitations end to end (issue 13 §3, committee-b): scheduling a meeting sends each member
// an e-mail through the council's SMTP channel (the loopback aiosmtpd server of the distribution tests)
// whose .ics is parsed by python3-icalendar, and a Persian SMS with the Jalali date through the fake
// Kavenegar gateway of the citizens' tests; the RSVP link of the SMS answers without logging in (tampered:
// a Persian 400, nothing written); restarts run the reminder sweep at once (the server's only clock
// control): the hour-before reminder reaches those who did not decline, once, and an overdue decision is
// escalated to the chair.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, dbQuery } from './harness.mjs';
import { assertStatus, demoIds, loginAs, assertNoSanitizerReports, until } from './lib/common.mjs';
import { startFakeKavenegar } from './lib/citizen.mjs';
import { startSmtp } from './peers/smtp.mjs';

let srv, sms, smtp, env, admin, ids;

before(async () => {
  smtp = await startSmtp();
  sms = await startFakeKavenegar();
  env = { POL_SMS_PROVIDER: 'kavenegar', POL_SMS_KAVENEGAR_URL: sms.url, POL_SMS_API_KEY: 'test-key' };
  srv = await startServer({ env });
  admin = await loginAs(srv, 'admin');
  ids = await demoIds(admin);
});

after(async () => {
  if (srv) {
    await srv.stop();
    assertNoSanitizerReports(srv);
  }
  await sms?.close();
  await smtp?.stop();
});


async function restart() {
  await srv.stop({ keepData: true });
  assertNoSanitizerReports(srv);
  srv = await startServer({ dataDir: srv.dataDir, env });
  admin = await loginAs(srv, 'admin');
}

// The .ics of a received message, parsed by Debian's python3-icalendar.
function parseIcs(file) {
  const script = `
import email, email.policy, json, sys, icalendar
msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
part = next(p for p in msg.walk() if p.get_content_type() == 'text/calendar')
cal = icalendar.Calendar.from_ical(part.get_payload(decode=True))
ev = next(c for c in cal.walk('VEVENT'))
att = ev.get('ATTENDEE')
att = att if isinstance(att, list) else [att]
print(json.dumps({'method': str(cal.get('METHOD')), 'uid': str(ev.get('UID')), 'sequence': int(ev.get('SEQUENCE')),
  'summary': str(ev.get('SUMMARY')), 'start': ev.decoded('DTSTART').isoformat(), 'start_ts': ev.decoded('DTSTART').timestamp(),
  'tzid': ev['DTSTART'].params.get('TZID'), 'attendees': [str(a).lower() for a in att], 'status': str(ev.get('STATUS')),
  'filename': part.get_filename(), 'subject': str(msg['Subject'])}, ensure_ascii=False))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
}

test('invitation by e-mail (.ics) and SMS, RSVP from the link, the hour reminder once, escalation of an overdue decision', async () => {
  const u = ids.users;
  const chairUser = u.committee, memberUser = u['tamin-manager'];
  // Contact details of the two members (the demo users have none).
  dbQuery(srv.dataDir, `UPDATE users SET email = 'chair@example.ir', mobile = '09121110001' WHERE id = ${chairUser.id};` +
    `UPDATE users SET email = 'tamin@example.ir', mobile = '09121110002' WHERE id = ${memberUser.id};`);
  // The council's e-mail channel: its SMTP server and sender are the invitations' too.
  const list = assertStatus(await admin.post('/api/v1/press-lists', { council_id: ids.councilId, name: 'فهرست کمیته' }), 201).json;
  assertStatus(await admin.post('/api/v1/channels', { council_id: ids.councilId, kind: 'email', name: 'رایانامهٔ شورا', secret: smtp.password,
    config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user, from_address: 'pr@council.example.ir', from_name: 'روابط عمومی شورا' } }), 201);

  const committee = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ دعوت‌ها' }), 201).json;
  const chairSeat = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: chairUser.id, role: 'chair' }), 201).json.id;
  const memberSeat = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: memberUser.id, agency_id: ids.agencies.tamin.id }), 201).json.id;
  const startsAt = Date.now() + 50 * 60000; // within the hour: the next sweep sends the hour reminder
  let m = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: startsAt, place: 'تالار شورا' }), 201).json;
  m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;

  // E-mail: one per member, with the invitation as text/calendar. (The meeting is within the hour, so the
  // reminder sweep may already have mailed the hour reminder too: only the invitations are counted here.)
  const subjects = new Map();
  const subjectOf = (x) => subjects.get(x.file) ?? subjects.set(x.file, smtp.parse(x.file).subject).get(x.file);
  const invitations = () => smtp.received().filter((x) => subjectOf(x).startsWith('دعوت به جلسه'));
  const mails = await until('two invitation e-mails', () => (invitations().length >= 2 ? invitations() : null));
  assert.deepEqual(mails.map((x) => x.rcpt_tos[0]).sort(), ['chair@example.ir', 'tamin@example.ir']);
  const ics = parseIcs(mails[0].file);
  assert.equal(ics.method, 'REQUEST');
  assert.equal(ics.uid, `committee-meeting-${m.id}@127.0.0.1`);
  assert.equal(ics.sequence, m.version);
  assert.equal(ics.summary, `جلسهٔ شمارهٔ ۱ «کمیتهٔ دعوت‌ها»`);
  assert.equal(ics.tzid, 'Asia/Tehran');
  assert.ok(ics.start.endsWith('+03:30'), ics.start);
  assert.equal(Math.round(ics.start_ts), Math.floor(startsAt / 1000));
  assert.deepEqual(ics.attendees.sort(), ['mailto:chair@example.ir', 'mailto:tamin@example.ir']);
  assert.equal(ics.filename, 'invite.ics');
  assert.ok(ics.subject.startsWith('دعوت به جلسهٔ شمارهٔ ۱'), ics.subject);

  // SMS: Persian, the Jalali date, the member's own RSVP link.
  const jalaliDay = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(startsAt));
  const smsOf = (mobile, re) => sms.messages.filter((x) => x.receptor === mobile && re.test(x.message));
  const invite = await until('the member\'s SMS', () => smsOf('09121110002', /دعوت به جلسه/)[0]);
  assert.ok(invite.message.includes(jalaliDay), `${invite.message} has ${jalaliDay}`);
  const link = invite.message.match(/http:\/\/127\.0\.0\.1:\d+\/committee\/rsvp\/[0-9a-f.]+/)[0];
  assert.ok(link.includes(`/${m.id}.${memberSeat}.`));

  // RSVP from the link: the page works without JS; a tampered link is refused and writes nothing.
  const page = await fetch(link);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes('<form method="post"') && html.includes('dir="rtl"'));
  const audit = async () => assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
  const before = await audit();
  const form = (body) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const last = link.at(-1) === '0' ? '1' : '0';
  const bad = await fetch(link.slice(0, -1) + last, form('rsvp=yes'));
  assert.equal(bad.status, 400);
  assert.ok((await bad.text()).includes('معتبر نیست'));
  assert.equal(await audit(), before, 'a tampered link wrote nothing');
  const ok = await fetch(link, form('rsvp=no'));
  assert.equal(ok.status, 200);
  assert.ok((await ok.text()).includes('پاسخ ثبت‌شدهٔ شما: شرکت نمی‌کنم'));
  const view = assertStatus(await admin.get(`/api/v1/committee-meetings/${m.id}`), 200).json;
  assert.equal(view.attendance.find((a) => a.member_id === memberSeat).rsvp, 'no');
  assert.equal(await audit(), before + 1, 'the answer is audited');
  // (The periodic sweep may have run once before the answer; from now on the member is not reminded.)
  const memberReminders = smsOf('09121110002', /یادآوری/).length;

  // The hour reminder: the sweep runs when the server starts; the member declined, the chair did not.
  await restart();
  await until('the chair\'s hour reminder', () => smsOf('09121110001', /تا یک ساعت دیگر/)[0]);
  await restart();  // a second start adds nothing
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(smsOf('09121110001', /تا یک ساعت دیگر/).length, 1, 'reminded once');
  assert.equal(smsOf('09121110002', /یادآوری/).length, memberReminders, 'no reminder to who declined');

  // Held, a decision with a deadline that has passed (moved back in the database: the server has no clock
  // control), escalated to the chair at the next sweep.
  let held = assertStatus(await admin.put(`/api/v1/committee-meetings/${m.id}/attendance`, { attendance: [{ member_id: chairSeat, status: 'present' }] }), 200).json;
  held = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'hold', version: held.version }), 200).json;
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(startsAt)).map((x) => [x.type, x.value]));
  const d = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/decisions`, {
    text: 'انتشار گزارش مشترک', owner_agency_id: ids.agencies.tamin.id, owner_user_id: memberUser.id, deadline: `${p.year}/${p.month}/${p.day}`,
  }), 201).json;
  dbQuery(srv.dataDir, `UPDATE committee_decisions SET deadline = ${Date.now() - 60000} WHERE id = ${d.id};`);
  await restart();
  const esc = await until('the escalation SMS', () => smsOf('09121110001', /گذشتن مهلت مصوبه/)[0]);
  assert.ok(esc.message.includes('انتشار گزارش مشترک'));
  await until('the escalation e-mail', () => smtp.received().find((x) => x.rcpt_tos[0] === 'chair@example.ir' && smtp.parse(x.file).subject.includes('گذشتن مهلت')));

  const notices = assertStatus(await admin.get(`/api/v1/committee-meetings/${m.id}/notices`), 200).json.items;
  assert.equal(notices.filter((n) => n.kind === 'invite' && n.status === 'sent').length, 4);
  assert.equal(notices.filter((n) => n.kind === 'remind_hour' && n.user_id === chairUser.id && n.status === 'sent').length, 2);
});

test('a committee\'s own e-mail channel and SMS sender line carry its invitations; a wrong channel or line is refused', async () => {
  const u = ids.users;
  const memberUser = u.analyst;
  dbQuery(srv.dataDir, `UPDATE users SET email = 'analyst@example.ir', mobile = '09121110003' WHERE id = ${memberUser.id};`);
  const list = assertStatus(await admin.post('/api/v1/press-lists', { council_id: ids.councilId, name: 'فهرست کمیتهٔ دوم' }), 201).json;
  const own = assertStatus(await admin.post('/api/v1/channels', { council_id: ids.councilId, kind: 'email', name: 'رایانامهٔ کمیتهٔ رسانه', secret: smtp.password,
    config: { press_list_id: list.id, smtp_url: smtp.url, tls: 'none', username: smtp.user, from_address: 'media-committee@council.example.ir', from_name: 'دبیرخانهٔ کمیتهٔ رسانه' } }), 201).json;
  const webhook = assertStatus(await admin.post('/api/v1/channels', { council_id: ids.councilId, kind: 'webhook', name: 'وب‌هوک آزمون',
    config: { url: 'https://hooks.example.ir/pol' }, secret: 'webhook-secret-123456' }), 201).json;
  const committee = assertStatus(await admin.post('/api/v1/committees', { council_id: ids.councilId, name: 'کمیتهٔ رسانه' }), 201).json;
  assertStatus(await admin.post(`/api/v1/committees/${committee.id}/members`, { user_id: memberUser.id }), 201);
  const path = `/api/v1/committees/${committee.id}/sender-settings`;
  const defaults = assertStatus(await admin.get(path), 200).json;
  assert.deepEqual(defaults, { committee_id: committee.id, mail_channel_id: null, sms_sender: '', version: 0 });

  // Bad input: a Persian 400 naming the field; nothing written.
  const audit = async () => assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200).json.total;
  const before = await audit();
  for (const [body, code, field] of [[{ mail_channel_id: webhook.id }, 'invalid_mail_channel', 'mail_channel_id'],
    [{ mail_channel_id: 99999999 }, 'invalid_mail_channel', 'mail_channel_id'], [{ sms_sender: '۳۰۰۰-۱' }, 'invalid_sms_sender', 'sms_sender']]) {
    const r = await admin.put(path, { ...body, version: 0 });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.code, code);
    assert.equal(r.json.error.field, field);
    assert.match(r.json.error.message, /[\u0600-\u06FF]/);
  }
  assert.equal(await audit(), before, 'refused settings wrote nothing');

  const set = assertStatus(await admin.put(path, { mail_channel_id: own.id, sms_sender: '۳۰۰۰۱۲۳۴', version: 0 }), 200).json;
  assert.deepEqual(set, { committee_id: committee.id, mail_channel_id: own.id, sms_sender: '30001234', version: 1 });
  assert.equal(await audit(), before + 1, 'the settings are audited');

  const seen = smtp.received().length;
  let m = assertStatus(await admin.post(`/api/v1/committees/${committee.id}/meetings`, { starts_at: Date.now() + 5 * 86400000, place: 'تالار رسانه' }), 201).json;
  m = assertStatus(await admin.post(`/api/v1/committee-meetings/${m.id}/transition`, { action: 'schedule', version: m.version }), 200).json;
  const mail = await until('the invitation from the committee\'s channel', () =>
    smtp.received().slice(seen).find((x) => x.rcpt_tos[0] === 'analyst@example.ir'));
  assert.equal(mail.mail_from, 'media-committee@council.example.ir');
  const parsed = smtp.parse(mail.file);
  assert.ok(parsed.from.includes('media-committee@council.example.ir'), parsed.from);
  // The name is two RFC 2047 words split after a space; Python's decoder adds one more between them.
  assert.ok(parsed.from.replace(/\s+/g, ' ').includes('دبیرخانهٔ کمیتهٔ رسانه'), parsed.from);
  const text = await until('the SMS from the committee\'s line', () =>
    sms.messages.find((x) => x.receptor === '09121110003' && /کمیتهٔ رسانه/.test(x.message)));
  assert.equal(text.sender, '30001234');
});
