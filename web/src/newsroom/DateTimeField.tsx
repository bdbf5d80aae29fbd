// A Jalali date (the console's date picker) and a 24-hour time, as one Unix-ms value.
import { useState } from 'react';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { dateToJ, jStartMs, toLatinDigits, toPersianDigits, type JDate } from '../fa';

interface Props {
  label: string;
  value: number | null;
  onChange: (ms: number | null) => void;
  testId: string;
  disabled?: boolean;
  hint?: string;
}

const p2 = (n: number) => String(n).padStart(2, '0');

function parseTime(s: string): { h: number; m: number; sec: number } | null {
  const t = toLatinDigits(s).trim().match(/^(\d{1,2})\s*[:٫.]\s*(\d{1,2})(?:\s*[:٫.]\s*(\d{1,2}))?$/);
  if (!t) return null;
  const h = Number(t[1]);
  const m = Number(t[2]);
  const sec = Number(t[3] ?? 0);
  return h < 24 && m < 60 && sec < 60 ? { h, m, sec } : null;
}

/** "۰۹:۳۰", or "۰۹:۳۰:۱۵" when the time has seconds. */
function fmtTime(ms: number): string {
  const x = new Date(ms);
  const sec = x.getSeconds();
  return toPersianDigits(`${p2(x.getHours())}:${p2(x.getMinutes())}${sec ? `:${p2(sec)}` : ''}`);
}

export function DateTimeField({ label, value, onChange, testId, disabled, hint }: Props) {
  const date: JDate | null = value ? dateToJ(new Date(value)) : null;
  const [time, setTime] = useState(value ? fmtTime(value) : '');
  const [badTime, setBadTime] = useState(false);
  // A new value from outside shows its time (state adjusted while rendering, not in an effect).
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    if (value) setTime(fmtTime(value));
  }

  const combine = (jd: JDate | null, t: string) => {
    if (!jd) return onChange(null);
    const hm = parseTime(t) ?? { h: 9, m: 0, sec: 0 };
    // Local wall-clock time of that Jalali day (DST-safe: build from the date, not by adding ms).
    const d = new Date(jStartMs(jd));
    d.setHours(hm.h, hm.m, hm.sec, 0);
    onChange(d.getTime());
  };

  return (
    <fieldset className="row g-2 align-items-end" disabled={disabled} data-testid={testId}>
      <legend className="visually-hidden">{label}</legend>
      <div className="col-7">
        <JalaliDatePicker label={label} value={date} onChange={(jd) => combine(jd, time)} testId={`${testId}-date`} />
      </div>
      <div className="col-5">
        <label className="form-label" htmlFor={`${testId}-time`}>
          ساعت
        </label>
        <input
          id={`${testId}-time`}
          className={`form-control ${badTime ? 'is-invalid' : ''}`}
          inputMode="numeric"
          placeholder="ساعت:دقیقه"
          value={time}
          dir="ltr"
          data-testid={`${testId}-time`}
          onChange={(e) => setTime(e.target.value)}
          onBlur={() => {
            if (!time.trim()) return setBadTime(false);
            const hm = parseTime(time);
            setBadTime(!hm);
            if (hm) {
              setTime(toPersianDigits(`${p2(hm.h)}:${p2(hm.m)}${hm.sec ? `:${p2(hm.sec)}` : ''}`));
              if (date) combine(date, time);
            }
          }}
        />
      </div>
      {badTime && <div className="col-12 invalid-feedback d-block">ساعت را به شکل ساعت:دقیقه بنویسید، مثلاً ۰۹:۳۰.</div>}
      {hint && !badTime && <div className="col-12 form-text mt-0">{hint}</div>}
    </fieldset>
  );
}
