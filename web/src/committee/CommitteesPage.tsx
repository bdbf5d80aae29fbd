// The committee's home: my meetings and decisions (members), and the committees I read.
import { faNumber } from '../fa';
import { Empty, ErrorAlert, Link, Loading, PageHeader, useLoad } from '../components/ui';
import { listCommittees, mine } from './api';
import { DECISION_STATUS, MEETING_STATUS } from './labels';

export function CommitteesPage() {
  const { data, error, loading, reload } = useLoad(async (signal) => {
    const [list, my] = await Promise.all([listCommittees(signal), mine(signal)]);
    return { list: list.items, my };
  }, []);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  return (
    <>
      <PageHeader title="کمیتهٔ روابط عمومی" sub="جلسه‌ها و مصوبه‌های من، و کمیته‌های شورا">
        <Link to="/committee/register" className="btn btn-outline-primary" data-testid="open-register">دفتر مصوبات</Link>
      </PageHeader>
      <h2 className="h6">جلسه‌های پیش رو</h2>
      {data.my.meetings.length === 0 ? <Empty>جلسه‌ای برای شما نیست.</Empty> : (
        <ul className="list-group mb-4" data-testid="my-meetings">
          {data.my.meetings.map((m) => (
            <li key={m.id} className="list-group-item d-flex justify-content-between">
              <Link to={`/committee/meetings/${m.id}`}>جلسهٔ شمارهٔ {faNumber(m.number)} — {m.starts_jalali}</Link>
              <span className="badge text-bg-light">{MEETING_STATUS[m.status]}</span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="h6">مصوبه‌هایی که مسئول آن‌ها هستم</h2>
      {data.my.decisions.length === 0 ? <Empty>مصوبه‌ای به نام شما نیست.</Empty> : (
        <ul className="list-group mb-4" data-testid="my-decisions">
          {data.my.decisions.map((d) => (
            <li key={d.id} className="list-group-item d-flex justify-content-between">
              <Link to={`/committee/decisions/${d.id}`}>{d.text}</Link>
              <span className={`badge ${d.overdue ? 'text-bg-danger' : 'text-bg-light'}`}>
                {d.overdue ? 'دیرکرد' : DECISION_STATUS[d.status]} — مهلت {d.deadline_jalali}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="h6">کمیته‌ها</h2>
      {data.list.length === 0 ? <Empty>کمیته‌ای در دسترس شما نیست.</Empty> : (
        <ul className="list-group" data-testid="committees">
          {data.list.map((c) => (
            <li key={c.id} className="list-group-item">
              <Link to={`/committee/${c.id}`}>{c.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
