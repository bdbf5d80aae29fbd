// One user: profile, roles (add, remove), account status, password reset.
import { useState, type FormEvent } from 'react';
import { ApiError, get, patch, post } from '../api';
import { faDateTime, isoOf, normalizeMobile, toPersianDigits } from '../fa';
import { roleScope } from '../roles';
import { useSession } from '../session';
import type { RoleGrant, User } from '../types';
import { ErrorAlert, Field, Loading, PageHeader, SavedAlert, StatusBadge, useFormError, useLoad } from '../components/ui';
import { BackLink, Facts, FormErrors } from '../components/parts';
import { RolePicker } from './RolePicker';
import { USER_FIELDS, grantComplete, grantText } from './grants';

export function UserPage({ id }: { id: number }) {
  const s = useSession();
  const { data, setData, error, loading, reload } = useLoad((signal) => get<User>(`/users/${id}`, {}, signal), [id]);
  const fe = useFormError(USER_FIELDS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [profile, setProfile] = useState<{ name: string; mobile: string; email: string } | null>(null);
  const [newGrant, setNewGrant] = useState<RoleGrant | null>(null);
  const [pw, setPw] = useState({ a: '', b: '' });
  const [pwMsg, setPwMsg] = useState<{ ok: boolean; text: string } | null>(null);

  if (loading && !data) return <Loading />;
  if (error || !data) return <ErrorAlert error={error} onRetry={reload} />;
  const p = profile ?? { name: data.name, mobile: toPersianDigits(data.mobile ?? ''), email: data.email ?? '' };
  const isSelf = data.id === s.user.id;
  const assignable = s.caps.assignable(s.agencies, s.councils);
  const canRemove = (g: RoleGrant) => {
    const o = assignable.find((x) => x.role === g.role);
    if (!o) return false;
    const sc = roleScope(g.role);
    return sc === 'global' || (sc === 'council' ? o.councils.includes(g.council_id!) : o.agencies.includes(g.agency_id!));
  };

  const update = async (body: Record<string, unknown>, okText: string) => {
    setBusy(true);
    setSaved(null);
    fe.setError(null);
    try {
      const u = await patch<User>(`/users/${id}`, { version: data.version, ...body });
      setData(u);
      setProfile(null);
      setSaved(okText);
      if (isSelf) await s.refreshMe();
      return true;
    } catch (e) {
      fe.capture(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const saveProfile = (e: FormEvent) => {
    e.preventDefault();
    void update({ name: p.name.trim(), mobile: normalizeMobile(p.mobile), email: p.email.trim() }, 'مشخصات کاربر ذخیره شد.');
  };
  const addRole = async (e: FormEvent) => {
    e.preventDefault();
    if (!grantComplete(newGrant)) return;
    const exists = data.roles.some((g) => g.role === newGrant.role && g.council_id === newGrant.council_id && g.agency_id === newGrant.agency_id);
    if (exists) return;
    if (await update({ roles: [...data.roles, newGrant] }, 'نقش افزوده شد.')) setNewGrant(null);
  };
  const removeRole = (i: number) => void update({ roles: data.roles.filter((_, j) => j !== i) }, 'نقش برداشته شد.');
  const toggleDisabled = () =>
    void update({ disabled: !data.disabled }, data.disabled ? 'حساب کاربر فعال شد.' : 'حساب کاربر غیرفعال شد و نشست‌های او بسته شد.');
  const resetPassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwMsg(null);
    if (!pw.a) return setPwMsg({ ok: false, text: 'گذرواژهٔ تازه را وارد کنید.' });
    if (pw.a !== pw.b) return setPwMsg({ ok: false, text: 'گذرواژه و تکرار آن یکسان نیستند.' });
    setBusy(true);
    try {
      await post(`/users/${id}/password`, { new_password: pw.a });
      setPw({ a: '', b: '' });
      setPwMsg({ ok: true, text: 'گذرواژهٔ کاربر بازنشانی شد.' });
    } catch (err) {
      setPwMsg({ ok: false, text: err instanceof ApiError ? err.message : 'بازنشانی انجام نشد.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={data.name}
        sub={
          <>
            <bdi dir="ltr">{data.username}</bdi> · <StatusBadge disabled={data.disabled} />
          </>
        }
      >
        <BackLink to="/users" />
      </PageHeader>
      <SavedAlert show={!!saved}>{saved}</SavedAlert>
      <FormErrors
        fe={fe}
        onReload={() => {
          fe.setError(null);
          setProfile(null);
          reload();
        }}
      />
      <div className="row g-3">
        <div className="col-lg-7">
          <section className="card shadow-sm border-0 mb-3" aria-labelledby="profile-h">
            <div className="card-body">
              <h2 id="profile-h" className="h6 mb-3">
                مشخصات
              </h2>
              <form onSubmit={saveProfile} noValidate>
                <Field label="نام و نام خانوادگی" error={fe.fieldError('name')}>
                  {(fp) => <input id={fp.id} className={`form-control ${fp.invalid ? 'is-invalid' : ''}`} aria-describedby={fp.describedBy} value={p.name} onChange={(e) => setProfile({ ...p, name: e.target.value })} />}
                </Field>
                <div className="row">
                  <Field label="شمارهٔ همراه" error={fe.fieldError('mobile')} className="col-md-6 mb-3">
                    {(fp) => (
                      <input id={fp.id} type="tel" dir="ltr" className={`form-control ${fp.invalid ? 'is-invalid' : ''}`} aria-describedby={fp.describedBy} value={p.mobile} onChange={(e) => setProfile({ ...p, mobile: e.target.value })} />
                    )}
                  </Field>
                  <Field label="رایانامه" error={fe.fieldError('email')} className="col-md-6 mb-3">
                    {(fp) => (
                      <input id={fp.id} type="email" dir="ltr" className={`form-control ${fp.invalid ? 'is-invalid' : ''}`} aria-describedby={fp.describedBy} value={p.email} onChange={(e) => setProfile({ ...p, email: e.target.value })} />
                    )}
                  </Field>
                </div>
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  ذخیرهٔ مشخصات
                </button>
              </form>
            </div>
          </section>
          <section className="card shadow-sm border-0" aria-labelledby="roles-h">
            <div className="card-body">
              <h2 id="roles-h" className="h6 mb-3">
                نقش‌ها
              </h2>
              {data.roles.length === 0 ? (
                <p className="text-secondary">این کاربر نقشی ندارد و به هیچ بخشی دسترسی ندارد.</p>
              ) : (
                <ul className="list-group mb-3" data-testid="user-roles">
                  {data.roles.map((g, i) => (
                    <li key={i} className="list-group-item d-flex justify-content-between align-items-center">
                      <span>{grantText(s, g)}</span>
                      {canRemove(g) && (
                        <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => removeRole(i)} disabled={busy} aria-label={`برداشتن نقش ${grantText(s, g)}`}>
                          برداشتن
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              <form onSubmit={addRole} className="border-top pt-3">
                <RolePicker idPrefix="add-role" value={newGrant} onChange={setNewGrant} error={fe.fieldError('roles')} />
                <button type="submit" className="btn btn-outline-primary mt-2" disabled={busy || !grantComplete(newGrant)}>
                  افزودن نقش
                </button>
              </form>
            </div>
          </section>
        </div>
        <div className="col-lg-5">
          <section className="card shadow-sm border-0 mb-3" aria-labelledby="status-h">
            <div className="card-body">
              <h2 id="status-h" className="h6 mb-3">
                وضعیت حساب
              </h2>
              <Facts
                className="row small dl-compact"
                rows={[
                  ['ایجاد', <time dateTime={isoOf(data.created_at)}>{faDateTime(data.created_at)}</time>],
                  ['آخرین ورود', <time dateTime={isoOf(data.last_login_at)}>{data.last_login_at ? faDateTime(data.last_login_at) : 'هرگز'}</time>],
                ]}
              />
              {!isSelf && (
                <button type="button" className={`btn ${data.disabled ? 'btn-success' : 'btn-outline-danger'}`} onClick={toggleDisabled} disabled={busy} data-testid="user-toggle">
                  {data.disabled ? 'فعال کردن حساب' : 'غیرفعال کردن حساب'}
                </button>
              )}
            </div>
          </section>
          <section className="card shadow-sm border-0" aria-labelledby="pw-h">
            <div className="card-body">
              <h2 id="pw-h" className="h6 mb-3">
                بازنشانی گذرواژه
              </h2>
              {pwMsg && (
                <div className={`alert py-2 ${pwMsg.ok ? 'alert-success' : 'alert-danger'}`} role={pwMsg.ok ? 'status' : 'alert'}>
                  {pwMsg.text}
                </div>
              )}
              <form onSubmit={resetPassword} noValidate>
                <div className="mb-2">
                  <label htmlFor="reset-pw" className="form-label">
                    گذرواژهٔ تازه
                  </label>
                  <input id="reset-pw" type="password" dir="ltr" autoComplete="new-password" className="form-control" value={pw.a} onChange={(e) => setPw({ ...pw, a: e.target.value })} />
                </div>
                <div className="mb-3">
                  <label htmlFor="reset-pw2" className="form-label">
                    تکرار گذرواژهٔ تازه
                  </label>
                  <input id="reset-pw2" type="password" dir="ltr" autoComplete="new-password" className="form-control" value={pw.b} onChange={(e) => setPw({ ...pw, b: e.target.value })} />
                </div>
                <button type="submit" className="btn btn-outline-primary" disabled={busy}>
                  بازنشانی گذرواژه
                </button>
              </form>
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}
