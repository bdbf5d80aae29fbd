// Every failed delivery of the channels this person manages: the release (linked), the channel and
// recipient, the cause in Persian (the channel's own answer on hover), when and after how many attempts,
// and «ارسال دوباره» where the API allows it (the release is still public).
import { useState } from 'react';
import { faNumber } from '../fa';
import { Link, useLoad } from '../components/ui';
import { useSession } from '../session';
import { listFailedDeliveries, retryDelivery, type FailedDelivery } from './api';
import { FailedTable, RetryNoticeAlert, failedColumns, useRetry } from './failedColumns';

const PER_PAGE = 20;

export function FailedDeliveries() {
  const s = useSession();
  const [page, setPage] = useState(1);
  const [agency, setAgency] = useState('');
  const list = useLoad((signal) => listFailedDeliveries({ page, per_page: PER_PAGE, agency_id: agency || undefined }, signal), [page, agency]);
  const retry = useRetry<FailedDelivery>(
    (d) => String(d.id),
    (d) => retryDelivery(d.id),
    (d) => `ارسال «${d.release_title}» به «${d.channel_name}» دوباره در صف قرار گرفت.`,
    list.reload,
  );
  // Agencies whose channels this person manages (a council admin has several; a PR manager one).
  const agencies = s.caps.isSystemAdmin
    ? s.agencies
    : s.agencies.filter((a) => s.caps.adminCouncils.includes(a.council_id) || s.caps.managedAgencies.includes(a.id));

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
        <RetryNoticeAlert notice={retry.notice} testid="failed-notice" />
        <FailedTable
          list={list}
          empty="ارسال ناموفقی نیست؛ همهٔ خبرها به کانال‌ها رسیده‌اند یا در صف‌اند."
          testid="failed"
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
              ...retry,
              otherwise: () => <span className="small text-secondary">خبر دیگر منتشرشده نیست</span>,
            }),
          ]}
          page={page}
          perPage={PER_PAGE}
          onPage={setPage}
        />
      </div>
    </section>
  );
}
