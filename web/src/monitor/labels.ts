// Persian labels and small formatters of the monitoring screens.
import { toPersianDigits } from '../fa';

export const TONES: Record<string, string> = { positive: 'مثبت', neutral: 'خنثی', negative: 'منفی' };
export const TONE_CLASS: Record<string, string> = { positive: 'success', neutral: 'secondary', negative: 'danger' };
export const TIERS: Record<string, string> = { national: 'سراسری', provincial: 'استانی', local: 'محلی' };
export const KINDS: Record<string, string> = { verbatim: 'عین متن', edited: 'ویرایش‌شده', partial: 'بخشی' };
export const TERM_KINDS: Record<string, string> = { name: 'نام یا گونهٔ نام', official: 'مقام', programme: 'برنامه' };
export const RULE_KINDS: Record<string, string> = {
  negative_national: 'خبر منفی در رسانهٔ سراسری',
  mention_burst: 'افزایش ناگهانی اشاره‌ها',
};

export const pct = (x: number) => `${toPersianDigits(Math.round(x * 100))}٪`;

export const duration = (ms: number | null | undefined) => {
  if (ms == null) return '—';
  const m = Math.round(ms / 60000);
  return m < 60 ? `${toPersianDigits(m)} دقیقه` : `${toPersianDigits(Math.round(m / 60))} ساعت`;
};
