// The citizens' channel in the console: the inbox (masked mobiles, filters by
// state, agency and overdue), a request (history, reply with templates,
// internal notes, assign to me, transfer with a reason, close, merge similar),
// routing admin (held-out accuracy, rules) and CSAT per agency.
import { useState } from 'react';
import { ApiError, get, post, api } from '../api';
import { useSession, agencyName } from '../session';
import { toPersianDigits, faDateTime } from '../fa';
import { Empty, ErrorAlert, Link, Loading, PageHeader, Pagination, useLoad, useTitle } from '../components/ui';
import type { Page, User } from '../types';

export interface CitizenRequest {
  id: number;
  tracking_code: string;
  type: string;
  type_name: string;
  subject: string;
  agency_id: number | null;
  agency_name: string;
  state: string;
  state_name: string;
  assignee_id: number | null;
  assignee_name: string;
  name: string;
  mobile_masked: string;
  mobile?: string;
  national_code?: string;
  text?: string;
  route_source: string;
  route_confidence: number;
  resolve_due: number | null;
  first_response_due: number | null;
  overdue: boolean;
  escalation: number;
  csat: number | null;
  csat_comment: string;
  duplicate_of: number | null;
  duplicates: number;
  version: number;
  created_at: number;
  events?: { id: number; at: number; kind: string; actor_name: string; public: boolean; body: string }[];
  attachments?: { id: number; name: string; mime: string; size: number }[];
  similar?: CitizenRequest[];
}

/** Who sees the citizens' channel: desks and PR managers of agencies, council admins (the triage desk). */
export function canSeeCitizen(user: User): boolean {
  return user.roles.some((g) => ['system_admin', 'council_admin', 'citizen_desk', 'agency_pr_manager'].includes(g.role));
}
export function isCouncilDesk(user: User): boolean {
  return user.roles.some((g) => g.role === 'system_admin' || g.role === 'council_admin');
}

const STATES: [string, string][] = [
  ['', 'همه'],
  ['triage', 'در دبیرخانهٔ شورا'],
  ['open', 'در دست بررسی'],
  ['answered', 'پاسخ داده شد'],
  ['closed', 'بسته'],
  ['merged', 'ادغام‌شده'],
];
const ROUTE_SOURCES: Record<string, string> = {
  citizen: 'انتخاب شهروند',
  rule: 'قاعدهٔ ارجاع',
  model: 'مدل متنی',
  triage: 'دبیرخانهٔ شورا',
  staff: 'ارجاع کارشناس',
};
const OUTCOMES: [string, string][] = [
  ['resolved', 'حل شد'],
  ['answered', 'پاسخ داده شد'],
  ['rejected', 'رد شد'],
  ['not_competent', 'خارج از صلاحیت'],
  ['duplicate', 'تکراری'],
];

function StateBadge({ r }: { r: CitizenRequest }) {
  const cls = r.state === 'closed' ? 'text-bg-secondary' : r.state === 'triage' ? 'text-bg-warning' : r.state === 'answered' ? 'text-bg-success' : 'text-bg-primary';
  return (
    <span className={`badge ${cls}`} data-testid="state">
      {r.state_name}
    </span>
  );
}

