// The form of a new bot: owner, messenger, token, how updates arrive, the welcome text.
import { useState, type FormEvent } from 'react';
import { Field, useFormError } from '../components/ui';
import { ConfigFormCard, OwnerSelect, useTextFields } from '../components/ConfigForm';
import { ownerBody, useOwners } from '../distribution/owners';
import { createBot, type BotKind, type BotMode } from './api';

export function NewBot({ onCreated }: { onCreated: () => void }) {
  const owners = useOwners();
  const [owner, setOwner] = useState(owners[0]?.value ?? '');
  const [kind, setKind] = useState<BotKind>('bale');
  const [mode, setMode] = useState<BotMode>('polling');
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const err = useFormError(['name', 'token', 'base_url', 'welcome', 'kind', 'mode', 'agency_id']);
  const { values: f, setValues: setF, text } = useTextFields('bot', err.fieldError);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setDone(null);
    err.setError(null);
    try {
      await createBot({
        ...ownerBody(owner),
        kind,
        mode,
        name: f.name ?? '',
        token: f.token ?? '',
        ...(f.base_url ? { base_url: f.base_url } : {}),
        ...(f.welcome ? { welcome: f.welcome } : {}),
      });
      setDone('ربات افزوده شد؛ «آزمودن اتصال» را بزنید.');
      setF({});
      onCreated();
    } catch (e2) {
      err.capture(e2);
    } finally {
      setSaving(false);
    }
  };
  return (
    <ConfigFormCard title="ربات تازه" testId="bot-form" done={done} error={err.formMessage} onSubmit={(e) => void submit(e)}>
      <OwnerSelect owners={owners} value={owner} onChange={setOwner} testId="bot-owner" />
      <Field label="پیام‌رسان">
        {({ id }) => (
          <select id={id} className="form-select" value={kind} onChange={(e) => setKind(e.target.value as BotKind)} data-testid="bot-kind">
            <option value="bale">بله</option>
            <option value="telegram">تلگرام</option>
          </select>
        )}
      </Field>
      {text('name', 'نام ربات')}
      {text('token', 'توکن ربات', { ltr: true, type: 'password', hint: 'پس از ذخیره فقط چهار نویسهٔ پایانی نشان داده می‌شود.' })}
      <Field label="شیوهٔ دریافت پیام‌ها">
        {({ id }) => (
          <select id={id} className="form-select" value={mode} onChange={(e) => setMode(e.target.value as BotMode)} data-testid="bot-mode">
            <option value="polling">دریافت دوره‌ای (long polling)</option>
            <option value="webhook">وب‌هوک (نیازمند نشانی عمومی سامانه)</option>
          </select>
        )}
      </Field>
      {text('welcome', 'متن خوشامد (اختیاری)')}
      {text('base_url', 'نشانی سرویس (اختیاری، فقط مدیر سامانه)', { ltr: true, hint: 'خالی: نشانی رسمی پیام‌رسان.' })}
      <button type="submit" className="btn btn-primary" disabled={saving || !owner} data-testid="bot-save">
        افزودن ربات
      </button>
    </ConfigFormCard>
  );
}
