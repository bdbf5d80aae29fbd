// The dashboard's top terms with their change against the previous period, and the top topics of
// citizens' requests: ordered lists (not a word cloud) from the emerging issues' daily roll-up, each
// exportable as CSV and XLSX (docs/insight.md). Council dashboards only; the coverage line says how many
// of the period's days the roll-up has counted so far.
import { qs } from '../api';
import { Empty } from '../components/ui';
import { faNumber } from '../fa';
import type { DashboardQuery } from './api';
import { deltaText } from './labels';
import type { DashboardData, TermDelta } from './types';

const exportUrl = (q: DashboardQuery, widget: string, format: 'csv' | 'xlsx') =>
  `/api/v1/insight/dashboard/export${qs({ ...q, widget, format })}`;

function TermList({ title, rows, widget, query }: { title: string; rows: TermDelta[]; widget: string; query: DashboardQuery }) {
  return (
    <div className="col-lg-6 below-fold">
      <div className="d-flex align-items-center gap-2">
        <h3 className="h6 me-auto">{title}</h3>
        <a className="btn btn-sm btn-link" href={exportUrl(query, widget, 'csv')} download data-testid={`insight-${widget}-csv`}>CSV</a>
        <a className="btn btn-sm btn-link" href={exportUrl(query, widget, 'xlsx')} download data-testid={`insight-${widget}-xlsx`}>اکسل</a>
      </div>
      {rows.length === 0 ? <Empty>در این دوره واژه‌ای شمرده نشده است.</Empty> : (
        <table className="table table-sm" data-testid={`insight-${widget}`}>
          <thead><tr><th>#</th><th>واژه</th><th>این دوره</th><th>تغییر نسبت به دورهٔ پیش</th></tr></thead>
          <tbody>
            {rows.map((t, i) => (
              <tr key={t.term}>
                <td>{faNumber(i + 1)}</td>
                <td>{t.term}</td>
                <td>{faNumber(t.value)}</td>
                <td className={t.delta > 0 ? 'text-danger' : t.delta < 0 ? 'text-success' : ''}>{deltaText(t.delta, t.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function TopTerms({ data, query }: { data: DashboardData; query: DashboardQuery }) {
  if (!data.top_terms || query.agency_id) return null;
  const c = data.terms_coverage;
  return (
    <>
      {c && c.days_counted < c.days && (
        <div className="col-12 small text-muted" data-testid="insight-terms-coverage">
          واژه‌ها از {faNumber(c.days_counted)} روزِ شمرده‌شده از {faNumber(c.days)} روز این دوره‌اند.
        </div>
      )}
      <TermList title="واژه‌های پرتکرار" rows={data.top_terms} widget="top_terms" query={query} />
      <TermList title="موضوعات پرتکرار درخواست‌های مردمی" rows={data.request_topics ?? []} widget="request_topics" query={query} />
    </>
  );
}
