// Routing admin: the text model's held-out accuracy (retrain) and the keyword rules.
import { useState } from 'react';
import { ApiError } from '../api';
import { faDateTime, faDecimal, toPersianDigits } from '../fa';
import { agencyName, useSession } from '../session';
import { ErrorAlert, Loading, PageHeader, useLoad, useTitle } from '../components/ui';
import { createRoutingRule, deleteRoutingRule, getRouting, retrainRouting } from './api';

export function CitizenRoutingPage() {
  useTitle('ارجاع خودکار');
  const s = useSession();
  const { data, error, loading, reload, setData } = useLoad((signal) => getRouting(signal), []);
  const [agency, setAgency] = useState('');
  const [keywords, setKeywords] = useState('');
  const [err, setErr] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const run = async (f: () => Promise<unknown>) => {
    setErr('');
    try {
      await f();
      setData(await getRouting());
    } catch (e) {
      setErr(e instanceof ApiError ? e.message : 'کار انجام نشد.');
    }
  };
  return (
    <>
      <PageHeader title="ارجاع خودکار درخواست‌ها" />
      {err && <div className="alert alert-danger">{err}</div>}
      <div className="card mb-3"><div className="card-body" data-testid="routing-accuracy">
        دقت مدل روی بخش کنارگذاشته: <strong>{faDecimal(data.accuracy * 100)}٪</strong> ({toPersianDigits(data.held_out)} نمونه از {toPersianDigits(data.samples)}) · آخرین آموزش {faDateTime(data.trained_at)} · آستانهٔ اطمینان {faDecimal(data.min_confidence, 2)}
        <button className="btn btn-outline-secondary btn-sm ms-2" onClick={() => void run(retrainRouting)}>آموزش دوباره</button>
      </div></div>
      <h2 className="h6">قاعده‌ها</h2>
      <table className="table bg-white"><tbody>
        {data.rules.map((r) => (
          <tr key={r.id}><td>{r.keywords}</td><td>{r.types}</td><td>{agencyName(s, r.agency_id)}</td><td>{toPersianDigits(r.priority)}</td>
            <td><button className="btn btn-link btn-sm text-danger" onClick={() => void run(() => deleteRoutingRule(r.id))}>حذف</button></td></tr>
        ))}
      </tbody></table>
      <div className="d-flex gap-2 flex-wrap">
        <input className="form-control form-control-sm w-auto" placeholder="کلیدواژه‌ها" aria-label="کلیدواژه‌ها" value={keywords} onChange={(e) => setKeywords(e.target.value)} />
        <select className="form-select form-select-sm w-auto" aria-label="دستگاه" value={agency} onChange={(e) => setAgency(e.target.value)}>
          <option value="">دستگاه…</option>
          {s.agencies.map((a) => <option key={a.id} value={a.id}>{a.short_name || a.name}</option>)}
        </select>
        <button className="btn btn-primary btn-sm" disabled={!agency || !keywords.trim()} onClick={() => void run(() => createRoutingRule({ agency_id: Number(agency), keywords, priority: 10 }))}>افزودن قاعده</button>
      </div>
    </>
  );
}
