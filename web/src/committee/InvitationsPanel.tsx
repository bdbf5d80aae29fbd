// What was sent for a meeting (invitations, cancellations, reminders), per member and channel, with its state:
// GET /api/v1/committee-meetings/{id}/notices (src/api/committee_invitation_routes.cc). For the secretary.
import { get } from '../api';
import { faDateTime } from '../fa';
import { ErrorAlert, Loading, useLoad } from '../components/ui';

export interface Notice {
  id: number;
  kind: string;
  channel: string;
  member_id: number | null;
  user_id: number;
  status: string;
  error: string;
  created_at: number;
  sent_at: number | null;
}

const KIND: Record<string, string> = {
  invite: 'دعوت',
  cancel: 'لغو جلسه',
  remind_day: 'یادآوری روز پیش',
  remind_hour: 'یادآوری ساعت پیش',
};
const CHANNEL: Record<string, string> = { email: 'رایانامه', sms: 'پیامک', messenger: 'پیام‌رسان' };
const STATUS: Record<string, string> = { pending: 'در صف', sent: 'فرستاده شد', skipped: 'فرستاده نشد', failed: 'ناموفق' };
const REASON: Record<string, string> = {
  no_mail_channel: 'کانال رایانامهٔ شورا یا کمیته نیست یا غیرفعال است',
  no_chat: 'گفتگوی پیام‌رسانی وصل نیست',
  no_messenger: 'پیام‌رسان راه‌اندازی نشده است',
  chat_blocked: 'عضو ربات را مسدود کرده است',
  bot_disabled: 'ربات غیرفعال است',
  bot_refused: 'پیام‌رسان نپذیرفت',
  no_sms_gateway: 'درگاه پیامک تنظیم نشده است',
  superseded: 'جلسه پس از آن تغییر کرد',
  declined: 'عضو دعوت را رد کرده است',
  no_email: 'نشانی رایانامه ندارد',
  no_mobile: 'شمارهٔ همراه ندارد',
  sms_refused: 'درگاه پیامک نپذیرفت',
  smtp_rejected: 'سرور رایانامه نپذیرفت',
  outbound_refused: 'نشانی سرور رایانامه مجاز نیست',
  mail_channel_invalid: 'تنظیمات کانال رایانامه نادرست است',
};

export function InvitationsPanel({ meetingId, members }: { meetingId: number; members: { id: number; user_name: string }[] }) {
  const { data, error, loading, reload } = useLoad(
    (signal) => get<{ items: Notice[] }>(`/committee-meetings/${meetingId}/notices`, {}, signal),
    [meetingId],
  );
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  return (
    <section className="mb-3" data-testid="invitations">
      <h2 className="h6 mt-4">دعوت‌ها و یادآوری‌ها</h2>
      {data.items.length === 0 ? (
        <p className="text-secondary small">هنوز دعوتی فرستاده نشده است؛ با قطعی کردن جلسه دعوت‌ها فرستاده می‌شوند.</p>
      ) : (
        <table className="table table-sm bg-white">
          <thead><tr><th>عضو</th><th>پیام</th><th>راه</th><th>وضعیت</th><th>زمان</th></tr></thead>
          <tbody>
            {data.items.map((n) => (
              <tr key={n.id}>
                <td>{members.find((x) => x.id === n.member_id)?.user_name ?? '—'}</td>
                <td>{KIND[n.kind] ?? n.kind}</td>
                <td>{CHANNEL[n.channel] ?? n.channel}</td>
                <td>
                  {STATUS[n.status] ?? n.status}
                  {n.error && <span className="text-secondary small"> ({REASON[n.error] ?? n.error})</span>}
                </td>
                <td className="small">{faDateTime(n.sent_at ?? n.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
