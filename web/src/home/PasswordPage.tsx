import { useState, type FormEvent } from 'react';
import { ApiError, post, setCsrf } from '../api';
import { useSession } from '../session';
import { Field, PageHeader } from '../components/ui';
import { MessengerLinkPanel } from './MessengerLinkPanel';

export function PasswordPage() {
  const s = useSession();
  const [f, setF] = useState({ current: '', next: '', again: '' });
  const [msg, setMsg] = useState<{ ok: boolean; text: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMsg(null);
    if (!f.current || !f.next) return setMsg({ ok: false, text: 'گذرواژهٔ کنونی و گذرواژهٔ تازه را وارد کنید.' });
    if (f.next !== f.again) return setMsg({ ok: false, text: 'گذرواژهٔ تازه و تکرار آن یکسان نیستند.', field: 'again' });
    setBusy(true);
    try {
      // The server ends every session on a password change and continues this one under a new
      // token; it answers 204 or 200 with the new CSRF token.
      const r = await post<{ csrf_token?: string } | null>('/auth/password', { current_password: f.current, new_password: f.next });
      if (r?.csrf_token) setCsrf(r.csrf_token);
      setF({ current: '', next: '', again: '' });
      setMsg({ ok: true, text: 'گذرواژهٔ شما تغییر کرد.' });
      await s.refreshMe();
    } catch (err) {
      setMsg({ ok: false, text: err instanceof ApiError ? err.message : 'تغییر گذرواژه انجام نشد.', field: err instanceof ApiError ? err.field : undefined });
    } finally {
      setBusy(false);
    }
  };
  const err = (field: string) => (msg && !msg.ok && msg.field === field ? msg.text : null);
  const field = (k: keyof typeof f, label: string, apiField: string, autoComplete: string) => (
    <Field label={label} error={err(apiField)}>
      {(p) => (
        <input
          id={p.id}
          type="password"
          dir="ltr"
          autoComplete={autoComplete}
          className={`form-control ${p.invalid ? 'is-invalid' : ''}`}
          aria-describedby={p.describedBy}
          value={f[k]}
          onChange={(e) => setF({ ...f, [k]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <div style={{ maxWidth: 520 }}>
      <PageHeader title="تغییر گذرواژه" />
      <div className="card shadow-sm border-0">
        <div className="card-body">
          {msg && (!msg.field || msg.ok) && (
            <div className={`alert py-2 ${msg.ok ? 'alert-success' : 'alert-danger'}`} role={msg.ok ? 'status' : 'alert'} data-testid="password-msg">
              {msg.text}
            </div>
          )}
          <form onSubmit={submit} noValidate>
            {field('current', 'گذرواژهٔ کنونی', 'current_password', 'current-password')}
            {field('next', 'گذرواژهٔ تازه', 'new_password', 'new-password')}
            {field('again', 'تکرار گذرواژهٔ تازه', 'again', 'new-password')}
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'در حال ذخیره…' : 'تغییر گذرواژه'}
            </button>
          </form>
        </div>
      </div>
      <MessengerLinkPanel />
    </div>
  );
}
