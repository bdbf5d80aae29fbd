// The bulletin's schedule and archive on the «بولتن» screen: the council's daily and weekly times (Tehran
// time; the weekly one on a weekday), «ساختن همین حالا» for the council admin, and the archive of the
// bulletins made (PDF download, the HTML e-mail) with each one's delivery per channel. A schedule names its
// recipients: the council's e-mail channels (press lists) and Bale/Telegram/Eitaa channels, to which the
// bulletin goes through distribution (the PDF attached / as a document). The server decides who may do
// what (docs/insight.md).
import { useState } from 'react';
import { ApiError } from '../api';
import { ErrorAlert, Loading, useLoad } from '../components/ui';
import { WEEKDAYS_LONG, faDateTime, faNumber, toLatinDigits, toPersianDigits } from '../fa';
import { useSession } from '../session';
import { listChannels, type Channel } from '../distribution/api';
import { archivedBulletinUrl, getBulletinArchive, getBulletinSchedules, runBulletin, setBulletinSchedule, type BulletinDelivery, type BulletinSchedule } from './api';

const PERIOD_FA: Record<string, string> = { day: 'روزانه', week: 'هفتگی' };

const STATE_FA: Record<string, string> = { sent: 'فرستاده شد', failed: 'ناموفق', queued: 'در صف', sending: 'در حال ارسال', cancelled: 'لغو شد' };

// One channel's deliveries of a bulletin: «تلگرام شورا: فرستاده شد» (counts for e-mail lists), the error
// of a failed one beside it.
function DeliveryState({ d }: { d: BulletinDelivery }) {
  const parts = (['sent', 'failed', 'queued', 'sending', 'cancelled'] as const).filter((k) => d[k] > 0)
    .map((k) => (d.kind === 'email' ? `${STATE_FA[k]} ${faNumber(d[k])}` : STATE_FA[k]));
  return (
    <div className={d.failed > 0 ? 'text-danger' : undefined}>
      <bdi>{d.name}</bdi>: {parts.join('، ')}
      {d.url && <> — <a href={d.url} target="_blank" rel="noopener">پیام</a></>}
      {d.error && <div className="small">{d.error}</div>}
    </div>
  );
}

