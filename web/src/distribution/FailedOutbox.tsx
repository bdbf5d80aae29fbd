// The failed deliveries of the other kinds, beside the releases' (FailedDeliveries): the press bulletin,
// monitoring alerts (e-mail, the agency's alert chat, a PR manager's own chat) and corrections/withdrawals
// re-announced — the kind, what was sent (the bulletin's label, the alert's item, the release), the
// channel or chat and recipient, the cause in Persian (the channel's own answer on hover), when and after
// how many attempts, and «ارسال دوباره» where the API allows it.
import { useState } from 'react';
import { faNumber } from '../fa';
import { Link, useLoad } from '../components/ui';
import { useSession } from '../session';
import { listFailedOutbox, retryOutbox, type OutboxDelivery, type OutboxKind } from './api';
import { FailedTable, RetryNoticeAlert, failedColumns, useRetry } from './failedColumns';

const PER_PAGE = 20;
const KINDS: { value: '' | OutboxKind; label: string }[] = [
  { value: '', label: 'همه' },
  { value: 'bulletin', label: 'بولتن خبری' },
  { value: 'alert', label: 'هشدار پایش' },
  { value: 'release_update', label: 'اصلاحیه و پس‌گرفتن' },
];

function What({ d }: { d: OutboxDelivery }) {
  if (d.kind === 'release_update') return <Link to={`/newsroom/${d.ref_id}`} data-testid="outbox-title">{d.title}</Link>;
  if (d.kind === 'alert' && d.link) {
    // The alert's link is absolute (it goes out by e-mail); inside the console it is a route.
    const at = d.link.indexOf('/console/');
    if (at >= 0) return <Link to={d.link.slice(at + '/console'.length)} data-testid="outbox-title">{d.title}</Link>;
  }
  return <span data-testid="outbox-title">{d.title}</span>;
}

export function FailedOutbox() {
  const s = useSession();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<'' | OutboxKind>('');
  const list = useLoad((signal) => listFailedOutbox({ page, per_page: PER_PAGE, kind: kind || undefined }, signal), [page, kind]);
  const retry = useRetry<OutboxDelivery>(
    (d) => `${d.kind}:${d.id}`,
    (d) => retryOutbox(d.kind, d.id),
    (d) => `${d.kind_name} «${d.title}» به «${d.channel_name}» دوباره در صف قرار گرفت.`,
    list.reload,
  );

  const total = list.data?.total ?? 0;
  return (
    <section className="card border-0 shadow-sm mb-3" data-testid="failed-outbox" aria-labelledby="outbox-title">
      <div className="card-body">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
          <h2 className="h6 mb-0" id="outbox-title">
            ارسال‌های ناموفق بولتن، هشدار و اصلاحیه{' '}
            {list.data && <span className={`badge ${total ? 'text-bg-danger' : 'text-bg-success'}`} data-testid="outbox-count">{faNumber(total)}</span>}
          </h2>
          <div className="d-flex align-items-center gap-2">
            <label className="small text-secondary" htmlFor="outbox-kind">نوع</label>
            <select id="outbox-kind" className="form-select form-select-sm w-auto" value={kind} onChange={(e) => { setPage(1); setKind(e.target.value as '' | OutboxKind); }}>
              {KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
            </select>
          </div>
        </div>
        <RetryNoticeAlert notice={retry.notice} testid="outbox-notice" />
        <FailedTable
          list={list}
          empty="ارسال ناموفقی از بولتن، هشدارها و اصلاحیه‌ها نیست."
          testid="outbox"
          rowKey={(d) => `${d.kind}:${d.id}`}
          rowProps={(d) => ({ 'data-testid': 'outbox-row', 'data-kind': d.kind })}
          columns={[
            { header: 'نوع', cellClassName: 'text-nowrap', cell: (d) => <span className="badge text-bg-light border" data-testid="outbox-kind">{d.kind_name}</span> },
            { header: 'چه چیز', cell: (d) => <What d={d} /> },
            ...failedColumns<OutboxDelivery>(s, 'outbox', retry),
          ]}
          page={page}
          perPage={PER_PAGE}
          onPage={setPage}
        />
      </div>
    </section>
  );
}
