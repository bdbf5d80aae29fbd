// One agency: the form for those who manage it, the facts for the others.
import { useState } from 'react';
import { ApiError, get, patch } from '../api';
import { faDateTime, faNumber, isoOf, toPersianDigits } from '../fa';
import { councilName, useSession } from '../session';
import type { Agency } from '../types';
import { ErrorAlert, Link, Loading, PageHeader, SavedAlert, StatusBadge, useFormError, useLoad } from '../components/ui';
import { BackLink, CardBox, Facts, FormErrors } from '../components/parts';
import { AgencyForm, FIELD_NAMES, clean, type AgencyFields } from './AgencyForm';

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
          <BackLink to="/agencies" />
        )}
      </PageHeader>
      <div className="row g-3">
        <div className="col-lg-8">
          <CardBox>
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
          </CardBox>
        </div>
        <div className="col-lg-4">
          <CardBox bodyClassName="card-body small">
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
          </CardBox>
        </div>
      </div>
    </div>
  );
}
