// Persian labels for the newsroom's statuses, actions and choices.
import type { ReleaseStatus } from './types';

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: 'پیش‌نویس',
  submitted: 'ارسال‌شده',
  returned: 'برگشت‌خورده',
  approved: 'تأییدشده',
  scheduled: 'زمان‌بندی‌شده',
  published: 'منتشرشده',
  corrected: 'اصلاح‌شده',
  withdrawn: 'پس‌گرفته',
};

export const STATUS_CLASS: Record<ReleaseStatus, string> = {
  draft: 'text-bg-light border',
  submitted: 'text-bg-info',
  returned: 'text-bg-warning',
  approved: 'text-bg-primary',
  scheduled: 'status-scheduled',
  published: 'text-bg-success',
  corrected: 'status-corrected',
  withdrawn: 'text-bg-danger',
};

export const STATUSES = Object.keys(STATUS_LABELS) as ReleaseStatus[];

export function statusLabel(s: string): string {
  return (STATUS_LABELS as Record<string, string>)[s] ?? s;
}

export const URGENCY_LABELS: Record<string, string> = {
  normal: 'عادی',
  urgent: 'فوری',
  flash: 'خیلی فوری',
};

export const CATEGORIES = [
  'اخبار دستگاه',
  'خدمات و برنامه‌ها',
  'بیمه و درمان',
  'اشتغال و کارآفرینی',
  'حمایت اجتماعی',
  'مناسبت‌ها',
  'اطلاعیه',
  'گفت‌وگو و گزارش',
];

export const ACTION_LABELS: Record<string, string> = {
  create: 'ایجاد',
  created: 'ایجاد',
  update: 'ویرایش',
  updated: 'ویرایش',
  edit: 'ویرایش',
  autosave: 'ذخیرهٔ خودکار',
  submit: 'ارسال برای تأیید',
  submitted: 'ارسال برای تأیید',
  return: 'برگشت با یادداشت',
  returned: 'برگشت با یادداشت',
  approve: 'تأیید',
  approved: 'تأیید',
  council_approve: 'تأیید شورا',
  council_approved: 'تأیید شورا',
  sign: 'امضای مشترک',
  co_sign: 'امضای مشترک',
  cosign: 'امضای مشترک',
  schedule: 'زمان‌بندی انتشار',
  scheduled: 'زمان‌بندی انتشار',
  publish: 'انتشار',
  published: 'انتشار',
  correct: 'اصلاح',
  corrected: 'اصلاح',
  withdraw: 'پس‌گرفتن',
  withdrawn: 'پس‌گرفتن',
};

export function actionLabel(a: string): string {
  return ACTION_LABELS[a] ?? a;
}
