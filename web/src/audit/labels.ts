// Persian names for what the audit log records. The server writes stable English codes (an action
// such as `approve` or `channel.create`, an entity such as `citizen_request`, and a JSON detail);
// people read these labels. tests/checks/check_audit_labels.py fails when the server gains an audit
// action or entity written as a literal that has no label here.
import { faDateTime, toPersianDigits } from '../fa';
import { OUTCOMES, STATES } from '../citizen/labels';
import { REQUEST_TYPES } from '../insight/labels';
import { STATUS_LABELS, URGENCY_LABELS } from '../newsroom/labels';
import { roleLabel } from '../roles';

/** The kinds of thing an audit row is about, in the order the filter offers them. */
export const ENTITY_LABELS: Record<string, string> = {
  release: 'خبر',
  citizen_request: 'درخواست مردمی',
  citizen: 'دادهٔ شخصی شهروند',
  user: 'کاربر',
  agency: 'دستگاه',
  council: 'شورا',
  media: 'پرونده و تصویر',
  occasion: 'مناسبت تقویم',
  channel: 'کانال انتشار',
  press_list: 'فهرست رسانه‌ها',
  press_contact: 'نشانی رسانه',
  delivery: 'ارسال',
  job: 'کار زمان‌بندی‌شده',
  monitor_source: 'منبع پایش',
  media_item: 'مطلب پایش‌شده',
  watch_term: 'واژهٔ پایش',
  alert_rule: 'قاعدهٔ هشدار',
  reply_template: 'الگوی پاسخ',
  sla_target: 'مهلت پاسخ‌گویی',
  calendar_override: 'تقویم کاری (تعطیلی و روز کاری)',
  agency_calendar_override: 'تقویم کاری یک دستگاه (تعطیلی و روز کاری)',
  routing_rule: 'قاعدهٔ ارجاع',
  routing_model: 'مدل ارجاع خودکار',
  messenger_bot: 'ربات پیام‌رسان',
  staff_chat: 'گفتگوی پیام‌رسان کارمند',
  committee: 'کمیته',
  committee_meeting: 'جلسهٔ کمیته',
  committee_decision: 'مصوبه',
  committee_settings: 'تنظیمات کمیته (صفحهٔ عمومی مصوبات)',
  scorecard_period: 'دورهٔ ارزیابی روابط عمومی',
  emerging_issue: 'موضوع نوظهور',
  session: 'نشست کاربری',
  auth: 'ورود و خروج',
};

// Entity names used by older rows.
const ENTITY_ALIASES: Record<string, string> = { users: 'user', agencies: 'agency', councils: 'council' };

