// Media monitoring in the console: the monitoring feed (search and filters, saved searches), an item
// with its mentions highlighted and the reused passages beside the release, a release's coverage page,
// sources with their health, and charts of mentions and tone per agency (SVG).
import { useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, get, post } from '../api';
import { faDateTime, faNumber, toPersianDigits } from '../fa';
import { useSession, agencyName } from '../session';
import { Empty, ErrorAlert, Link, Loading, PageHeader, Pagination, useLoad } from '../components/ui';

interface Item {
  id: number;
  title: string;
  lead: string;
  source_name: string;
  outlet: string;
  tier: string;
  url: string;
  published_at: number | null;
  fetched_at: number;
  tone: string;
  tone_classifier: string;
  tone_override: string | null;
  snippet?: string;
}
interface Pickup {
  release_id: number;
  release_title: string;
  item_id: number;
  item_title: string;
  item_url: string;
  outlet: string;
  source_name: string;
  tier: string;
  containment: number;
  kind: string;
  paragraphs: number[];
  release_paragraphs?: string[];
  item_published_at: number | null;
  item_fetched_at: number;
  delay_ms?: number | null;
  reach_weight: number;
}
interface ItemView extends Item {
  body: string;
  text: string;
  mentions: { agency_id: number; term: string; count: number; spans: [number, number][] }[];
  pickups: Pickup[];
}
interface Source {
  id: number;
  name: string;
  url: string;
  kind: string;
  tier: string;
  reach_weight: number;
  enabled: boolean;
  version: number;
  health: { healthy: boolean; last_fetch_at: number | null; last_success_at: number | null; last_error: string; items_total: number; items_last_day: number };
}

const TONES: Record<string, string> = { positive: 'مثبت', neutral: 'خنثی', negative: 'منفی' };
const TONE_CLASS: Record<string, string> = { positive: 'success', neutral: 'secondary', negative: 'danger' };
const TIERS: Record<string, string> = { national: 'سراسری', provincial: 'استانی', local: 'محلی' };
const KINDS: Record<string, string> = { verbatim: 'عین متن', edited: 'ویرایش‌شده', partial: 'بخشی' };

function ToneBadge({ tone }: { tone: string }) {
  return <span className={`badge text-bg-${TONE_CLASS[tone] ?? 'secondary'}`} data-testid="tone">{TONES[tone] ?? tone}</span>;
}

function Snippet({ html }: { html: string }) {
  // The server escapes the text and adds only <mark>.
  return <div className="small text-secondary" dangerouslySetInnerHTML={{ __html: html }} />;
}

const pct = (x: number) => `${toPersianDigits(Math.round(x * 100))}٪`;

// ---- The monitoring feed ----

