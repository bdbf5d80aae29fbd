// Persian labels of the citizens' channel.

export const STATES: [string, string][] = [
  ['', 'همه'],
  ['triage', 'در دبیرخانهٔ شورا'],
  ['open', 'در دست بررسی'],
  ['answered', 'پاسخ داده شد'],
  ['closed', 'بسته'],
  ['merged', 'ادغام‌شده'],
];

export const ROUTE_SOURCES: Record<string, string> = {
  citizen: 'انتخاب شهروند',
  rule: 'قاعدهٔ ارجاع',
  model: 'مدل متنی',
  triage: 'دبیرخانهٔ شورا',
  staff: 'ارجاع کارشناس',
};

export const OUTCOMES: [string, string][] = [
  ['resolved', 'حل شد'],
  ['answered', 'پاسخ داده شد'],
  ['rejected', 'رد شد'],
  ['not_competent', 'خارج از صلاحیت'],
  ['duplicate', 'تکراری'],
];

/** The channel a request came in by (citizen_requests.channel), in the order the statistics show them. */
export const REQUEST_CHANNELS: Record<string, string> = { web: 'وبگاه', telegram: 'ربات تلگرام', bale: 'ربات بله' };

/** Request types (citizen/request_types.cc), in the portal's order. */
export const REQUEST_TYPES: [string, string][] = [
  ['question', 'پرسش'],
  ['complaint', 'شکایت'],
  ['criticism', 'انتقاد'],
  ['suggestion', 'پیشنهاد'],
  ['appreciation', 'قدردانی'],
  ['report', 'گزارش'],
];
