// The insight dashboard of a council (council roles) or of an agency (its staff): the period picker
// (Jalali: day, week, month, season, year, custom), the KPI strip with the previous period's Δ and %,
// derived ratios, mentions over time with spike markers, share of voice, top outlets, the top negative
// items, pickup per release (best and worst) and the citizens' panel. Every number opens its records.
// Charts are the server's SVG (report/chart.h through /insight/dashboard/chart): the same drawing as the
// bulletin PDF; each sits above the table that holds its numbers.
import { useEffect, useState } from 'react';
import { faDateTime, faNumber, jFormat, jToday, toLatinDigits, toPersianDigits, type JDate } from '../fa';
import { Empty, ErrorAlert, Loading, useLoad } from '../components/ui';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { TONES } from '../monitor/labels';
import { REQUEST_CHANNELS } from '../citizen/labels';
import { dashboardChartUrl, dashboardExportUrl, getDashboard, getRecords, recordsExportUrl, type DashboardChart, type DashboardQuery } from './api';
import { METRICS, PERIODS, RATIOS, REQUEST_TYPES, deltaText, ratioText } from './labels';
import type { DashboardData } from './types';
import { TopTerms } from './TopTerms';

const latin = (d: JDate) => toLatinDigits(jFormat(d));

export function InsightDashboard({ councilId, agencyId, title }: { councilId?: number; agencyId?: number; title: string }) {
  const [kind, setKind] = useState('month');
  const [date, setDate] = useState<JDate | null>(jToday());
  const [from, setFrom] = useState<JDate | null>(null);
  const [to, setTo] = useState<JDate | null>(null);
  const [metric, setMetric] = useState<string | null>(null);
  const query: DashboardQuery = {
    council_id: agencyId ? undefined : councilId,
    agency_id: agencyId,
    period: kind,
    date: kind !== 'custom' && date ? latin(date) : undefined,
    from: kind === 'custom' && from ? latin(from) : undefined,
    to: kind === 'custom' && to ? latin(to) : undefined,
  };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useLoad((signal) => getDashboard(query, signal), [key]);
  return (
    <section className="card shadow-sm border-0 mb-4" aria-labelledby="insight-h" data-testid="insight-dashboard">
      <div className="card-body">
        <div className="d-flex flex-wrap align-items-end gap-3 mb-3">
          <h2 id="insight-h" className="h5 mb-0 me-auto">{title}</h2>
          <div>
            <label className="form-label small mb-1" htmlFor="insight-period">دوره</label>
            <select id="insight-period" className="form-select form-select-sm" value={kind} data-testid="insight-period"
              onChange={(e) => { setKind(e.target.value); setMetric(null); }}>
              {PERIODS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </select>
          </div>
          {kind === 'custom' ? (
            <>
              <JalaliDatePicker label="از" value={from} onChange={setFrom} testId="insight-from" />
              <JalaliDatePicker label="تا" value={to} onChange={setTo} testId="insight-to" />
            </>
          ) : <JalaliDatePicker label="روزی در دوره" value={date} onChange={setDate} testId="insight-date" />}
        </div>
        {error ? <ErrorAlert error={error} onRetry={reload} /> : loading || !data ? <Loading /> : (
          <Body data={data} query={query} metric={metric} onMetric={setMetric} />
        )}
      </div>
    </section>
  );
}

function Body({ data, query, metric, onMetric }: { data: DashboardData; query: DashboardQuery; metric: string | null; onMetric: (m: string | null) => void }) {
  // The figures render with the data and the tables under them a moment later, in a task of their own: a
  // phone's main thread never builds the whole dashboard in one go, and a tap on it is answered between the two.
  const [below, setBelow] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setBelow(true), 0);
    return () => clearTimeout(t);
  }, []);
  return (
    <div>
      <div className="d-flex flex-wrap align-items-center gap-2 mb-2">
        <p className="text-muted small mb-0 me-auto" data-testid="insight-period-label">
          {data.period.label} — در مقایسه با {data.previous.label}
        </p>
        <a className="btn btn-sm btn-outline-secondary" href={dashboardExportUrl(query)} data-testid="insight-export-xlsx" download>
          خروجی اکسل داشبورد
        </a>
      </div>
      <div className="row g-2 mb-3" data-testid="insight-kpis">
        {data.figures.map((f) => (
          <div key={f.metric} className="col-6 col-md-4 col-xl-2">
            <button type="button" className={`btn w-100 text-start border ${metric === f.metric ? 'btn-primary' : 'btn-light'}`}
              data-testid={`kpi-${f.metric}`} onClick={() => onMetric(metric === f.metric ? null : f.metric)}>
              {/* A button holds phrasing content only: spans shown as blocks. */}
              <span className="d-block small">{METRICS[f.metric] ?? f.metric}</span>
              <span className="d-block fs-5 fw-bold" data-testid={`kpi-value-${f.metric}`}>{faNumber(f.value)}</span>
              <span className="d-block small text-muted">{deltaText(f.delta, f.percent)}</span>
            </button>
          </div>
        ))}
      </div>
      {metric && <Records query={query} metric={metric} />}
      {below && <Below data={data} query={query} />}
    </div>
  );
}

