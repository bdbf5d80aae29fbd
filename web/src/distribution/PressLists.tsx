// The press lists: contacts and unsubscriptions of each, CSV import, a new list.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { faNumber } from '../fa';
import { ErrorAlert, Loading, useFormError } from '../components/ui';
import { createPressList, importContacts, type ImportReport, type PressList } from './api';
import { ownerBody, useOwners } from './owners';

export function PressLists({ lists, error, reload, owner }: { lists: PressList[] | null; error: unknown; reload: () => void; owner: (x: { agency_id: number | null }) => string }) {
  const owners = useOwners();
  const [name, setName] = useState('');
  const [own, setOwn] = useState(owners[0]?.value ?? '');
  const [csv, setCsv] = useState<Record<number, string>>({});
  const [reports, setReports] = useState<Record<number, ImportReport | string>>({});
  const err = useFormError(['name']);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    err.setError(null);
    try {
      await createPressList({ ...ownerBody(own), name });
      setName('');
      reload();
    } catch (e2) {
      err.capture(e2);
    }
  };
  const doImport = async (l: PressList) => {
    try {
      const r = await importContacts(l.id, csv[l.id] ?? '');
      setReports((x) => ({ ...x, [l.id]: r }));
      reload();
    } catch (e) {
      setReports((x) => ({ ...x, [l.id]: e instanceof ApiError ? e.message : 'افزودن انجام نشد.' }));
    }
  };
  return (
    <div className="card border-0 shadow-sm">
      <div className="card-body">
        <h2 className="h6">فهرست‌های خبرنگاران</h2>
        {error ? <ErrorAlert error={error} onRetry={reload} /> : !lists ? <Loading /> : lists.map((l) => {
          const r = reports[l.id];
          return (
            <div key={l.id} className="border rounded p-2 mb-2" data-testid="press-list">
              <div className="d-flex justify-content-between">
                <strong>{l.name}</strong>
                <span className="small text-secondary">{owner(l)} · {faNumber(l.contacts)} نشانی · {faNumber(l.unsubscribed)} لغو اشتراک</span>
              </div>
              <label className="form-label small mt-2" htmlFor={`csv-${l.id}`}>افزودن از CSV (ستون‌ها: email,name,outlet,beats)</label>
              <textarea id={`csv-${l.id}`} className="form-control form-control-sm" dir="ltr" rows={3} value={csv[l.id] ?? ''}
                onChange={(e) => setCsv((x) => ({ ...x, [l.id]: e.target.value }))} placeholder={'email,name,outlet,beats\nreporter@example.ir,نام,رسانه,حوزه'} />
              <button type="button" className="btn btn-sm btn-outline-primary mt-1" onClick={() => void doImport(l)}>افزودن نشانی‌ها</button>
              {r && (typeof r === 'string' ? <div className="text-danger small">{r}</div> : (
                <div className="small mt-1" data-testid="import-report">
                  افزوده: {faNumber(r.added)} · به‌روز: {faNumber(r.updated)} · ردشده: {faNumber(r.rejected)}
                  {r.problems.length > 0 && (
                    <ul className="text-danger mb-0">
                      {r.problems.slice(0, 20).map((p) => <li key={p.line}>سطر {faNumber(p.line)}: <bdi>{p.email}</bdi> — {p.message}</li>)}
                    </ul>
                  )}
                </div>
              ))}
            </div>
          );
        })}
        <form className="d-flex flex-wrap gap-2 mt-2" onSubmit={(e) => void create(e)}>
          <select className="form-select form-select-sm w-auto" value={own} onChange={(e) => setOwn(e.target.value)} aria-label="صاحب فهرست">
            {owners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
          <input className="form-control form-control-sm w-auto" value={name} onChange={(e) => setName(e.target.value)} placeholder="نام فهرست تازه" aria-label="نام فهرست تازه" />
          <button type="submit" className="btn btn-sm btn-primary">ساختن فهرست</button>
          {err.formMessage && <div className="text-danger small w-100">{err.formMessage}</div>}
          {err.fieldError('name') && <div className="text-danger small w-100">{err.fieldError('name')}</div>}
        </form>
      </div>
    </div>
  );
}
