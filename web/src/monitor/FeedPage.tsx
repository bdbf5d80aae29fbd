// The monitoring feed: search and filters over the monitored items, saved searches. By default only the
// items about the council's agencies (about=agencies); «همه» shows every imported item. The filters are a
// draft until «جست‌وجو» applies them (a Jalali start and end date, never a query per keystroke).
import { useState } from 'react';
import { faDateTime, faNumber, jParse, type JDate } from '../fa';
import { useSession } from '../session';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { Empty, ErrorAlert, Link, Loading, PageHeader, Pagination, useLoad } from '../components/ui';
import { listItems, listSavedSearches, saveSearch } from './api';
import { TIERS, TONES } from './labels';
import { OutletName, Snippet, ToneBadge } from './parts';

const PER_PAGE = 20;
type About = 'agencies' | 'all';
interface Filters {
  q: string;
  tone: string;
  tier: string;
  agency_id: string;
  from: string; // "1405/9/1" (the API reads Jalali dates), or ""
  to: string;
}
const NO_FILTERS: Filters = { q: '', tone: '', tier: '', agency_id: '', from: '', to: '' };
const apiDate = (d: JDate | null) => (d ? `${d.jy}/${d.jm}/${d.jd}` : '');

export function MonitorFeedPage() {
  const s = useSession();
  const params = new URLSearchParams(window.location.search);
  const [about, setAbout] = useState<About>(params.get('about') === 'all' ? 'all' : 'agencies');
  const [applied, setApplied] = useState<Filters>({ ...NO_FILTERS, q: params.get('q') ?? '' });
  const [draft, setDraft] = useState(applied);
  const [from, setFrom] = useState<JDate | null>(null);
  const [to, setTo] = useState<JDate | null>(null);
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    (signal) => listItems({ ...applied, about, page, per_page: PER_PAGE }, signal),
    [applied, about, page],
  );
  const saved = useLoad((signal) => listSavedSearches(signal), []);
  const [saveError, setSaveError] = useState<unknown>(null);
  const set = (k: keyof Filters, v: string) => setDraft((f) => ({ ...f, [k]: v }));
  const apply = (f: Filters) => {
    setPage(1);
    setApplied(f);
  };
  const load = (query: Record<string, string>) => {
    const f = { ...NO_FILTERS, ...query };
    setDraft(f);
    setFrom(jParse(f.from));
    setTo(jParse(f.to));
    if (query.about === 'all' || query.about === 'agencies') setAbout(query.about);
    apply(f);
  };
  const saveThis = async () => {
    const name = window.prompt('نام این جست‌وجو:');
    if (!name) return;
    try {
      await saveSearch(name, Object.fromEntries(Object.entries({ ...applied, about }).filter(([, v]) => v)));
      saved.reload();
    } catch (e) {
      setSaveError(e);
    }
  };
  const dirty = JSON.stringify(draft) !== JSON.stringify(applied);
  return (
    <div>
      <PageHeader title="پایش رسانه" sub="خبرهای رسانه‌ها دربارهٔ دستگاه‌های شورا">
        <Link to="/monitor/sources" className="btn btn-outline-secondary btn-sm">منبع‌ها</Link>
        <Link to="/monitor/charts" className="btn btn-outline-secondary btn-sm">نمودارها</Link>
        <Link to="/monitor/watch-terms" className="btn btn-outline-secondary btn-sm" data-testid="link-watch-terms">واژه‌های پایش</Link>
        <Link to="/monitor/alert-rules" className="btn btn-outline-secondary btn-sm" data-testid="link-alert-rules">قاعده‌های هشدار</Link>
      </PageHeader>
      <div className="btn-group btn-group-sm mb-3" role="group" aria-label="کدام خبرها">
        <button type="button" className={`btn ${about === 'agencies' ? 'btn-primary' : 'btn-outline-primary'}`} aria-pressed={about === 'agencies'}
          onClick={() => { setPage(1); setAbout('agencies'); }} data-testid="monitor-about-agencies">
          دربارهٔ دستگاه‌های شورا
        </button>
        <button type="button" className={`btn ${about === 'all' ? 'btn-primary' : 'btn-outline-primary'}`} aria-pressed={about === 'all'}
          onClick={() => { setPage(1); setAbout('all'); }} data-testid="monitor-about-all">
          همه
        </button>
      </div>
      <form
        className="row g-2 align-items-end mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...draft, from: apiDate(from), to: apiDate(to) });
          setDraft((d) => ({ ...d, from: apiDate(from), to: apiDate(to) }));
        }}
        data-testid="monitor-filters"
      >
        <div className="col-lg-3 col-md-6">
          <label className="form-label small" htmlFor="mq">جست‌وجو</label>
          <input id="mq" className="form-control" value={draft.q} onChange={(e) => set('q', e.target.value)} placeholder="مثلاً: «تأمین اجتماعی» یا بیمه -بیکاری" data-testid="monitor-q" />
        </div>
        <div className="col-lg-1 col-md-3 col-6">
          <label className="form-label small" htmlFor="mtone">لحن</label>
          <select id="mtone" className="form-select" value={draft.tone} onChange={(e) => set('tone', e.target.value)}>
            <option value="">همه</option>
            {Object.entries(TONES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div className="col-lg-1 col-md-3 col-6">
          <label className="form-label small" htmlFor="mtier">سطح رسانه</label>
          <select id="mtier" className="form-select" value={draft.tier} onChange={(e) => set('tier', e.target.value)}>
            <option value="">همه</option>
            {Object.entries(TIERS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div className="col-lg-2 col-md-4">
          <label className="form-label small" htmlFor="magency">دستگاه</label>
          <select id="magency" className="form-select" value={draft.agency_id} onChange={(e) => set('agency_id', e.target.value)}>
            <option value="">همه</option>
            {s.agencies.map((a) => <option key={a.id} value={a.id}>{a.short_name || a.name}</option>)}
          </select>
        </div>
        <div className="col-lg-2 col-md-4 col-6 small">
          <JalaliDatePicker label="از تاریخ" value={from} onChange={setFrom} max={to} testId="monitor-from" />
        </div>
        <div className="col-lg-2 col-md-4 col-6 small">
          <JalaliDatePicker label="تا تاریخ" value={to} onChange={setTo} min={from} testId="monitor-to" />
        </div>
        <div className="col-lg-1 col-md-12">
          <button className={`btn w-100 ${dirty || apiDate(from) !== applied.from || apiDate(to) !== applied.to ? 'btn-primary' : 'btn-outline-primary'}`} type="submit" data-testid="monitor-search">
            جست‌وجو
          </button>
        </div>
      </form>
      <div className="d-flex flex-wrap gap-2 mb-3 align-items-center">
        {saved.data?.items.map((x) => (
          <button key={x.id} type="button" className="btn btn-sm btn-outline-primary" onClick={() => load(x.query)}>
            {x.name}
          </button>
        ))}
        <button type="button" className="btn btn-sm btn-link" onClick={() => void saveThis()}>
          ذخیرهٔ این جست‌وجو
        </button>
      </div>
      {saveError ? <ErrorAlert error={saveError} /> : null}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : loading && !data ? <Loading /> : !data || data.items.length === 0 ? (
        <Empty>
          {about === 'agencies' ? (
            <>
              خبری دربارهٔ دستگاه‌های شورا یافت نشد.{' '}
              <button type="button" className="btn btn-link btn-sm p-0 align-baseline" onClick={() => setAbout('all')}>همهٔ خبرها را ببینید</button>
            </>
          ) : 'خبری یافت نشد.'}
        </Empty>
      ) : (
        <>
          <div className="text-secondary small mb-2" data-testid="monitor-total">
            {data.total_capped ? `بیش از ${faNumber(data.total)} خبر — تازه‌ترین‌ها نخست` : `${faNumber(data.total)} خبر`}
            {about === 'agencies' ? ' دربارهٔ دستگاه‌های شورا' : ''}
          </div>
          <ul className="list-group mb-3" data-testid="monitor-items">
            {data.items.map((it) => (
              <li key={it.id} className="list-group-item" data-testid="monitor-item">
                <div className="d-flex justify-content-between gap-2">
                  <Link to={`/monitor/items/${it.id}`} className="fw-semibold">{it.title || '(بی‌عنوان)'}</Link>
                  <ToneBadge tone={it.tone} />
                </div>
                <div className="small text-secondary">
                  <OutletName source={it.source_name} outlet={it.outlet} /> {it.tier && `· ${TIERS[it.tier] ?? it.tier}`} · {faDateTime(it.published_at ?? it.fetched_at)}
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