export function CitizenInboxPage() {
  useTitle('درخواست‌های مردمی');
  const s = useSession();
  const params = new URLSearchParams(window.location.search);
  const [state, setState] = useState(params.get('state') ?? '');
  const [agency, setAgency] = useState(params.get('agency') ?? '');
  const [overdue, setOverdue] = useState(params.get('overdue') === '1');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    (signal) => get<Page<CitizenRequest>>('/citizen/requests', { state, agency_id: agency, overdue: overdue ? 1 : '', page, per_page: 30 }, signal),
    [state, agency, overdue, page],
  );
  return (
    <>
      <PageHeader title="درخواست‌های مردمی" sub="پرسش، شکایت، انتقاد، پیشنهاد، قدردانی و گزارش شهروندان">
        {isCouncilDesk(s.user) && (
          <Link to="/citizen/routing" className="btn btn-outline-secondary btn-sm">
            ارجاع خودکار
          </Link>
        )}
        <Link to="/citizen/csat" className="btn btn-outline-secondary btn-sm">
          رضایت شهروندان
        </Link>
      </PageHeader>
      <div className="d-flex flex-wrap gap-2 mb-3">
        <select className="form-select form-select-sm w-auto" aria-label="وضعیت" value={state} onChange={(e) => { setState(e.target.value); setPage(1); }}>
          {STATES.map(([v, l]) => (
            <option key={v} value={v}>{l}</option>
          ))}
        </select>
        <select className="form-select form-select-sm w-auto" aria-label="دستگاه" value={agency} onChange={(e) => { setAgency(e.target.value); setPage(1); }}>
          <option value="">همهٔ دستگاه‌ها</option>
          {s.agencies.map((a) => (
            <option key={a.id} value={a.id}>{a.short_name || a.name}</option>
          ))}
        </select>
        <label className="form-check-label d-flex align-items-center gap-1">
          <input type="checkbox" className="form-check-input" checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPage(1); }} />
          فقط دیرکرده‌ها
        </label>
      </div>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : loading || !data ? <Loading /> : data.items.length === 0 ? <Empty>درخواستی نیست.</Empty> : (
        <div className="table-responsive">
          <table className="table table-hover align-middle bg-white" data-testid="citizen-inbox">
            <thead>
              <tr><th>کد رهگیری</th><th>موضوع</th><th>نوع</th><th>دستگاه</th><th>وضعیت</th><th>شهروند</th><th>مهلت</th></tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id} data-testid={`citizen-row-${r.tracking_code}`} className={r.overdue ? 'table-danger' : ''}>
                  <td dir="ltr" className="text-end">{toPersianDigits(r.tracking_code)}</td>
                  <td>
                    <Link to={`/citizen/${r.id}`}>{r.subject}</Link>
                    {r.duplicates > 0 && <span className="badge text-bg-info ms-1">{toPersianDigits(r.duplicates)} مشابه</span>}
                  </td>
                  <td>{r.type_name}</td>
                  <td>{r.agency_name || 'دبیرخانهٔ شورا'}</td>
                  <td><StateBadge r={r} /></td>
                  <td>{r.name} <span dir="ltr" className="text-secondary small">{toPersianDigits(r.mobile_masked)}</span></td>
                  <td className="small">{r.resolve_due ? faDateTime(r.resolve_due) : '—'}{r.overdue && <span className="badge text-bg-danger ms-1">دیرکرد</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} perPage={30} total={data.total} onPage={setPage} />
        </div>
      )}
    </>
  );
}

interface Template { id: number; title: string; body: string }

