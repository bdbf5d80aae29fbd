// Citizens' satisfaction with each agency's answers.
import { faDecimal, toPersianDigits } from '../fa';
import { ErrorAlert, Loading, PageHeader, useLoad, useTitle } from '../components/ui';
import { getCsat } from './api';

export function CitizenCsatPage() {
  useTitle('رضایت شهروندان');
  const { data, error, loading, reload } = useLoad((signal) => getCsat(signal), []);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
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
    </>
  );
}
