// Citizens' satisfaction with each agency's answers, and the volume of requests per channel (web portal,
// Telegram and Bale bots).
import { faDecimal, toPersianDigits } from '../fa';
import { ErrorAlert, Loading, PageHeader, useLoad, useTitle } from '../components/ui';
import { getCsat } from './api';
import { REQUEST_CHANNELS } from './labels';

/** The channels to show: the known ones in their order, then any other the data names. */
function channelColumns(counts: Record<string, number>[]): string[] {
  const seen = new Set(counts.flatMap((c) => Object.keys(c)));
  return [...Object.keys(REQUEST_CHANNELS), ...[...seen].filter((c) => !(c in REQUEST_CHANNELS)).sort()];
}

export function CitizenCsatPage() {
  useTitle('رضایت شهروندان');
  const { data, error, loading, reload } = useLoad((signal) => getCsat(signal), []);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const channels = channelColumns([data.channels, ...data.items.map((x) => x.channels)]);
  const n = (counts: Record<string, number> | undefined, c: string) => toPersianDigits(counts?.[c] ?? 0);
  const unrouted = Object.values(data.unrouted_channels ?? {}).some((v) => v > 0);
  return (
    <>
      <PageHeader title="رضایت شهروندان از پاسخگویی دستگاه‌ها" />
      <table className="table bg-white" data-testid="csat-table">
        <thead><tr><th>دستگاه</th><th>میانگین رضایت</th><th>نظرها</th><th>بسته</th><th>باز</th><th>دیرکرد</th></tr></thead>
        <tbody>
          {data.items.map((x) => (
            <tr key={x.agency_id} data-testid={`csat-${x.agency_id}`}>
              <td>{x.agency_name}</td>
              <td>{x.rated ? faDecimal(x.average) : '—'}</td>
              <td>{toPersianDigits(x.rated)}</td><td>{toPersianDigits(x.closed)}</td><td>{toPersianDigits(x.open)}</td><td>{toPersianDigits(x.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="h5 mt-4">درخواست‌ها به تفکیک راه دریافت</h2>
      <p className="text-muted small">درخواست‌های تأییدشده (بدون درخواست‌های ادغام‌شده در درخواست دیگر).</p>
      <table className="table bg-white" data-testid="channel-table">
        <thead><tr><th>دستگاه</th>{channels.map((c) => <th key={c}>{REQUEST_CHANNELS[c] ?? c}</th>)}</tr></thead>
        <tbody>
          {data.items.map((x) => (
            <tr key={x.agency_id} data-testid={`channels-${x.agency_id}`}>
              <td>{x.agency_name}</td>
              {channels.map((c) => <td key={c} data-channel={c}>{n(x.channels, c)}</td>)}
            </tr>
          ))}
          {unrouted && (
            <tr data-testid="channels-unrouted">
              <td>میز شورا (هنوز ارجاع‌نشده)</td>
              {channels.map((c) => <td key={c} data-channel={c}>{n(data.unrouted_channels, c)}</td>)}
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr className="fw-bold" data-testid="channels-total">
            <td>همه</td>
            {channels.map((c) => <td key={c} data-channel={c}>{n(data.channels, c)}</td>)}
          </tr>
        </tfoot>
      </table>
    </>
  );
}