export function MonitorFeedPage() {
  const s = useSession();
  const params = new URLSearchParams(window.location.search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [filters, setFilters] = useState({ q: params.get('q') ?? '', tone: '', tier: '', agency_id: '', from: '', to: '' });
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      get<{ items: Item[]; total: number; total_capped?: boolean; per_page: number }>('/monitor/items', { ...filters, page, per_page: 20 }, signal),
    [filters, page],
  );
  const saved = useLoad((signal) => get<{ items: { id: number; name: string; query: Record<string, string> }[] }>('/monitor/saved-searches', {}, signal), []);
  const [saveError, setSaveError] = useState<unknown>(null);
  const set = (k: string, v: string) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: v }));
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
          <button key={x.id} type="button" className="btn btn-sm btn-outline-primary" onClick={() => { setQ(x.query.q ?? ''); setPage(1); setFilters({ q: '', tone: '', tier: '', agency_id: '', from: '', to: '', ...x.query }); }}>
            {x.name}
          </button>
        ))}
        <button
          type="button"
          className="btn btn-sm btn-link"
          onClick={async () => {
            const name = window.prompt('نام این جست‌وجو:');
            if (!name) return;
            try {
              await post('/monitor/saved-searches', { name, query: Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) });
              saved.reload();
            } catch (e) {
              setSaveError(e);
            }
          }}
        >
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
          <Pagination page={page} perPage={20} total={data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

// ---- One item ----

function Highlighted({ text, spans }: { text: string; spans: [number, number][] }) {
  // Spans are UTF-8 byte ranges: cut the bytes, decode each piece.
  const parts = useMemo(() => {
    const bytes = new TextEncoder().encode(text);
    const dec = new TextDecoder();
    const sorted = [...spans].sort((a, b) => a[0] - b[0]);
    const out: ReactNode[] = [];
    let at = 0;
    sorted.forEach(([b, e], i) => {
      if (b < at) return;
      out.push(dec.decode(bytes.slice(at, b)));
      out.push(<mark key={i} data-testid="mention">{dec.decode(bytes.slice(b, e))}</mark>);
      at = e;
    });
    out.push(dec.decode(bytes.slice(at)));
    return out;
  }, [text, spans]);
  return <div style={{ whiteSpace: 'pre-line' }} data-testid="item-text">{parts}</div>;
}

export function MonitorItemPage({ id }: { id: number }) {
  const s = useSession();
  const { data, error, loading, reload } = useLoad((signal) => get<ItemView>(`/monitor/items/${id}`, {}, signal), [id]);
  const [toneError, setToneError] = useState<unknown>(null);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const spans = data.mentions.flatMap((m) => m.spans);
  const setTone = async (tone: string) => {
    try {
      await api('PUT', `/monitor/items/${id}/tone`, { tone });
      reload();
    } catch (e) {
      setToneError(e);
    }
  };
  return (
    <div>
      <PageHeader title={data.title || 'خبر'} sub={`${data.source_name || data.outlet} · ${faDateTime(data.published_at ?? data.fetched_at)}`}>
        <a className="btn btn-sm btn-outline-secondary" href={data.url} target="_blank" rel="noreferrer noopener">نشانی خبر</a>
      </PageHeader>
      <div className="d-flex flex-wrap gap-2 align-items-center mb-3">
        <span>لحن:</span> <ToneBadge tone={data.tone} />
        {data.tone_override && <span className="small text-secondary">(اصلاح‌شده؛ تشخیص خودکار: {TONES[data.tone_classifier]})</span>}
        <div className="btn-group btn-group-sm" role="group" aria-label="اصلاح لحن">
          {Object.entries(TONES).map(([k, v]) => (
            <button key={k} type="button" className={`btn btn-outline-${TONE_CLASS[k]}`} onClick={() => void setTone(k)} data-testid={`tone-${k}`}>{v}</button>
          ))}
        </div>
      </div>
      {toneError ? <ErrorAlert error={toneError} /> : null}
      {data.mentions.length > 0 && (
        <div className="mb-3 small" data-testid="mentions">
          اشاره به:{' '}
          {data.mentions.map((m, i) => (
            <span key={i} className="badge text-bg-light border me-1">{agencyName(s, m.agency_id)}: «{m.term}» × {toPersianDigits(m.count)}</span>
          ))}
        </div>
      )}
      <div className="card mb-4"><div className="card-body"><Highlighted text={data.text} spans={spans} /></div></div>
      {data.pickups.map((p) => (
        <div key={p.release_id} className="card mb-3" data-testid="reuse">
          <div className="card-header">
            بازنشر خبر <Link to={`/monitor/releases/${p.release_id}`}>«{p.release_title}»</Link> — {KINDS[p.kind] ?? p.kind}، {pct(p.containment)} متن
          </div>
          <div className="card-body row g-3">
            <div className="col-md-6">
              <h2 className="h6">متن خبر روابط عمومی</h2>
              {(p.release_paragraphs ?? []).map((para, i) => (
                <p key={i} className={p.paragraphs.includes(i) ? 'bg-warning-subtle' : ''}>{para}</p>
              ))}
            </div>
            <div className="col-md-6">
              <h2 className="h6">متن رسانه</h2>
              <div style={{ whiteSpace: 'pre-line' }}>{data.text}</div>
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

// ---- A release's coverage ----

interface Coverage {
  release_id: number;
  title: string;
  published_at: number | null;
  paragraphs: string[];
  paragraph_uses: number[];
  outlets: Pickup[];
  first_at: number | null;
  first_delay_ms: number | null;
  reach_weighted: number;
}

const duration = (ms: number | null | undefined) => {
  if (ms == null) return '—';
  const m = Math.round(ms / 60000);
  return m < 60 ? `${toPersianDigits(m)} دقیقه` : `${toPersianDigits(Math.round(m / 60))} ساعت`;
};

export function CoveragePage({ id }: { id: number }) {
  const { data, error, loading, reload } = useLoad((signal) => get<Coverage>(`/monitor/releases/${id}/coverage`, {}, signal), [id]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  return (
    <div>
      <PageHeader title={`بازتاب: ${data.title}`} sub={`منتشرشده ${faDateTime(data.published_at)}`} />
      <div className="row g-3 mb-4" data-testid="coverage-summary">
        <div className="col-sm-4"><div className="card card-body"><div className="small text-secondary">رسانه‌ها</div><div className="fs-4">{faNumber(data.outlets.length)}</div></div></div>
        <div className="col-sm-4"><div className="card card-body"><div className="small text-secondary">نخستین بازنشر پس از</div><div className="fs-4">{duration(data.first_delay_ms)}</div></div></div>
        <div className="col-sm-4"><div className="card card-body"><div className="small text-secondary">پوشش وزن‌دار</div><div className="fs-4">{toPersianDigits(data.reach_weighted.toFixed(1))}</div></div></div>
      </div>
      {data.outlets.length === 0 ? <Empty>هنوز رسانه‌ای این خبر را بازنشر نکرده است.</Empty> : (
        <table className="table table-sm" data-testid="coverage-outlets">
          <thead><tr><th>رسانه</th><th>عنوان</th><th>نوع</th><th>سهم متن</th><th>تأخیر</th></tr></thead>
          <tbody>
            {data.outlets.map((o) => (
              <tr key={o.item_id}>
                <td>{o.source_name || o.outlet}</td>
                <td><Link to={`/monitor/items/${o.item_id}`}>{o.item_title}</Link></td>
                <td>{KINDS[o.kind] ?? o.kind}</td>
                <td>{pct(o.containment)}</td>
                <td>{duration(o.delay_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="h6 mt-4">بندهای برداشته‌شده</h2>
      {data.paragraphs.map((p, i) => (
        <p key={i} className={data.paragraph_uses[i] ? 'bg-warning-subtle' : ''}>
          <span className="badge text-bg-light border me-2">{toPersianDigits(data.paragraph_uses[i] ?? 0)}</span>
          {p}
        </p>
      ))}
    </div>
  );
}

// ---- Sources ----

export function SourcesPage() {
  const s = useSession();
  const council = s.councils[0]?.id;
  const { data, error, loading, reload } = useLoad((signal) => get<{ items: Source[] }>('/monitor/sources', council ? { council_id: council } : {}, signal), [council]);
  const [form, setForm] = useState({ name: '', url: '', kind: 'feed', tier: 'national' });
  const [formError, setFormError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  return (
    <div>
      <PageHeader title="منبع‌های پایش" sub="خوراک‌ها و سایت‌ها، با وضعیت سلامت هر کدام" />
      <table className="table table-sm align-middle" data-testid="sources">
        <thead><tr><th>نام</th><th>سطح</th><th>وضعیت</th><th>آخرین دریافت موفق</th><th>خبرها (۲۴ ساعت)</th><th></th></tr></thead>
        <tbody>
          {data.items.map((x) => (
            <tr key={x.id} data-testid="source-row">
              <td><div>{x.name}</div><div className="small text-secondary" dir="ltr">{x.url}</div></td>
              <td>{TIERS[x.tier] ?? x.tier}</td>
              <td>
                {!x.enabled ? <span className="badge text-bg-secondary">غیرفعال</span> : x.health.healthy ? <span className="badge text-bg-success">سالم</span> : <span className="badge text-bg-danger">ناسالم</span>}
                {!x.health.healthy && <div className="small text-danger" data-testid="source-error">{x.health.last_error}</div>}
              </td>
              <td>{faDateTime(x.health.last_success_at)}</td>
              <td>{faNumber(x.health.items_total)} ({faNumber(x.health.items_last_day)})</td>
              <td>
                <button type="button" className="btn btn-sm btn-outline-primary" onClick={async () => {
                  try {
                    await post(`/monitor/sources/${x.id}/fetch`, {});
                    setNote(`دریافت «${x.name}» در صف قرار گرفت.`);
                  } catch (e) {
                    setFormError(e);
                  }
                }}>دریافت اکنون</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <div className="alert alert-info">{note}</div>}
      {formError ? <ErrorAlert error={formError} /> : null}
      <h2 className="h6 mt-4">منبع تازه</h2>
      <form className="row g-2" onSubmit={async (e) => {
        e.preventDefault();
        try {
          await post('/monitor/sources', { ...form, council_id: council });
          setForm({ name: '', url: '', kind: 'feed', tier: 'national' });
          reload();
        } catch (err) {
          setFormError(err);
        }
      }}>
        <div className="col-md-3"><input className="form-control" placeholder="نام" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
        <div className="col-md-4"><input className="form-control" dir="ltr" placeholder="https://…/rss" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} /></div>
        <div className="col-md-2"><select className="form-select" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}><option value="feed">خوراک</option><option value="listing">صفحهٔ فهرست</option></select></div>
        <div className="col-md-2"><select className="form-select" value={form.tier} onChange={(e) => setForm({ ...form, tier: e.target.value })}>{Object.entries(TIERS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
        <div className="col-md-1"><button className="btn btn-primary w-100">افزودن</button></div>
      </form>
    </div>
  );
}

// ---- Charts ----

interface Stats {
  mentions: { agency_id: number; day: string; tone: string; items: number }[];
  pickup_rates: { agency_id: number; month: number; releases: number; picked_up: number; rate: number }[];
}

export function MonitorChartsPage() {
  const s = useSession();
  const council = s.councils[0]?.id;
  const { data, error, loading, reload } = useLoad((signal) => get<Stats>('/monitor/stats', { council_id: council }, signal), [council]);
  if (!council) return <Empty>شورایی در دسترس نیست.</Empty>;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const agencies = [...new Set(data.mentions.map((m) => m.agency_id))];
  return (
    <div>
      <PageHeader title="نمودار اشاره‌ها و لحن" sub="شمار خبرهایی که به هر دستگاه اشاره کرده‌اند، به تفکیک لحن" />
      {agencies.length === 0 ? <Empty>هنوز اشاره‌ای ثبت نشده است.</Empty> : agencies.map((a) => {
        const rows = data.mentions.filter((m) => m.agency_id === a);
        const days = [...new Set(rows.map((r) => r.day))].sort();
        const max = Math.max(1, ...days.map((d) => rows.filter((r) => r.day === d).reduce((n, r) => n + r.items, 0)));
        const w = Math.max(300, days.length * 28);
        return (
          <div key={a} className="card mb-3"><div className="card-body">
            <h2 className="h6">{agencyName(s, a)}</h2>
            <svg width={w} height={140} role="img" aria-label={`نمودار ${agencyName(s, a)}`} data-testid="chart">
              {days.map((d, i) => {
                let y = 120;
                return (
                  <g key={d} transform={`translate(${w - (i + 1) * 28},0)`}>
                    {(['negative', 'neutral', 'positive'] as const).map((t) => {
                      const n = rows.find((r) => r.day === d && r.tone === t)?.items ?? 0;
                      const h = (n / max) * 100;
                      y -= h;
                      return <rect key={t} x={4} y={y} width={18} height={h} className={`fill-${t}`} fill={t === 'negative' ? '#dc3545' : t === 'positive' ? '#198754' : '#adb5bd'}><title>{`${toPersianDigits(d)}: ${toPersianDigits(n)} ${TONES[t]}`}</title></rect>;
                    })}
                    <text x={13} y={135} fontSize={9} textAnchor="middle">{toPersianDigits(d.slice(5))}</text>
                  </g>
                );
              })}
            </svg>
          </div></div>
        );
      })}
      <h2 className="h6 mt-4">نرخ بازتاب خبرها</h2>
      <table className="table table-sm">
        <thead><tr><th>دستگاه</th><th>ماه</th><th>خبرها</th><th>بازتاب‌یافته</th><th>نرخ</th></tr></thead>
        <tbody>
          {data.pickup_rates.map((r) => (
            <tr key={`${r.agency_id}-${r.month}`}><td>{agencyName(s, r.agency_id)}</td><td>{toPersianDigits(r.month)}</td><td>{faNumber(r.releases)}</td><td>{faNumber(r.picked_up)}</td><td>{pct(r.rate)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const monitorErrorText = (e: unknown) => (e instanceof ApiError ? e.message : 'خطا');

// ---- Watch terms and alert rules ----

interface WatchTermRow { id: number; agency_id: number; kind: string; term: string; created_at: number }
interface AlertRuleRow { id: number; council_id: number; agency_id: number | null; kind: string; threshold: number; window_minutes: number; enabled: boolean; created_at: number }

const TERM_KINDS: Record<string, string> = { name: 'نام یا گونهٔ نام', official: 'مقام', programme: 'برنامه' };
const RULE_KINDS: Record<string, string> = {
  negative_national: 'خبر منفی در رسانهٔ سراسری',
  mention_burst: 'افزایش ناگهانی اشاره‌ها',
};

/** Watch terms of one agency: what the mention matcher looks for. */
export function WatchTermsPage() {
  const s = useSession();
  const [agency, setAgency] = useState<number | undefined>(s.agencies[0]?.id);
  const { data, error, loading, reload } = useLoad(
    (signal) => (agency ? get<{ items: WatchTermRow[] }>(`/monitor/agencies/${agency}/watch-terms`, {}, signal) : Promise.resolve({ items: [] })),
    [agency],
  );
  const [form, setForm] = useState({ kind: 'name', term: '' });
  const [formError, setFormError] = useState<unknown>(null);
  return (
    <div>
      <PageHeader title="واژه‌های پایش" sub="نام‌ها، مقام‌ها و برنامه‌هایی که در خبرها برای هر دستگاه جست‌وجو می‌شوند">
        <Link to="/monitor/alert-rules" className="btn btn-outline-secondary btn-sm">قاعده‌های هشدار</Link>
      </PageHeader>
      <div className="mb-3" style={{ maxWidth: 360 }}>
        <label className="form-label" htmlFor="wt-agency">دستگاه</label>
        <select id="wt-agency" className="form-select" data-testid="watch-agency" value={agency ?? ''} onChange={(e) => setAgency(Number(e.target.value))}>
          {s.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : loading || !data ? <Loading /> : data.items.length === 0 ? <Empty /> : (
        <table className="table table-sm align-middle" data-testid="watch-terms">
          <thead><tr><th>واژه</th><th>گونه</th><th>افزوده در</th><th></th></tr></thead>
          <tbody>
            {data.items.map((w) => (
              <tr key={w.id} data-testid="watch-term-row">
                <td>{w.term}</td>
                <td>{TERM_KINDS[w.kind] ?? w.kind}</td>
                <td>{faDateTime(w.created_at)}</td>
                <td>
                  <button type="button" className="btn btn-sm btn-outline-danger" onClick={async () => {
                    try {
                      await api('DELETE', `/monitor/watch-terms/${w.id}`);
                      reload();
                    } catch (e) {
                      setFormError(e);
                    }
                  }}>حذف</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {formError ? <ErrorAlert error={formError} /> : null}
      <h2 className="h6 mt-4">واژهٔ تازه</h2>
      <form className="row g-2" data-testid="watch-term-form" onSubmit={async (e) => {
        e.preventDefault();
        setFormError(null);
        try {
          await post(`/monitor/agencies/${agency}/watch-terms`, form);
          setForm({ kind: form.kind, term: '' });
          reload();
        } catch (err) {
          setFormError(err);
        }
      }}>
        <div className="col-md-6"><input className="form-control" name="term" placeholder="مثلاً «تأمین اجتماعی»" value={form.term} onChange={(e) => setForm({ ...form, term: e.target.value })} /></div>
        <div className="col-md-3"><select className="form-select" name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>{Object.entries(TERM_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
        <div className="col-md-3"><button className="btn btn-primary w-100">افزودن</button></div>
      </form>
    </div>
  );
}

/** Alert rules of the council. */
export function AlertRulesPage() {
  const s = useSession();
  const council = s.councils[0]?.id;
  const { data, error, loading, reload } = useLoad(
    (signal) => (council ? get<{ items: AlertRuleRow[] }>('/monitor/alert-rules', { council_id: council }, signal) : Promise.resolve({ items: [] })),
    [council],
  );
  const [form, setForm] = useState({ kind: 'negative_national', agency_id: '', threshold: '5', window_minutes: '60' });
  const [formError, setFormError] = useState<unknown>(null);
  return (
    <div>
      <PageHeader title="قاعده‌های هشدار" sub="چه وقت به مدیران روابط عمومی دستگاه‌ها هشدار داده شود">
        <Link to="/monitor/watch-terms" className="btn btn-outline-secondary btn-sm">واژه‌های پایش</Link>
      </PageHeader>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : loading || !data ? <Loading /> : data.items.length === 0 ? <Empty /> : (
        <table className="table table-sm align-middle" data-testid="alert-rules">
          <thead><tr><th>قاعده</th><th>دستگاه</th><th>آستانه</th><th></th></tr></thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.id} data-testid="alert-rule-row">
                <td>{RULE_KINDS[r.kind] ?? r.kind}</td>
                <td>{r.agency_id ? agencyName(s, r.agency_id) : 'همهٔ دستگاه‌ها'}</td>
                <td>{r.kind === 'mention_burst' ? `${faNumber(r.threshold)} خبر در ${faNumber(r.window_minutes)} دقیقه` : '—'}</td>
                <td>
                  <button type="button" className="btn btn-sm btn-outline-danger" onClick={async () => {
                    try {
                      await api('DELETE', `/monitor/alert-rules/${r.id}`);
                      reload();
                    } catch (e) {
                      setFormError(e);
                    }
                  }}>حذف</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {formError ? <ErrorAlert error={formError} /> : null}
      <h2 className="h6 mt-4">قاعدهٔ تازه</h2>
      <form className="row g-2" data-testid="alert-rule-form" onSubmit={async (e) => {
        e.preventDefault();
        setFormError(null);
        try {
          const body: Record<string, unknown> = { council_id: council, kind: form.kind };
          if (form.agency_id) body.agency_id = Number(form.agency_id);
          if (form.kind === 'mention_burst') {
            body.threshold = Number(toLatinDigits(form.threshold));
            body.window_minutes = Number(toLatinDigits(form.window_minutes));
          }
          await post('/monitor/alert-rules', body);
          reload();
        } catch (err) {
          setFormError(err);
        }
      }}>
        <div className="col-md-3"><select className="form-select" name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>{Object.entries(RULE_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
        <div className="col-md-3"><select className="form-select" name="agency_id" value={form.agency_id} onChange={(e) => setForm({ ...form, agency_id: e.target.value })}>
          <option value="">همهٔ دستگاه‌ها</option>
          {s.agencies.filter((a) => a.council_id === council).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select></div>
        {form.kind === 'mention_burst' && (
          <>
            <div className="col-md-2"><input className="form-control" name="threshold" aria-label="آستانه (تعداد خبر)" placeholder="تعداد خبر" value={form.threshold} onChange={(e) => setForm({ ...form, threshold: e.target.value })} /></div>
            <div className="col-md-2"><input className="form-control" name="window_minutes" aria-label="بازه (دقیقه)" placeholder="دقیقه" value={form.window_minutes} onChange={(e) => setForm({ ...form, window_minutes: e.target.value })} /></div>
          </>
        )}
        <div className="col-md-2"><button className="btn btn-primary w-100">افزودن</button></div>
      </form>
    </div>
  );
}

function toLatinDigits(v: string): string {
  return v.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)));
}
