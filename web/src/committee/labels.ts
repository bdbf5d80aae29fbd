// Persian labels of the committee's codes.
export const MEETING_STATUS: Record<string, string> = {
  draft: 'پیش‌نویس',
  scheduled: 'برنامه‌ریزی‌شده',
  held: 'برگزارشده',
  minutes_review: 'صورت‌جلسه در بررسی',
  minutes_approved: 'صورت‌جلسه تأییدشده',
  cancelled: 'لغوشده',
};
export const DECISION_STATUS: Record<string, string> = { open: 'باز', in_progress: 'در حال انجام', done: 'انجام‌شده', cancelled: 'لغوشده' };
export const SEAT_ROLE: Record<string, string> = { chair: 'رئیس', secretary: 'دبیر', member: 'عضو', guest: 'مهمان' };
export const ATTENDANCE: Record<string, string> = { present: 'حاضر', late: 'با تأخیر', excused: 'غیبت موجه', absent: 'غایب', delegated: 'با نماینده' };
export const RSVP: Record<string, string> = { yes: 'می‌آیم', no: 'نمی‌آیم', delegate: 'نماینده می‌فرستم', '': '—' };
