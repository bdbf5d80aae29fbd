import { useEffect, useState } from 'react';
import { ApiError } from '../api';
import { faDateTime, faNumber, toPersianDigits } from '../fa';
import { useLoad } from '../components/ui';
import { useSession } from '../session';
import { STATE_BADGE, STATE_NAME, cancelDelivery, getDeliveries, retryDelivery, type Delivery } from './api';

/** Per release and per channel: queued / sent / failed with times, the channel's message link, errors in
 * Persian, and retry / cancel for those who manage the agency's channels. Refreshes while work is open. */
export function DeliveriesPanel({ releaseId, agencyId, councilId }: { releaseId: number; agencyId: number; councilId: number }) {
  const s = useSession();
  const canAct = s.caps.isSystemAdmin || s.caps.adminCouncils.includes(councilId) || s.caps.managedAgencies.includes(agencyId);
  const { data, error, reload } = useLoad((signal) => getDeliveries(releaseId, signal), [releaseId]);
  const [busy, setBusy] = useState<number | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const open = !!data && (data.items.some((d) => d.state === 'queued' || d.state === 'sending') ||
    data.channels.some((c) => c.kind !== 'site' && c.queued + c.sending + c.sent + c.failed + c.cancelled === 0));
  useEffect(() => {
    if (!open) return;
    const t = window.setTimeout(reload, 1500);
    return () => window.clearTimeout(t);
  }, [open, data, reload]);

  const act = async (d: Delivery, what: 'retry' | 'cancel') => {
    setBusy(d.id);
    setActionError(null);
    try {
      await (what === 'retry' ? retryDelivery(d.id) : cancelDelivery(d.id));
      reload();
    } catch (e) {
      setActionError(e instanceof ApiError ? e.message : 'انجام نشد.');
    } finally {
      setBusy(null);
    }
  };

  if (error) return <div className="alert alert-danger small">{error instanceof ApiError ? error.message : 'ارسال‌ها بارگذاری نشد.'}</div>;
  if (!data) return null;
  const channelRows = data.items.filter((d) => !d.recipient);
  const mailRows = data.items.filter((d) => d.recipient && d.state !== 'sent');
  return (
    <div className="card border-0 shadow-sm mt-3" data-testid="deliveries-panel">
      <div className="card-body">
        <h2 className="h6 mb-3">انتشار در کانال‌ها</h2>
        {actionError && <div className="alert alert-danger py-1 small" role="alert">{actionError}</div>}
        <ul className="list-unstyled mb-0 d-flex flex-column gap-2">
          {data.channels.map((c) => {
            const row = channelRows.find((d) => d.channel_id === c.channel_id);
            const state = row ? row.state : c.state;
            const isMail = c.kind === 'email';
            return (
              <li key={`${c.kind}-${c.channel_id ?? 'site'}`} className="border rounded p-2" data-testid="delivery-row" data-kind={c.kind} data-state={state}>
                <div className="d-flex justify-content-between align-items-center gap-2">
                  <div>
                    <div className="fw-semibold">{c.name}</div>
                    <div className="small text-secondary">{c.kind_name}</div>
                  </div>
                  <span className={`badge ${STATE_BADGE[state] ?? 'text-bg-light'}`} data-testid="delivery-state">
                    {STATE_NAME[state] ?? state}
                  </span>
                </div>
                {isMail && (
                  <div className="small mt-1" data-testid="delivery-mail-counts">
                    فرستاده: {faNumber(c.sent)} · در صف: {faNumber(c.queued + c.sending)} · ناموفق: {faNumber(c.failed)}
                    {c.cancelled > 0 && <> · لغوشده: {faNumber(c.cancelled)}</>}
                  </div>
                )}
                {c.kind === 'site' && c.url && (
                  <div className="small mt-1">
                    {c.sent_at ? <>منتشر شد: {faDateTime(c.sent_at)} · </> : null}
                    <a href={c.url} target="_blank" rel="noopener">نمایش خبر</a>
                  </div>
                )}
                {row && <DeliveryDetail d={row} canAct={canAct} busy={busy === row.id} onAct={act} />}
              </li>
            );
          })}
        </ul>
        {mailRows.length > 0 && (
          <details className="mt-3">
            <summary className="small">رایانامه‌های ارسال‌نشده ({faNumber(mailRows.length)})</summary>
            <ul className="list-unstyled small mt-2 d-flex flex-column gap-1">
              {mailRows.map((d) => (
                <li key={d.id} className="border rounded p-1" data-testid="delivery-mail-row">
                  <bdi>{d.recipient}</bdi> — <span className={`badge ${STATE_BADGE[d.state]}`}>{d.state_name}</span>
                  <DeliveryDetail d={d} canAct={canAct} busy={busy === d.id} onAct={act} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}

function DeliveryDetail({ d, canAct, busy, onAct }: { d: Delivery; canAct: boolean; busy: boolean; onAct: (d: Delivery, w: 'retry' | 'cancel') => void }) {
  return (
    <div className="small mt-1">
      {d.state === 'sent' && (
        <div>
          ارسال: {faDateTime(d.sent_at)}
          {d.url ? (
            <> · <a href={d.url} target="_blank" rel="noopener" data-testid="delivery-link">پیام {toPersianDigits(d.message_id)}</a></>
          ) : d.message_id ? (
            <> · شناسهٔ پیام: <bdi dir="ltr">{d.message_id}</bdi></>
          ) : null}
        </div>
      )}
      {d.state === 'queued' && d.attempts > 0 && <div>تلاش بعدی: {faDateTime(d.next_at)} (تلاش {faNumber(d.attempts)})</div>}
      {d.error_fa && (
        <div className="text-danger" data-testid="delivery-error" title={d.error_detail}>
          {d.error_fa}
        </div>
      )}
      {canAct && (d.state === 'failed' || d.state === 'cancelled' || d.state === 'queued') && (
        <div className="d-flex gap-2 mt-1">
          {(d.state === 'failed' || d.state === 'cancelled') && (
            <button type="button" className="btn btn-sm btn-outline-primary" disabled={busy} onClick={() => onAct(d, 'retry')} data-testid="delivery-retry">
              ارسال دوباره
            </button>
          )}
          {(d.state === 'queued' || d.state === 'failed') && (
            <button type="button" className="btn btn-sm btn-outline-danger" disabled={busy} onClick={() => onAct(d, 'cancel')} data-testid="delivery-cancel">
              لغو ارسال
            </button>
          )}
        </div>
      )}
    </div>
  );
}
