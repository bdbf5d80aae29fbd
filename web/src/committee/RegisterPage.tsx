// The register of decisions (دفتر مصوبات, issue 13 §8): every decision the user reads, filtered by
// committee, owner agency, status and overdue, with the XLSX export of the same filters. A PR manager
// sees the decisions their agency owns (the per-agency follow-up list).
import { useState } from 'react';
import { get, type Query } from '../api';
import { faNumber } from '../fa';
import { Empty, ErrorAlert, Link, Loading, PageHeader, useLoad } from '../components/ui';
import type { Page } from '../types';
import { listCommittees, listDecisions } from './api';
import { DECISION_STATUS } from './labels';

export function RegisterPage() {
  const [committee, setCommittee] = useState('');
  const [agency, setAgency] = useState('');
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const q: Query = {
    per_page: 200,
    ...(committee ? { committee_id: committee } : {}),
    ...(agency ? { owner_agency_id: agency } : {}),
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: 'true' } : {}),
  };
  const key = JSON.stringify(q);
  const { data, error, loading, reload } = useLoad(async (signal) => {
    const [decisions, committees, agencies] = await Promise.all([
      listDecisions(JSON.parse(key) as Query, signal),
      listCommittees(signal),
      get<Page<{ id: number; name: string }>>('/agencies', { per_page: 200 }, signal),
    ]);
    return { decisions, committees: committees.items, agencies: agencies.items };
  }, [key]);
  const exportQuery = new URLSearchParams(Object.entries(q).filter(([k]) => k !== 'per_page').map(([k, v]) => [k, String(v)])).toString();
  return (
    <>
      <PageHeader title="دفتر مصوبات" sub="مصوبه‌های کمیته و پیگیری آن‌ها">
        <a className="btn btn-outline-success" href={`/api/v1/committee/register/xlsx${exportQuery ? `?${exportQuery}` : ''}`} data-testid="register-xlsx">خروجی اکسل</a>
      </PageHeader>
      <div className="d-flex flex-wrap gap-2 mb-3" data-testid="register-filters">
        <select className="form-select w-auto" value={committee} onChange={(e) => setCommittee(e.target.value)} aria-label="کمیته" data-testid="register-committee">
          <option value="">همهٔ کمیته‌ها</option>
          {data?.committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
        <select className="form-select w-auto" value={agency} onChange={(e) => setAgency(e.target.value)} aria-label="دستگاه مسئول" data-testid="register-agency">
          <option value="">همهٔ دستگاه‌ها</option>
          {data?.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
        <select className="form-select w-auto" value={status} onChange={(e) => setStatus(e.target.value)} aria-label="وضعیت" data-testid="register-status">
          <option value="">همهٔ وضعیت‌ها</option>
          {Object.entries(DECISION_STATUS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <label className="form-check d-flex align-items-center gap-1">
          <input type="checkbox" className="form-check-input" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="register-overdue" />
          فقط دیرکردها
        </label>
      </div>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : loading || !data ? <Loading /> : data.decisions.items.length === 0 ? <Empty>مصوبه‌ای با این شرایط نیست.</Empty> : (
        <table className="table bg-white" data-testid="register">
          <thead><tr><th>جلسه</th><th>مصوبه</th><th>دستگاه مسئول</th><th>مهلت</th><th>وضعیت</th><th>پیشرفت</th></tr></thead>
          <tbody>
            {data.decisions.items.map((d) => (
              <tr key={d.id}>
                <td><Link to={`/committee/meetings/${d.meeting_id}`}>{faNumber(d.meeting_number)}</Link></td>
                <td><Link to={`/committee/decisions/${d.id}`}>{d.text}</Link></td>
                <td>{data.agencies.find((a) => a.id === d.owner_agency_id)?.name}</td>
                <td>{d.deadline_jalali} ({faNumber(d.working_days_left)} روز کاری)</td>
                <td>{d.overdue ? <span className="badge text-bg-danger">دیرکرد</span> : DECISION_STATUS[d.status]}</td>
                <td>٪{faNumber(d.progress)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
