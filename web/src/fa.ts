// Persian text helpers: digits, Jalali dates, labels.
import { toGregorian, toJalaali, jalaaliMonthLength, isValidJalaaliDate } from 'jalaali-js';

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Converts Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII digits. */
export function toLatinDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩]/g, (c) => {
    const p = PERSIAN_DIGITS.indexOf(c);
    return String(p >= 0 ? p : ARABIC_DIGITS.indexOf(c));
  });
}

/** Converts ASCII and Arabic-Indic digits in a string to Persian digits. */
export function toPersianDigits(s: string | number): string {
  return String(s).replace(/[0-9٠-٩]/g, (c) => {
    const a = ARABIC_DIGITS.indexOf(c);
    return PERSIAN_DIGITS[a >= 0 ? a : Number(c)];
  });
}

/** 4 → "۴٫۰", 88.06 → "۸۸٫۱": a fixed-point number with Persian digits and the Persian decimal separator. */
export function faDecimal(n: number, fractionDigits = 1): string {
  return toPersianDigits(n.toFixed(fractionDigits).replace('.', '٫'));
}

// Numbers and dates are formatted here, not with Intl: the first Intl object a page creates costs 35–60 ms
// of the browser's main thread (V8 loads its ICU locale data), on a phone four times that, before the
// first screen can show; and an old phone's browser formats Persian dates with its own, older ICU data.
// The output is what Chromium's Intl gives for fa-IR and the persian calendar (tests/browser/fa.test.mjs
// compares the two over many values).
const MINUS = '\u200E\u2212'; // a left-to-right mark and the minus sign, as fa-IR writes a negative number

/** Groups an integer's digits by three with the Persian thousands separator. */
function groupDigits(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '٬';
    out += digits[i];
  }
  return out;
}

/** A number with Persian digits and Persian grouping (e.g. ۱٬۲۳۴), at most three decimals (half away from zero). */
export function faNumber(n: number): string {
  if (Number.isNaN(n)) return 'ناعدد';
  const sign = n < 0 || Object.is(n, -0) ? MINUS : '';
  const abs = Math.abs(n);
  if (!Number.isFinite(abs)) return `${sign}∞`;
  // The shortest decimal that reads back as the number (as ICU rounds it), then rounded to three decimals.
  let text = abs < 1e21 ? String(abs) : BigInt(abs).toString();
  if (text.includes('e')) text = abs.toFixed(20); // under 1e-6: rounds to 0 below
  const [whole, fraction = ''] = text.split('.');
  let digits = whole + fraction.slice(0, 3).padEnd(3, '0');
  if (fraction.length > 3 && fraction[3] >= '5') {
    // Round up the decimal string: carry from the last digit.
    const d = digits.split('');
    let i = d.length - 1;
    while (i >= 0 && d[i] === '9') d[i--] = '0';
    if (i >= 0) d[i] = String(Number(d[i]) + 1);
    else d.unshift('1');
    digits = d.join('');
  }
  const intPart = digits.slice(0, -3).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(-3).replace(/0+$/, '');
  return toPersianDigits(sign + groupDigits(intPart) + (fracPart ? `٫${fracPart}` : ''));
}

/** Normalizes a mobile number typed with any digits: keeps digits and a leading +. */
export function normalizeMobile(s: string): string {
  const t = toLatinDigits(s).trim();
  return t.replace(/[\s\-()]/g, '');
}