function ScheduleRow({ councilId, period, current, canEdit, channels, onSaved }: {
  councilId: number; period: 'day' | 'week'; current?: BulletinSchedule; canEdit: boolean; channels: Channel[]; onSaved: () => void;
}) {
  const [time, setTime] = useState(current?.time ?? '08:00');
  const [weekday, setWeekday] = useState(current?.weekday ?? 0);
  const [enabled, setEnabled] = useState(current?.enabled ?? true);
  const [recipients, setRecipients] = useState<number[]>(current?.channel_ids ?? []);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const toggle = (id: number, on: boolean) => setRecipients((r) => (on ? [...r, id] : r.filter((x) => x !== id)));
  const save = async () => {
    setMsg(null);
    try {
      await setBulletinSchedule({ council_id: councilId, period, time: toLatinDigits(time), weekday, enabled, channel_ids: recipients });
      setMsg({ ok: true, text: 'زمان‌بندی ذخیره شد.' });
      onSaved();
    } catch (e) {
      setMsg({ ok: false, text: e instanceof ApiError ? e.message : 'ذخیره نشد.' });
    }
  };
  return (
    <div className="d-flex flex-wrap align-items-end gap-2 mb-2" data-testid={`bulletin-schedule-${period}`}>
      <strong className="me-2" style={{ minWidth: '4rem' }}>{PERIOD_FA[period]}</strong>
      {period === 'week' && (
        <select className="form-select form-select-sm w-auto" value={weekday} disabled={!canEdit}
          aria-label="روز هفته" onChange={(e) => setWeekday(Number(e.target.value))}>
          {WEEKDAYS_LONG.map((d, i) => <option key={d} value={i}>{d}</option>)}
        </select>
      )}
      <input className="form-control form-control-sm w-auto" value={toPersianDigits(time)} disabled={!canEdit}
        aria-label="ساعت (به وقت تهران)" placeholder="۰۸:۰۰" onChange={(e) => setTime(toLatinDigits(e.target.value))} />
      <div className="form-check">
        <input id={`bulletin-enabled-${period}`} type="checkbox" className="form-check-input" checked={enabled} disabled={!canEdit}
          onChange={(e) => setEnabled(e.target.checked)} />
        <label className="form-check-label small" htmlFor={`bulletin-enabled-${period}`}>فعال</label>
      </div>
      {canEdit && <button className="btn btn-sm btn-outline-primary" onClick={save}>ذخیره</button>}
      {!current && <span className="small text-muted">زمان‌بندی نشده</span>}
      {msg && <span className={`small ${msg.ok ? 'text-success' : 'text-danger'}`}>{msg.text}</span>}
      <fieldset className="w-100 small" data-testid={`bulletin-recipients-${period}`}>
        <legend className="small text-muted mb-1">گیرندگان بولتن {PERIOD_FA[period]}</legend>
        {channels.length === 0 && <span className="text-muted">این شورا کانال رایانامه یا پیام‌رسانی ندارد (بخش «انتشار»).</span>}
        {channels.map((c) => (
          <div className="form-check form-check-inline" key={c.id}>
            <input id={`bulletin-${period}-ch-${c.id}`} type="checkbox" className="form-check-input" disabled={!canEdit}
              checked={recipients.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
            <label className="form-check-label" htmlFor={`bulletin-${period}-ch-${c.id}`}>{c.kind_name}: <bdi>{c.name}</bdi></label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

export function BulletinSchedulePanel({ councilId }: { councilId: number }) {
  const s = useSession();
  const canEdit = s.caps.isSystemAdmin || s.caps.adminCouncils.includes(councilId);
  const schedules = useLoad((sig) => getBulletinSchedules(councilId, sig), [councilId]);
  const archive = useLoad((sig) => getBulletinArchive(councilId, sig), [councilId]);
  // The council's channels that take a document; only those who manage channels can list them.
  const channels = useLoad(() => (canEdit ? listChannels() : Promise.resolve([] as Channel[])), [councilId, canEdit]);
  const bulletinChannels = (channels.data ?? []).filter((c) => c.council_id === councilId && c.kind !== 'webhook');
  const [note, setNote] = useState<string | null>(null);
  const run = async (period: 'day' | 'week') => {
    setNote(null);
    try {
      await runBulletin(councilId, period);
      setNote('بولتن در صف ساخت است؛ چند لحظهٔ دیگر در بایگانی دیده می‌شود.');
      setTimeout(archive.reload, 3000);
    } catch (e) {
      setNote(e instanceof ApiError ? e.message : 'انجام نشد.');
    }
  };
  return (
    <section className="card shadow-sm border-0 mt-3" data-testid="bulletin-archive">
      <div className="card-body">
        <h2 className="h6">ارسال زمان‌بندی‌شده (به وقت تهران)</h2>
        <p className="small text-muted">
          بولتن روزانه در ساعت تعیین‌شده برای روز پیش و بولتن هفتگی در روز و ساعت تعیین‌شده برای هفتهٔ پیش ساخته و بایگانی می‌شود.
          هر بولتن ساخته‌شده به گیرندگان برگزیده فرستاده می‌شود: رایانامه با پیوست PDF و کانال‌های بله، تلگرام و ایتا به شکل پروندهٔ PDF.
        </p>
        {schedules.error ? <ErrorAlert error={schedules.error} /> : null}
        {schedules.data ? (
          (['day', 'week'] as const).map((p) => (
            <ScheduleRow key={`${councilId}-${p}-${schedules.data?.find((x) => x.period === p)?.updated_at ?? 0}`}
              councilId={councilId} period={p} current={schedules.data?.find((x) => x.period === p)} canEdit={canEdit}
              channels={bulletinChannels} onSaved={schedules.reload} />
          ))
        ) : !schedules.error && <Loading />}
        <div className="d-flex align-items-center gap-2 mt-3 mb-2">
          <h2 className="h6 mb-0 me-auto">بایگانی بولتن‌ها</h2>
          {canEdit && (
            <>
              <button className="btn btn-sm btn-outline-secondary" onClick={() => run('day')} data-testid="bulletin-run-day">ساختن بولتن روزانه همین حالا</button>
              <button className="btn btn-sm btn-outline-secondary" onClick={() => run('week')}>ساختن بولتن هفتگی همین حالا</button>
            </>
          )}
        </div>
        {note && <div className="alert alert-info py-2">{note}</div>}
        {archive.error ? <ErrorAlert error={archive.error} /> : null}
        {archive.data && archive.data.length === 0 && <p className="text-muted small mb-0">هنوز بولتنی بایگانی نشده است.</p>}
        {archive.data && archive.data.length > 0 && (
          <table className="table table-sm mb-0">
            <thead><tr><th>دوره</th><th>ساخته‌شده</th><th>چگونه</th><th>اندازه</th><th>ارسال</th><th /></tr></thead>
            <tbody>
              {archive.data.map((b) => (
                <tr key={b.id}>
                  <td>{PERIOD_FA[b.period]} — {b.label}</td>
                  <td>{faDateTime(b.created_at)}</td>
                  <td>{b.source === 'manual' ? 'دستی' : 'زمان‌بندی'}</td>
                  <td>{faNumber(Math.round(b.pdf_bytes / 1024))} کیلوبایت</td>
                  <td className="small" data-testid="bulletin-deliveries">
                    {b.deliveries.length === 0 ? <span className="text-muted">بی‌گیرنده</span>
                      : b.deliveries.map((d) => <DeliveryState key={d.channel_id} d={d} />)}
                  </td>
                  <td className="text-nowrap">
                    <a className="btn btn-sm btn-link" href={archivedBulletinUrl(b.id, 'pdf')} download>PDF</a>
                    <a className="btn btn-sm btn-link" href={archivedBulletinUrl(b.id, 'html')} target="_blank" rel="noopener">رایانامه</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
