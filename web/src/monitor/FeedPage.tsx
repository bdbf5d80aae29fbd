// The monitoring feed: search and filters over the monitored items, saved searches.
import { useState } from 'react';
import { faDateTime, faNumber } from '../fa';
import { useSession } from '../session';
import { Empty, ErrorAlert, Link, Loading, PageHeader, Pagination, useLoad } from '../components/ui';
import { listItems, listSavedSearches, saveSearch } from './api';
import { TIERS, TONES } from './labels';
import { Snippet, ToneBadge } from './parts';

const PER_PAGE = 20;
const NO_FILTERS = { q: '', tone: '', tier: '', agency_id: '', from: '', to: '' };

export function MonitorFeedPage() {
  const s = useSession();
  const params = new URLSearchParams(window.location.search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [filters, setFilters] = useState({ ...NO_FILTERS, q: params.get('q') ?? '' });
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad((signal) => listItems({ ...filters, page, per_page: PER_PAGE }, signal), [filters, page]);
  const saved = useLoad((signal) => listSavedSearches(signal), []);
  const [saveError, setSaveError] = useState<unknown>(null);
  const set = (k: string, v: string) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: v }));
  };
  const saveThis = async () => {
    const name = window.prompt('نام این جست‌وجو:');
    if (!name) return;
    try {
      await saveSearch(name, Object.fromEntries(Object.entries(filters).filter(([, v]) => v)));
      saved.reload();
    } catch (e) {
      setSaveError(e);
    }
  };
  return (
    <div>
      <PageHeader title="پایش رسانه" sub="خبرهای رسانه‌ها دربارهٔ دستگاه‌های شورا">
        <Link to="/monitor/sources" className="btn btn-outline-secondary btn-sm">منبع‌ها</Link>
        <Link to="/monitor/charts" className="btn btn-outline-secondary btn-sm">نمودارها</Link>
        <Link to="/monitor/watch-terms" className="btn btn-outline-secondary btn-sm" data-testid="link-watch-terms">واژه‌های پایش</Link>
        <Link to="/monitor/alert-rules" className="btn btn-outline-secondary btn-sm" data-testid="link-alert-rules">قاعده‌های هشدار</Link>
      </PageHeader>
      <form
        className="row g-2 align-items-end mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', q);
        }}
      >
        <div className="col-md-4">
          <label className="form-label small" htmlFor="mq">جست‌وجو</label>
          <input id="mq" className="form-control" value={q} onChange={(e) => setQ(e.target.value)} placeholder="مثلاً: «تأمین اجتماعی» یا بیمه -بیکاری" data-testid="monitor-q" />
        </div>
        <div className="col-md-2">
          <label className="form-label small" htmlFor="mtone">لحن</label>
          <select id="mtone" className="form-select" value={filters.tone} onChange={(e) => set('tone', e.target.value)}>
            <option value="">همه</option>
            {Object.entries(TONES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div className="col-md-2">
          <label className="form-label small" htmlFor="mtier">سطح رسانه</label>
          <select id="mtier" className="form-select" value={filters.tier} onChange={(e) => set('tier', e.target.value)}>
            <option value="">همه</option>
            {Object.entries(TIERS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div className="col-md-2">
          <label className="form-label small" htmlFor="magency">دستگاه</label>
          <select id="magency" className="form-select" value={filters.agency_id} onChange={(e) => set('agency_id', e.target.value)}>
            <option value="">همه</option>
            {s.agencies.map((a) => <option key={a.id} value={a.id}>{a.short_name || a.name}</option>)}
          </select>
        </div>
        <div className="col-md-1">
          <label className="form-label small" htmlFor="mfrom">از تاریخ</label>
          <input id="mfrom" className="form-control" placeholder="۱۴۰۴/۰۳/۰۱" value={filters.from} onChange={(e) => set('from', e.target.value)} />
        </div>
        <div className="col-md-1">
          <button className="btn btn-primary w-100" type="submit" data-testid="monitor-search">جست‌وجو</button>
        </div>
      </form>
      <div className="d-flex flex-wrap gap-2 mb-3 align-items-center">
        {saved.data?.items.map((x) => (
          <button key={x.id} type="button" className="btn btn-sm btn-outline-primary" onClick={() => { setQ(x.query.q ?? ''); setPage(1); setFilters({ ...NO_FILTERS, ...x.query }); }}>
            {x.name}
          </button>
        ))}
        <button type="button" className="btn btn-sm btn-link" onClick={() => void saveThis()}>
          ذخیرهٔ این جست‌وجو
        </button>
      </div>
      {saveError ? <ErrorAlert error={saveError} /> : null}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : loading && !data ? <Loading /> : !data || data.items.length === 0 ? <Empty /> : (
        <>
          <div className="text-secondary small mb-2" data-testid="monitor-total">
            {data.total_capped ? `بیش از ${faNumber(data.total)} خبر — تازه‌ترین‌ها نخست` : `${faNumber(data.total)} خبر`}
          </div>
          <ul className="list-group mb-3" data-testid="monitor-items">
            {data.items.map((it) => (
              <li key={it.id} className="list-group-item">
                <div className="d-flex justify-content-between gap-2">
                  <Link to={`/monitor/items/${it.id}`} className="fw-semibold">{it.title || '(بی‌عنوان)'}</Link>
                  <ToneBadge tone={it.tone} />
                </div>
                <div className="small text-secondary">
                  {it.source_name || it.outlet} {it.tier && `· ${TIERS[it.tier] ?? it.tier}`} · {faDateTime(it.published_at ?? it.fetched_at)}
                </div>
                {it.snippet ? <Snippet html={it.snippet} /> : <div className="small">{it.lead}</div>}
              </li>
            ))}
          </ul>
          <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
