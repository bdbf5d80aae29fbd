// SLA targets per agency and request type (the council desk: system and council admins): the built-in
// defaults per type, the council's own targets, and a form to set one (in working hours or days, typed
// with any digits). A target applies to requests routed, transferred or reopened from then on.
import { useState } from 'react';
import { faDecimal, faNumber, toLatinDigits } from '../fa';
import { agencyName, useSession } from '../session';
import { ErrorAlert, Loading, PageHeader, useLoad, useTitle } from '../components/ui';
import { DataTable } from '../components/ListPage';
import { getSla, setSla, type SlaTarget } from './api';
import { REQUEST_TYPES } from './labels';

const TYPE_NAME = Object.fromEntries(REQUEST_TYPES) as Record<string, string>;

/** «۲ روز کاری و ۳ ساعت» from minutes of working time. */
function workingTime(minutes: number, dayMinutes: number): string {
  const days = Math.floor(minutes / dayMinutes);
  const hours = (minutes - days * dayMinutes) / 60;
  const h = hours ? `${Number.isInteger(hours) ? faNumber(hours) : faDecimal(hours)} ساعت` : '';
  if (!days) return h ? `${h} کاری` : '—';
  return h ? `${faNumber(days)} روز کاری و ${h}` : `${faNumber(days)} روز کاری`;
}

/** A typed amount ("۱٫۵", "2") in the unit, as minutes; NaN when not a positive number. */
function toMinutes(amount: string, unit: 'hour' | 'day', dayMinutes: number): number {
  const n = Number(toLatinDigits(amount).replace('٫', '.').trim());
  if (!Number.isFinite(n) || n <= 0) return NaN;
  return Math.round(n * (unit === 'day' ? dayMinutes : 60));
}

