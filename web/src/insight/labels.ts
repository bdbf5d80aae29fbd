// Persian names of the dashboard's metrics, ratios, period kinds and request types.
import { faDecimal, faNumber, toPersianDigits } from '../fa';

export const METRICS: Record<string, string> = {
  releases_published: 'خبرهای منتشرشده',
  releases_picked_up: 'خبرهای بازتاب‌یافته',
  pickups: 'بازتاب‌ها',
  mentions: 'اشاره‌های رسانه‌ای',
  mentions_positive: 'اشارهٔ مثبت',
  mentions_neutral: 'اشارهٔ خنثی',
  mentions_negative: 'اشارهٔ منفی',
  deliveries_messenger: 'ارسال در پیام‌رسان‌ها',
  deliveries_email: 'ارسال با رایانامه',
  requests_received: 'درخواست‌های مردمی',
  requests_open: 'درخواست‌های باز',
  requests_overdue: 'درخواست‌های دیرکرددار',
  requests_closed: 'درخواست‌های بسته‌شده',
  requests_closed_in_sla: 'بسته‌شده در مهلت',
  requests_rated: 'نظرسنجی‌های پاسخ‌داده',
};

export const RATIOS: Record<string, string> = {
  pickup_rate: 'نرخ بازتاب',
  net_tone: 'لحن خالص',
  sla_share: 'سهم پاسخ در مهلت',
  median_handling_minutes: 'میانهٔ زمان رسیدگی (ساعت کاری)',
  csat_mean: 'رضایت (از ۵)',
};

export const PERIODS: [string, string][] = [
  ['day', 'روز'],
  ['week', 'هفته'],
  ['month', 'ماه'],
  ['season', 'فصل'],
  ['year', 'سال'],
  ['custom', 'بازهٔ دلخواه'],
];

export const REQUEST_TYPES: Record<string, string> = {
  question: 'پرسش',
  complaint: 'شکایت',
  criticism: 'انتقاد',
  suggestion: 'پیشنهاد',
  appreciation: 'قدردانی',
  report: 'گزارش',
};

/** A ratio for people: a percentage, a tone from −۱ to ۱, hours, or a mean out of 5. */
export function ratioText(name: string, v: number | null): string {
  if (v === null) return '—';
  if (name === 'pickup_rate' || name === 'sla_share') return `${toPersianDigits(Math.round(v * 100))}٪`;
  if (name === 'median_handling_minutes') return `${faDecimal(v / 60)} ساعت`;
  return faDecimal(v, 2);
}

/** "+۱۲ (+۲۵٪)" */
export function deltaText(delta: number, percent: number | null): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  const p = percent === null ? '' : ` (${sign}${toPersianDigits(Math.abs(Math.round(percent)))}٪)`;
  return `${sign}${faNumber(Math.abs(delta))}${p}`;
}
