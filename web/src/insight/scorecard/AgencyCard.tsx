// One agency's card in a period: every sub-index with its value, points and maximum — a data figure is a
// link that opens the records behind it (and their XLSX); manual items with the committee's score and
// the agency's evidence (upload for the agency's PR manager and the scorers, deletion by the agency or
// the uploader, while the period is open; the server decides).
import { useState } from 'react';
import { ApiError } from '../../api';
import { faDateTime, faDecimal, faNumber, toPersianDigits } from '../../fa';
import { Empty, ErrorAlert, Loading, useLoad } from '../../components/ui';
import { deleteEvidence, getLinkedRecords, setScore, uploadEvidence, type Card, type ItemScore, type Period } from './api';

const SHARE_UNITS = new Set(['pickup_rate', 'share_negative', 'requests_answered_share', 'sla_share', 'csat_response_rate',
  'photo_share', 'reopen_rate', 'meeting_attendance', 'decisions_on_time']);

/** The records behind one figure (the first 200 the list route gives). */
function LinkedRecords({ item }: { item: ItemScore }) {
  const href = item.records?.href ?? '';
  const { data, error, loading } = useLoad(() => getLinkedRecords(href.includes('?') ? `${href}&per_page=200` : href), [href]);
  if (error) return <ErrorAlert error={error} />;
  if (loading || !data) return <Loading />;
  return (
    <div className="border rounded p-2 mt-1 small" data-testid={`records-${item.code}`}>
      <div className="d-flex align-items-center gap-2 mb-1">
        <span className="me-auto">{faNumber(data.total ?? data.items.length)} مورد</span>
        {item.records && <a className="btn btn-sm btn-outline-secondary" href={item.records.export} download>اکسل</a>}
      </div>
      {data.items.length === 0 ? <Empty /> : (
        <ul className="mb-0 ps-3">
          {data.items.map((r) => (
            <li key={`${r.id}-${r.related_id ?? ''}`} data-testid="linked-record">
              {r.url ? <a href={r.url} target="_blank" rel="noreferrer">{r.title ?? r.text}</a> : toPersianDigits(r.title ?? r.text ?? '')}
              {r.at ? <span className="text-muted ms-2">{faDateTime(r.at)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The figure; a data figure opens the records that produced it. */
function Figure({ item }: { item: ItemScore }) {
  const [open, setOpen] = useState(false);
  if (!item.records) return <>{rawText(item)}</>;
  return (
    <>
      <button type="button" className="btn btn-link btn-sm p-0 align-baseline" aria-expanded={open}
        title="سوابق پشت این عدد" data-testid={`figure-${item.code}`} onClick={() => setOpen(!open)}>
        {rawText(item)}
      </button>
      {open && <LinkedRecords item={item} />}
    </>
  );
}

function rawText(i: ItemScore): string {
  if (i.raw === null) return '—';
  if (SHARE_UNITS.has(i.formula)) return `٪${faDecimal(i.raw * 100, 0)}`;
  if (Number.isInteger(i.raw)) return faNumber(i.raw);
  return faDecimal(i.raw, 2);
}

function ManualRow({ period, card, item, canScore, canUpload, onChange }: {
  period: Period; card: Card; item: ItemScore; canScore: boolean; canUpload: boolean; onChange: (c: Card) => void;
}) {
  const [score, setScoreValue] = useState(item.raw ? String(item.raw) : '');
  const [note, setNote] = useState(item.note);
  const [error, setError] = useState<unknown>(null);
  const open = period.status === 'open';
  const save = async () => {
    setError(null);
    try {
      onChange(await setScore(period.id, card.agency_id, item.code, Number(score), note));
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (evidenceId: number) => {
    setError(null);
    try {
      await deleteEvidence(evidenceId);
      onChange({ ...card, items: card.items.map((x) => (x.code === item.code ? { ...x, evidence: x.evidence.filter((e) => e.id !== evidenceId) } : x)) });
    } catch (e) {
      setError(e);
    }
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      const ev = await uploadEvidence(period.id, card.agency_id, item.code, file);
      onChange({ ...card, items: card.items.map((x) => (x.code === item.code ? { ...x, evidence: [...x.evidence, ev] } : x)) });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="small" data-testid={`manual-${item.code}`}>
      {item.evidence.map((e) => (
        <div key={e.id} className="d-flex align-items-center gap-2">
          <a href={e.url} download>{e.file_name}</a>
          {open && canUpload && (
            <button type="button" className="btn btn-sm btn-link text-danger p-0" aria-label={`حذف ${e.file_name}`}
              data-testid={`delete-evidence-${e.id}`} onClick={() => remove(e.id)}>حذف</button>
          )}
        </div>
      ))}
      {open && canUpload && (
        <input type="file" className="form-control form-control-sm mt-1" accept="application/pdf,image/jpeg,image/png,image/webp"
          aria-label={`مستند ${item.name}`} data-testid={`evidence-${item.code}`} onChange={(e) => upload(e.target.files?.[0])} />
      )}
      {open && canScore && (
        <div className="d-flex gap-1 mt-1">
          <select className="form-select form-select-sm w-auto" value={score} aria-label={`امتیاز ${item.name}`}
            data-testid={`score-${item.code}`} onChange={(e) => setScoreValue(e.target.value)}>
            <option value="">—</option>
            {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{faNumber(n)}</option>)}
          </select>
          <input className="form-control form-control-sm" placeholder="یادداشت" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="button" className="btn btn-sm btn-outline-primary" disabled={!score} onClick={save}
            data-testid={`save-${item.code}`}>ثبت</button>
        </div>
      )}
      {error instanceof ApiError ? <div className="text-danger">{error.message}</div> : error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}

export function AgencyCard({ period, card, canScore, canUpload, onChange }: {
  period: Period; card: Card; canScore: boolean; canUpload: boolean; onChange: (c: Card) => void;
}) {
  return (
    <section className="card shadow-sm border-0 mt-3" data-testid="scorecard-card">
      <div className="card-body">
        <h2 className="h6">
          کارنامهٔ {card.agency_name} — رتبهٔ {faNumber(card.rank)}، امتیاز {faDecimal(card.total)} از {faDecimal(card.max_total)}
          {card.delta !== null && <span className="text-muted ms-2">(تغییر: {faDecimal(card.delta)})</span>}
        </h2>
        <table className="table table-sm align-middle">
          <thead>
            <tr><th>شاخص</th><th>زیرشاخص</th><th>مقدار</th><th>امتیاز</th><th>مستند و امتیاز دستی</th></tr>
          </thead>
          <tbody>
            {card.items.map((i) => (
              <tr key={i.code}>
                <td>{i.index_name}</td>
                <td>{i.name}{i.metric && <div className="small text-muted">سوابق: {i.metric}</div>}</td>
                <td><Figure item={i} /></td>
                <td>{faDecimal(i.points)} از {faDecimal(i.max_points)}</td>
                <td>
                  {i.formula === 'manual' && (
                    <ManualRow period={period} card={card} item={i} canScore={canScore} canUpload={canUpload} onChange={onChange} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
