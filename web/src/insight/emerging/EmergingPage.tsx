// «موضوعات نوظهور»: the council's emerging issues — terms that burst against their last two weeks in
// monitored items and citizens' requests, grouped into issues (docs/insight.md). The list (terms, first
// and last day, growth, items and requests, tone, owner) and one issue's page (documents per day, its
// items and requests, the agencies mentioned) where the council admin assigns the owner agency, whose PR
// managers are notified. The server decides who sees what; the console only hides buttons.
import { useState } from 'react';
import { ApiError } from '../../api';
import { ErrorAlert, Link, Loading, PageHeader, useLoad } from '../../components/ui';
import { faDecimal, faNumber, toPersianDigits } from '../../fa';
import { agencyName, councilName, useSession } from '../../session';
import { assignEmergingOwner, getEmerging, listEmerging, refreshEmerging, type EmergingIssue } from './api';

const PERIODS: [number, string][] = [
  [7, 'هفت روز گذشته'],
  [30, 'سی روز گذشته'],
  [90, 'نود روز گذشته'],
];
const TONE_FA: Record<string, string> = { positive: 'مثبت', neutral: 'خنثی', negative: 'منفی' };

function Terms({ terms }: { terms: string[] }) {
  return (
    <span className="d-inline-flex flex-wrap gap-1">
      {terms.map((t) => (
        <span key={t} className="badge text-bg-light border">{t}</span>
      ))}
    </span>
  );
}

function Tone({ i }: { i: EmergingIssue }) {
  return (
    <span className="small">
      <span className="text-danger">{faNumber(i.tone.negative)} منفی</span>
      {' · '}
      <span className="text-success">{faNumber(i.tone.positive)} مثبت</span>
      {' · '}
      <span className="text-muted">{faNumber(i.tone.neutral)} خنثی</span>
    </span>
  );
}

