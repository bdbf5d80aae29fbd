// Charts of mentions and tone per agency (SVG, stacked by tone per day) and
// the monthly pickup rate of each agency's releases.
import { faNumber, toPersianDigits } from '../fa';
import { agencyName, useSession } from '../session';
import { Empty, ErrorAlert, Loading, PageHeader, useLoad } from '../components/ui';
import { getStats } from './api';
import { TONES, pct } from './labels';
import type { Stats } from './types';

const TONE_FILL: Record<string, string> = { negative: '#dc3545', positive: '#198754', neutral: '#adb5bd' };

export function MonitorChartsPage() {
  const s = useSession();
  const council = s.councils[0]?.id;
  const { data, error, loading, reload } = useLoad((signal) => getStats(council, signal), [council]);
  if (!council) return <Empty>شورایی در دسترس نیست.</Empty>;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const agencies = [...new Set(data.mentions.map((m) => m.agency_id))];
  return (
    <div>
      <PageHeader title="نمودار اشاره‌ها و لحن" sub="شمار خبرهایی که به هر دستگاه اشاره کرده‌اند، به تفکیک لحن" />
      {agencies.length === 0 ? <Empty>هنوز اشاره‌ای ثبت نشده است.</Empty> : agencies.map((a) => (
        <div key={a} className="card mb-3"><div className="card-body">
          <h2 className="h6">{agencyName(s, a)}</h2>
          <MentionChart label={`نمودار ${agencyName(s, a)}`} rows={data.mentions.filter((m) => m.agency_id === a)} />
        </div></div>
      ))}
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

/** One agency's mentions per day, a bar per day stacked negative → neutral → positive, newest on the left. */
function MentionChart({ label, rows }: { label: string; rows: Stats['mentions'] }) {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const max = Math.max(1, ...days.map((d) => rows.filter((r) => r.day === d).reduce((n, r) => n + r.items, 0)));
  const w = Math.max(300, days.length * 28);
  return (
    <svg width={w} height={140} role="img" aria-label={label} data-testid="chart">
      {days.map((d, i) => {
        let y = 120;
        return (
          <g key={d} transform={`translate(${w - (i + 1) * 28},0)`}>
            {(['negative', 'neutral', 'positive'] as const).map((t) => {
              const n = rows.find((r) => r.day === d && r.tone === t)?.items ?? 0;
              const h = (n / max) * 100;
              y -= h;
              return <rect key={t} x={4} y={y} width={18} height={h} className={`fill-${t}`} fill={TONE_FILL[t]}><title>{`${toPersianDigits(d)}: ${toPersianDigits(n)} ${TONES[t]}`}</title></rect>;
            })}
            <text x={13} y={135} fontSize={9} textAnchor="middle">{toPersianDigits(d.slice(5))}</text>
          </g>
        );
      })}
    </svg>
  );
}
