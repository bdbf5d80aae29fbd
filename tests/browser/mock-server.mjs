// A development stand-in for `pol serve`: an in-memory implementation of the
// /api/v1 contract the console uses (auth, councils, agencies, users, audit),
// serving web/dist at /console/ with the index.html fallback. It exists so the
// console and its browser tests can be worked on before the C++ server builds;
// the browser tests run against the real `pol serve` unless POL_MOCK=1.
//   node tests/browser/mock-server.mjs [port]     # manual preview
import http from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../web/dist');
const PASSWORD = 'demo1405';

const AGENCIES = [
  ['tkr', 'اداره کل تعاون، کار و رفاه اجتماعی استان قزوین', 'اداره کل تعاون، کار و رفاه اجتماعی'],
  ['tamin', 'اداره کل تأمین اجتماعی استان قزوین', 'تأمین اجتماعی'],
  ['tamin-darman', 'مدیریت درمان تأمین اجتماعی استان قزوین', 'درمان تأمین اجتماعی'],
  ['behzisti', 'اداره کل بهزیستی استان قزوین', 'بهزیستی'],
  ['fanni', 'اداره کل آموزش فنی و حرفه‌ای استان قزوین', 'فنی و حرفه‌ای'],
  ['bazneshastegi', 'صندوق بازنشستگی کشوری استان قزوین', 'صندوق بازنشستگی'],
  ['refah', 'مدیریت شعب بانک رفاه کارگران استان قزوین', 'بانک رفاه'],
  ['omid', 'صندوق کارآفرینی امید استان قزوین', 'صندوق امید'],
  ['tosee-taavon', 'مدیریت شعب بانک توسعه تعاون استان قزوین', 'بانک توسعه تعاون'],
  ['roostaei', 'صندوق بیمهٔ اجتماعی کشاورزان، روستاییان و عشایر استان قزوین', 'صندوق بیمه روستاییان'],
];
const PERSIAN_NAMES = ['علی', 'زهرا', 'محمد', 'فاطمه', 'حسین', 'مریم', 'رضا', 'سارا', 'مهدی', 'نرگس'];
const SURNAMES = ['احمدی', 'رضایی', 'محمدی', 'کریمی', 'حسینی', 'موسوی', 'جعفری', 'صادقی', 'رحیمی', 'نوری'];

export function createMock() {
  const now = Date.now() - 40 * 86400000;
  const db = { councils: [], agencies: [], users: [], passwords: new Map(), sessions: new Map(), audit: [], fails: new Map() };
  db.councils.push({
    id: 1, slug: 'qazvin-tkr', name: 'شورای هماهنگی روابط عمومی دستگاه‌های تعاون، کار و رفاه اجتماعی استان قزوین',
    province: 'قزوین', description: 'هماهنگی اطلاع‌رسانی و روابط عمومی دستگاه‌های زیرمجموعهٔ وزارت تعاون، کار و رفاه اجتماعی در استان قزوین',
    version: 1, created_at: now, updated_at: now,
  });
  AGENCIES.forEach(([slug, name, short_name], i) => {
    db.agencies.push({ id: i + 1, council_id: 1, slug, name, short_name, website: `https://${slug}.example.ir`, pr_email: `pr@${slug}.example.ir`, pr_phone: `0283${3300000 + i * 1111}`, disabled: false, version: 1, created_at: now, updated_at: now });
  });
  let uid = 0;
  const addUser = (username, name, roles, mobile = null) => {
    const u = { id: ++uid, username, name, mobile, email: `${username}@example.ir`, disabled: false, created_at: now, last_login_at: null, version: 1, roles };
    db.users.push(u);
    db.passwords.set(u.id, PASSWORD);
    return u;
  };
  addUser('admin', 'مدیر سامانه', [{ role: 'system_admin', council_id: null, agency_id: null }]);
  addUser('council', 'مهدی کریمی', [{ role: 'council_admin', council_id: 1, agency_id: null }], '09121234567');
  addUser('committee', 'سارا موسوی', [{ role: 'committee_member', council_id: 1, agency_id: null }]);
  addUser('analyst', 'رضا نوری', [{ role: 'analyst', council_id: 1, agency_id: null }]);
  db.agencies.forEach((a, i) => {
    for (const [suffix, role] of [['manager', 'agency_pr_manager'], ['editor', 'agency_editor'], ['desk', 'citizen_desk']]) {
      const n = `${PERSIAN_NAMES[(i + suffix.length) % 10]} ${SURNAMES[(i * 3 + suffix.length) % 10]}`;
      addUser(`${a.slug}-${suffix}`, n, [{ role, council_id: 1, agency_id: a.id }]);
    }
  });
  let aid = 0;
  const audit = (actor, action, entity, entity_id, ip, detail, at = Date.now()) =>
    db.audit.unshift({ id: ++aid, at, actor_id: actor?.id ?? null, actor_name: actor?.name ?? null, action, entity, entity_id, ip, detail });
  for (let i = 0; i < 40; i++) audit(db.users[i % 4], i % 3 ? 'update' : 'login', i % 3 ? 'agency' : 'user', (i % 10) + 1, '127.0.0.1', i % 3 ? { fields: ['pr_phone'] } : null, now + i * 86400000 * 0.9);
  return { db, audit };
}

