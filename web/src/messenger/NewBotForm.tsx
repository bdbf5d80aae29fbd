// The form of a new bot: owner, messenger, token, how updates arrive, the welcome text.
import { useState, type FormEvent } from 'react';
import { Field, useFormError } from '../components/ui';
import { ownerBody, useOwners } from '../distribution/owners';
import { createBot, type BotKind, type BotMode } from './api';

export function NewBot({ onCreated }: { onCreated: () => void }) {
  const owners = useOwners();
  const [owner, setOwner] = useState(owners[0]?.value ?? '');
  const [kind, setKind] = useState<BotKind>('bale');
  const [mode, setMode] = useState<BotMode>('polling');
  const [f, setF] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const err = useFormError(['name', 'token', 'base_url', 'welcome', 'kind', 'mode', 'agency_id']);
  const set = (k: string) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const text = (k: string, label: string, opts: { ltr?: boolean; type?: string; hint?: string } = {}) => (
    <Field label={label} error={err.fieldError(k)} hint={opts.hint}>
      {({ id, invalid, describedBy }) => (
        <input
          id={id}
          type={opts.type ?? 'text'}
          dir={opts.ltr ? 'ltr' : undefined}
          className={`form-control ${invalid ? 'is-invalid' : ''}`}
          value={f[k] ?? ''}
          onChange={set(k)}
          aria-describedby={describedBy}
          autoComplete="off"
          data-testid={`bot-${k.replace(/_/g, '-')}`}
        />
      )}
    </Field>
  );
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
    <form className="card border-0 shadow-sm" onSubmit={(e) => void submit(e)} data-testid="bot-form" noValidate>
      <div className="card-body">
        <h2 className="h6">ربات تازه</h2>
        {done && <div className="alert alert-success py-1 small" role="status">{done}</div>}
        {err.formMessage && <div className="alert alert-danger py-1 small" role="alert">{err.formMessage}</div>}
        <Field label="دستگاه یا شورا">
          {({ id }) => (
            <select id={id} className="form-select" value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="bot-owner">
              {owners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          )}
        </Field>
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
      </div>
    </form>
  );
}
