import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, get, patch, post } from '../api';
import { faDateTime, faNumber, isoOf, toLatinDigits, toPersianDigits } from '../fa';
import { navigate } from '../router';
import { councilName, useSession } from '../session';
import type { Agency, Page } from '../types';
import { ErrorAlert, Field, Link, Loading, PageHeader, SavedAlert, StatusBadge, useFormError, useLoad } from '../components/ui';
import { FilterSelect, ListPage, useListQuery, type Column } from '../components/ListPage';
import { Facts, FormErrors } from '../components/parts';

const PER_PAGE = 20;

export function AgenciesPage() {
  const s = useSession();
  const lq = useListQuery();
  const [councilId, setCouncilId] = useState<number | ''>('');
  const list = useLoad(
    (signal) => get<Page<Agency>>('/agencies', { q: lq.query, page: lq.page, per_page: PER_PAGE, council_id: councilId }, signal),
    [lq.query, lq.page, councilId],
  );
  const multiCouncil = s.councils.length > 1;
  const action = (a: Agency) => (s.caps.canManageAgency(a) ? 'ویرایش' : 'مشاهده');
  const columns: Column<Agency>[] = [
    {
      header: 'نام دستگاه',
      cell: (a) => (
        <Link to={`/agencies/${a.id}`} className="fw-semibold text-decoration-none">
          {a.name}
        </Link>
      ),
    },
    { header: 'نام کوتاه', cell: (a) => a.short_name },
    ...(multiCouncil ? [{ header: 'شورا', cell: (a: Agency) => councilName(s, a.council_id) }] : []),
    { header: 'رایانامهٔ روابط عمومی', cell: (a) => (a.pr_email ? <bdi dir="ltr">{a.pr_email}</bdi> : '—') },
    { header: 'تلفن', cell: (a) => (a.pr_phone ? <bdi dir="ltr">{toPersianDigits(a.pr_phone)}</bdi> : '—') },
    { header: 'وضعیت', cell: (a) => <StatusBadge disabled={a.disabled} /> },
    {
      header: <span className="visually-hidden">عملیات</span>,
      cellClassName: 'text-start',
      cell: (a) => (
        <Link to={`/agencies/${a.id}`} className="btn btn-sm btn-outline-primary" aria-label={`${action(a)} ${a.name}`}>
          {action(a)}
        </Link>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title={s.caps.canManageAgencies ? 'مدیریت دستگاه‌ها' : 'دستگاه‌ها'} sub="دستگاه‌های عضو شورا و واحدهای روابط عمومی آن‌ها">
        {s.caps.canManageAgencies && (
          <Link to="/agencies/new" className="btn btn-primary" data-testid="agency-new">
            + دستگاه تازه
          </Link>
        )}
      </PageHeader>
      <ListPage
        search={{ id: 'agency-q', placeholder: 'نام یا شناسهٔ دستگاه', value: lq.q, onChange: lq.setQ, onSubmit: lq.submit }}
        filters={
          multiCouncil && (
            <FilterSelect id="agency-council" label="شورا" allLabel="همهٔ شوراها" value={councilId} options={s.councils} onChange={(v) => lq.filter(() => setCouncilId(v))} />
          )
        }
        list={list}
        page={lq.page}
        perPage={PER_PAGE}
        onPage={lq.setPage}
        empty={lq.query ? 'دستگاهی با این مشخصات پیدا نشد.' : 'هنوز دستگاهی ثبت نشده است.'}
        columns={columns}
        rowKey={(a) => a.id}
        testId="agencies-table"
      />
    </div>
  );
}

interface AgencyFields {
  council_id: number | '';
  slug: string;
  name: string;
  short_name: string;
  website: string;
  pr_email: string;
  pr_phone: string;
  disabled: boolean;
}
const FIELD_NAMES = ['council_id', 'slug', 'name', 'short_name', 'website', 'pr_email', 'pr_phone', 'disabled'];

function clean(f: AgencyFields) {
  return {
    name: f.name.trim(),
    short_name: f.short_name.trim(),
    website: f.website.trim(),
    pr_email: f.pr_email.trim(),
    pr_phone: toLatinDigits(f.pr_phone).trim(),
  };
}

function AgencyForm({
  initial,
  isNew,
  busy,
  onSubmit,
  fe,
  councils,
}: {
  initial: AgencyFields;
  isNew: boolean;
  busy: boolean;
  onSubmit: (f: AgencyFields) => void;
  fe: ReturnType<typeof useFormError>;
  councils: { id: number; name: string }[];
}) {
  const [f, setF] = useState(initial);
  const set = <K extends keyof AgencyFields>(k: K, v: AgencyFields[K]) => setF((x) => ({ ...x, [k]: v }));
  const text = (k: 'slug' | 'name' | 'short_name' | 'website' | 'pr_email' | 'pr_phone', label: string, opts: { ltr?: boolean; hint?: ReactNode; type?: string; required?: boolean; autoComplete?: string } = {}) => (
    <Field label={label} error={fe.fieldError(k)} hint={opts.hint} className="col-md-6 mb-3">
      {(p) => (
        <input
          id={p.id}
          name={k}
          type={opts.type || 'text'}
          dir={opts.ltr ? 'ltr' : undefined}
          className={`form-control ${p.invalid ? 'is-invalid' : ''}`}
          aria-describedby={p.describedBy}
          aria-invalid={p.invalid || undefined}
          required={opts.required}
          autoComplete={opts.autoComplete || 'off'}
          value={f[k]}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit(f);
      }}
    >
      <div className="row">
        {isNew && councils.length > 1 && (
          <Field label="شورا" error={fe.fieldError('council_id')} className="col-md-6 mb-3">
            {(p) => (
              <select id={p.id} className={`form-select ${p.invalid ? 'is-invalid' : ''}`} value={f.council_id} onChange={(e) => set('council_id', e.target.value ? Number(e.target.value) : '')} required>
                <option value="">برگزینید…</option>
                {councils.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {text('name', 'نام کامل دستگاه', { required: true })}
        {text('short_name', 'نام کوتاه', { hint: 'مثلاً «بهزیستی»' })}
        {isNew && text('slug', 'شناسهٔ لاتین', { ltr: true, required: true, hint: <>حروف کوچک لاتین، رقم و خط تیره؛ مثلاً <bdi dir="ltr">behzisti</bdi></> })}
        {text('website', 'وبگاه', { ltr: true, type: 'url', hint: <>مثلاً <bdi dir="ltr">https://example.ir</bdi></> })}
        {text('pr_email', 'رایانامهٔ روابط عمومی', { ltr: true, type: 'email' })}
        {text('pr_phone', 'تلفن روابط عمومی', { ltr: true, type: 'tel', hint: 'با رقم‌های فارسی یا لاتین' })}
        {!isNew && (
          <div className="col-12 mb-3">
            <div className="form-check form-switch">
              <input id="agency-disabled" type="checkbox" role="switch" className="form-check-input" checked={f.disabled} onChange={(e) => set('disabled', e.target.checked)} />
              <label htmlFor="agency-disabled" className="form-check-label">
                دستگاه غیرفعال است
              </label>
            </div>
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="agency-save">
        {busy ? 'در حال ذخیره…' : isNew ? 'ایجاد دستگاه' : 'ذخیرهٔ تغییرات'}
      </button>
    </form>
  );
}

export function AgencyNewPage() {
  const s = useSession();
  const fe = useFormError(FIELD_NAMES);
  const [busy, setBusy] = useState(false);
  const councils = s.caps.isSystemAdmin ? s.councils : s.councils.filter((c) => s.caps.adminCouncils.includes(c.id));
  const defaultCouncil = councils.length === 1 ? councils[0].id : s.caps.adminCouncils[0] ?? '';
  const submit = async (f: AgencyFields) => {
    setBusy(true);
    fe.setError(null);
    try {
      const a = await post<Agency>('/agencies', { council_id: f.council_id === '' ? null : f.council_id, slug: f.slug.trim(), ...clean(f) });
      s.refreshRefs();
      navigate(`/agencies/${a.id}`, { replace: true });
    } catch (e) {
      fe.capture(e);
      setBusy(false);
    }
  };
  return (
    <div>
      <PageHeader title="دستگاه تازه">
        <Link to="/agencies" className="btn btn-sm btn-outline-secondary">
          بازگشت
        </Link>
      </PageHeader>
      <div className="card shadow-sm border-0">
        <div className="card-body">
          <FormErrors fe={fe} />
          <AgencyForm
            isNew
            busy={busy}
            fe={fe}
            councils={councils}
            onSubmit={submit}
            initial={{ council_id: defaultCouncil, slug: '', name: '', short_name: '', website: '', pr_email: '', pr_phone: '', disabled: false }}
          />
        </div>
      </div>
    </div>
  );
}

export function AgencyPage({ id }: { id: number }) {
  const s = useSession();
  const { data, setData, error, loading, reload } = useLoad((signal) => get<Agency>(`/agencies/${id}`, {}, signal), [id]);
  const fe = useFormError(FIELD_NAMES);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [formKey, setFormKey] = useState(0);

  if (loading && !data) return <Loading />;
  if (error || !data) return <ErrorAlert error={error} onRetry={reload} />;
  const canEdit = s.caps.canManageAgency(data);
  const canUsers = s.caps.canSeeUsers && (s.caps.isSystemAdmin || s.caps.adminCouncils.includes(data.council_id) || s.caps.managedAgencies.includes(data.id));

  const submit = async (f: AgencyFields) => {
    setBusy(true);
    setSaved(false);
    fe.setError(null);
    const next: Record<string, unknown> = { ...clean(f), disabled: f.disabled };
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) if ((data as unknown as Record<string, unknown>)[k] !== v) changes[k] = v;
    try {
      const a = await patch<Agency>(`/agencies/${id}`, { version: data.version, ...changes });
      setData(a);
      setSaved(true);
      s.refreshRefs();
    } catch (e) {
      fe.capture(e);
      if (!(e instanceof ApiError)) throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title={data.name} sub={councilName(s, data.council_id)}>
        {canUsers && (
          <Link to={`/users?agency=${data.id}`} className="btn btn-sm btn-outline-primary">
            کارکنان دستگاه
          </Link>
        )}
        {s.caps.canSeeAgencies && (
          <Link to="/agencies" className="btn btn-sm btn-outline-secondary">
            بازگشت
          </Link>
        )}
      </PageHeader>
      <div className="row g-3">
        <div className="col-lg-8">
          <div className="card shadow-sm border-0">
            <div className="card-body">
              {canEdit ? (
                <>
                  <SavedAlert show={saved} />
                  <FormErrors
                    fe={fe}
                    onReload={() => {
                      fe.setError(null);
                      setSaved(false);
                      reload();
                      setFormKey((k) => k + 1);
                    }}
                  />
                  <AgencyForm
                    key={`${formKey}-${data.version}`}
                    isNew={false}
                    busy={busy}
                    fe={fe}
                    councils={s.councils}
                    onSubmit={submit}
                    initial={{ ...data, council_id: data.council_id, pr_phone: toPersianDigits(data.pr_phone ?? '') }}
                  />
                </>
              ) : (
                <Facts
                  dt="col-sm-4"
                  dd="col-sm-8"
                  rows={[
                    ['نام کامل', data.name],
                    ['نام کوتاه', data.short_name || '—'],
                    ['وبگاه', data.website ? <a href={data.website} dir="ltr" rel="noopener noreferrer" target="_blank">{data.website}</a> : '—'],
                    ['رایانامهٔ روابط عمومی', data.pr_email ? <bdi dir="ltr">{data.pr_email}</bdi> : '—'],
                    ['تلفن روابط عمومی', data.pr_phone ? <bdi dir="ltr">{toPersianDigits(data.pr_phone)}</bdi> : '—'],
                  ]}
                />
              )}
            </div>
          </div>
        </div>
        <div className="col-lg-4">
          <div className="card shadow-sm border-0">
            <div className="card-body small">
              <Facts
                rows={[
                  ['شناسه', <bdi dir="ltr">{data.slug}</bdi>],
                  ['وضعیت', <StatusBadge disabled={data.disabled} />],
                  ['نسخه', faNumber(data.version)],
                  ['ایجاد', <time dateTime={isoOf(data.created_at)}>{faDateTime(data.created_at)}</time>],
                  [
                    'آخرین تغییر',
                    <time dateTime={isoOf(data.updated_at)} data-testid="agency-updated">
                      {faDateTime(data.updated_at)}
                    </time>,
                  ],
                ]}
              />
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
