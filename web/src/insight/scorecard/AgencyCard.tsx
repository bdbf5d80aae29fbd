// One agency's card in a period: every sub-index with its value, points and maximum; manual items with
// the committee's score and the agency's evidence (upload for the agency's PR manager and the scorers,
// while the period is open).
import { useState } from 'react';
import { ApiError } from '../../api';
import { faDecimal, faNumber } from '../../fa';
import { ErrorAlert } from '../../components/ui';
import { setScore, uploadEvidence, type Card, type ItemScore, type Period } from './api';

const SHARE_UNITS = new Set(['pickup_rate', 'share_negative', 'requests_answered_share', 'sla_share', 'csat_response_rate']);

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
        <div key={e.id}><a href={e.url} download>{e.file_name}</a></div>
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
                <td>{rawText(i)}</td>
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
