// The form of a new channel: owner, kind, and the fields of that kind.
import { useState, type FormEvent } from 'react';
import { Field, useFormError } from '../components/ui';
import { ConfigFormCard, OwnerSelect, useTextFields } from '../components/ConfigForm';
import { createChannel, type ChannelKind, type PressList } from './api';
import { ownerBody, useOwners } from './owners';

const KINDS: { kind: ChannelKind; label: string }[] = [
  { kind: 'telegram', label: 'تلگرام' },
  { kind: 'bale', label: 'بله' },
  { kind: 'eitaa', label: 'ایتا' },
  { kind: 'email', label: 'رایانامهٔ خبرنگاران (SMTP)' },
  { kind: 'webhook', label: 'وب‌هوک' },
];

export function NewChannel({ lists, onCreated }: { lists: PressList[]; onCreated: () => void }) {
  const owners = useOwners();
  const [owner, setOwner] = useState(owners[0]?.value ?? '');
  const [kind, setKind] = useState<ChannelKind>('telegram');
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const err = useFormError(['name', 'chat_id', 'base_url', 'secret', 'url', 'smtp_url', 'from_address', 'press_list_id', 'kind', 'tls', 'reply_to', 'purpose']);
  const { values: f, setValues: setF, set, text } = useTextFields('channel', err.fieldError, { tls: 'starttls' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setDone(null);
    err.setError(null);
    const config: Record<string, unknown> = {};
    if (kind === 'email') {
      config.press_list_id = Number(f.press_list_id || lists[0]?.id || 0);
      for (const k of ['smtp_url', 'tls', 'username', 'from_address', 'from_name', 'reply_to']) if (f[k]) config[k] = f[k];
    } else if (kind === 'webhook') {
      config.url = f.url ?? '';
    } else {
      config.chat_id = f.chat_id ?? '';
      if (f.base_url) config.base_url = f.base_url;
      if (f.purpose === 'alerts') config.purpose = 'alerts';
    }
    try {
      await createChannel({ ...ownerBody(owner), kind, name: f.name ?? '', config, ...(f.secret ? { secret: f.secret } : {}) });
      setDone('کانال افزوده شد.');
      setF({ tls: 'starttls' });
      onCreated();
    } catch (e2) {
      err.capture(e2);
    } finally {
      setSaving(false);
    }
  };
  return (
    <ConfigFormCard title="کانال تازه" testId="channel-form" errorTestId="channel-form-error" done={done} error={err.formMessage} onSubmit={(e) => void submit(e)}>
      <OwnerSelect owners={owners} value={owner} onChange={setOwner} testId="channel-owner" />
      <Field label="نوع کانال">
        {({ id }) => (
          <select id={id} className="form-select" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)} data-testid="channel-kind">
            {KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select>
        )}
      </Field>
      {text('name', 'نام کانال')}
      {(kind === 'telegram' || kind === 'bale' || kind === 'eitaa') && (
        <>
          {text('chat_id', 'شناسهٔ کانال', { ltr: true, hint: 'مانند ‎@qazvin_news‎ یا ‎-1001234567890‎؛ ربات باید مدیر کانال باشد.' })}
          {text('secret', kind === 'eitaa' ? 'توکن ایتایار' : 'توکن ربات', { ltr: true, type: 'password', hint: 'پس از ذخیره فقط چهار نویسهٔ پایانی نشان داده می‌شود.' })}
          {text('base_url', 'نشانی سرویس (اختیاری)', { ltr: true, hint: 'خالی: نشانی رسمی سرویس.' })}
          <Field label="کاربرد" error={err.fieldError('purpose')}>
            {({ id }) => (
              <select id={id} className="form-select" value={f.purpose ?? 'releases'} onChange={set('purpose')} data-testid="channel-purpose">
                <option value="releases">انتشار خبرها</option>
                <option value="alerts">هشدارهای پایش رسانه برای روابط عمومی دستگاه (بدون خبر)</option>
              </select>
            )}
          </Field>
        </>
      )}
      {kind === 'webhook' && (
        <>
          {text('url', 'نشانی وب‌هوک', { ltr: true })}
          {text('secret', 'کلید امضا (HMAC-SHA256)', { ltr: true, type: 'password' })}
        </>
      )}
      {kind === 'email' && (
        <>
          <Field label="فهرست خبرنگاران" error={err.fieldError('press_list_id')}>
            {({ id }) => (
              <select id={id} className="form-select" value={f.press_list_id ?? ''} onChange={set('press_list_id')}>
                {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
              </select>
            )}
          </Field>
          {text('smtp_url', 'نشانی سرور SMTP', { ltr: true, hint: 'مانند smtp://mail.example.ir:587' })}
          <Field label="رمزنگاری">
            {({ id }) => (
              <select id={id} className="form-select" value={f.tls} onChange={set('tls')}>
                <option value="starttls">STARTTLS (پیشنهادی)</option>
                <option value="tls">TLS مستقیم (smtps)</option>
                <option value="none">بدون رمزنگاری (فقط شبکهٔ داخلی)</option>
              </select>
            )}
          </Field>
          {text('username', 'نام کاربری SMTP', { ltr: true })}
          {text('secret', 'گذرواژهٔ SMTP', { ltr: true, type: 'password' })}
          {text('from_address', 'نشانی فرستنده', { ltr: true })}
          {text('from_name', 'نام فرستنده')}
        </>
      )}
      <button type="submit" className="btn btn-primary" disabled={saving || !owner} data-testid="channel-save">
        افزودن کانال
      </button>
    </ConfigFormCard>
  );
}
