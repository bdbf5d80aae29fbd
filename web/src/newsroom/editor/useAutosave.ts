// Autosave a dirty draft every ~10 s, and warn before leaving with unsaved changes.
import { useEffect, useRef, type RefObject } from 'react';

export const AUTOSAVE_MS = 10_000;

/** Calls save(true) every AUTOSAVE_MS when ready() (read at each tick) says there is something to save. */
export function useAutosave(ready: () => boolean, save: (auto: boolean) => Promise<boolean>) {
  const readyRef = useRef(ready);
  useEffect(() => {
    readyRef.current = ready;
  });
  useEffect(() => {
    const t = window.setInterval(() => {
      if (readyRef.current()) void save(true);
    }, AUTOSAVE_MS);
    return () => window.clearInterval(t);
  }, [save]);
}

/** Asks the browser to confirm leaving the page while dirty.current is true. */
export function useUnsavedWarning(dirty: RefObject<boolean>) {
  useEffect(() => {
    const on = (e: BeforeUnloadEvent) => {
      if (dirty.current) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', on);
    return () => window.removeEventListener('beforeunload', on);
  }, [dirty]);
}
