import { useState, type FormEvent } from 'react';
import { get, patch } from '../api';
import { faDateTime, faNumber, isoOf } from '../fa';
import { useSession } from '../session';
import type { Council } from '../types';
import { ErrorAlert, Field, Link, Loading, PageHeader, SavedAlert, useFormError, useLoad } from '../components/ui';
import { ListBody } from '../components/ListPage';
import { BackLink, CardBox, Facts, FormErrors } from '../components/parts';

export function CouncilsPage() {
  const s = useSession();
  const list = useLoad((signal) => get<{ items: Council[] }>('/councils', {}, signal), []);
  return (
    <div>
      <PageHeader title="شوراها" />
      <ListBody list={list} empty="هیچ شورایی ثبت نشده است.">
        {(items) => (
          <div className="row g-3">
            {items.map((c) => (
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
      </ListBody>
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
        <BackLink to="/councils" />
      </PageHeader>
      <div className="row g-3">
        <div className="col-lg-7">
          <CardBox>
            {canEdit ? (
              <form onSubmit={submit} noValidate>
                <SavedAlert show={saved} />
                <FormErrors
                  fe={fe}
                  onReload={() => {
                    fe.setError(null);
                    setForm(null);
                    reload();
                  }}
                />
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
          </CardBox>
        </div>
        <div className="col-lg-5">
          <CardBox bodyClassName="card-body small">
            <Facts
              rows={[
                ['شناسه', <bdi dir="ltr">{data.slug}</bdi>],
                ['استان', data.province],
                ['دستگاه‌های عضو', faNumber(s.agencies.filter((a) => a.council_id === id).length)],
                ['ایجاد', <time dateTime={isoOf(data.created_at)}>{faDateTime(data.created_at)}</time>],
                ['آخرین تغییر', <time dateTime={isoOf(data.updated_at)}>{faDateTime(data.updated_at)}</time>],
              ]}
            />
          </CardBox>
        </div>
      </div>
    </div>
  );
}