export function CitizenSlaPage() {
  useTitle('مهلت‌های پاسخ‌گویی');
  const s = useSession();
  const { data, error, loading, reload, setData } = useLoad((signal) => getSla(signal), []);
  const [form, setForm] = useState({ agency: '', type: '', first: '', firstUnit: 'hour' as 'hour' | 'day', resolve: '', resolveUnit: 'day' as 'hour' | 'day' });
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const day = data.office_day_minutes;
  const edit = (t: SlaTarget) =>
    setForm({
      agency: t.agency_id ? String(t.agency_id) : '',
      type: t.type ?? '',
      first: String(t.first_response_minutes / 60),
      firstUnit: 'hour',
      resolve: String(t.resolve_minutes / day),
      resolveUnit: 'day',
    });
  const submit = async () => {
    setSaveError(null);
    setSaved('');
    const first = toMinutes(form.first, form.firstUnit, day);
    const resolve = toMinutes(form.resolve, form.resolveUnit, day);
    try {
      const next = await setSla({
        ...(form.agency ? { agency_id: Number(form.agency) } : {}),
        ...(form.type ? { type: form.type } : {}),
        // NaN is sent as null: the server answers which one is missing, in Persian.
        first_response_minutes: Number.isNaN(first) ? (null as unknown as number) : first,
        resolve_minutes: Number.isNaN(resolve) ? (null as unknown as number) : resolve,
      });
      setData(next);
      setSaved(`مهلت ${form.agency ? agencyName(s, Number(form.agency)) : 'همهٔ دستگاه‌ها'}، ${form.type ? TYPE_NAME[form.type] : 'همهٔ انواع'} ذخیره شد.`);
    } catch (e) {
      setSaveError(e);
    }
  };
  const unitSelect = (value: 'hour' | 'day', onChange: (u: 'hour' | 'day') => void, label: string) => (
    <select className="form-select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value as 'hour' | 'day')}>
      <option value="hour">ساعت کاری</option>
      <option value="day">روز کاری</option>
    </select>
  );
  return (
    <div data-testid="sla-page">
      <PageHeader
        title="مهلت‌های پاسخ‌گویی"
        sub={`در زمان کاری (هر روز کاری ${faNumber(day / 60)} ساعت)؛ مهلت تازه برای درخواست‌هایی به کار می‌رود که از این پس ارجاع یا بازگشوده شوند.`}
      />
      <div className="row g-3">
        <div className="col-xl-7">
          <div className="card border-0 shadow-sm mb-3"><div className="card-body">
            <h2 className="h6">مهلت‌های شورا</h2>
            {data.items.length === 0 ? (
              <p className="text-secondary mb-0">شورا هنوز مهلتی تعیین نکرده است؛ مهلت‌های پیش‌فرض به کار می‌رود.</p>
            ) : (
              <DataTable
                bare
                className="table table-sm align-middle mb-0"
                headClassName=""
                rows={data.items}
                rowKey={(t) => t.id}
                rowProps={() => ({ 'data-testid': 'sla-row' })}
                columns={[
                  { header: 'دستگاه', cell: (t) => (t.agency_id ? agencyName(s, t.agency_id) : 'همهٔ دستگاه‌ها') },
                  { header: 'نوع', cell: (t) => (t.type ? TYPE_NAME[t.type] ?? t.type : 'همهٔ انواع') },
                  { header: 'پاسخ نخست', cell: (t) => workingTime(t.first_response_minutes, day) },
                  { header: 'رسیدگی', cell: (t) => workingTime(t.resolve_minutes, day) },
                  { header: '', cell: (t) => <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => edit(t)}>ویرایش</button> },
                ]}
              />
            )}
          </div></div>
          <div className="card border-0 shadow-sm"><div className="card-body">
            <h2 className="h6">پیش‌فرض هر نوع</h2>
            <table className="table table-sm mb-0" data-testid="sla-defaults">
              <thead><tr><th>نوع</th><th>پاسخ نخست</th><th>رسیدگی</th></tr></thead>
              <tbody>
                {REQUEST_TYPES.map(([code, name]) => (
                  <tr key={code}>
                    <td>{name}</td>
                    <td>{data.defaults[code] ? workingTime(data.defaults[code].first_response_minutes, day) : '—'}</td>
                    <td>{data.defaults[code] ? workingTime(data.defaults[code].resolve_minutes, day) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div></div>
        </div>
        <div className="col-xl-5">
          <form
            className="card border-0 shadow-sm"
            data-testid="sla-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="card-body">
              <h2 className="h6">تعیین مهلت</h2>
              {saved && <div className="alert alert-success py-1 small" role="status" data-testid="sla-saved">{saved}</div>}
              {saveError ? <ErrorAlert error={saveError} /> : null}
              <label className="form-label small" htmlFor="sla-agency">دستگاه</label>
              <select id="sla-agency" className="form-select mb-2" value={form.agency} onChange={(e) => setForm({ ...form, agency: e.target.value })}>
                <option value="">همهٔ دستگاه‌ها</option>
                {s.agencies.map((a) => <option key={a.id} value={a.id}>{a.short_name || a.name}</option>)}
              </select>
              <label className="form-label small" htmlFor="sla-type">نوع درخواست</label>
              <select id="sla-type" className="form-select mb-2" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>
                <option value="">همهٔ انواع</option>
                {REQUEST_TYPES.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
              <label className="form-label small" htmlFor="sla-first">پاسخ نخست</label>
              <div className="input-group mb-2">
                <input id="sla-first" className="form-control" inputMode="decimal" value={form.first} onChange={(e) => setForm({ ...form, first: e.target.value })} data-testid="sla-first" />
                {unitSelect(form.firstUnit, (u) => setForm({ ...form, firstUnit: u }), 'واحد پاسخ نخست')}
              </div>
              <label className="form-label small" htmlFor="sla-resolve">رسیدگی کامل</label>
              <div className="input-group mb-3">
                <input id="sla-resolve" className="form-control" inputMode="decimal" value={form.resolve} onChange={(e) => setForm({ ...form, resolve: e.target.value })} data-testid="sla-resolve" />
                {unitSelect(form.resolveUnit, (u) => setForm({ ...form, resolveUnit: u }), 'واحد رسیدگی')}
              </div>
              <button type="submit" className="btn btn-primary" data-testid="sla-save">ذخیره</button>
            </div>
          </form>
        </div>
      </div>
    </div>
  );
}
