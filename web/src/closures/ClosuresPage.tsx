// A council's closures and corrections of the work calendar: the list (day, whose — the council or one
// agency —, kind, reason) and a form to add one (Jalali date, the whole council or one agency, closed or
// working, reason). Each change tells how many requests' deadlines it
// moved; the server refuses bad dates in Persian and writes nothing.
import { useState } from 'react';
import { ApiError } from '../api';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { ErrorAlert, Loading, PageHeader, useLoad } from '../components/ui';
import { faNumber, jFormat, jToday, toLatinDigits, type JDate } from '../fa';
import { agencyName, councilName, useSession } from '../session';
import { addClosure, listClosures, removeClosure, type ClosureKind } from './api';

const KIND_FA: Record<ClosureKind, string> = { closed: 'تعطیل', working: 'روز کاری' };

export function ClosuresPage() {
  const s = useSession();
  const councils = s.caps.isSystemAdmin ? s.councils.map((c) => c.id) : s.caps.adminCouncils;
  const [councilId, setCouncilId] = useState<number | null>(councils[0] ?? null);
  const list = useLoad(() => (councilId ? listClosures(councilId) : Promise.resolve([])), [councilId]);
  const [date, setDate] = useState<JDate | null>(null);
  const [kind, setKind] = useState<ClosureKind>('closed');
  const [agencyId, setAgencyId] = useState<number | null>(null);
  const agencies = s.agencies.filter((a) => a.council_id === councilId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const report = (what: string, n: number) =>
    setDone(`${what}؛ مهلت ${faNumber(n)} درخواست دوباره حساب شد.`);
  const whose = (id: number | null) => (id == null ? '' : ` برای ${agencyName(s, id)}`);
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : 'انجام نشد.');

  const add = async () => {
    if (!councilId) return;
    setError(null);
    setDone(null);
    try {
      const r = await addClosure({
        council_id: councilId,
        ...(agencyId != null ? { agency_id: agencyId } : {}),
        date: date ? toLatinDigits(jFormat(date)) : '',
        kind,
        reason,
      });
      report(`${KIND_FA[r.closure.kind]} ${r.closure.label}${whose(r.closure.agency_id)} ثبت شد`, r.recomputed);
      setReason('');
      list.reload();
    } catch (e) {
      fail(e);
    }
  };
  const remove = async (id: number, agency: number | null) => {
    if (!councilId) return;
    setError(null);
    setDone(null);
    try {
      const r = await removeClosure(councilId, id, agency);
      report(`${KIND_FA[r.closure.kind]} ${r.closure.label}${whose(r.closure.agency_id)} حذف شد`, r.recomputed);
      list.reload();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div data-testid="closures-page">
      <PageHeader
        title="تعطیلی‌ها و تقویم کاری"
        sub="روزهایی که اداره‌ها به‌خاطر آلودگی هوا، گرما یا صرفه‌جویی انرژی تعطیل می‌شوند، یا روزی که برخلاف تقویم کاری است. مهلت پاسخ درخواست‌های مردمی همان لحظه دوباره حساب می‌شود."
      />
      {councils.length > 1 && (
        <div className="mb-3" style={{ maxWidth: 320 }}>
          <label className="form-label" htmlFor="closure-council">شورا</label>
          <select id="closure-council" className="form-select" value={councilId ?? ''} onChange={(e) => { setCouncilId(Number(e.target.value)); setAgencyId(null); }}>
            {councils.map((id) => (
              <option key={id} value={id}>{councilName(s, id)}</option>
            ))}
          </select>
        </div>
      )}
      <div className="row g-3">
        <div className="col-xl-7">
          <div className="card border-0 shadow-sm">
            <div className="card-body">
              {list.error ? (
                <ErrorAlert error={list.error} onRetry={list.reload} />
              ) : !list.data ? (
                <Loading />
              ) : list.data.length === 0 ? (
                <p className="text-secondary mb-0">تعطیلی یا اصلاحی ثبت نشده است.</p>
              ) : (
                <table className="table table-sm align-middle mb-0">
                  <thead>
                    <tr><th>روز</th><th>برای</th><th>نوع</th><th>علت</th><th /></tr>
                  </thead>
                  <tbody>
                    {list.data.map((c) => (
                      <tr key={`${c.agency_id ?? 0}-${c.id}`} data-testid="closure-row">
                        <td>{c.label}</td>
                        <td>{c.agency_id == null ? 'همهٔ دستگاه‌ها' : <bdi>{agencyName(s, c.agency_id)}</bdi>}</td>
                        <td>{KIND_FA[c.kind]}</td>
                        <td>{c.reason}</td>
                        <td className="text-end">
                          <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => void remove(c.id, c.agency_id)}>حذف</button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
        </div>
        <div className="col-xl-5">
          <div className="card border-0 shadow-sm">
            <div className="card-body">
              <h2 className="h6">ثبت تعطیلی یا روز کاری</h2>
              {error && <div className="alert alert-danger py-1 small" data-testid="closure-error">{error}</div>}
              {done && <div className="alert alert-success py-1 small" data-testid="closure-done">{done}</div>}
              <JalaliDatePicker label="روز" value={date} onChange={setDate} min={jToday()} testId="closure-date" />
              <div className="my-2">
                <label className="form-label" htmlFor="closure-agency">برای</label>
                <select id="closure-agency" className="form-select" value={agencyId ?? ''} onChange={(e) => setAgencyId(e.target.value ? Number(e.target.value) : null)}>
                  <option value="">همهٔ دستگاه‌های شورا</option>
                  {agencies.map((a) => (
                    <option key={a.id} value={a.id}>{a.name}</option>
                  ))}
                </select>
              </div>
              <div className="my-2">
                <label className="form-label" htmlFor="closure-kind">نوع</label>
                <select id="closure-kind" className="form-select" value={kind} onChange={(e) => setKind(e.target.value as ClosureKind)}>
                  <option value="closed">تعطیل (اداره‌ها بسته‌اند)</option>
                  <option value="working">روز کاری (برخلاف تقویم)</option>
                </select>
              </div>
              <div className="mb-2">
                <label className="form-label" htmlFor="closure-reason">علت</label>
                <input id="closure-reason" className="form-control" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} placeholder="مثلاً آلودگی هوا" />
              </div>
              <button type="button" className="btn btn-primary" disabled={!councilId} onClick={() => void add()} data-testid="closure-add">ثبت</button>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
