import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, get, patch, post } from '../api';
import { faDateTime, isoOf, normalizeMobile, toPersianDigits } from '../fa';
import { roleLabel, roleScope } from '../roles';
import { navigate } from '../router';
import { agencyName, councilName, useSession, type Session } from '../session';
import type { Page, RoleGrant, RoleName, User } from '../types';
import { ErrorAlert, Field, Link, Loading, PageHeader, SavedAlert, StatusBadge, useFormError, useLoad } from '../components/ui';
import { FilterSelect, ListPage, useListQuery, type Column } from '../components/ListPage';
import { Facts, FormErrors } from '../components/parts';

const PER_PAGE = 20;

function grantText(s: Session, g: RoleGrant): string {
  const scope = roleScope(g.role);
  if (scope === 'global') return roleLabel(g.role);
  if (scope === 'agency') return `${roleLabel(g.role)} — ${agencyName(s, g.agency_id)}`;
  // With a single council in view its (long) name adds nothing.
  return s.councils.length === 1 && s.councils[0].id === g.council_id ? roleLabel(g.role) : `${roleLabel(g.role)} — ${councilName(s, g.council_id)}`;
}

/** Agencies whose users the signed-in user may list/manage. */
function manageableAgencies(s: Session) {
  const c = s.caps;
  if (c.isSystemAdmin) return s.agencies;
  return s.agencies.filter((a) => c.adminCouncils.includes(a.council_id) || c.managedAgencies.includes(a.id));
}

export function UsersPage() {
  const s = useSession();
  const initialAgency = Number(new URLSearchParams(window.location.search).get('agency')) || '';
  const agencies = manageableAgencies(s);
  const onlyAgencyManager = !s.caps.isSystemAdmin && s.caps.adminCouncils.length === 0;
  const [agencyId, setAgencyId] = useState<number | ''>(initialAgency || (onlyAgencyManager && agencies.length === 1 ? agencies[0].id : ''));
  const lq = useListQuery();
  const list = useLoad(
    (signal) => get<Page<User>>('/users', { q: lq.query, agency_id: agencyId, page: lq.page, per_page: PER_PAGE }, signal),
    [lq.query, agencyId, lq.page],
  );
  const columns: Column<User>[] = [
    {
      header: 'نام',
      cellClassName: 'cell-name',
      cell: (u) => (
        <Link to={`/users/${u.id}`} className="fw-semibold text-decoration-none">
          {u.name}
        </Link>
      ),
    },
    { header: 'نام کاربری', className: 'd-none d-sm-table-cell', cellClassName: 'text-nowrap d-none d-sm-table-cell', cell: (u) => <bdi dir="ltr">{u.username}</bdi> },
    { header: 'شمارهٔ همراه', className: 'd-none d-md-table-cell', cell: (u) => (u.mobile ? <bdi dir="ltr">{toPersianDigits(u.mobile)}</bdi> : '—') },
    { header: 'نقش‌ها', cellClassName: 'small', cell: (u) => u.roles.map((g, i) => <div key={i}>{grantText(s, g)}</div>) },
    { header: 'وضعیت', cell: (u) => <StatusBadge disabled={u.disabled} /> },
    {
      header: 'آخرین ورود',
      className: 'd-none d-lg-table-cell',
      cellClassName: 'small text-nowrap d-none d-lg-table-cell',
      cell: (u) => <time dateTime={isoOf(u.last_login_at)}>{u.last_login_at ? faDateTime(u.last_login_at) : 'هرگز'}</time>,
    },
  ];
  return (
    <div>
      <PageHeader title="کاربران" sub="کارکنان شورا و واحدهای روابط عمومی دستگاه‌ها">
        <Link to="/users/new" className="btn btn-primary" data-testid="user-new">
          + کاربر تازه
        </Link>
      </PageHeader>
      <ListPage
        search={{ id: 'user-q', placeholder: 'نام، نام کاربری، همراه یا رایانامه', value: lq.q, onChange: lq.setQ, onSubmit: lq.submit }}
        filters={
          <FilterSelect
            id="user-agency"
            label="دستگاه"
            allLabel={onlyAgencyManager ? undefined : 'همهٔ دستگاه‌ها'}
            value={agencyId}
            options={agencies}
            onChange={(v) => lq.filter(() => setAgencyId(v))}
          />
        }
        list={list}
        page={lq.page}
        perPage={PER_PAGE}
        onPage={lq.setPage}
        empty={lq.query || agencyId ? 'کاربری با این مشخصات پیدا نشد.' : 'هنوز کاربری ثبت نشده است.'}
        columns={columns}
        rowKey={(u) => u.id}
        testId="users-table"
      />
    </div>
  );
}