function validMs(ms: number | null | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** The Jalali day and the local clock of an instant. */
function parts(ms: number) {
  const d = new Date(ms);
  return { ...dateToJ(d), hh: p2(d.getHours()), mm: p2(d.getMinutes()), ss: p2(d.getSeconds()) };
}

/** "۵ خرداد ۱۴۰۵ ساعت ۱۰:۳۰" (local time), or "—" when absent. */
export function faDateTime(ms: number | null | undefined): string {
  if (!validMs(ms)) return '—';
  const t = parts(ms);
  return `${jFormatLong(t)} ساعت ${toPersianDigits(`${t.hh}:${t.mm}`)}`;
}
/** "۵ خرداد ۱۴۰۵", or "—" when absent. */
export function faDate(ms: number | null | undefined): string {
  return validMs(ms) ? jFormatLong(dateToJ(new Date(ms))) : '—';
}
/** Compact "۱۴۰۵/۰۳/۰۵" for tables. */
export function faDateShort(ms: number | null | undefined): string {
  return validMs(ms) ? jFormat(dateToJ(new Date(ms))) : '—';
}
/** "۱۰:۳۰:۱۲" */
export function faTime(ms: number | null | undefined): string {
  if (!validMs(ms)) return '';
  const t = parts(ms);
  return toPersianDigits(`${t.hh}:${t.mm}:${t.ss}`);
}
/** ISO string for <time dateTime>. */
export function isoOf(ms: number | null | undefined): string | undefined {
  return validMs(ms) ? new Date(ms).toISOString() : undefined;
}

export const MONTHS = [
  'فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور',
  'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند',
];
/** Week starts on Saturday; Friday (last column) is the weekly holiday. */
export const WEEKDAYS_SHORT = ['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج'];
export const WEEKDAYS_LONG = ['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه'];

export interface JDate {
  jy: number;
  jm: number;
  jd: number;
}

export function jToday(): JDate {
  const d = new Date();
  return toJalaali(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
export function jMonthLength(jy: number, jm: number): number {
  return jalaaliMonthLength(jy, jm);
}
export function jValid(d: JDate): boolean {
  return isValidJalaaliDate(d.jy, d.jm, d.jd);
}
/** Local midnight of a Jalali day, as a JS Date. */
export function jToDate(d: JDate): Date {
  const g = toGregorian(d.jy, d.jm, d.jd);
  return new Date(g.gy, g.gm - 1, g.gd);
}
export function dateToJ(date: Date): JDate {
  return toJalaali(date.getFullYear(), date.getMonth() + 1, date.getDate());
}
/** Column 0..6 of a Jalali day in a Saturday-first week. */
export function jWeekColumn(d: JDate): number {
  return (jToDate(d).getDay() + 1) % 7;
}
/** The days of a Jalali month in a Saturday-first grid: null before the 1st and after the last day, a multiple of 7 cells. */
export function jMonthCells(jy: number, jm: number): (JDate | null)[] {
  const cells: (JDate | null)[] = [];
  const lead = jWeekColumn({ jy, jm, jd: 1 });
  for (let i = 0; i < lead; i++) cells.push(null);
  for (let d = 1; d <= jMonthLength(jy, jm); d++) cells.push({ jy, jm, jd: d });
  while (cells.length % 7) cells.push(null);
  return cells;
}

export function jAddDays(d: JDate, n: number): JDate {
  const g = jToDate(d);
  g.setDate(g.getDate() + n);
  return dateToJ(g);
}
export function jAddMonths(d: JDate, n: number): JDate {
  let m = d.jm - 1 + n;
  const jy = d.jy + Math.floor(m / 12);
  m = ((m % 12) + 12) % 12;
  const jm = m + 1;
  return { jy, jm, jd: Math.min(d.jd, jalaaliMonthLength(jy, jm)) };
}
export function jEquals(a: JDate | null | undefined, b: JDate | null | undefined): boolean {
  return !!a && !!b && a.jy === b.jy && a.jm === b.jm && a.jd === b.jd;
}
export function jCompare(a: JDate, b: JDate): number {
  return a.jy - b.jy || a.jm - b.jm || a.jd - b.jd;
}
/** "۱۴۰۵/۰۳/۰۵" */
export function jFormat(d: JDate): string {
  return toPersianDigits(`${d.jy}/${p2(d.jm)}/${p2(d.jd)}`);
}
/** "۵ خرداد ۱۴۰۵" */
export function jFormatLong(d: JDate): string {
  return `${toPersianDigits(d.jd)} ${MONTHS[d.jm - 1]} ${toPersianDigits(d.jy)}`;
}
/** Parses "1405/3/5", "۱۴۰۵-۰۳-۰۵" etc.; null if not a valid Jalali date. */
export function jParse(s: string): JDate | null {
  const m = toLatinDigits(s).trim().match(/^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/);
  if (!m) return null;
  const d = { jy: Number(m[1]), jm: Number(m[2]), jd: Number(m[3]) };
  return jValid(d) ? d : null;
}
/** Unix ms of the first millisecond of a Jalali day (local time). */
export function jStartMs(d: JDate): number {
  return jToDate(d).getTime();
}
/** Unix ms of the last millisecond of a Jalali day (local time). */
export function jEndMs(d: JDate): number {
  const next = jToDate(jAddDays(d, 1));
  return next.getTime() - 1;
}
