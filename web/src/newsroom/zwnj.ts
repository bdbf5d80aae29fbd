// Easy ZWNJ (نیم‌فاصله, U+200C) for Persian writers: Shift+Space, and
// Ctrl+Shift+2 as on the standard Windows Persian keyboard.
import type { KeyboardEvent } from 'react';

export const ZWNJ = '\u200c';

export function isZwnjKey(e: { key: string; code?: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
  if (e.altKey || e.metaKey) return false;
  if (e.shiftKey && !e.ctrlKey && (e.key === ' ' || e.code === 'Space')) return true;
  if (e.shiftKey && e.ctrlKey && (e.code === 'Digit2' || e.key === '2' || e.key === '@' || e.key === '۲')) return true;
  return false;
}

/** Inserts the ZWNJ at the caret of an input, textarea or contenteditable; keeps undo and fires input events. */
export function insertZwnj(): void {
  // insertText goes through the browser's editing pipeline, so React's onChange and undo both see it.
  if (!document.execCommand('insertText', false, ZWNJ)) {
    const el = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
    if (el && 'setRangeText' in el && typeof el.selectionStart === 'number') {
      el.setRangeText(ZWNJ, el.selectionStart, el.selectionEnd ?? el.selectionStart, 'end');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}

/** onKeyDown handler for Persian text fields. */
export function zwnjKeyDown(e: KeyboardEvent<HTMLElement>): void {
  if (isZwnjKey(e)) {
    e.preventDefault();
    insertZwnj();
  }
}
