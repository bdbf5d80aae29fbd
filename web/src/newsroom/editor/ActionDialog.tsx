// The dialog of a workflow step that asks for a note (approve, schedule,
// return, withdraw, correct) and, to schedule, the publish time.
import { useState } from 'react';
import type { WorkflowAction } from '../api';
import { Dialog } from '../Dialog';
import { DateTimeField } from '../DateTimeField';
import { zwnjKeyDown } from '../zwnj';
import type { Release } from '../types';
import { bodyOf, type Form } from './form';
import type { Act, DialogKind } from './useWorkflow';

/** t when it is in the future, else null. */
function futureOrNull(t: number | null | undefined): number | null {
  return t && t > Date.now() ? t : null;
}

export function ActionDialog({ kind, r, onClose, onAct, form }: { kind: Exclude<DialogKind, null>; r: Release; onClose: () => void; onAct: Act; form: Form }) {
  const [text, setText] = useState('');
  const [when, setWhen] = useState<number | null>(() => futureOrNull(r.publish_at));
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const cfg = {
    approve: { title: 'تأیید خبر', label: 'یادداشت (اختیاری)', required: false, button: 'تأیید', cls: 'btn-success' },
    schedule: { title: 'تأیید و زمان‌بندی انتشار', label: 'یادداشت (اختیاری)', required: false, button: 'تأیید و زمان‌بندی', cls: 'btn-success' },
    return: { title: 'برگرداندن خبر به نویسنده', label: 'چه چیزی باید اصلاح شود؟', required: true, button: 'برگرداندن', cls: 'btn-warning' },
    withdraw: { title: 'پس‌گرفتن خبر', label: 'دلیل پس‌گرفتن (در پایگاه خبری نشان داده می‌شود)', required: true, button: 'پس‌گرفتن', cls: 'btn-danger' },
    correct: { title: 'ثبت اصلاحیه', label: 'یادداشت اصلاحیه (در پایگاه خبری نشان داده می‌شود)', required: true, button: 'ثبت اصلاحیه', cls: 'btn-primary' },
  }[kind];
  const go = async () => {
    if (cfg.required && !text.trim()) return setErr('این بخش را پر کنید.');
    if (kind === 'schedule' && !futureOrNull(when)) return setErr('زمانی در آینده برگزینید.');
    setBusy(true);
    setErr(null);
    const t = text.trim();
    const extra: Record<string, unknown> =
      kind === 'return'
        ? { comment: t }
        : kind === 'withdraw'
          ? { reason: t }
          : kind === 'correct'
            ? { note: t, ...bodyOf(form, false) }
            : kind === 'schedule'
              ? { publish_at: when, ...(t ? { comment: t } : {}) }
              : t
                ? { comment: t }
                : {};
    const ok = await onAct(kind === 'schedule' ? 'approve' : (kind as WorkflowAction), extra);
    setBusy(false);
    if (!ok) onClose();
  };
  return (
    <Dialog
      title={cfg.title}
      onClose={onClose}
      testId={`dialog-${kind}`}
      footer={
        <>
          <button type="button" className={`btn ${cfg.cls}`} onClick={() => void go()} disabled={busy} data-testid="dialog-ok">
            {busy ? 'در حال انجام…' : cfg.button}
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={onClose}>
            انصراف
          </button>
        </>
      }
    >
      <p className="fw-semibold">{r.title}</p>
      {kind === 'schedule' && (
        <div className="mb-3">
          <DateTimeField label="تاریخ انتشار" value={when} onChange={setWhen} testId="schedule-at" />
        </div>
      )}
      <label htmlFor="dlg-text" className="form-label">
        {cfg.label}
      </label>
      <textarea id="dlg-text" className={`form-control ${err && cfg.required && !text.trim() ? 'is-invalid' : ''}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={zwnjKeyDown} data-testid="dialog-text" />
      {err && (
        <div className="invalid-feedback d-block" role="alert">
          {err}
        </div>
      )}
    </Dialog>
  );
}
