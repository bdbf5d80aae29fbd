// The citizens' requests inbox: masked mobiles, filters by state, agency and overdue.
import { useState } from 'react';
import { faDateTime, toPersianDigits } from '../fa';
import { useSession } from '../session';
import { Empty, ErrorAlert, Link, Loading, PageHeader, Pagination, useLoad, useTitle } from '../components/ui';
import { isCouncilDesk } from './access';
import { listRequests } from './api';
import { STATES } from './labels';
import { StateBadge } from './parts';

const PER_PAGE = 30;

export function CitizenInboxPage() {
  useTitle('درخواست‌های مردمی');
  const s = useSession();
  const params = new URLSearchParams(window.location.search);
  const [state, setState] = useState(params.get('state') ?? '');
  const [agency, setAgency] = useState(params.get('agency') ?? '');
  const [overdue, setOverdue] = useState(params.get('overdue') === '1');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    (signal) => listRequests({ state, agency_id: agency, overdue: overdue ? 1 : '', page, per_page: PER_PAGE }, signal),
    [state, agency, overdue, page],
  );
  return (
    <>
      <PageHeader title="درخواست‌های مردمی" sub="پرسش، شکایت، انتقاد، پیشنهاد، قدردانی و گزارش شهروندان">
        {isCouncilDesk(s.user) && (
          <>
            <Link to="/citizen/routing" className="btn btn-outline-secondary btn-sm">
              ارجاع خودکار
            </Link>
            <Link to="/citizen/sla" className="btn btn-outline-secondary btn-sm" data-testid="link-sla">
              مهلت‌ها
            </Link>
            <Link to="/citizen/privacy" className="btn btn-outline-secondary btn-sm" data-testid="link-privacy">
              دادهٔ شخصی
            </Link>
          </>
        )}
        <Link to="/citizen/csat" className="btn btn-outline-secondary btn-sm">
          رضایت شهروندان
        </Link>
      </PageHeader>
      {data?.sms_configured === false && (
        <div className="alert alert-warning" role="alert" data-testid="sms-warning">
          سامانهٔ پیامک پیکربندی نشده است: کد تأیید برای شهروندان فرستاده نمی‌شود و درخواست تازه‌ای ثبت نمی‌شود. از مدیر سامانه
          بخواهید <span dir="ltr">POL_SMS_PROVIDER</span> را تنظیم کند.
        </div>
      )}
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
          <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={setPage} />
        </div>
      )}
    </>
  );
}