/** Verbs, whatever they are done to. */
const ACTIONS: Record<string, string> = {
  create: 'ایجاد',
  update: 'ویرایش',
  delete: 'حذف',
  disable: 'غیرفعال کردن',
  enable: 'فعال کردن',
  upload: 'بارگذاری',
  login: 'ورود به سامانه',
  login_failed: 'ورود ناموفق',
  login_locked: 'قفل شدن حساب پس از تلاش‌های ناموفق',
  logout: 'خروج از سامانه',
  logout_all: 'خروج از همهٔ دستگاه‌ها',
  change_password: 'تغییر گذرواژه',
  reset_password: 'بازنشانی گذرواژه',
  load_demo: 'بارگذاری دادهٔ نمونه',
  // newsroom
  autosave: 'ذخیرهٔ خودکار',
  submit: 'ارسال برای تأیید',
  return: 'برگشت با یادداشت',
  approve: 'تأیید',
  council_approve: 'تأیید شورا',
  cosign: 'امضای مشترک',
  co_sign: 'امضای مشترک',
  sign: 'امضای مشترک',
  schedule: 'زمان‌بندی',
  publish: 'انتشار',
  correct: 'اصلاح',
  withdraw: 'پس‌گرفتن',
  // distribution and jobs
  cancel: 'لغو',
  retry: 'تلاش دوباره',
  unsubscribe: 'لغو اشتراک',
  import: 'ورود از پرونده',
  // citizens' requests
  verify: 'تأیید شمارهٔ همراه',
  assign: 'واگذاری به کارشناس',
  transfer: 'ارجاع به دستگاه دیگر',
  reply: 'پاسخ',
  note: 'یادداشت داخلی',
  close: 'بستن',
  reopen: 'بازگشایی',
  rate: 'امتیاز شهروند',
  merge: 'ادغام درخواست‌های تکراری',
  sla_warned: 'هشدار نزدیک شدن مهلت',
  sla_escalated: 'گزارش گذشتن مهلت به مدیر',
  view_personal: 'مشاهدهٔ دادهٔ شخصی',
  view_attachment: 'مشاهدهٔ پیوست',
  export_personal: 'برون‌بری دادهٔ شخصی',
  erase_personal: 'پاک کردن دادهٔ شخصی',
  retrain: 'آموزش دوبارهٔ مدل',
  set_sla: 'تعیین مهلت پاسخ‌گویی',
  add_closure: 'ثبت تعطیلی یا روز کاری',
  remove_closure: 'حذف تعطیلی یا روز کاری',
  // monitoring
  tone: 'تعیین لحن',
  // committee
  hold: 'برگزاری',
  add_agenda_item: 'افزودن دستور جلسه',
  attendance: 'ثبت حضور و غیاب',
  rsvp: 'پاسخ به دعوت',
  add_member: 'افزودن عضو',
  end_member: 'پایان عضویت',
  follow_up: 'ثبت پیگیری',
  vote: 'رأی',
  minutes_save: 'ذخیرهٔ صورت‌جلسه',
  minutes_circulate: 'گردش صورت‌جلسه برای نظر حاضران',
  minutes_approve: 'تأیید و قفل صورت‌جلسه',
  minutes_correct: 'اصلاحیهٔ صورت‌جلسه',
  minutes_comment: 'نظر بر صورت‌جلسه',
  unpublish: 'برداشتن از صفحهٔ عمومی',
  add_evidence: 'پیوست مدرک به گزارش پیگیری',
  set_reminders: 'تنظیم یادآوری مهلت مصوبه‌ها',
  set_senders: 'تعیین فرستندهٔ رایانامه و پیامک دعوت‌نامه‌های کمیته',
  // messenger: staff members' own chats
  messenger_link_code: 'گرفتن کد اتصال پیام‌رسان',
  messenger_link: 'اتصال گفتگوی پیام‌رسان به حساب',
  messenger_unlink: 'جدا کردن گفتگوی پیام‌رسان از حساب',
  // scorecards (insight)
  template_save: 'ذخیرهٔ الگوی ارزیابی',
  period_create: 'ایجاد دورهٔ ارزیابی',
  score_set: 'ثبت امتیاز دستی',
  evidence_upload: 'بارگذاری مستند ارزیابی',
  evidence_delete: 'حذف مستند ارزیابی',
  period_close: 'بستن دورهٔ ارزیابی',
  // insight: emerging issues, the bulletin
  assign_owner: 'سپردن به دستگاه مسئول',
  recount: 'شمارش دوبارهٔ موضوعات نوظهور',
  make_now: 'ساختن بولتن همین حالا',
};

/** Where one verb means something else for one kind of thing. */
const ENTITY_ACTIONS: Record<string, Record<string, string>> = {
  citizen_request: { submit: 'ثبت درخواست', create: 'ثبت درخواست', update: 'ویرایش مشخصات درخواست' },
  committee_meeting: { schedule: 'زمان‌بندی جلسه', cancel: 'لغو جلسه', hold: 'برگزاری جلسه' },
  committee_decision: { publish: 'انتشار در صفحهٔ عمومی مصوبات', unpublish: 'برداشتن از صفحهٔ عمومی مصوبات' },
  job: { cancel: 'لغو کار', retry: 'اجرای دوباره' },
};

/** The action's Persian name: "approve" → "تأیید", "monitor.source.create" → "ایجاد". Unknown → null. */
export function actionName(action: string, entity = ''): string | null {
  const special = ENTITY_ACTIONS[entity];
  if (special && special[action]) return special[action];
  if (ACTIONS[action]) return ACTIONS[action];
  const verb = action.split('.').pop() ?? action;
  return ACTIONS[verb] ?? null;
}

/** The action for display; an unknown code is shown as it is (the caller isolates it with <bdi>). */
export function actionLabel(action: string, entity = ''): string {
  return actionName(action, entity) ?? action;
}

export function entityLabel(entity: string): string {
  const e = ENTITY_ALIASES[entity] ?? entity;
  return ENTITY_LABELS[e] ?? entity;
}

