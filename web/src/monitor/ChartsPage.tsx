// Charts of mentions and tone per agency (SVG bars stacked by tone per day, with a count axis, the total
// over each bar, Jalali day and month labels and a legend) and the pickup rate of each agency's releases
// per Jalali month.
import { MONTHS, faNumber, toPersianDigits } from '../fa';
import { agencyName, useSession } from '../session';
import { Empty, ErrorAlert, Loading, PageHeader, useLoad } from '../components/ui';
import { getStats } from './api';
import { TONES, pct } from './labels';
import type { Stats } from './types';

const TONE_FILL: Record<string, string> = { negative: '#dc3545', positive: '#198754', neutral: '#6c757d' };
const STACK = ['negative', 'neutral', 'positive'] as const;

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
      <PageHeader title="نمودار اشاره‌ها و لحن" sub="شمار خبرهایی که هر روز به هر دستگاه اشاره کرده‌اند، به تفکیک لحن" />
      {agencies.length === 0 ? <Empty>هنوز اشاره‌ای ثبت نشده است.</Empty> : agencies.map((a) => (
        <div key={a} className="card mb-3"><div className="card-body">
          <h2 className="h6">{agencyName(s, a)}</h2>
          <MentionChart label={`اشاره‌ها به ${agencyName(s, a)} در هر روز`} rows={data.mentions.filter((m) => m.agency_id === a)} />
        </div></div>
      ))}
      <h2 className="h6 mt-4">نرخ بازتاب خبرها</h2>
      <p className="small text-secondary">سهم خبرهای منتشرشدهٔ هر ماه که دست‌کم یک رسانه آن را بازنشر کرده است.</p>
      {data.pickup_rates.length === 0 ? <Empty>هنوز خبری منتشر نشده است.</Empty> : (
        <table className="table table-sm align-middle" data-testid="pickup-rates">
          <thead><tr><th>دستگاه</th><th>ماه</th><th>خبرها</th><th>بازتاب‌یافته</th><th style={{ width: '30%' }}>نرخ</th></tr></thead>
          <tbody>
            {data.pickup_rates.map((r) => (
              <tr key={`${r.agency_id}-${r.month}`}>
                <td>{agencyName(s, r.agency_id)}</td>
                <td data-testid="pickup-month">{r.month_name ?? monthName(r.month)}</td>
                <td>{faNumber(r.releases)}</td>
                <td>{faNumber(r.picked_up)}</td>
                <td>
                  <div className="d-flex align-items-center gap-2">
                    <div className="progress flex-grow-1" role="presentation" style={{ height: 8 }}>
                      <div className="progress-bar" style={{ width: `${Math.round(r.rate * 100)}%` }} />
                    </div>
                    <span>{pct(r.rate)}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** «آذر ۱۴۰۵» from a Jalali yyyymm (older servers sent no month_name). */
function monthName(yyyymm: number): string {
  const m = yyyymm % 100;
  return m >= 1 && m <= 12 ? `${MONTHS[m - 1]} ${toPersianDigits(Math.floor(yyyymm / 100))}` : toPersianDigits(yyyymm);
}

/** A round step for about four gridlines up to `max`. */
function niceStep(max: number): number {
  const raw = Math.max(1, max / 4);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

const BAR = 32, TOP = 22, PLOT = 150, AXIS = 44, BOTTOM = 40;

/** One agency's mentions per Jalali day ("yyyy/MM/dd"), a bar per day stacked negative → neutral → positive,
 * the oldest day on the right (the page reads right to left), the day's total over its bar. */
function MentionChart({ label, rows }: { label: string; rows: Stats['mentions'] }) {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const count = (d: string, t: string) => rows.find((r) => r.day === d && r.tone === t)?.items ?? 0;
  const totals = days.map((d) => STACK.reduce((n, t) => n + count(d, t), 0));
  const step = niceStep(Math.max(1, ...totals));
  const top = step * Math.ceil(Math.max(1, ...totals) / step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const w = Math.max(360, days.length * BAR + AXIS + 16);
  const y = (n: number) => TOP + PLOT - (n / top) * PLOT;
  const x = (i: number) => w - AXIS - (i + 1) * BAR; // the i-th day, from the right
  const summary = `${label}: ${days.map((d, i) => `${dayLabel(d, true)} ${toPersianDigits(totals[i])}`).join('، ')}`;
  return (
    <figure className="mb-0">
      <div className="overflow-auto">
        <svg width={w} height={TOP + PLOT + BOTTOM} role="img" aria-label={summary} data-testid="chart">
          {ticks.map((t) => (
            <g key={t} data-testid="chart-tick">
              <line x1={8} x2={w - AXIS} y1={y(t)} y2={y(t)} stroke={t === 0 ? '#495057' : '#dee2e6'} />
              <text x={w - AXIS + 6} y={y(t) + 4} fontSize={11} textAnchor="start" fill="#495057">{toPersianDigits(t)}</text>
            </g>
          ))}
          <text x={w - 4} y={12} fontSize={11} textAnchor="end" fill="#495057">شمار خبر</text>
          {days.map((d, i) => {
            let top0 = y(0);
            const monthStart = i === 0 || days[i - 1].slice(0, 7) !== d.slice(0, 7);
            return (
              <g key={d} transform={`translate(${x(i)},0)`} data-testid="chart-day">
                {STACK.map((t) => {
                  const n = count(d, t);
                  const h = (n / top) * PLOT;
                  top0 -= h;
                  return n ? (
                    <rect key={t} x={5} y={top0} width={BAR - 10} height={h} fill={TONE_FILL[t]}>
                      <title>{`${dayLabel(d, true)}: ${toPersianDigits(n)} خبر ${TONES[t]}`}</title>
                    </rect>
                  ) : null;
                })}
                <text x={BAR / 2} y={y(totals[i]) - 4} fontSize={11} textAnchor="middle" fill="#212529" data-testid="chart-value">
                  {toPersianDigits(totals[i])}
                </text>
                <text x={BAR / 2} y={TOP + PLOT + 15} fontSize={11} textAnchor="middle" fill="#495057">{toPersianDigits(Number(d.slice(8)))}</text>
                {monthStart && (
                  <text x={BAR / 2} y={TOP + PLOT + 31} fontSize={11} textAnchor="middle" fill="#212529" data-testid="chart-month">
                    {MONTHS[Number(d.slice(5, 7)) - 1]}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="d-flex flex-wrap gap-3 small mt-1" data-testid="chart-legend">
        {[...STACK].reverse().map((t) => (
          <span key={t} className="d-inline-flex align-items-center gap-1">
            <span aria-hidden="true" style={{ display: 'inline-block', width: 12, height: 12, background: TONE_FILL[t], borderRadius: 2 }} />
            {TONES[t]}
          </span>
        ))}
        <span className="text-secondary">عدد بالای هر ستون: همهٔ خبرهای آن روز</span>
      </figcaption>
    </figure>
  );
}

/** «۱۴ آذر» from "1405/09/14" (with the year when `year`). */
function dayLabel(d: string, year = false): string {
  const [yy, mm, dd] = d.split('/').map(Number);
  return `${toPersianDigits(dd)} ${MONTHS[mm - 1] ?? ''}${year ? ` ${toPersianDigits(yy)}` : ''}`;
}
