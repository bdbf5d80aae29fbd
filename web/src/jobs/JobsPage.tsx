// The job queue for system admins: counts per queue and state (with how late the oldest waiting job
// is), the list filtered by state and kind, each job's last error, and retry / cancel.
import { useState } from 'react';
import { ApiError, get, post } from '../api';
import { faDateTime, faNumber, toPersianDigits } from '../fa';
import { Empty, ErrorAlert, Loading, PageHeader, useLoad } from '../components/ui';
import { JOB_STATES, QUEUE_NAMES, STATE_CLASS, kindName, stateName } from './labels';

interface Job {
  id: number;
  queue: string;
  kind: string;
  state: string;
  run_at: number;
  attempts: number;
  max_attempts: number;
  last_error: string;
  created_at: number;
  updated_at: number;
}
interface Depth {
  queue: string;
  state: string;
  count: number;
  oldest_run_at: number;
}
interface JobList {
  items: Job[];
  stats: Depth[];
}

const PAGE = 50;

/** "۵ دقیقه", "۲ ساعت": how long ago, for the lag of the oldest waiting job. */
function lagText(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60000));
  if (m < 60) return `${faNumber(m)} دقیقه`;
  const h = Math.round(m / 60);
  return h < 48 ? `${faNumber(h)} ساعت` : `${faNumber(Math.round(h / 24))} روز`;
}

function Stats({ stats, now }: { stats: Depth[]; now: number }) {
  if (stats.length === 0) return null;
  return (
    <div className="row g-3 mb-3" data-testid="job-stats">
      {stats.map((d) => (
        <div className="col-sm-6 col-xl-3" key={`${d.queue}-${d.state}`}>
          <div className="card shadow-sm border-0 h-100">
            <div className="card-body">
              <div className="small text-secondary mb-1">
                {QUEUE_NAMES[d.queue] ?? <bdi dir="ltr">{d.queue}</bdi>} · {stateName(d.state)}
              </div>
              <div className={`fs-4 fw-bold ${d.state === 'dead' && d.count > 0 ? 'text-danger' : ''}`} data-testid={`job-stat-${d.state}`}>
                {faNumber(d.count)}
              </div>
              {d.state === 'ready' && d.oldest_run_at > 0 && d.oldest_run_at < now && (
                <div className="small text-secondary">قدیمی‌ترین کار {lagText(now - d.oldest_run_at)} منتظر است</div>
              )}
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

function JobRow({ job, onChanged }: { job: Job; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const act = async (action: 'retry' | 'cancel') => {
    setBusy(true);
    setError('');
    try {
      await post(`/jobs/${job.id}/${action}`);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'انجام نشد.');
    } finally {
      setBusy(false);
    }
  };
  const name = kindName(job.kind);
  return (
    <tr data-testid={`job-${job.id}`} className={job.state === 'dead' ? 'table-danger' : ''}>
      <td className="text-nowrap">{toPersianDigits(job.id)}</td>
      <td>
        {name ?? <bdi dir="ltr">{job.kind}</bdi>}
        {name && (
          <div className="small text-secondary">
            <bdi dir="ltr">{job.kind}</bdi>
          </div>
        )}
      </td>
      <td>
        <span className={`badge ${STATE_CLASS[job.state] ?? 'text-bg-light'}`} data-testid="job-state">
          {stateName(job.state)}
        </span>
      </td>
      <td className="text-nowrap small">
        {toPersianDigits(job.attempts)} از {toPersianDigits(job.max_attempts)}
      </td>
      <td className="text-nowrap small">{faDateTime(job.state === 'ready' ? job.run_at : job.updated_at)}</td>
      <td className="small" data-testid="job-error">
        {job.last_error ? <bdi dir="auto">{job.last_error}</bdi> : '—'}
        {error && <div className="text-danger">{error}</div>}
      </td>
      <td className="text-nowrap">
        {(job.state === 'dead' || job.state === 'cancelled') && (
          <button type="button" className="btn btn-sm btn-outline-primary" disabled={busy} onClick={() => void act('retry')} data-testid="job-retry">
            اجرای دوباره
          </button>
        )}
        {job.state === 'ready' && (
          <button type="button" className="btn btn-sm btn-outline-danger" disabled={busy} onClick={() => void act('cancel')} data-testid="job-cancel">
            لغو
          </button>
        )}
      </td>
    </tr>
  );
}

export function JobsPage() {
  const [state, setState] = useState('dead');
  const [pages, setPages] = useState<number[]>([]); // before_id of each further page loaded
  // The time of the answer, for the lag of the oldest waiting job.
  const first = useLoad(
    (signal) => get<JobList>('/jobs', { state, limit: PAGE }, signal).then((d) => ({ ...d, at: Date.now() })),
    [state],
  );
  const more = useLoad(
    (signal) => Promise.all(pages.map((before) => get<JobList>('/jobs', { state, limit: PAGE, before_id: before }, signal))),
    [state, pages],
  );
  const items = [...(first.data?.items ?? []), ...(more.data ?? []).flatMap((p) => p.items)];
  const last = more.data && more.data.length > 0 ? more.data[more.data.length - 1].items : first.data?.items;
  const hasMore = (last?.length ?? 0) === PAGE;
  const reload = () => {
    first.reload();
    setPages([]);
  };
  return (
    <div>
      <PageHeader title="کارهای پس‌زمینه" sub="ارسال‌ها، پیامک‌ها، دریافت منابع پایش و دیگر کارهایی که سامانه در پس‌زمینه انجام می‌دهد" />
      {first.data && <Stats stats={first.data.stats} now={first.data.at} />}
      <div className="d-flex flex-wrap gap-2 mb-3" role="group" aria-label="وضعیت کار" data-testid="job-filter">
        {[...JOB_STATES, ['', 'همه'] as [string, string]].map(([code, label]) => (
          <button
            key={code || 'all'}
            type="button"
            className={`btn btn-sm ${state === code ? 'btn-primary' : 'btn-outline-secondary'}`}
            aria-pressed={state === code}
            onClick={() => {
              setState(code);
              setPages([]);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && !first.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{state === 'dead' ? 'کار ناموفقی نیست.' : 'کاری با این وضعیت نیست.'}</Empty>
      ) : (
        <div className="card shadow-sm border-0">
          <div className="table-responsive">
            <table className="table table-sm table-hover align-middle mb-0" data-testid="jobs-table">
              <thead>
                <tr>
                  <th scope="col">شناسه</th>
                  <th scope="col">کار</th>
                  <th scope="col">وضعیت</th>
                  <th scope="col">تلاش</th>
                  <th scope="col">زمان</th>
                  <th scope="col">آخرین خطا</th>
                  <th scope="col">
                    <span className="visually-hidden">کنش</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((j) => (
                  <JobRow key={j.id} job={j} onChanged={reload} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {hasMore && items.length > 0 && (
        <button type="button" className="btn btn-outline-secondary mt-3" onClick={() => setPages([...pages, items[items.length - 1].id])} data-testid="jobs-more">
          کارهای بیشتر
        </button>
      )}
    </div>
  );
}
