// The citizen desk's figures on the home page: how many requests wait for the desk, how many are past
// their deadline and how many were answered but not closed — each a link to the inbox so filtered.
import { faNumber } from '../fa';
import { Link, useLoad } from '../components/ui';
import { listRequests } from './api';

interface Count {
  key: string;
  title: string;
  to: string;
  query: Record<string, string | number>;
  danger?: boolean;
}

const COUNTS: Count[] = [
  { key: 'open', title: 'در دست بررسی', to: '/citizen?state=open', query: { state: 'open' } },
  { key: 'overdue', title: 'گذشته از مهلت', to: '/citizen?overdue=1', query: { overdue: 1 }, danger: true },
  { key: 'answered', title: 'پاسخ‌داده، منتظر بستن', to: '/citizen?state=answered', query: { state: 'answered' } },
];

export function DeskCounts() {
  // One small page per figure; `total` is the count of the whole filtered list.
  const counts = useLoad(
    (signal) => Promise.all(COUNTS.map((c) => listRequests({ ...c.query, per_page: 1 }, signal).then((p) => p.total))),
    [],
  );
  return (
    <section className="mb-4" aria-labelledby="desk-counts-h" data-testid="desk-counts">
      <h2 id="desk-counts-h" className="h6 text-secondary mb-3">
        درخواست‌های مردمی
      </h2>
      <div className="row g-3">
        {COUNTS.map((c, i) => {
          const n = counts.data?.[i];
          return (
            <div className="col-sm-4" key={c.key}>
              <Link to={c.to} className="card quick-link h-100 shadow-sm border-0 text-decoration-none" data-testid={`desk-count-${c.key}`}>
                <div className="card-body">
                  <div className="small text-secondary mb-1">{c.title}</div>
                  <div className={`fs-3 fw-bold ${c.danger && n ? 'text-danger' : ''}`} data-testid={`desk-count-${c.key}-value`}>
                    {counts.error ? '—' : n === undefined ? '…' : faNumber(n)}
                  </div>
                </div>
              </Link>
            </div>
          );
        })}
      </div>
    </section>
  );
}