export function EmergingPage() {
  const s = useSession();
  const [councilId, setCouncilId] = useState<number | undefined>(s.councils[0]?.id);
  const [days, setDays] = useState(30);
  const list = useLoad((sig) => (councilId ? listEmerging(councilId, days, sig) : Promise.resolve([])), [councilId, days]);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canRecount = councilId != null && (s.caps.isSystemAdmin || s.caps.adminCouncils.includes(councilId));

  const recount = async () => {
    if (!councilId) return;
    setNote(null);
    setError(null);
    try {
      const r = await refreshEmerging(councilId);
      setNote(`${faNumber(r.days_counted)} روز شمرده شد؛ ${faNumber(r.issues_touched)} موضوع به‌روز شد.`);
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'انجام نشد.');
    }
  };

  return (
    <div data-testid="emerging-page">
      <PageHeader
        title="موضوعات نوظهور"
        sub="واژه‌ها و جفت‌واژه‌هایی که در رسانه‌ها و درخواست‌های مردمی نسبت به دو هفتهٔ پیش جهش کرده‌اند، دسته‌بندی‌شده در موضوع‌ها"
      >
        {canRecount && (
          <button className="btn btn-outline-primary btn-sm" onClick={recount} data-testid="emerging-refresh">
            شمارش دوباره
          </button>
        )}
      </PageHeader>
      <div className="d-flex flex-wrap align-items-end gap-3 mb-3">
        {s.councils.length > 1 && (
          <div>
            <label className="form-label small mb-1" htmlFor="emerging-council">شورا</label>
            <select id="emerging-council" className="form-select form-select-sm" value={councilId}
              onChange={(e) => setCouncilId(Number(e.target.value))}>
              {s.councils.map((c) => <option key={c.id} value={c.id}>{councilName(s, c.id)}</option>)}
            </select>
          </div>
        )}
        <div>
          <label className="form-label small mb-1" htmlFor="emerging-days">بازه</label>
          <select id="emerging-days" className="form-select form-select-sm" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map(([d, l]) => <option key={d} value={d}>{l}</option>)}
          </select>
        </div>
      </div>
      {note && <div className="alert alert-success py-2">{note}</div>}
      {error && <div className="alert alert-danger py-2">{error}</div>}
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 && <p className="text-muted">در این بازه موضوع نوظهوری دیده نشد.</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-responsive">
          <table className="table table-sm align-middle" data-testid="emerging-list">
            <thead>
              <tr>
                <th>واژه‌ها</th>
                <th>نخستین روز</th>
                <th>آخرین روز</th>
                <th>رشد</th>
                <th>خبر</th>
                <th>درخواست</th>
                <th>لحن</th>
                <th>دستگاه مسئول</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((i) => (
                <tr key={i.id}>
                  <td><Link to={`/insight/emerging/${i.id}`}><Terms terms={i.terms.slice(0, 4)} /></Link></td>
                  <td>{toPersianDigits(i.first_day)}</td>
                  <td>{toPersianDigits(i.last_day)}</td>
                  <td>{faDecimal(i.growth)} برابر</td>
                  <td>{faNumber(i.items)}</td>
                  <td>{faNumber(i.requests)}</td>
                  <td><Tone i={i} /></td>
                  <td>{i.owner_agency_id ? agencyName(s, i.owner_agency_id) : <span className="text-muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function EmergingIssuePage({ id }: { id: number }) {
  const s = useSession();
  const detail = useLoad((sig) => getEmerging(id, sig), [id]);
  const [owner, setOwner] = useState<number | ''>('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const { issue, documents, per_day } = detail.data;
  const canAssign = s.caps.isSystemAdmin || s.caps.adminCouncils.includes(issue.council_id);
  const councilAgencies = s.agencies.filter((a) => a.council_id === issue.council_id);
  const max = Math.max(1, ...per_day.map((d) => d.documents));

  const assign = async () => {
    if (owner === '') return;
    setNote(null);
    setError(null);
    try {
      await assignEmergingOwner(issue.id, owner);
      setNote(`موضوع به ${agencyName(s, owner)} سپرده شد و مدیر روابط عمومی آن باخبر شد.`);
      detail.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'انجام نشد.');
    }
  };

  return (
    <div data-testid="emerging-issue">
      <PageHeader title="موضوع نوظهور" sub={<Terms terms={issue.terms} />}>
        <Link to="/insight/emerging" className="btn btn-outline-secondary btn-sm">همهٔ موضوع‌ها</Link>
      </PageHeader>
      <div className="row g-3 mb-3">
        <div className="col-md-6">
          <section className="card shadow-sm border-0 h-100">
            <div className="card-body">
              <dl className="row small mb-0">
                <dt className="col-5">نخستین روز</dt><dd className="col-7">{toPersianDigits(issue.first_day)}</dd>
                <dt className="col-5">آخرین روز</dt><dd className="col-7">{toPersianDigits(issue.last_day)}</dd>
                <dt className="col-5">رشد نسبت به پایه</dt><dd className="col-7">{faDecimal(issue.growth)} برابر</dd>
                <dt className="col-5">خبر و درخواست</dt>
                <dd className="col-7">{faNumber(issue.items)} خبر، {faNumber(issue.requests)} درخواست</dd>
                <dt className="col-5">لحن</dt><dd className="col-7"><Tone i={issue} /></dd>
                <dt className="col-5">دستگاه‌های نام‌برده</dt>
                <dd className="col-7">
                  {issue.agencies.length === 0 ? '—' : issue.agencies.map((a) => `${agencyName(s, a.agency_id)} (${faNumber(a.documents)})`).join('، ')}
                </dd>
                <dt className="col-5">دستگاه مسئول</dt>
                <dd className="col-7" data-testid="emerging-owner">{issue.owner_agency_id ? agencyName(s, issue.owner_agency_id) : '—'}</dd>
              </dl>
            </div>
          </section>
        </div>
        <div className="col-md-6">
          <section className="card shadow-sm border-0 h-100">
            <div className="card-body">
              <h2 className="h6">اسناد در هر روز</h2>
              {per_day.map((d) => (
                <div key={d.day} className="d-flex align-items-center gap-2 small mb-1">
                  <span style={{ minWidth: '6.5rem' }}>{toPersianDigits(d.day)}</span>
                  <div className="bg-primary rounded" style={{ height: '0.8rem', width: `${(d.documents / max) * 70}%` }} />
                  <span>{faNumber(d.documents)}</span>
                </div>
              ))}
              {canAssign && (
                <div className="d-flex align-items-end gap-2 mt-3">
                  <div>
                    <label className="form-label small mb-1" htmlFor="emerging-owner-select">سپردن به دستگاه</label>
                    <select id="emerging-owner-select" className="form-select form-select-sm" value={owner}
                      onChange={(e) => setOwner(e.target.value === '' ? '' : Number(e.target.value))}>
                      <option value="">انتخاب دستگاه…</option>
                      {councilAgencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
                    </select>
                  </div>
                  <button className="btn btn-primary btn-sm" disabled={owner === ''} onClick={assign} data-testid="emerging-assign">
                    سپردن
                  </button>
                </div>
              )}
              {note && <div className="alert alert-success py-2 mt-2 mb-0">{note}</div>}
              {error && <div className="alert alert-danger py-2 mt-2 mb-0">{error}</div>}
            </div>
          </section>
        </div>
      </div>
      <table className="table table-sm" data-testid="emerging-documents">
        <thead>
          <tr><th>روز</th><th>نوع</th><th>عنوان / کد رهگیری</th><th>لحن</th></tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={`${d.kind}-${d.id}`}>
              <td>{toPersianDigits(d.day)}</td>
              <td>{d.kind === 'request' ? 'درخواست مردمی' : 'خبر'}</td>
              <td>{d.title}</td>
              <td>{TONE_FA[d.tone] ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
