// Persian names of the job queue's states and kinds. A kind without a name is shown as its code.
export const JOB_STATES: [string, string][] = [
  ['ready', 'در صف'],
  ['leased', 'در حال اجرا'],
  ['dead', 'ناموفق (متوقف)'],
  ['done', 'انجام‌شده'],
  ['cancelled', 'لغوشده'],
];
const STATE_NAMES = Object.fromEntries(JOB_STATES);

export const STATE_CLASS: Record<string, string> = {
  ready: 'text-bg-info',
  leased: 'text-bg-primary',
  dead: 'text-bg-danger',
  done: 'text-bg-success',
  cancelled: 'text-bg-secondary',
};

const KINDS: Record<string, string> = {
  'newsroom.publish': 'انتشار زمان‌بندی‌شدهٔ خبر',
  'news.distribute': 'پخش خبر در کانال‌ها',
  'distribution.expand': 'آماده‌سازی ارسال‌های یک خبر',
  'distribution.deliver': 'ارسال به کانال یا فهرست رایانامه',
  'monitor.schedule': 'زمان‌بندی دریافت منابع پایش',
  'monitor.fetch': 'دریافت خبر از منبع پایش',
  'monitor.ingest': 'ورود خبرهای پایش',
  'monitor.lookback': 'جست‌وجوی بازتاب خبر در گذشته',
  'citizen.sms': 'پیامک به شهروند',
  'citizen.retrain': 'آموزش دوبارهٔ مدل ارجاع',
  'messenger.send': 'پیام ربات به شهروند',
  'ops.housekeeping': 'نگه‌داری و پاک‌سازی',
};

export const QUEUE_NAMES: Record<string, string> = { default: 'صف اصلی' };

export function stateName(s: string): string {
  return STATE_NAMES[s] ?? s;
}
export function kindName(k: string): string | null {
  return KINDS[k] ?? null;
}