function Below({ data, query }: { data: DashboardData; query: DashboardQuery }) {
  return (
    <>
      <div className="row g-2 mb-3 below-fold" data-testid="insight-ratios">
        {data.ratios.map((r) => (
          <div key={r.name} className="col-6 col-md-4 col-xl">
            <div className="border rounded p-2">
              <div className="small">{RATIOS[r.name] ?? r.name}</div>
              <div className="fw-bold">{ratioText(r.name, r.value)}</div>
              <div className="small text-muted">دورهٔ پیش: {ratioText(r.name, r.previous)}</div>
            </div>
          </div>
        ))}
      </div>
      <div className="row g-3">
        <div className="col-lg-6 below-fold">
          <h3 className="h6">اشاره‌ها در طول دوره</h3>
          {data.mentions_over_time.some((p) => p.total > 0) && (
            <Chart query={query} chart="mentions_over_time" alt="نمودار اشاره‌ها در طول دوره: همه و منفی‌ها، با نشان جهش‌ها" />
          )}
          <table className="table table-sm" data-testid="insight-over-time">
            <thead><tr><th>روز</th><th>همه</th><th>{TONES.positive}</th><th>{TONES.negative}</th><th /></tr></thead>
            <tbody>
              {data.mentions_over_time.filter((p) => p.total > 0).map((p) => (
                <tr key={p.day} className={p.spike ? 'table-warning' : ''}>
                  <td>{toPersianDigits(p.day)}</td><td>{faNumber(p.total)}</td><td>{faNumber(p.positive)}</td><td>{faNumber(p.negative)}</td>
                  <td>{p.spike ? <span className="badge text-bg-warning">جهش</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.mentions_over_time.every((p) => p.total === 0) && <Empty>در این دوره اشاره‌ای نیست.</Empty>}
        </div>
        <div className="col-lg-6 below-fold">
          {data.share_of_voice.length > 0 && (
            <>
              <h3 className="h6">سهم صدا</h3>
              <Chart query={query} chart="share_of_voice" alt="نمودار سهم صدای دستگاه‌ها" />
              <Table rows={data.share_of_voice.map((a) => [a.name, faNumber(a.count), `${toPersianDigits(Math.round(a.percent))}٪`])} head={['دستگاه', 'اشاره', 'سهم']} testId="insight-sov" />
            </>
          )}
          <h3 className="h6">رسانه‌های پرتکرار</h3>
          {data.top_outlets.length > 0 && <Chart query={query} chart="top_outlets" alt="نمودار رسانه‌های پرتکرار" />}
          <Table rows={data.top_outlets.map((o) => [o.outlet || '—', faNumber(o.count)])} head={['رسانه', 'اشاره']} testId="insight-outlets" />
        </div>
        <div className="col-lg-6 below-fold">
          {data.figures.some((f) => f.metric === 'mentions' && f.value > 0) && (
            <>
              <h3 className="h6">لحن اشاره‌ها</h3>
              <Chart query={query} chart="tone" alt="نمودار حلقه‌ای لحن اشاره‌ها: مثبت، خنثی، منفی" />
            </>
          )}
          <h3 className="h6">مهم‌ترین اشاره‌های منفی</h3>
          <ul className="list-unstyled small" data-testid="insight-negative">
            {data.top_negative.map((i) => <li key={i.id}><a href={i.url} target="_blank" rel="noreferrer">{i.title}</a> — {i.label} — {faDateTime(i.at)}</li>)}
          </ul>
          {data.top_negative.length === 0 && <Empty>اشارهٔ منفی نیست.</Empty>}
        </div>
        <div className="col-lg-6 below-fold">
          <h3 className="h6">بازتاب هر خبر (بیشترین و کمترین)</h3>
          <Table rows={[...data.best_releases, ...data.worst_releases.filter((w) => !data.best_releases.some((b) => b.id === w.id))].map((r) => [r.title, faNumber(r.value ?? 0)])}
            head={['خبر', 'بازتاب']} testId="insight-pickups" />
        </div>
        <div className="col-lg-6 below-fold">
          <h3 className="h6">درخواست‌های مردمی به تفکیک نوع</h3>
          {data.requests_by_type.length > 0 && <Chart query={query} chart="requests_by_type" alt="نمودار درخواست‌های مردمی به تفکیک نوع" />}
          <Table rows={data.requests_by_type.map((t) => [REQUEST_TYPES[t.type] ?? t.type, faNumber(t.count)])} head={['نوع', 'شمار']} testId="insight-request-types" />
        </div>
        <div className="col-lg-6 below-fold">
          <h3 className="h6">درخواست‌های مردمی به تفکیک دستگاه</h3>
          <Table rows={data.requests_by_agency.map((a) => [a.name || 'میز شورا', faNumber(a.count)])} head={['دستگاه', 'شمار']} testId="insight-request-agencies" />
        </div>
        <TopTerms data={data} query={query} />
        <div className="col-lg-6 below-fold">
          <h3 className="h6">درخواست‌های مردمی به تفکیک راه دریافت</h3>
          <Table rows={(data.requests_by_channel ?? []).map((c) => [REQUEST_CHANNELS[c.channel] ?? c.channel, faNumber(c.count)])} head={['راه دریافت', 'شمار']} testId="insight-request-channels" />
        </div>
      </div>
    </>
  );
}

/** A chart drawn by the server; loaded when scrolled to, scaled to its column. */
function Chart({ query, chart, alt }: { query: DashboardQuery; chart: DashboardChart; alt: string }) {
  return (
    <img className="img-fluid d-block mb-2" src={dashboardChartUrl(query, chart)} alt={alt} width={720} height={360}
      loading="lazy" data-testid={`insight-chart-${chart}`} />
  );
}

function Table({ head, rows, testId }: { head: string[]; rows: string[][]; testId: string }) {
  if (rows.length === 0) return <Empty />;
  return (
    <table className="table table-sm" data-testid={testId}>
      <thead><tr>{head.map((h) => <th key={h}>{h}</th>)}</tr></thead>
      <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
    </table>
  );
}

/** The records behind one number (the first 200; the total says how many there are). */
function Records({ query, metric }: { query: DashboardQuery; metric: string }) {
  const { data, error, loading } = useLoad((signal) => getRecords(query, metric, signal), [JSON.stringify(query), metric]);
  if (error) return <ErrorAlert error={error} />;
  if (loading || !data) return <Loading />;
  return (
    <div className="border rounded p-2 mb-3" data-testid="insight-records">
      <div className="d-flex flex-wrap align-items-center gap-2 mb-1">
        <h3 className="h6 mb-0 me-auto">{METRICS[metric]}: {faNumber(data.total)} مورد</h3>
        <a className="btn btn-sm btn-outline-secondary" href={recordsExportUrl(query, metric, 'csv')} data-testid="insight-records-csv" download>CSV</a>
        <a className="btn btn-sm btn-outline-secondary" href={recordsExportUrl(query, metric, 'xlsx')} data-testid="insight-records-xlsx" download>اکسل</a>
      </div>
      {data.items.length === 0 ? <Empty /> : (
        <table className="table table-sm mb-0">
          <tbody>
            {data.items.map((r) => (
              <tr key={`${r.kind}-${r.id}-${r.related_id ?? ''}`} data-testid="insight-record">
                <td>{r.url ? <a href={r.url} target="_blank" rel="noreferrer">{r.title}</a> : toPersianDigits(r.title)}</td>
                <td>{REQUEST_TYPES[r.label] ?? r.label}</td>
                <td>{r.tone ? TONES[r.tone] ?? r.tone : ''}</td>
                <td>{faDateTime(r.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
