// A committee's senders (issue 13 §3): the distribution e-mail channel (SMTP server and From address) and the
// SMS sender line its invitations and reminders use instead of the council's defaults. The channel list is
// what the caller may see of the council's e-mail channels; the server checks the choice.
import { useState, type FormEvent } from 'react';
import { toLatinDigits, toPersianDigits } from '../fa';
import { ErrorAlert, Field, Loading, useFormError, useLoad } from '../components/ui';
import { FormErrors } from '../components/parts';
import { get } from '../api';
import { getSenderSettings, setSenderSettings } from './api';

interface MailChannel { id: number; council_id: number; kind: string; name: string; config: Record<string, string | number>; enabled: boolean }

export function SenderSettingsPanel({ committeeId, councilId, canEdit }: { committeeId: number; councilId: number; canEdit: boolean }) {
  const { data, error, loading, reload } = useLoad(async (signal) => {
    const [settings, channels] = await Promise.all([
      getSenderSettings(committeeId, signal),
      // Only those who manage channels see them; others see the current choice by number.
      get<{ items: MailChannel[] }>('/channels', {}, signal).then((r) => r.items).catch(() => [] as MailChannel[]),
    ]);
    return { settings, channels: channels.filter((c) => c.kind === 'email' && c.council_id === councilId) };
  }, [committeeId, councilId]);
  const fe = useFormError(['mail_channel_id', 'sms_sender']);
  const [draft, setDraft] = useState<{ channel: string; line: string } | null>(null);
  const [saved, setSaved] = useState(false);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const { settings, channels } = data;
  const form = draft ?? { channel: settings.mail_channel_id ? String(settings.mail_channel_id) : '', line: toPersianDigits(settings.sms_sender) };
  const current = channels.find((c) => c.id === settings.mail_channel_id);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      fe.setError(null);
      await setSenderSettings(committeeId, {
        mail_channel_id: form.channel ? Number(form.channel) : null,
        sms_sender: toLatinDigits(form.line.trim()),
        version: settings.version,
      });
      setDraft(null);
      setSaved(true);
      reload();
    } catch (err) {
      fe.capture(err);
    }
  };
  return (
    <section className="card card-body mt-4" data-testid="sender-settings">
      <h2 className="h6">فرستندهٔ دعوت‌نامه‌ها و یادآوری‌ها</h2>
      <p className="small mb-2" data-testid="sender-summary">
        رایانامه از{' '}
        {settings.mail_channel_id
          ? current ? `«${current.name}» (${current.config.from_address ?? ''})` : `کانال شمارهٔ ${toPersianDigits(settings.mail_channel_id)}`
          : 'کانال رایانامهٔ شورا (پیش‌فرض)'}
        {' '}و پیامک از{' '}
        {settings.sms_sender ? <bdi dir="ltr">{toPersianDigits(settings.sms_sender)}</bdi> : 'شمارهٔ پیش‌فرض سامانهٔ پیامک'} فرستاده می‌شود.
      </p>
      {saved && <div className="alert alert-success py-2" role="status">ذخیره شد.</div>}
      {canEdit && (
        <form onSubmit={save} noValidate>
          <FormErrors fe={fe} onReload={() => { setDraft(null); reload(); }} />
          <div className="row g-2">
            <div className="col-md-6">
              <Field label="کانال رایانامه" error={fe.fieldError('mail_channel_id')}>
                {(p) => (
                  <select {...p} className={`form-select ${p.invalid ? 'is-invalid' : ''}`} value={form.channel}
                    onChange={(e) => setDraft({ ...form, channel: e.target.value })} data-testid="sender-mail-channel">
                    <option value="">کانال رایانامهٔ شورا (پیش‌فرض)</option>
                    {channels.map((c) => (
                      <option key={c.id} value={String(c.id)}>
                        {c.name} — {String(c.config.from_address ?? '')}{c.enabled ? '' : ' (غیرفعال)'}
                      </option>
                    ))}
                    {settings.mail_channel_id && !current && (
                      <option value={String(settings.mail_channel_id)}>کانال شمارهٔ {toPersianDigits(settings.mail_channel_id)}</option>
                    )}
                  </select>
                )}
              </Field>
            </div>
            <div className="col-md-6">
              <Field label="شمارهٔ فرستندهٔ پیامک (خالی: پیش‌فرض)" error={fe.fieldError('sms_sender')}>
                {(p) => (
                  <input {...p} className={`form-control ${p.invalid ? 'is-invalid' : ''}`} dir="ltr" inputMode="numeric"
                    value={form.line} onChange={(e) => setDraft({ ...form, line: e.target.value })} data-testid="sender-sms-line" />
                )}
              </Field>
            </div>
          </div>
          <button className="btn btn-outline-primary" data-testid="save-senders">ذخیره</button>
        </form>
      )}
    </section>
  );
}
