// One citizen's request: its text and history, the reply (with templates) and
// internal notes; beside it the facts, assign to me, transfer with a reason,
// close, and merge similar requests.
import { useState } from 'react';
import { ApiError } from '../api';
import { faDateTime, toPersianDigits } from '../fa';
import { useSession } from '../session';
import { ErrorAlert, Link, Loading, PageHeader, useLoad, useTitle } from '../components/ui';
import { getRequest, listTemplates, requestAction } from './api';
import { OUTCOMES, REQUEST_CHANNELS, ROUTE_SOURCES } from './labels';
import { StateBadge } from './parts';
import { Dialog } from '../newsroom/Dialog';
import type { CitizenRequest, Template } from './types';

/** Runs one casework step (POST …/requests/{id}/{action}), then shows the request as it now is. */
type Act = (action: string, body: unknown, clear?: () => void) => Promise<void>;

export function CitizenRequestPage({ id }: { id: number }) {
  useTitle('درخواست مردمی');
  const { data: r, error, loading, reload, setData } = useLoad((signal) => getRequest(id, signal), [id]);
  const templates = useLoad((signal) => listTemplates(signal), []);
  const [err, setErr] = useState<string>('');
  const [busy, setBusy] = useState(false);

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !r) return <Loading />;
  const active = r.state !== 'closed' && r.state !== 'merged';
  const act: Act = async (action, body, clear) => {
    setBusy(true);
    setErr('');
    try {
      await requestAction(r.id, action, body);
      clear?.();
      setData(await getRequest(r.id));
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
          {active && r.agency_id && <ReplyCard r={r} templates={templates.data?.items} busy={busy} act={act} />}
          <NoteCard busy={busy} act={act} />
        </div>
        <div className="col-lg-4">
          <FactsCard r={r} />
          {active && <CaseworkCards r={r} busy={busy} act={act} />}
          {r.similar && r.similar.length > 0 && <SimilarCard similar={r.similar} busy={busy} act={act} />}
        </div>
      </div>
    </>
  );
}

function ReplyCard({ r, templates, busy, act }: { r: CitizenRequest; templates?: Template[]; busy: boolean; act: Act }) {
  const [reply, setReply] = useState('');
  return (
    <div className="card mb-3"><div className="card-body">
      <label className="form-label fw-semibold" htmlFor="reply">پاسخ به شهروند</label>
      <select className="form-select form-select-sm mb-2" aria-label="قالب پاسخ" onChange={(e) => { const t = templates?.find((x) => x.id === Number(e.target.value)); if (t) setReply(t.body); }} defaultValue="">
        <option value="">قالب‌های پاسخ…</option>
        {templates?.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
      </select>
      <textarea id="reply" className="form-control" rows={4} value={reply} onChange={(e) => setReply(e.target.value)} />
      <button className="btn btn-primary mt-2" disabled={busy || !reply.trim()} onClick={() => void act('reply', { body: reply, version: r.version }, () => setReply(''))}>
        فرستادن پاسخ
      </button>
    </div></div>
  );
}

function NoteCard({ busy, act }: { busy: boolean; act: Act }) {
  const [note, setNote] = useState('');
  return (
    <div className="card mb-3"><div className="card-body">
      <label className="form-label fw-semibold" htmlFor="note">یادداشت داخلی</label>
      <textarea id="note" className="form-control" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <button className="btn btn-outline-secondary btn-sm mt-2" disabled={busy || !note.trim()} onClick={() => void act('notes', { body: note }, () => setNote(''))}>
        افزودن یادداشت
      </button>
    </div></div>
  );
}


function FactsCard({ r }: { r: CitizenRequest }) {
  return (
    <div className="card mb-3"><div className="card-body small">
      <div className="mb-1">وضعیت: <StateBadge r={r} /></div>
      <div className="mb-1">دستگاه: {r.agency_name || 'دبیرخانهٔ شورا'}</div>
      <div className="mb-1" data-testid="request-channel">راه دریافت: {REQUEST_CHANNELS[r.channel ?? 'web'] ?? r.channel}</div>
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
  );
}

/** Assign to me, transfer to another agency with a reason, close with an outcome. */
function CaseworkCards({ r, busy, act }: { r: CitizenRequest; busy: boolean; act: Act }) {
  const s = useSession();
  const [transferTo, setTransferTo] = useState('');
  const [reason, setReason] = useState('');
  // No default outcome: the person closing says how it ended, then confirms.
  const [outcome, setOutcome] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
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
          <select id="outcome" className="form-select form-select-sm" value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="close-outcome">
            <option value="">نتیجه را انتخاب کنید…</option>
            {OUTCOMES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
          <button className="btn btn-dark btn-sm mt-2" disabled={busy || !outcome} onClick={() => setConfirming(true)} data-testid="close-request">
            بستن
          </button>
        </div></div>
      )}
      {confirming && (
        <Dialog
          title="بستن درخواست"
          testId="close-confirm"
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="btn btn-outline-secondary" onClick={() => setConfirming(false)}>انصراف</button>
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act('close', { outcome, version: r.version }, () => { setConfirming(false); setOutcome(''); })}>
                بستن با نتیجهٔ «{OUTCOMES.find(([v]) => v === outcome)?.[1]}»
              </button>
            </>
          }
        >
          <p className="mb-0">درخواست {toPersianDigits(r.tracking_code)} با نتیجهٔ «{OUTCOMES.find(([v]) => v === outcome)?.[1]}» بسته می‌شود. مطمئن هستید؟</p>
        </Dialog>
      )}
    </>
  );
}

function SimilarCard({ similar, busy, act }: { similar: CitizenRequest[]; busy: boolean; act: Act }) {
  return (
    <div className="card"><div className="card-body small">
      <div className="fw-semibold mb-1">{toPersianDigits(similar.length)} درخواست مشابه</div>
      <ul>{similar.map((d) => <li key={d.id}><Link to={`/citizen/${d.id}`}>{toPersianDigits(d.tracking_code)}</Link> {d.name}</li>)}</ul>
      <button className="btn btn-outline-secondary btn-sm" disabled={busy} onClick={() => void act('merge', { ids: similar.map((d) => d.id) })}>ادغام همه در این درخواست</button>
    </div></div>
  );
}
