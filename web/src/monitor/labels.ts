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

// Persian names of well-known outlets, by host (without "www."): items imported without a source of the
// council carry only their host. A source's own name wins (parts.tsx OutletName).
export const OUTLET_NAMES: Record<string, string> = {
  'irna.ir': 'خبرگزاری جمهوری اسلامی (ایرنا)',
  'isna.ir': 'خبرگزاری دانشجویان ایران (ایسنا)',
  'farsnews.ir': 'خبرگزاری فارس',
  'farsnews.com': 'خبرگزاری فارس',
  'mehrnews.com': 'خبرگزاری مهر',
  'tasnimnews.com': 'خبرگزاری تسنیم',
  'yjc.ir': 'باشگاه خبرنگاران جوان',
  'yjc.news': 'باشگاه خبرنگاران جوان',
  'iribnews.ir': 'خبرگزاری صداوسیما',
  'ilna.ir': 'خبرگزاری کار ایران (ایلنا)',
  'ilna.news': 'خبرگزاری کار ایران (ایلنا)',
  'khabaronline.ir': 'خبرآنلاین',
  'hamshahrionline.ir': 'همشهری آنلاین',
  'tabnak.ir': 'تابناک',
  'entekhab.ir': 'انتخاب',
  'asriran.com': 'عصر ایران',
  'donya-e-eqtesad.com': 'دنیای اقتصاد',
  'ecoiran.com': 'اکوایران',
  'eghtesadonline.com': 'اقتصادآنلاین',
  'shahrvand-newspaper.ir': 'روزنامهٔ شهروند',
  'pana.ir': 'خبرگزاری پانا',
  'imna.ir': 'خبرگزاری ایمنا',
  'shana.ir': 'شانا',
  'mizanonline.ir': 'خبرگزاری میزان',
  'ana.ir': 'خبرگزاری آنا',
  'qudsonline.ir': 'قدس آنلاین',
  'jamejamonline.ir': 'جام جم آنلاین',
  'iranonline.ir': 'ایران آنلاین',
  'ettelaat.com': 'روزنامهٔ اطلاعات',
  'kayhan.ir': 'روزنامهٔ کیهان',
};

/** An outlet's Persian name: the source's name, else a known outlet's, else its host as it is. */
export function outletName(sourceName: string, outlet: string): string {
  if (sourceName) return sourceName;
  const host = outlet.toLowerCase().replace(/^www\./, '');
  return OUTLET_NAMES[host] ?? outlet;
}
