// A new user: profile, initial password and one role grant.
import { useState, type FormEvent } from 'react';
import { post } from '../api';
import { normalizeMobile } from '../fa';
import { navigate } from '../router';
import { useSession } from '../session';
import type { RoleGrant, User } from '../types';
import { Field, PageHeader, useFormError } from '../components/ui';
import { BackLink, CardBox, FormErrors } from '../components/parts';
import { RolePicker } from './RolePicker';
import { USER_FIELDS, grantComplete } from './grants';

export function UserNewPage() {
  const s = useSession();
  const fe = useFormError(USER_FIELDS);
  const [busy, setBusy] = useState(false);
  const [f, setF] = useState({ name: '', username: '', mobile: '', email: '', password: '' });
  const [grant, setGrant] = useState<RoleGrant | null>(() => {
    // Agency PR managers add staff to their own agency; preselect it.
    const c = s.caps;
    if (!c.isSystemAdmin && !c.adminCouncils.length && c.managedAgencies.length === 1) {
      const a = s.agencies.find((x) => x.id === c.managedAgencies[0]);
      return { role: 'agency_editor', agency_id: c.managedAgencies[0], council_id: a?.council_id ?? null };
    }
    return null;
  });
  const [roleErr, setRoleErr] = useState<string | null>(null);
  const set = (k: keyof typeof f, v: string) => setF((x) => ({ ...x, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    fe.setError(null);
    if (!grantComplete(grant)) {
      setRoleErr('نقش کاربر و دامنهٔ آن (شورا یا دستگاه) را برگزینید.');
      return;
    }
    setRoleErr(null);
    setBusy(true);
    try {
      const u = await post<User>('/users', {
        username: f.username.trim(),
        name: f.name.trim(),
        mobile: normalizeMobile(f.mobile),
        email: f.email.trim(),
        password: f.password,
        roles: [grant],
      });
      navigate(`/users/${u.id}`, { replace: true });
    } catch (err) {
      fe.capture(err);
      setBusy(false);
    }
  };

  const input = (k: keyof typeof f, label: string, o: { ltr?: boolean; type?: string; hint?: string; autoComplete?: string; inputMode?: 'tel' | 'email' | 'text' } = {}) => (
    <Field label={label} error={fe.fieldError(k)} hint={o.hint} className="col-md-6 mb-3">
      {(p) => (
        <input
          id={p.id}
          name={k}
          type={o.type || 'text'}
          dir={o.ltr ? 'ltr' : undefined}
          inputMode={o.inputMode}
          autoComplete={o.autoComplete || 'off'}
          className={`form-control ${p.invalid ? 'is-invalid' : ''}`}
          aria-describedby={p.describedBy}
          aria-invalid={p.invalid || undefined}
          value={f[k]}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <div>
      <PageHeader title="کاربر تازه">
        <BackLink to="/users" />
      </PageHeader>
      <CardBox>
        <FormErrors fe={fe} />
        <form onSubmit={submit} noValidate>
          <div className="row">
            {input('name', 'نام و نام خانوادگی')}
            {input('username', 'نام کاربری', { ltr: true, hint: 'حروف لاتین، رقم، نقطه یا خط تیره' })}
            {input('mobile', 'شمارهٔ همراه', { ltr: true, type: 'tel', inputMode: 'tel', hint: 'مثلاً ۰۹۱۲۱۲۳۴۵۶۷ — رقم فارسی یا لاتین' })}
            {input('email', 'رایانامه', { ltr: true, type: 'email', inputMode: 'email' })}
            {input('password', 'گذرواژهٔ اولیه', { ltr: true, type: 'password', autoComplete: 'new-password' })}
          </div>
          <fieldset className="mb-3">
            <legend className="fs-6 fw-semibold">نقش و دامنهٔ دسترسی</legend>
            <RolePicker idPrefix="new-role" value={grant} onChange={setGrant} error={roleErr || fe.fieldError('roles')} />
          </fieldset>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="user-save">
            {busy ? 'در حال ذخیره…' : 'ایجاد کاربر'}
          </button>
        </form>
      </CardBox>
    </div>
  );
}
