// Workflow steps on the release (submit, approve, return, withdraw, correct):
// save unsaved edits first, then POST the transition with the version read;
// a notice says what happened, a conflict goes to the conflict banner.
import { useState, type RefObject } from 'react';
import { ApiError } from '../../api';
import { faDateTime } from '../../fa';
import { isConflict, transition, type WorkflowAction } from '../api';
import type { Release } from '../types';
import type { Draft } from './useDraft';

export type DialogKind = null | 'return' | 'schedule' | 'withdraw' | 'correct' | 'approve';
export type Act = (action: WorkflowAction, extra?: Record<string, unknown>) => Promise<boolean>;

const NOTICES: Partial<Record<WorkflowAction, (r: Release) => string>> = {
  submit: () => 'خبر برای تأیید مدیر روابط عمومی فرستاده شد.',
  return: () => 'خبر با یادداشت شما به نویسنده برگشت.',
  approve: (r) =>
    r.status === 'scheduled'
      ? `خبر تأیید و برای انتشار در ${faDateTime(r.publish_at)} زمان‌بندی شد.`
      : r.status === 'published'
        ? 'خبر تأیید و منتشر شد.'
        : 'تأیید شما ثبت شد؛ خبر منتظر گام‌های بعدی تأیید است.',
  withdraw: () => 'خبر پس گرفته شد و در پایگاه خبری با توضیح شما نشان داده می‌شود.',
  correct: () => 'اصلاحیه ثبت شد.',
};

/** canEdit.current: whether the form's edits are the writer's to save before a step. */
export function useWorkflow(draft: Draft, canEdit: RefObject<boolean>, onDone: () => void) {
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act: Act = async (action, extra = {}) => {
    draft.setSaveError(null);
    setNotice(null);
    if (draft.refs.dirty.current && canEdit.current) {
      const ok = await draft.save(false);
      if (!ok) return false;
    }
    const cur = draft.refs.rel.current;
    if (!cur) return false;
    try {
      const r = await transition(cur.id, action, { version: cur.version, ...extra });
      draft.showRelease(r);
      onDone();
      setDialog(null);
      setNotice(NOTICES[action]?.(r) ?? 'انجام شد.');
      return true;
    } catch (e) {
      if (isConflict(e)) {
        setDialog(null);
        draft.setConflict(e);
      } else draft.setSaveError(e instanceof ApiError ? e.message : 'انجام نشد.');
      return false;
    }
  };
  return { act, dialog, setDialog, notice, setNotice };
}
