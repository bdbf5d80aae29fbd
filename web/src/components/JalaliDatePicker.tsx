// A Jalali (Solar Hijri) date picker: a text field that accepts dates typed
// with Persian, Arabic or Latin digits, and a month grid with Saturday-first
// weeks, Persian month names, and Friday marked as the weekly holiday.
// Keyboard: arrows move by day/week (RTL aware), PageUp/PageDown by month,
// Home/End to the week's start/end, Enter selects, Escape closes.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  MONTHS,
  WEEKDAYS_LONG,
  WEEKDAYS_SHORT,
  jAddDays,
  jAddMonths,
  jCompare,
  jEquals,
  jFormat,
  jFormatLong,
  jMonthCells,
  jParse,
  jToday,
  jWeekColumn,
  toPersianDigits,
  type JDate,
} from '../fa';

interface Props {
  label: string;
  value: JDate | null;
  onChange: (d: JDate | null) => void;
  min?: JDate | null;
  max?: JDate | null;
  id?: string;
  testId?: string;
}

export function JalaliDatePicker({ label, value, onChange, min, max, id: idProp, testId }: Props) {
  const auto = useId();
  const id = idProp || `jdp-${auto}`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(value ? jFormat(value) : '');
  const [invalid, setInvalid] = useState(false);
  const [focus, setFocus] = useState<JDate>(value || jToday());
  const rootRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  // A new value from outside replaces what is typed (state adjusted while rendering, not in an effect).
  const valueText = value ? jFormat(value) : '';
  const [shownValue, setShownValue] = useState(valueText);
  if (shownValue !== valueText) {
    setShownValue(valueText);
    setText(valueText);
    setInvalid(false);
  }

  // Close when clicking outside.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  // Keep keyboard focus on the focused day while the grid is open: in a layout effect, so the focus has
  // moved before the next key is handled (a quick PageUp, ArrowLeft, Enter picks the day the keys reached).
  useLayoutEffect(() => {
    if (!open) return;
    const btn = gridRef.current?.querySelector<HTMLButtonElement>('button[data-focus="true"]');
    btn?.focus();
  }, [open, focus.jy, focus.jm, focus.jd]);

  const outOfRange = (d: JDate) => (!!min && jCompare(d, min) < 0) || (!!max && jCompare(d, max) > 0);

  const openPicker = () => {
    setFocus(value || jToday());
    setOpen(true);
  };
  const choose = (d: JDate | null) => {
    if (d && outOfRange(d)) return;
    onChange(d);
    setText(d ? jFormat(d) : '');
    setInvalid(false);
    setOpen(false);
    toggleRef.current?.focus();
  };
  const commitText = () => {
    if (!text.trim()) {
      if (value) onChange(null);
      setInvalid(false);
      return;
    }
    const d = jParse(text);
    if (d && !outOfRange(d)) {
      setInvalid(false);
      setText(jFormat(d));
      if (!jEquals(d, value)) onChange(d);
    } else {
      setInvalid(true);
    }
  };

  const onGridKey = (e: KeyboardEvent) => {
    const col = jWeekColumn(focus);
    const moves: Record<string, () => JDate> = {
      // RTL: the next day is to the left.
      ArrowLeft: () => jAddDays(focus, 1),
      ArrowRight: () => jAddDays(focus, -1),
      ArrowDown: () => jAddDays(focus, 7),
      ArrowUp: () => jAddDays(focus, -7),
      PageDown: () => jAddMonths(focus, 1),
      PageUp: () => jAddMonths(focus, -1),
      Home: () => jAddDays(focus, -col),
      End: () => jAddDays(focus, 6 - col),
    };
    if (moves[e.key]) {
      e.preventDefault();
      setFocus(moves[e.key]());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      toggleRef.current?.focus();
    }
  };

  // Build the month grid (Saturday-first).
  const cells = jMonthCells(focus.jy, focus.jm);
  const weeks: (JDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const today = jToday();
  const titleId = `${id}-title`;

  return (
    <div className="jdp position-relative" ref={rootRef} data-testid={testId}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <div className="input-group">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          className={`form-control ${invalid ? 'is-invalid' : ''}`}
          placeholder="سال/ماه/روز"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commitText}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commitText();
            } else if (e.key === 'ArrowDown' && e.altKey) {
              e.preventDefault();
              openPicker();
            }
          }}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-err` : undefined}
          autoComplete="off"
          dir="rtl"
        />
        <button
          ref={toggleRef}
          type="button"
          className="btn btn-outline-secondary"
          onClick={() => (open ? setOpen(false) : openPicker())}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-label={`انتخاب ${label} از تقویم`}
          data-testid={testId ? `${testId}-toggle` : undefined}
        >
          <CalendarIcon />
        </button>
      </div>
      {invalid && (
        <div id={`${id}-err`} className="invalid-feedback d-block">
          تاریخ را به شکل سال/ماه/روز بنویسید، مثلاً ۱۴۰۵/۰۳/۱۵.
        </div>
      )}
      {open && (
        <div
          className="jdp-pop card shadow"
          role="dialog"
          aria-modal="false"
          aria-labelledby={titleId}
          data-testid={testId ? `${testId}-calendar` : undefined}
        >
          <div className="card-body p-2">
            <div className="d-flex align-items-center justify-content-between mb-2">
              <button
                type="button"
                className="btn btn-sm btn-light"
                onClick={() => setFocus(jAddMonths(focus, -1))}
                aria-label="ماه قبل"
              >
                ›
              </button>
              <div id={titleId} className="fw-semibold" aria-live="polite" data-testid="jdp-title">
                {MONTHS[focus.jm - 1]} {toPersianDigits(focus.jy)}
              </div>
              <button
                type="button"
                className="btn btn-sm btn-light"
                onClick={() => setFocus(jAddMonths(focus, 1))}
                aria-label="ماه بعد"
              >
                ‹
              </button>
            </div>
            <div role="grid" aria-labelledby={titleId} ref={gridRef} onKeyDown={onGridKey} className="jdp-grid">
              <div role="row" className="jdp-row">
                {WEEKDAYS_SHORT.map((w, i) => (
                  <div
                    role="columnheader"
                    key={w}
                    className={`jdp-wd ${i === 6 ? 'jdp-holiday' : ''}`}
                    title={WEEKDAYS_LONG[i]}
                    aria-label={WEEKDAYS_LONG[i]}
                  >
                    {w}
                  </div>
                ))}
              </div>
              {weeks.map((week, wi) => (
                <div role="row" className="jdp-row" key={wi}>
                  {week.map((d, i) =>
                    d ? (
                      <div role="gridcell" key={i} aria-selected={jEquals(d, value)}>
                        <button
                          type="button"
                          tabIndex={jEquals(d, focus) ? 0 : -1}
                          data-focus={jEquals(d, focus)}
                          data-day={d.jd}
                          className={[
                            'jdp-day',
                            i === 6 ? 'jdp-holiday' : '',
                            jEquals(d, value) ? 'jdp-selected' : '',
                            jEquals(d, today) ? 'jdp-today' : '',
                          ].join(' ')}
                          disabled={outOfRange(d)}
                          aria-label={`${WEEKDAYS_LONG[i]} ${jFormatLong(d)}${i === 6 ? '، تعطیل' : ''}`}
                          onClick={() => choose(d)}
                        >
                          {toPersianDigits(d.jd)}
                        </button>
                      </div>
                    ) : (
                      <div role="gridcell" key={i} className="jdp-blank" />
                    ),
                  )}
                </div>
              ))}
            </div>
            <div className="d-flex justify-content-between mt-2">
              <button type="button" className="btn btn-sm btn-link" onClick={() => choose(today)} disabled={outOfRange(today)}>
                امروز
              </button>
              {value && (
                <button type="button" className="btn btn-sm btn-link text-danger" onClick={() => choose(null)}>
                  پاک کردن
                </button>
              )}
              <button type="button" className="btn btn-sm btn-link text-secondary" onClick={() => setOpen(false)}>
                بستن
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
      <path d="M4 .5a.5.5 0 0 1 1 0V1h6V.5a.5.5 0 0 1 1 0V1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2h1V.5zM2 5v9a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V5H2zm2 2h2v2H4V7zm3 0h2v2H7V7zm3 0h2v2h-2V7zM4 10h2v2H4v-2zm3 0h2v2H7v-2z" />
    </svg>
  );
}
