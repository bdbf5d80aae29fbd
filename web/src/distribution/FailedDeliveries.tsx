// Every failed delivery of the channels this person manages: the release (linked), the channel and
// recipient, the cause in Persian (the channel's own answer on hover), when and after how many attempts,
// and «ارسال دوباره» where the API allows it (the release is still public).
import { useState } from 'react';
import { ApiError } from '../api';
import { faNumber } from '../fa';
import { DataTable } from '../components/ListPage';
import { ErrorAlert, Link, Loading, Pagination, useLoad } from '../components/ui';
import { useSession } from '../session';
import { listFailedDeliveries, retryDelivery, type FailedDelivery } from './api';
import { failedColumns } from './failedColumns';

const PER_PAGE = 20;

export function FailedDeliveries() {
  const s = useSession();
  const [page, setPage] = useState(1);
  const [agency, setAgency] = useState('');
  const list = useLoad((signal) => listFailedDeliveries({ page, per_page: PER_PAGE, agency_id: agency || undefined }, signal), [page, agency]);
  const [busy, setBusy] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  // Agencies whose channels this person manages (a council admin has several; a PR manager one).
  const agencies = s.caps.isSystemAdmin
    ? s.agencies
    : s.agencies.filter((a) => s.caps.adminCouncils.includes(a.council_id) || s.caps.managedAgencies.includes(a.id));

  const retry = async (d: FailedDelivery) => {
    setBusy(d.id);
    setNotice(null);
    try {
      await retryDelivery(d.id);
      setNotice({ ok: true, text: `ارسال «${d.release_title}» به «${d.channel_name}» دوباره در صف قرار گرفت.` });
      list.reload();
    } catch (e) {
      setNotice({ ok: false, text: e instanceof ApiError ? e.message : 'انجام نشد.' });
    } finally {
      setBusy(null);
    }
  };

  const total = list.data?.total ?? 0;
  return (
    <section className="card border-0 shadow-sm mb-3" data-testid="failed-deliveries" aria-labelledby="failed-title">
      <div className="card-body">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
          <h2 className="h6 mb-0" id="failed-title">
            ارسال‌های ناموفق{' '}
            {list.data && <span className={`badge ${total ? 'text-bg-danger' : 'text-bg-success'}`} data-testid="failed-count">{faNumber(total)}</span>}
          </h2>
          {agencies.length > 1 && (
            <div className="d-flex align-items-center gap-2">
              <label className="small text-secondary" htmlFor="failed-agency">دستگاه</label>
              <select id="failed-agency" className="form-select form-select-sm w-auto" value={agency} onChange={(e) => { setPage(1); setAgency(e.target.value); }}>
                <option value="">همه</option>
                {agencies.map((a) => <option key={a.id} value={a.id}>{a.short_name || a.name}</option>)}
              </select>
            </div>
          )}
        </div>
        {notice && (
          <div className={`alert ${notice.ok ? 'alert-success' : 'alert-danger'} py-1 small`} role={notice.ok ? 'status' : 'alert'} data-testid="failed-notice">
            {notice.text}
          </div>
        )}
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <p className="text-secondary mb-0" data-testid="failed-empty">ارسال ناموفقی نیست؛ همهٔ خبرها به کانال‌ها رسیده‌اند یا در صف‌اند.</p>
        ) : (
          <>
            <DataTable
              bare
              className="table table-sm align-middle mb-0"
              headClassName=""
              rows={list.data.items}
              rowKey={(d) => d.id}
              rowProps={(d) => ({ 'data-testid': 'failed-row', 'data-release': String(d.release_id) })}
              columns={[
                {
                  header: 'خبر',
                  cell: (d) => (
                    <>
                      <Link to={`/newsroom/${d.release_id}`} data-testid="failed-release">{d.release_title}</Link>
                      {d.release_status === 'withdrawn' && <span className="badge text-bg-secondary ms-1">پس‌گرفته</span>}
                    </>
                  ),
                },
                ...failedColumns<FailedDelivery>(s, 'failed', {
                  busy: (d) => busy === d.id,
                  run: (d) => void retry(d),
                  otherwise: () => <span className="small text-secondary">خبر دیگر منتشرشده نیست</span>,
                }),
              ]}
            />
            <Pagination page={page} perPage={PER_PAGE} total={total} onPage={setPage} />
          </>
        )}
      </div>
    </section>
  );
}
