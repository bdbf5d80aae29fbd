// The draft being edited: the release as last saved, the form, and saving it
// (create on the first save, then update with the version read). Refs mirror
// the state so the autosave timer and async saves always see the latest.
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { href } from '../../router';
import { createRelease, isConflict, updateRelease } from '../api';
import type { Release, SanitizeWarning } from '../types';
import { EMPTY, bodyOf, formOf, type Form, type SetField } from './form';

export interface FieldError {
  field?: string;
  message: string;
}

export function useDraft(initial: Release | null, agencyId: number) {
  const [rel, setRelState] = useState<Release | null>(initial);
  const [form, setFormState] = useState<Form>(initial ? formOf(initial) : EMPTY);
  const [dirty, setDirtyState] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [conflict, setConflictState] = useState<ApiError | null>(null);
  // What the sanitizer dropped from the body at the last save (shown until the next save).
  const [warnings, setWarnings] = useState<SanitizeWarning[]>([]);

  const relRef = useRef(rel);
  const formRef = useRef(form);
  const dirtyRef = useRef(false);
  const genRef = useRef(0);
  const savingRef = useRef(false);
  const conflictRef = useRef<ApiError | null>(null);

  const setRel = useCallback((r: Release) => {
    relRef.current = r;
    setRelState(r);
  }, []);
  const setDirty = useCallback((d: boolean) => {
    dirtyRef.current = d;
    setDirtyState(d);
  }, []);
  const setConflict = useCallback((e: ApiError | null) => {
    conflictRef.current = e;
    setConflictState(e);
  }, []);
  const set: SetField = (k, v) => {
    formRef.current = { ...formRef.current, [k]: v };
    genRef.current++;
    setFormState(formRef.current);
    setDirty(true);
    setSaveError(null);
    if (fieldError?.field === k) setFieldError(null);
  };
  /** Shows a release as the server has it now: the form follows, nothing is unsaved. */
  const showRelease = (r: Release) => {
    setRel(r);
    formRef.current = formOf(r);
    setFormState(formRef.current);
    setDirty(false);
  };

  const save = useCallback(
    async (auto: boolean): Promise<boolean> => {
      if (savingRef.current) return false;
      const f = formRef.current;
      if (!f.title.trim()) {
        if (!auto) setFieldError({ field: 'title', message: 'تیتر خبر را بنویسید.' });
        return false;
      }
      savingRef.current = true;
      setSaving(true);
      const gen = genRef.current;
      try {
        const cur = relRef.current;
        let r: Release;
        if (!cur) {
          r = await createRelease({ agency_id: agencyId, ...bodyOf(f, true) });
          // Stay on this screen (and keep typing) while the address becomes the release's own.
          window.history.replaceState(null, '', href(`/newsroom/${r.id}`));
        } else {
          r = await updateRelease(cur.id, { version: cur.version, ...bodyOf(f, false) });
        }
        setRel(r);
        setWarnings(r.warnings ?? []);
        if (genRef.current === gen) setDirty(false);
        setSavedAt(Date.now());
        setSaveError(null);
        setFieldError(null);
        return true;
      } catch (e) {
        if (isConflict(e)) setConflict(e);
        else if (e instanceof ApiError) {
          if (e.field) setFieldError({ field: e.field, message: e.message });
          setSaveError(e.message);
        } else setSaveError('ذخیره انجام نشد.');
        return false;
      } finally {
        savingRef.current = false;
        setSaving(false);
      }
    },
    [agencyId, setRel, setDirty, setConflict],
  );

  return {
    rel,
    form,
    dirty,
    saving,
    savedAt,
    saveError,
    setSaveError,
    fieldError,
    conflict,
    setConflict,
    warnings,
    set,
    setRel,
    showRelease,
    save,
    refs: { rel: relRef, form: formRef, dirty: dirtyRef, conflict: conflictRef },
  };
}

export type Draft = ReturnType<typeof useDraft>;
