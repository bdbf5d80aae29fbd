// Absence statistics of a committee (issue 13 §5): per member and per agency, over the meetings held.
import { get } from '../api';
import { faNumber } from '../fa';
import { ErrorAlert, Loading, useLoad } from '../components/ui';
import type { Page } from '../types';
import { SEAT_ROLE } from './labels';

interface Counts { recorded: number; present: number; late: number; excused: number; absent: number; absence_rate: number }
interface Stats {
  members: (Counts & { member_id: number; user_name: string; role: string; current: boolean })[];
  agencies: (Counts & { agency_id: number })[];
}

const pct = (r: number) => `٪${faNumber(Math.round(r * 100))}`;

export function AbsenceTable({ committeeId }: { committeeId: number }) {
  const { data, error, loading, reload } = useLoad(async (signal) => {
    const [stats, agencies] = await Promise.all([
      get<Stats>(`/committees/${committeeId}/absence`, {}, signal),
      get<Page<{ id: number; name: string }>>('/agencies', { per_page: 200 }, signal),
    ]);
    return { stats, agencies: agencies.items };
  }, [committeeId]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const row = (c: Counts) => (
    <>
      <td>{faNumber(c.recorded)}</td><td>{faNumber(c.present)}</td><td>{faNumber(c.late)}</td>
      <td>{faNumber(c.excused)}</td><td>{faNumber(c.absent)}</td><td>{pct(c.absence_rate)}</td>
    </>
  );
  const head = <><th>جلسه‌های ثبت‌شده</th><th>حاضر</th><th>با تأخیر</th><th>غیبت موجه</th><th>غایب</th><th>نرخ غیبت</th></>;
  return (
    <section className="mt-4" data-testid="absence">
      <h2 className="h6">آمار غیبت اعضا</h2>
      <table className="table table-sm bg-white">
        <thead><tr><th>عضو</th>{head}</tr></thead>
        <tbody>
          {data.stats.members.map((m) => (
            <tr key={m.member_id}><td>{m.user_name} ({SEAT_ROLE[m.role]}{m.current ? '' : '، پیشین'})</td>{row(m)}</tr>
          ))}
        </tbody>
      </table>
      {data.stats.agencies.length > 0 && (
        <>
          <h2 className="h6">آمار غیبت دستگاه‌ها</h2>
          <table className="table table-sm bg-white" data-testid="absence-agencies">
            <thead><tr><th>دستگاه</th>{head}</tr></thead>
            <tbody>
              {data.stats.agencies.map((a) => (
                <tr key={a.agency_id}><td>{data.agencies.find((x) => x.id === a.agency_id)?.name ?? '—'}</td>{row(a)}</tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
