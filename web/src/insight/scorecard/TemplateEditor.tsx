// The evaluation template of a council (season or year): indices → sub-indices with a formula from the
// catalogue or «دستی», a weight, a maximum score, and the floor (no points) and target (full points) a
// raw value maps between. The server validates (unknown formula, weight or maximum out of range: a
// Persian 400 naming the row) and keeps a version (409 on a stale edit).
import { useState } from 'react';
import { ApiError } from '../../api';
import { faDecimal } from '../../fa';
import { ErrorAlert, Loading, SavedAlert, useLoad } from '../../components/ui';
import { getFormulas, getTemplate, putTemplate, type TemplateItem } from './api';

export function TemplateEditor({ councilId, canEdit }: { councilId: number; canEdit: boolean }) {
  const [kind, setKind] = useState<'season' | 'year'>('season');
  const formulas = useLoad(() => getFormulas(), []);
  const t = useLoad(() => getTemplate(councilId, kind), [councilId, kind]);
  const [items, setItems] = useState<TemplateItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const rows = items ?? t.data?.items ?? [];
  const edit = (i: number, patch: Partial<TemplateItem>) => {
    setSaved(false);
    setItems(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  };
  const save = async () => {
    if (!t.data) return;
    setError(null);
    try {
      t.setData(await putTemplate(councilId, kind, rows, t.data.version));
      setItems(null);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  const total = rows.reduce((s, x) => s + x.weight * x.max_score, 0);
  const num = (i: number, key: 'weight' | 'max_score' | 'floor' | 'target', x: TemplateItem) => (
    <input type="number" step="any" className="form-control form-control-sm" style={{ width: '6rem' }} value={x[key]}
      disabled={!canEdit || (x.formula === 'manual' && (key === 'floor' || key === 'target'))}
      aria-label={`${key} ${x.name}`} data-testid={`tpl-${x.code}-${key}`} onChange={(e) => edit(i, { [key]: Number(e.target.value) } as Partial<TemplateItem>)} />
  );
  return (
    <section className="card shadow-sm border-0" data-testid="scorecard-template">
      <div className="card-body">
        <div className="d-flex gap-2 align-items-center mb-2">
          <select className="form-select form-select-sm w-auto" value={kind} aria-label="نوع دوره"
            onChange={(e) => { setKind(e.target.value as 'season' | 'year'); setItems(null); }}>
            <option value="season">فصلی</option>
            <option value="year">سالانه</option>
          </select>
          {t.data?.is_default && <span className="badge bg-info">الگوی پیش‌فرض</span>}
          <span className="small text-muted">بیشترین امتیاز کل: {faDecimal(total)}</span>
        </div>
        {t.loading && <Loading />}
        {t.error ? <ErrorAlert error={t.error} /> : null}
        <table className="table table-sm align-middle">
          <thead>
            <tr><th>شاخص</th><th>زیرشاخص</th><th>فرمول</th><th>وزن</th><th>بیشترین امتیاز</th><th>کف</th><th>هدف</th></tr>
          </thead>
          <tbody>
            {rows.map((x, i) => (
              <tr key={`${x.code}-${i}`}>
                <td>{x.index_name}</td>
                <td>{x.name}</td>
                <td>
                  <select className="form-select form-select-sm" value={x.formula} disabled={!canEdit} aria-label={`فرمول ${x.name}`}
                    onChange={(e) => edit(i, { formula: e.target.value })}>
                    {(formulas.data?.items ?? []).map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
                  </select>
                </td>
                <td>{num(i, 'weight', x)}</td>
                <td>{num(i, 'max_score', x)}</td>
                <td>{num(i, 'floor', x)}</td>
                <td>{num(i, 'target', x)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {error instanceof ApiError ? (
          <div className="alert alert-danger py-2" data-testid="template-error">{error.message}{error.field ? ` (${error.field})` : ''}</div>
        ) : error ? <ErrorAlert error={error} /> : null}
        <SavedAlert show={saved} />
        {canEdit && <button type="button" className="btn btn-primary" onClick={save} disabled={!items} data-testid="template-save">ذخیرهٔ الگو</button>}
      </div>
    </section>
  );
}
