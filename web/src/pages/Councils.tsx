import { useState, type FormEvent } from 'react';
import { get, patch } from '../api';
import { faDateTime, faNumber, isoOf } from '../fa';
import { useSession } from '../session';
import type { Council } from '../types';
import { ConflictAlert, Empty, ErrorAlert, Field, Link, Loading, PageHeader, SavedAlert, useFormError, useLoad } from '../components/ui';

export function CouncilsPage() {
  const s = useSession();
  const { data, error, loading, reload } = useLoad((signal) => get<{ items: Council[] }>('/councils', {}, signal), []);
  return (
    <div>
      <PageHeader title="شوراها" />
      {loading ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : !data || data.items.length === 0 ? (
        <Empty>هیچ شورایی ثبت نشده است.</Empty>
      ) : (
        <div className="row g-3">
          {data.items.map((c) => (
            <div className="col-lg-6" key={c.id}>
              <div className="card h-100 shadow-sm border-0">
                <div className="card-body">
                  <h2 className="h5">{c.name}</h2>
                  <div className="text-secondary small mb-2">استان {c.province}</div>
                  <p className="mb-3">{c.description || 'بدون توضیح'}</p>
                  <div className="d-flex justify-content-between align-items-center">
                    <span className="small text-secondary">
                      {faNumber(s.agencies.filter((a) => a.council_id === c.id).length)} دستگاه عضو
                    </span>
                    <Link to={`/councils/${c.id}`} className="btn btn-sm btn-outline-primary">
                      {s.caps.canEditCouncil(c.id) ? 'مشاهده و ویرایش' : 'مشاهده'}
                    </Link>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export function CouncilPage({ id }: { id: number }) {
  const s = useSession();
  const { data, setData, error, loading, reload } = useLoad((signal) => get<Council>(`/councils/${id}`, {}, signal), [id]);
  const canEdit = s.caps.canEditCouncil(id);
  const [form, setForm] = useState<{ name: string; description: string } | null>(null);
  const fe = useFormError(['name', 'description']);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  if (loading) return <Loading />;
  if (error || !data) return <ErrorAlert error={error} onRetry={reload} />;
  const f = form ?? { name: data.name, description: data.description };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    fe.setError(null);
    try {
      const c = await patch<Council>(`/councils/${id}`, { version: data.version, name: f.name.trim(), description: f.description.trim() });
      setData(c);
      setForm(null);
      setSaved(true);
      s.refreshRefs();
    } catch (err) {
      fe.capture(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title={data.name} sub={`استان ${data.province}`}>
        <Link to="/councils" className="btn btn-sm btn-outline-secondary">
          بازگشت
        </Link>
      </PageHeader>
      <div className="row g-3">
        <div className="col-lg-7">
          <div className="card shadow-sm border-0">
            <div className="card-body">
              {canEdit ? (
                <form onSubmit={submit} noValidate>
                  <SavedAlert show={saved} />
                  {fe.error?.isConflict ? (
                    <ConflictAlert
                      error={fe.error}
                      onReload={() => {
                        fe.setError(null);
                        setForm(null);
                        reload();
                      }}
                    />
                  ) : (
                    fe.formMessage && (
                      <div className="alert alert-danger" role="alert">
                        {fe.formMessage}
                      </div>
                    )
                  )}
                  <Field label="نام شورا" error={fe.fieldError('name')}>
                    {(p) => (
                      <input
                        id={p.id}
                        className={`form-control ${p.invalid ? 'is-invalid' : ''}`}
                        aria-describedby={p.describedBy}
                        value={f.name}
                        onChange={(e) => setForm({ ...f, name: e.target.value })}
                        required
                      />
                    )}
                  </Field>
                  <Field label="توضیحات" error={fe.fieldError('description')}>
                    {(p) => (
                      <textarea
                        id={p.id}
                        className={`form-control ${p.invalid ? 'is-invalid' : ''}`}
                        aria-describedby={p.describedBy}
                        rows={4}
                        value={f.description}
                        onChange={(e) => setForm({ ...f, description: e.target.value })}
                      />
                    )}
                  </Field>
                  <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? 'در حال ذخیره…' : 'ذخیره'}
                  </button>
                </form>
              ) : (
                <>
                  <h2 className="h6 text-secondary">توضیحات</h2>
                  <p className="mb-0">{data.description || 'بدون توضیح'}</p>
                </>
              )}
            </div>
          </div>
        </div>
        <div className="col-lg-5">
          <div className="card shadow-sm border-0">
            <div className="card-body small">
              <dl className="row mb-0 dl-compact">
                <dt className="col-5">شناسه</dt>
                <dd className="col-7">
                  <bdi dir="ltr">{data.slug}</bdi>
                </dd>
                <dt className="col-5">استان</dt>
                <dd className="col-7">{data.province}</dd>
                <dt className="col-5">دستگاه‌های عضو</dt>
                <dd className="col-7">{faNumber(s.agencies.filter((a) => a.council_id === id).length)}</dd>
                <dt className="col-5">ایجاد</dt>
                <dd className="col-7">
                  <time dateTime={isoOf(data.created_at)}>{faDateTime(data.created_at)}</time>
                </dd>
                <dt className="col-5">آخرین تغییر</dt>
                <dd className="col-7">
                  <time dateTime={isoOf(data.updated_at)}>{faDateTime(data.updated_at)}</time>
                </dd>
              </dl>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