function err(res, status, code, message, field) {
  send(res, status, { error: { code, message, ...(field ? { field } : {}) } });
}
function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(status === 204 ? undefined : text);
}
const toLatin = (s) => String(s).replace(/[۰-۹]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(c)).replace(/[٠-٩]/g, (c) => '٠١٢٣٤٥٦٧٨٩'.indexOf(c));

export function startMock(port = 0) {
  const { db, audit } = createMock();
  const page = (items, q) => {
    const p = Math.max(1, Number(q.get('page')) || 1);
    const per = Math.min(100, Math.max(1, Number(q.get('per_page')) || 20));
    return { items: items.slice((p - 1) * per, p * per), page: p, per_page: per, total: items.length };
  };
  const caps = (u) => {
    const r = u.roles;
    const sys = r.some((g) => g.role === 'system_admin');
    const adminC = r.filter((g) => g.role === 'council_admin').map((g) => g.council_id);
    const readC = r.filter((g) => ['council_admin', 'committee_member', 'analyst'].includes(g.role)).map((g) => g.council_id);
    const mgrA = r.filter((g) => g.role === 'agency_pr_manager').map((g) => g.agency_id);
    const memA = r.filter((g) => g.agency_id != null).map((g) => g.agency_id);
    return { sys, adminC, readC, mgrA, memA };
  };
  const canManageUser = (c, target) =>
    c.sys || target.roles.length === 0 || target.roles.every((g) => (g.council_id != null && c.adminC.includes(g.council_id) && g.role !== 'system_admin') || (g.agency_id != null && c.mgrA.includes(g.agency_id) && ['agency_pr_manager', 'agency_editor', 'citizen_desk'].includes(g.role)));

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    if (p === '/readyz' || p === '/healthz') return send(res, 200, { ok: true });
    if (p === '/') {
      res.writeHead(302, { location: '/console/' });
      return res.end();
    }
    if (p.startsWith('/console')) {
      let f = path.join(dist, decodeURIComponent(p.slice('/console'.length)));
      if (!f.startsWith(dist) || !existsSync(f) || statSync(f).isDirectory()) f = path.join(dist, 'index.html');
      const ext = path.extname(f);
      const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };
      res.writeHead(200, { 'content-type': types[ext] || 'application/octet-stream' });
      return res.end(readFileSync(f));
    }
    if (!p.startsWith('/api/v1/')) return err(res, 404, 'not_found', 'پیدا نشد.');
    const route = p.slice('/api/v1'.length);
    const m = req.method;
    let body = {};
    if (m !== 'GET') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const t = Buffer.concat(chunks).toString();
      try { body = t ? JSON.parse(t) : {}; } catch { return err(res, 400, 'bad_json', 'بدنهٔ درخواست JSON معتبر نیست.'); }
    }
    const ip = req.socket.remoteAddress;
    const sid = /(?:^|;\s*)pol_session=([^;]+)/.exec(req.headers.cookie || '')?.[1];
    const sess = sid && db.sessions.get(sid);
    const me = sess && db.users.find((u) => u.id === sess.user);

    if (route === '/auth/login' && m === 'POST') {
      const login = toLatin(body.login || '').trim();
      const u = db.users.find((x) => x.username === login || x.mobile === login || x.email === login);
      const fails = db.fails.get(login) || 0;
      if (fails >= 10) return err(res, 429, 'too_many_attempts', 'تعداد تلاش‌های ناموفق زیاد است. چند دقیقهٔ دیگر دوباره تلاش کنید.');
      if (!u || db.passwords.get(u.id) !== body.password) {
        db.fails.set(login, fails + 1);
        return err(res, 401, 'invalid_credentials', 'نام کاربری یا گذرواژه نادرست است.');
      }
      if (u.disabled) return err(res, 403, 'account_disabled', 'این حساب غیرفعال شده است.');
      const id = randomBytes(16).toString('hex');
      const csrf = randomBytes(16).toString('hex');
      db.sessions.set(id, { user: u.id, csrf });
      u.last_login_at = Date.now();
      audit(u, 'login', 'user', u.id, ip, null);
      return send(res, 200, { user: u, csrf_token: csrf }, { 'set-cookie': `pol_session=${id}; Path=/; HttpOnly; SameSite=Strict` });
    }
    if (!me) return err(res, 401, 'unauthenticated', 'ابتدا وارد سامانه شوید.');
    if (m !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return err(res, 403, 'csrf', 'نشانهٔ امنیتی درخواست نامعتبر است. صفحه را دوباره بارگذاری کنید.');
    const c = caps(me);
    const forbid = () => err(res, 403, 'forbidden', 'شما اجازهٔ انجام این کار را ندارید.');
    const notFound = () => err(res, 404, 'not_found', 'مورد درخواستی پیدا نشد.');
    let mm;

    if (route === '/auth/me' && m === 'GET') return send(res, 200, { user: me, csrf_token: sess.csrf });
    if (route === '/auth/logout' && m === 'POST') { db.sessions.delete(sid); return send(res, 204, undefined, { 'set-cookie': 'pol_session=; Path=/; Max-Age=0' }); }
    if (route === '/auth/logout-all' && m === 'POST') { for (const [k, s] of db.sessions) if (s.user === me.id) db.sessions.delete(k); return send(res, 204, undefined, { 'set-cookie': 'pol_session=; Path=/; Max-Age=0' }); }
    if (route === '/auth/password' && m === 'POST') {
      if (db.passwords.get(me.id) !== body.current_password) return err(res, 400, 'invalid_password', 'گذرواژهٔ کنونی نادرست است.', 'current_password');
      if (!body.new_password || body.new_password.length < 8) return err(res, 400, 'weak_password', 'گذرواژهٔ تازه باید دست‌کم ۸ نویسه باشد.', 'new_password');
      db.passwords.set(me.id, body.new_password);
      audit(me, 'change_password', 'user', me.id, ip, null);
      return send(res, 204);
    }
    if (route === '/councils' && m === 'GET') return send(res, 200, { items: db.councils.filter((x) => c.sys || c.readC.includes(x.id) || me.roles.some((g) => g.council_id === x.id)) });
    if ((mm = /^\/councils\/(\d+)$/.exec(route))) {
      const x = db.councils.find((k) => k.id === Number(mm[1]));
      if (!x) return notFound();
      if (m === 'GET') return send(res, 200, x);
      if (m === 'PATCH') {
        if (!c.sys && !c.adminC.includes(x.id)) return forbid();
        if (body.version !== x.version) return err(res, 409, 'version_conflict', 'این مورد در این فاصله تغییر کرده است.');
        for (const k of ['name', 'description']) if (k in body) x[k] = body[k];
        x.version++; x.updated_at = Date.now();
        audit(me, 'update', 'council', x.id, ip, body);
        return send(res, 200, x);
      }
    }
    if (route === '/agencies' && m === 'GET') {
      if (!c.sys && !c.readC.length) return forbid();
      const q = url.searchParams.get('q') || '';
      const list = db.agencies.filter((a) => (c.sys || c.readC.includes(a.council_id)) && (!q || a.name.includes(q) || a.slug.includes(q) || a.short_name.includes(q)));
      return send(res, 200, page(list, url.searchParams));
    }
    if (route === '/agencies' && m === 'POST') {
      if (!c.sys && !c.adminC.includes(body.council_id)) return forbid();
      if (!body.name) return err(res, 400, 'invalid', 'نام دستگاه را وارد کنید.', 'name');
      if (!/^[a-z0-9-]+$/.test(body.slug || '')) return err(res, 400, 'invalid', 'شناسه باید از حروف کوچک لاتین، رقم و خط تیره باشد.', 'slug');
      if (db.agencies.some((a) => a.slug === body.slug)) return err(res, 409, 'duplicate', 'دستگاهی با این شناسه وجود دارد.', 'slug');
      const a = { id: db.agencies.length + 1, council_id: body.council_id, slug: body.slug, name: body.name, short_name: body.short_name || '', website: body.website || '', pr_email: body.pr_email || '', pr_phone: toLatin(body.pr_phone || ''), disabled: false, version: 1, created_at: Date.now(), updated_at: Date.now() };
      db.agencies.push(a);
      audit(me, 'create', 'agency', a.id, ip, { slug: a.slug });
      return send(res, 201, a);
    }
    if ((mm = /^\/agencies\/(\d+)$/.exec(route))) {
      const a = db.agencies.find((k) => k.id === Number(mm[1]));
      if (!a) return notFound();
      if (!c.sys && !c.readC.includes(a.council_id) && !c.memA.includes(a.id)) return forbid();
      if (m === 'GET') return send(res, 200, a);
      if (m === 'PATCH') {
        if (!c.sys && !c.adminC.includes(a.council_id)) return forbid();
        if (body.version !== a.version) return err(res, 409, 'version_conflict', 'این مورد هم‌زمان توسط کاربر دیگری ویرایش شده است.');
        for (const k of ['name', 'short_name', 'website', 'pr_email', 'pr_phone', 'disabled']) if (k in body) a[k] = body[k];
        a.version++; a.updated_at = Date.now();
        audit(me, 'update', 'agency', a.id, ip, body);
        return send(res, 200, a);
      }
    }
    if (route === '/users' && m === 'GET') {
      if (!c.sys && !c.adminC.length && !c.mgrA.length) return forbid();
      const q = url.searchParams.get('q') || '';
      const ag = Number(url.searchParams.get('agency_id')) || null;
      const list = db.users.filter((u) =>
        (c.sys || u.roles.some((g) => c.adminC.includes(g.council_id) || c.mgrA.includes(g.agency_id))) &&
        (!ag || u.roles.some((g) => g.agency_id === ag)) &&
        (!q || u.name.includes(q) || u.username.includes(q) || (u.mobile || '').includes(toLatin(q))));
      return send(res, 200, page(list, url.searchParams));
    }
    if (route === '/users' && m === 'POST') {
      const roles = body.roles || [];
      if (!canManageUser(c, { roles }) || (!c.sys && !c.adminC.length && !c.mgrA.length)) return forbid();
      if (!body.name) return err(res, 400, 'invalid', 'نام را وارد کنید.', 'name');
      if (!/^[a-z0-9._-]{3,}$/.test(body.username || '')) return err(res, 400, 'invalid', 'نام کاربری باید دست‌کم ۳ نویسه از حروف لاتین کوچک، رقم، نقطه یا خط تیره باشد.', 'username');
      if (db.users.some((u) => u.username === body.username)) return err(res, 409, 'duplicate', 'این نام کاربری پیش‌تر ثبت شده است.', 'username');
      const mobile = body.mobile ? toLatin(body.mobile) : null;
      if (mobile && !/^09\d{9}$/.test(mobile)) return err(res, 400, 'invalid', 'شمارهٔ همراه باید ۱۱ رقم و با ۰۹ آغاز شود.', 'mobile');
      if (!body.password || body.password.length < 8) return err(res, 400, 'weak_password', 'گذرواژه باید دست‌کم ۸ نویسه باشد.', 'password');
      const u = { id: db.users.length + 1, username: body.username, name: body.name, mobile, email: body.email || null, disabled: false, created_at: Date.now(), last_login_at: null, version: 1, roles };
      db.users.push(u); db.passwords.set(u.id, body.password);
      audit(me, 'create', 'user', u.id, ip, { username: u.username });
      return send(res, 201, u);
    }
    if ((mm = /^\/users\/(\d+)(\/password)?$/.exec(route))) {
      const u = db.users.find((k) => k.id === Number(mm[1]));
      if (!u) return notFound();
      if (!canManageUser(c, u) && !(c.sys || c.adminC.length || c.mgrA.length)) return forbid();
      if (!canManageUser(c, u)) return forbid();
      if (mm[2] && m === 'POST') {
        if (!body.new_password || body.new_password.length < 8) return err(res, 400, 'weak_password', 'گذرواژه باید دست‌کم ۸ نویسه باشد.', 'new_password');
        db.passwords.set(u.id, body.new_password);
        audit(me, 'reset_password', 'user', u.id, ip, null);
        return send(res, 204);
      }
      if (m === 'GET') return send(res, 200, u);
      if (m === 'PATCH') {
        if (body.version !== u.version) return err(res, 409, 'version_conflict', 'این مورد هم‌زمان توسط کاربر دیگری ویرایش شده است.');
        if (body.roles && !canManageUser(c, { roles: body.roles })) return forbid();
        for (const k of ['name', 'email', 'roles', 'disabled']) if (k in body) u[k] = body[k];
        if ('mobile' in body) u.mobile = body.mobile ? toLatin(body.mobile) : null;
        u.version++;
        audit(me, 'update', 'user', u.id, ip, body);
        return send(res, 200, u);
      }
    }
    if (route === '/audit' && m === 'GET') {
      if (!c.sys && !c.adminC.length) return forbid();
      const s = url.searchParams;
      const from = Number(s.get('from')) || 0, to = Number(s.get('to')) || Infinity;
      const list = db.audit.filter((a) => a.at >= from && a.at <= to && (!s.get('actor_id') || a.actor_id === Number(s.get('actor_id'))) && (!s.get('entity') || a.entity === s.get('entity')));
      return send(res, 200, page(list, s));
    }
    return err(res, 404, 'not_found', 'مسیر درخواستی پیدا نشد.');
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      resolve({ base, url: (x) => base + x, db, stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startMock(Number(process.argv[2]) || 8090);
  console.log(`mock pol on ${s.base}/console/`);
}