/** Names of the fields the server puts in an audit row's detail. */
const DETAIL_KEYS: Record<string, string> = {
  sms_sender: 'شمارهٔ فرستندهٔ پیامک',
  mail_channel_id: 'کانال رایانامه',
  bot_id: 'ربات',
  chat: 'گفتگو',
  expires_at: 'پایان اعتبار',
  accuracy: 'دقت',
  added: 'افزوده',
  agencies: 'دستگاه‌ها',
  attachment_id: 'پیوست',
  attachments: 'پیوست‌ها',
  attendance: 'حضور',
  bytes: 'حجم (بایت)',
  changed: 'تغییرها',
  classifier: 'مدل',
  comment: 'یادداشت',
  committee_id: 'کمیته',
  public_page: 'صفحهٔ عمومی مصوبات',
  evidence_id: 'مدرک پیوست',
  decision_reminder_days: 'یادآوری مهلت مصوبه (روز پیش از آن)',
  published: 'منتشرشده در صفحهٔ عمومی',
  content_type: 'نوع پرونده',
  correction_note: 'یادداشت اصلاح',
  day: 'روز',
  description: 'شرح',
  disabled: 'غیرفعال',
  email: 'رایانامه',
  mobile: 'شمارهٔ همراه',
  national_code: 'کد ملی',
  pr_phone: 'تلفن روابط عمومی',
  phone: 'تلفن',
  score: 'امتیاز',
  short_name: 'نام کوتاه',
  website: 'وبگاه',
  urgency: 'فوریت',
  agency_id: 'دستگاه',
  council_id: 'شورا',
  enabled: 'فعال',
  fields: 'فیلدها',
  first_response_minutes: 'مهلت نخستین پاسخ (دقیقه)',
  followup_id: 'پیگیری',
  from: 'از',
  height: 'ارتفاع',
  item_id: 'مطلب',
  keywords: 'واژه‌ها',
  kind: 'نوع',
  level: 'سطح',
  list_id: 'فهرست',
  member_id: 'عضو',
  mode: 'روش',
  month: 'ماه',
  name: 'نام',
  number: 'شماره',
  outcome: 'نتیجه',
  place: 'مکان',
  position: 'جایگاه',
  progress: 'پیشرفت',
  publish_at: 'زمان انتشار',
  quorum_rule: 'قاعدهٔ حد نصاب',
  reason: 'دلیل',
  rejected: 'ردشده',
  release_id: 'خبر',
  requests: 'درخواست‌ها',
  resolve_minutes: 'مهلت حل (دقیقه)',
  return_comment: 'یادداشت برگشت',
  revision: 'ویرایش شمارهٔ',
  role: 'نقش',
  roles: 'نقش‌ها',
  rsvp: 'پاسخ دعوت',
  samples: 'نمونه‌ها',
  scheduled_for: 'زمان انتشار',
  slug: 'شناسهٔ نشانی',
  starts_at: 'زمان شروع',
  status: 'وضعیت',
  term: 'واژه',
  title: 'عنوان',
  to: 'به',
  tone: 'لحن',
  type: 'نوع',
  types: 'نوع‌ها',
  updated: 'به‌روزشده',
  url: 'نشانی',
  user_id: 'کاربر',
  username: 'نام کاربری',
  version: 'نسخه',
  vote: 'رأی',
  voting: 'حق رأی',
  width: 'پهنا',
  withdrawn_reason: 'دلیل پس‌گرفتن',
};

export function detailKeyLabel(key: string): string | null {
  return DETAIL_KEYS[key] ?? null;
}

const TIME_KEY = /(_at|_for|_until)$/;

const pairs = (list: [string, string][]) => Object.fromEntries(list.filter(([k]) => k !== ''));
/** Coded values of some fields, by field. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  type: REQUEST_TYPES,
  types: REQUEST_TYPES,
  outcome: pairs(OUTCOMES),
  state: pairs(STATES),
  status: { ...(STATUS_LABELS as Record<string, string>), ...pairs(STATES) },
  urgency: URGENCY_LABELS,
  tone: { positive: 'مثبت', neutral: 'خنثی', negative: 'منفی' },
  vote: { yes: 'موافق', no: 'مخالف', abstain: 'ممتنع' },
  rsvp: { yes: 'می‌آیم', no: 'نمی‌آیم', delegate: 'نماینده می‌فرستم' },
};

/** One detail value as a person reads it: Persian digits, yes/no, Jalali times, lists. */
export function detailValue(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'بله' : 'خیر';
  if (typeof v === 'number') {
    // Millisecond timestamps (every *_at field of the API) read as a Jalali date and time.
    if (TIME_KEY.test(key) && v > 1e11) return faDateTime(v);
    return toPersianDigits(String(v).replace('.', '٫'));
  }
  if (typeof v === 'string') {
    if (TIME_KEY.test(key) && /^\d{12,}$/.test(v)) return faDateTime(Number(v));
    if (key === 'role' || key === 'roles') return roleLabel(v);
    const coded = VALUE_LABELS[key]?.[v];
    if (coded) return coded;
    // Phone numbers and other digit strings read in Persian digits; addresses and e-mails stay Latin.
    return /^[0-9+\-\s()]+$/.test(v) ? toPersianDigits(v) : v;
  }
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => detailValue(key, x)).join('، ');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${detailKeyLabel(k) ?? k}: ${/_id$/.test(k) && typeof x === 'number' ? `#${toPersianDigits(x)}` : detailValue(k, x)}`)
    .join('، ');
}
