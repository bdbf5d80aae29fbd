// The minutes of a held meeting: the secretary writes them (rich text, sanitized by the server),
// circulates them to the attendees who comment, the chair approves and they are locked; a correction
// is a new revision. The meeting's decisions and vote results are shown as the minutes record them,
// and the PDF downloads. The console only hides; the server decides.
import { useState } from 'react';
import { faDateTime, faNumber } from '../fa';
import { ErrorAlert, Loading, useFormError, useLoad } from '../components/ui';
import { FormErrors } from '../components/parts';
import { RichTextEditor } from '../newsroom/RichTextEditor';
import { commentMinutes, getMinutes, minutesPdfUrl, minutesTransition, saveMinutes } from './MinutesApi';

const STATE: Record<string, string> = { draft: 'پیش‌نویس', review: 'در حال نظرخواهی از حاضران', approved: 'تأییدشده و قفل' };

export function MinutesPanel({ meetingId, onChange }: { meetingId: number; onChange?: () => void }) {
  const { data, error, loading, reload } = useLoad((signal) => getMinutes(meetingId, signal), [meetingId]);
  const fe = useFormError(['body_html', 'body', 'reason']);
  const [draft, setDraft] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const cur = data.minutes;
  const act = async (f: () => Promise<unknown>, after?: () => void) => {
    try {
      fe.setError(null);
      await f();
      after?.();
      reload();
      onChange?.();
    } catch (err) {
      fe.capture(err);
    }
  };
  const editing = draft !== null;
  return (
    <section className="card card-body mt-4" data-testid="minutes">
      <div className="d-flex align-items-center gap-2 mb-2">
        <h2 className="h6 mb-0">صورت‌جلسه</h2>
        {cur && (
          <span className="badge text-bg-secondary" data-testid="minutes-state">
            نسخهٔ {faNumber(cur.revision)} — {STATE[cur.status]}
          </span>
        )}
        <div className="ms-auto d-flex gap-2">
          {cur && <a className="btn btn-outline-secondary btn-sm" href={minutesPdfUrl(meetingId)} data-testid="minutes-pdf">دریافت PDF</a>}
          {data.can.circulate && !editing && (
            <button className="btn btn-primary btn-sm" data-testid="minutes-circulate" onClick={() => act(() => minutesTransition(meetingId, 'circulate', cur!.version))}>ارسال برای نظر حاضران</button>
          )}
          {data.can.approve && (
            <button className="btn btn-success btn-sm" data-testid="minutes-approve" onClick={() => act(() => minutesTransition(meetingId, 'approve', cur!.version))}>تأیید صورت‌جلسه</button>
          )}
        </div>
      </div>
      <FormErrors fe={fe} />
      {cur?.corrects_id && <div className="alert alert-info py-2">اصلاحیهٔ نسخهٔ {faNumber(cur.revision - 1)} — دلیل: {cur.correction_reason}</div>}
      {cur?.status === 'approved' && <div className="alert alert-success py-2" data-testid="minutes-approved">در {data.approved_jalali} به تأیید رئیس کمیته رسید.</div>}
      {editing ? (
        <>
          <RichTextEditor id="minutes-body" value={draft} onChange={setDraft} invalid={!!fe.fieldError('body_html')} />
          {fe.fieldError('body_html') && <div className="invalid-feedback d-block">{fe.fieldError('body_html')}</div>}
          <div className="d-flex gap-2 mt-2">
            <button className="btn btn-primary btn-sm" data-testid="minutes-save" onClick={() => act(() => saveMinutes(meetingId, draft, cur?.version), () => setDraft(null))}>ذخیره</button>
            <button className="btn btn-outline-secondary btn-sm" onClick={() => setDraft(null)}>انصراف</button>
          </div>
        </>
      ) : cur ? (
        <div className="rte-body border rounded p-3 bg-body-tertiary" data-testid="minutes-body" dangerouslySetInnerHTML={{ __html: cur.body_html }} />
      ) : (
        <p className="text-secondary">هنوز صورت‌جلسه‌ای نوشته نشده است.</p>
      )}
      {data.can.edit && !editing && (
        <div>
          <button className="btn btn-outline-primary btn-sm mt-2" data-testid="minutes-edit" onClick={() => setDraft(cur?.body_html ?? '')}>{cur ? 'ویرایش متن' : 'نوشتن صورت‌جلسه'}</button>
        </div>
      )}
      {data.can.correct && (
        <form className="d-flex gap-2 mt-3" onSubmit={(e) => { e.preventDefault(); act(() => minutesTransition(meetingId, 'correct', cur!.version, reason), () => setReason('')); }}>
          <input className="form-control form-control-sm" placeholder="دلیل اصلاح" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="minutes-reason" />
          <button className="btn btn-outline-warning btn-sm text-nowrap" data-testid="minutes-correct" disabled={!reason.trim()}>ساخت نسخهٔ اصلاحی</button>
        </form>
      )}
      <h3 className="h6 mt-4">مصوبات و نتیجهٔ رأی‌گیری</h3>
      <table className="table table-sm bg-white" data-testid="minutes-decisions">
        <thead><tr><th>مصوبه</th><th>مسئول اجرا</th><th>مهلت</th><th>نتیجهٔ رأی‌گیری</th></tr></thead>
        <tbody>
          {data.decisions.length === 0 && <tr><td colSpan={4} className="text-secondary">مصوبه‌ای ثبت نشده است.</td></tr>}
          {data.decisions.map((d) => (
            <tr key={d.id}><td>{d.text}</td><td>{d.owner_agency ?? '—'}</td><td>{d.deadline_jalali}</td><td className="small">{d.vote_result || 'بدون رأی‌گیری'}</td></tr>
          ))}
        </tbody>
      </table>
      {(data.comments.length > 0 || data.can.comment) && <h3 className="h6 mt-3">نظرهای حاضران</h3>}
      <ul className="list-unstyled" data-testid="minutes-comments">
        {data.comments.map((k) => (
          <li key={k.id} className="border-bottom py-1"><strong>{k.user_name}</strong> <span className="text-secondary small">{faDateTime(k.at)}</span><div>{k.body}</div></li>
        ))}
      </ul>
      {data.can.comment && (
        <form className="d-flex gap-2" onSubmit={(e) => { e.preventDefault(); act(() => commentMinutes(meetingId, comment), () => setComment('')); }}>
          <input className="form-control form-control-sm" placeholder="نظر شما دربارهٔ متن" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="minutes-comment" />
          <button className="btn btn-outline-primary btn-sm" disabled={!comment.trim()}>ثبت نظر</button>
        </form>
      )}
    </section>
  );
}
