// One monitored item: its text with the mentions marked, its tone (and the
// correction buttons), and the release passages it reused.
import { useState } from 'react';
import { faDateTime, toPersianDigits } from '../fa';
import { agencyName, useSession } from '../session';
import { ErrorAlert, Link, Loading, PageHeader, useLoad } from '../components/ui';
import { getItem, setItemTone } from './api';
import { KINDS, TONES, TONE_CLASS, pct } from './labels';
import { Highlighted, OutletName, ToneBadge } from './parts';
import type { ItemView, Pickup } from './types';

export function MonitorItemPage({ id }: { id: number }) {
  const s = useSession();
  const { data, error, loading, reload } = useLoad((signal) => getItem(id, signal), [id]);
  const [toneError, setToneError] = useState<unknown>(null);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const spans = data.mentions.flatMap((m) => m.spans);
  const setTone = async (tone: string) => {
    try {
      await setItemTone(id, tone);
      reload();
    } catch (e) {
      setToneError(e);
    }
  };
  return (
    <div>
      <PageHeader title={data.title || 'خبر'} sub={<><OutletName source={data.source_name} outlet={data.outlet} /> · {faDateTime(data.published_at ?? data.fetched_at)}</>}>
        <a className="btn btn-sm btn-outline-secondary" href={data.url} target="_blank" rel="noreferrer noopener">نشانی خبر</a>
      </PageHeader>
      <div className="d-flex flex-wrap gap-2 align-items-center mb-3">
        <span>لحن:</span> <ToneBadge tone={data.tone} />
        {data.tone_override && <span className="small text-secondary">(اصلاح‌شده؛ تشخیص خودکار: {TONES[data.tone_classifier]})</span>}
        <div className="btn-group btn-group-sm" role="group" aria-label="اصلاح لحن">
          {Object.entries(TONES).map(([k, v]) => (
            <button key={k} type="button" className={`btn btn-outline-${TONE_CLASS[k]}`} onClick={() => void setTone(k)} data-testid={`tone-${k}`}>{v}</button>
          ))}
        </div>
      </div>
      {toneError ? <ErrorAlert error={toneError} /> : null}
      {data.mentions.length > 0 && (
        <div className="mb-3 small" data-testid="mentions">
          اشاره به:{' '}
          {data.mentions.map((m, i) => (
            <span key={i} className="badge text-bg-light border me-1">{agencyName(s, m.agency_id)}: «{m.term}» × {toPersianDigits(m.count)}</span>
          ))}
        </div>
      )}
      <div className="card mb-4"><div className="card-body"><Highlighted text={data.text} spans={spans} /></div></div>
      {data.pickups.map((p) => <Reuse key={p.release_id} p={p} item={data} />)}
    </div>
  );
}

/** A release this item reused: the release's paragraphs (the reused ones marked) beside the item's text. */
function Reuse({ p, item }: { p: Pickup; item: ItemView }) {
  return (
    <div className="card mb-3" data-testid="reuse">
      <div className="card-header">
        بازنشر خبر <Link to={`/monitor/releases/${p.release_id}`}>«{p.release_title}»</Link> — {KINDS[p.kind] ?? p.kind}، {pct(p.containment)} متن
      </div>
      <div className="card-body row g-3">
        <div className="col-md-6">
          <h2 className="h6">متن خبر روابط عمومی</h2>
          {(p.release_paragraphs ?? []).map((para, i) => (
            <p key={i} className={p.paragraphs.includes(i) ? 'bg-warning-subtle' : ''}>{para}</p>
          ))}
        </div>
        <div className="col-md-6">
          <h2 className="h6">متن رسانه</h2>
          <div style={{ whiteSpace: 'pre-line' }}>{item.text}</div>
        </div>
      </div>
    </div>
  );
}
