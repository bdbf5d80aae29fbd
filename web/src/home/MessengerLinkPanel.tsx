// A staff member's own messenger chats (issue 13 §3): a one-time code to send to the council's Bale or
// Telegram bot, the chats linked to the account and unlinking them. The committee's invitations and
// reminders also go to a linked chat. The server decides everything; the console shows.
import { useState } from 'react';
import { api, get, post } from '../api';
import { faDateTime, faTime } from '../fa';
import { Empty, ErrorAlert, Loading, useFormError, useLoad } from '../components/ui';
import { FormErrors } from '../components/parts';

interface StaffChat { id: number; bot_id: number; bot_name: string; kind: string; kind_name: string; chat: string; active: boolean; created_at: number }
interface LinkOffer {
  code: string;
  start_command: string;
  expires_at: number;
  bots: { id: number; kind: string; kind_name: string; name: string }[];
}

export function MessengerLinkPanel() {
  const { data, error, loading, reload } = useLoad((signal) => get<{ items: StaffChat[] }>('/auth/messenger-chats', {}, signal), []);
  const fe = useFormError([]);
  const [offer, setOffer] = useState<LinkOffer | null>(null);
  const [busy, setBusy] = useState(false);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const issue = async () => {
    setBusy(true);
    try {
      fe.setError(null);
      setOffer(await post<LinkOffer>('/auth/messenger-link'));
    } catch (err) {
      fe.capture(err);
    } finally {
      setBusy(false);
    }
  };
  const unlink = async (id: number) => {
    try {
      fe.setError(null);
      await api('DELETE', `/auth/messenger-chats/${id}`);
      reload();
    } catch (err) {
      fe.capture(err);
    }
  };
  return (
    <section className="card shadow-sm border-0 mt-4" data-testid="messenger-link">
      <div className="card-body">
        <h2 className="h6">پیام‌رسان من</h2>
        <p className="small text-secondary">
          با وصل کردن گفتگوی خود در بله یا تلگرام به ربات شورا، دعوت‌نامه‌ها و یادآوری‌های جلسه‌های کمیته آنجا هم
          به دستتان می‌رسد.
        </p>
        <FormErrors fe={fe} />
        {data.items.length === 0 ? (
          <Empty>هنوز گفتگویی وصل نشده است.</Empty>
        ) : (
          <ul className="list-group mb-3" data-testid="linked-chats">
            {data.items.map((c) => (
              <li key={c.id} className="list-group-item d-flex align-items-center gap-2">
                <span className="flex-grow-1">
                  {c.kind_name} — {c.bot_name} (گفتگوی <bdi dir="ltr">{c.chat}</bdi>، از {faDateTime(c.created_at)})
                  {!c.active && <span className="badge text-bg-warning ms-2">ربات غیرفعال یا مسدود است</span>}
                </span>
                <button className="btn btn-sm btn-outline-danger" onClick={() => unlink(c.id)} data-testid={`unlink-${c.id}`}>
                  جدا کردن
                </button>
              </li>
            ))}
          </ul>
        )}
        {offer ? (
          <div className="alert alert-info mb-0" role="status" data-testid="link-code">
            {offer.bots.length === 0 ? (
              <p className="mb-0">شورای شما هنوز ربات فعالی در بله یا تلگرام ندارد.</p>
            ) : (
              <>
                <p className="mb-2">
                  این پیام را تا ساعت {faTime(offer.expires_at)} به یکی از ربات‌های زیر بفرستید (کد یک‌بار مصرف است):
                </p>
                <p className="fs-5 mb-2">
                  <code dir="ltr" data-testid="start-command">{offer.start_command}</code>
                </p>
                <ul className="mb-0">
                  {offer.bots.map((b) => (
                    <li key={b.id}>{b.kind_name}: {b.name}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : (
          <button className="btn btn-outline-primary" disabled={busy} onClick={issue} data-testid="issue-link-code">
            گرفتن کد اتصال
          </button>
        )}
      </div>
    </section>
  );
}
