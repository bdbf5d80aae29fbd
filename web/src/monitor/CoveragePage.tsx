// A release's coverage: which outlets reused it, how much and how soon.
import { faDateTime, faDecimal, faNumber, toPersianDigits } from '../fa';
import { Empty, ErrorAlert, Link, Loading, PageHeader, useLoad } from '../components/ui';
import { getCoverage } from './api';
import { KINDS, duration, pct } from './labels';
import { OutletName } from './parts';

export function CoveragePage({ id }: { id: number }) {
  const { data, error, loading, reload } = useLoad((signal) => getCoverage(id, signal), [id]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  return (
    <div>
      <PageHeader title={`بازتاب: ${data.title}`} sub={`منتشرشده ${faDateTime(data.published_at)}`} />
      <div className="row g-3 mb-4" data-testid="coverage-summary">
        <Figure label="رسانه‌ها" value={faNumber(data.outlets.length)} />
        <Figure label="نخستین بازنشر پس از" value={duration(data.first_delay_ms)} />
        <Figure label="پوشش وزن‌دار" value={faDecimal(data.reach_weighted)} />
      </div>
      {data.outlets.length === 0 ? <Empty>هنوز رسانه‌ای این خبر را بازنشر نکرده است.</Empty> : (
        <table className="table table-sm" data-testid="coverage-outlets">
          <thead><tr><th>رسانه</th><th>عنوان</th><th>نوع</th><th>سهم متن</th><th>تأخیر</th></tr></thead>
          <tbody>
            {data.outlets.map((o) => (
              <tr key={o.item_id}>
                <td><OutletName source={o.source_name} outlet={o.outlet} /></td>
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

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="col-sm-4"><div className="card card-body"><div className="small text-secondary">{label}</div><div className="fs-4">{value}</div></div></div>
  );
}