/** Choose a role and the council or agency it applies to. */
function RolePicker({ value, onChange, idPrefix, error }: { value: RoleGrant | null; onChange: (g: RoleGrant | null) => void; idPrefix: string; error?: string | null }) {
  const s = useSession();
  const options = useMemo(() => s.caps.assignable(s.agencies, s.councils), [s]);
  const opt = value ? options.find((o) => o.role === value.role) : undefined;
  const scope = value ? roleScope(value.role) : null;
  const setRole = (role: RoleName | '') => {
    if (!role) return onChange(null);
    const o = options.find((x) => x.role === role)!;
    const sc = roleScope(role);
    if (sc === 'global') return onChange({ role, council_id: null, agency_id: null });
    if (sc === 'council') return onChange({ role, council_id: o.councils.length === 1 ? o.councils[0] : null, agency_id: null });
    const agencyId = value?.agency_id && o.agencies.includes(value.agency_id) ? value.agency_id : o.agencies.length === 1 ? o.agencies[0] : null;
    onChange({ role, agency_id: agencyId, council_id: agencyId ? s.agencies.find((a) => a.id === agencyId)?.council_id ?? null : null });
  };
  return (
    <div className="row g-2">
      <div className="col-md-6">
        <label htmlFor={`${idPrefix}-role`} className="form-label">
          نقش
        </label>
        <select id={`${idPrefix}-role`} className={`form-select ${error ? 'is-invalid' : ''}`} value={value?.role ?? ''} onChange={(e) => setRole(e.target.value as RoleName | '')}>
          <option value="">برگزینید…</option>
          {options.map((o) => (
            <option key={o.role} value={o.role}>
              {roleLabel(o.role)}
            </option>
          ))}
        </select>
      </div>
      {scope === 'council' && opt && (
        <div className="col-md-6">
          <label htmlFor={`${idPrefix}-council`} className="form-label">
            شورا
          </label>
          <select
            id={`${idPrefix}-council`}
            className="form-select"
            value={value?.council_id ?? ''}
            onChange={(e) => onChange({ ...value!, council_id: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">برگزینید…</option>
            {opt.councils.map((id) => (
              <option key={id} value={id}>
                {councilName(s, id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {scope === 'agency' && opt && (
        <div className="col-md-6">
          <label htmlFor={`${idPrefix}-agency`} className="form-label">
            دستگاه
          </label>
          <select
            id={`${idPrefix}-agency`}
            className="form-select"
            value={value?.agency_id ?? ''}
            onChange={(e) => {
              const id = e.target.value ? Number(e.target.value) : null;
              onChange({ ...value!, agency_id: id, council_id: id ? s.agencies.find((a) => a.id === id)?.council_id ?? null : null });
            }}
          >
            <option value="">برگزینید…</option>
            {opt.agencies.map((id) => (
              <option key={id} value={id}>
                {s.agencies.find((a) => a.id === id)?.name ?? agencyName(s, id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && <div className="invalid-feedback d-block">{error}</div>}
    </div>
  );
}

function grantComplete(g: RoleGrant | null): g is RoleGrant {
  if (!g) return false;
  const sc = roleScope(g.role);
  return sc === 'global' || (sc === 'council' ? g.council_id != null : g.agency_id != null);
}

const USER_FIELDS = ['username', 'name', 'mobile', 'email', 'password', 'roles', 'new_password'];

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
        <Link to="/users" className="btn btn-sm btn-outline-secondary">
          بازگشت
        </Link>
      </PageHeader>
      <div className="card shadow-sm border-0">
        <div className="card-body">
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
        </div>
      </div>
    </div>
  );
}

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
        <Link to="/users" className="btn btn-sm btn-outline-secondary">
          بازگشت
        </Link>
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