export function CitizenRequestPage({ id }: { id: number }) {
  useTitle('درخواست مردمی');
  const s = useSession();
  const { data: r, error, loading, reload, setData } = useLoad((signal) => get<CitizenRequest>(`/citizen/requests/${id}`, {}, signal), [id]);
  const templates = useLoad((signal) => get<{ items: Template[] }>('/citizen/templates', {}, signal), []);
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('resolved');
  const [err, setErr] = useState<string>('');
  const [busy, setBusy] = useState(false);

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !r) return <Loading />;
  const active = r.state !== 'closed' && r.state !== 'merged';
  const act = async (path: string, body: unknown, clear?: () => void) => {
    setBusy(true);
    setErr('');
    try {
      await post(`/citizen/requests/${r.id}/${path}`, body);
      clear?.();
      const fresh = await get<CitizenRequest>(`/citizen/requests/${r.id}`);
      setData(fresh);
    } catch (e) {
      setErr(e instanceof ApiError ? e.message : 'کار انجام نشد.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title={r.subject} sub={<span>کد رهگیری <span dir="ltr">{toPersianDigits(r.tracking_code)}</span> · {r.type_name}</span>}>
        <Link to="/citizen" className="btn btn-outline-secondary btn-sm">بازگشت</Link>
      </PageHeader>
      {err && <div className="alert alert-danger" role="alert">{err}</div>}
      <div className="row g-3">
        <div className="col-lg-8">
          <div className="card mb-3"><div className="card-body">
            <p style={{ whiteSpace: 'pre-line' }} data-testid="citizen-text">{r.text}</p>
            {r.attachments && r.attachments.length > 0 && (
              <ul className="small">
                {r.attachments.map((a) => (
                  <li key={a.id}><a href={`/api/v1/citizen/requests/${r.id}/attachments/${a.id}`}>{a.name}</a> ({a.mime})</li>
                ))}
              </ul>
            )}
          </div></div>
          <h2 className="h6">روند رسیدگی</h2>
          <ol className="list-unstyled" data-testid="citizen-events">
            {r.events?.map((e) => (
              <li key={e.id} className={`border-start border-4 ps-2 mb-2 ${e.public ? 'border-success' : 'border-secondary'}`}>
                <div className="small text-secondary">{faDateTime(e.at)} · {e.actor_name} {!e.public && '· یادداشت داخلی'}</div>
                <div style={{ whiteSpace: 'pre-line' }}>{e.body}</div>
              </li>
            ))}
          </ol>
          {active && r.agency_id && (
            <div className="card mb-3"><div className="card-body">
              <label className="form-label fw-semibold" htmlFor="reply">پاسخ به شهروند</label>
              <select className="form-select form-select-sm mb-2" aria-label="قالب پاسخ" onChange={(e) => { const t = templates.data?.items.find((x) => x.id === Number(e.target.value)); if (t) setReply(t.body); }} defaultValue="">
                <option value="">قالب‌های پاسخ…</option>
                {templates.data?.items.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
              </select>
              <textarea id="reply" className="form-control" rows={4} value={reply} onChange={(e) => setReply(e.target.value)} />
              <button className="btn btn-primary mt-2" disabled={busy || !reply.trim()} onClick={() => void act('reply', { body: reply, version: r.version }, () => setReply(''))}>
                فرستادن پاسخ
              </button>
            </div></div>
          )}
          <div className="card mb-3"><div className="card-body">
            <label className="form-label fw-semibold" htmlFor="note">یادداشت داخلی</label>
            <textarea id="note" className="form-control" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            <button className="btn btn-outline-secondary btn-sm mt-2" disabled={busy || !note.trim()} onClick={() => void act('notes', { body: note }, () => setNote(''))}>
              افزودن یادداشت
            </button>
          </div></div>
        </div>
        <div className="col-lg-4">
          <div className="card mb-3"><div className="card-body small">
            <div className="mb-1">وضعیت: <StateBadge r={r} /></div>
            <div className="mb-1">دستگاه: {r.agency_name || 'دبیرخانهٔ شورا'}</div>
            <div className="mb-1">ارجاع: {ROUTE_SOURCES[r.route_source] ?? r.route_source} ({toPersianDigits(Math.round(r.route_confidence * 100))}٪)</div>
            <div className="mb-1">مسئول: {r.assignee_name || '—'}</div>
            <div className="mb-1">مهلت پاسخ نخست: {r.first_response_due ? faDateTime(r.first_response_due) : '—'}</div>
            <div className="mb-1">مهلت رسیدگی: {r.resolve_due ? faDateTime(r.resolve_due) : '—'} {r.overdue && <span className="badge text-bg-danger">دیرکرد</span>}</div>
            <hr />
            <div className="mb-1">شهروند: {r.name}</div>
            <div className="mb-1">همراه: <span dir="ltr">{toPersianDigits(r.mobile ?? '')}</span></div>
            {r.national_code && <div className="mb-1">کد ملی: <span dir="ltr">{toPersianDigits(r.national_code)}</span></div>}
            {r.csat != null && <div className="mb-1">رضایت: {toPersianDigits(r.csat)} از ۵ {r.csat_comment && `— ${r.csat_comment}`}</div>}
          </div></div>
          {active && (
            <>
              <button className="btn btn-outline-primary btn-sm w-100 mb-3" disabled={busy} onClick={() => void act('assign', { user_id: s.user.id, version: r.version })}>
                واگذاری به من
              </button>
              <div className="card mb-3"><div className="card-body">
                <label className="form-label fw-semibold" htmlFor="transfer">ارجاع به دستگاه دیگر</label>
                <select id="transfer" className="form-select form-select-sm mb-2" value={transferTo} onChange={(e) => setTransferTo(e.target.value)}>
                  <option value="">انتخاب دستگاه…</option>
                  {s.agencies.filter((a) => a.id !== r.agency_id).map((a) => <option key={a.id} value={a.id}>{a.short_name || a.name}</option>)}
                </select>
                <input className="form-control form-control-sm" placeholder="دلیل ارجاع" aria-label="دلیل ارجاع" value={reason} onChange={(e) => setReason(e.target.value)} />
                <button className="btn btn-outline-secondary btn-sm mt-2" disabled={busy || !transferTo || !reason.trim()} onClick={() => void act('transfer', { agency_id: Number(transferTo), reason, version: r.version }, () => { setReason(''); setTransferTo(''); })}>
                  ارجاع
                </button>
              </div></div>
              {r.agency_id && (
                <div className="card mb-3"><div className="card-body">
                  <label className="form-label fw-semibold" htmlFor="outcome">بستن درخواست</label>
                  <select id="outcome" className="form-select form-select-sm" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
                    {OUTCOMES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                  </select>
                  <button className="btn btn-dark btn-sm mt-2" disabled={busy} onClick={() => void act('close', { outcome, version: r.version })}>
                    بستن
                  </button>
                </div></div>
              )}
            </>
          )}
          {r.similar && r.similar.length > 0 && (
            <div className="card"><div className="card-body small">
              <div className="fw-semibold mb-1">{toPersianDigits(r.similar.length)} درخواست مشابه</div>
              <ul>{r.similar.map((d) => <li key={d.id}><Link to={`/citizen/${d.id}`}>{toPersianDigits(d.tracking_code)}</Link> {d.name}</li>)}</ul>
              <button className="btn btn-outline-secondary btn-sm" disabled={busy} onClick={() => void act('merge', { ids: r.similar!.map((d) => d.id) })}>ادغام همه در این درخواست</button>
            </div></div>
          )}
        </div>
      </div>
    </>
  );
}

interface Routing {
  samples: number;
  held_out: number;
  accuracy: number;
  trained_at: number;
  min_confidence: number;
  rules: { id: number; agency_id: number; keywords: string; types: string; priority: number }[];
}

export function CitizenRoutingPage() {
  useTitle('ارجاع خودکار');
  const s = useSession();
  const { data, error, loading, reload, setData } = useLoad((signal) => get<Routing>('/citizen/routing', {}, signal), []);
  const [agency, setAgency] = useState('');
  const [keywords, setKeywords] = useState('');
  const [err, setErr] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const run = async (f: () => Promise<unknown>) => {
    setErr('');
    try {
      await f();
      setData(await get<Routing>('/citizen/routing'));
    } catch (e) {
      setErr(e instanceof ApiError ? e.message : 'کار انجام نشد.');
    }
  };
  return (
    <>
      <PageHeader title="ارجاع خودکار درخواست‌ها" />
      {err && <div className="alert alert-danger">{err}</div>}
      <div className="card mb-3"><div className="card-body" data-testid="routing-accuracy">
        دقت مدل روی بخش کنارگذاشته: <strong>{toPersianDigits((data.accuracy * 100).toFixed(1))}٪</strong> ({toPersianDigits(data.held_out)} نمونه از {toPersianDigits(data.samples)}) · آخرین آموزش {faDateTime(data.trained_at)} · آستانهٔ اطمینان {toPersianDigits(data.min_confidence)}
        <button className="btn btn-outline-secondary btn-sm ms-2" onClick={() => void run(() => post('/citizen/routing/retrain'))}>آموزش دوباره</button>
      </div></div>
      <h2 className="h6">قاعده‌ها</h2>
      <table className="table bg-white"><tbody>
        {data.rules.map((r) => (
          <tr key={r.id}><td>{r.keywords}</td><td>{r.types}</td><td>{agencyName(s, r.agency_id)}</td><td>{toPersianDigits(r.priority)}</td>
            <td><button className="btn btn-link btn-sm text-danger" onClick={() => void run(() => api('DELETE', `/citizen/routing/rules/${r.id}`))}>حذف</button></td></tr>
        ))}
      </tbody></table>
      <div className="d-flex gap-2 flex-wrap">
        <input className="form-control form-control-sm w-auto" placeholder="کلیدواژه‌ها" aria-label="کلیدواژه‌ها" value={keywords} onChange={(e) => setKeywords(e.target.value)} />
        <select className="form-select form-select-sm w-auto" aria-label="دستگاه" value={agency} onChange={(e) => setAgency(e.target.value)}>
          <option value="">دستگاه…</option>
          {s.agencies.map((a) => <option key={a.id} value={a.id}>{a.short_name || a.name}</option>)}
        </select>
        <button className="btn btn-primary btn-sm" disabled={!agency || !keywords.trim()} onClick={() => void run(() => post('/citizen/routing/rules', { agency_id: Number(agency), keywords, priority: 10 }))}>افزودن قاعده</button>
      </div>
    </>
  );
}

interface CsatRow { agency_id: number; agency_name: string; rated: number; closed: number; open: number; overdue: number; average: number; distribution: number[] }

export function CitizenCsatPage() {
  useTitle('رضایت شهروندان');
  const { data, error, loading, reload } = useLoad((signal) => get<{ items: CsatRow[] }>('/citizen/csat', {}, signal), []);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  return (
    <>
      <PageHeader title="رضایت شهروندان از پاسخگویی دستگاه‌ها" />
      <table className="table bg-white" data-testid="csat-table">
        <thead><tr><th>دستگاه</th><th>میانگین رضایت</th><th>نظرها</th><th>بسته</th><th>باز</th><th>دیرکرد</th></tr></thead>
        <tbody>
          {data.items.map((x) => (
            <tr key={x.agency_id} data-testid={`csat-${x.agency_id}`}>
              <td>{x.agency_name}</td>
              <td>{x.rated ? toPersianDigits(x.average.toFixed(1)) : '—'}</td>
              <td>{toPersianDigits(x.rated)}</td><td>{toPersianDigits(x.closed)}</td><td>{toPersianDigits(x.open)}</td><td>{toPersianDigits(x.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

