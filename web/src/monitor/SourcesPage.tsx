// The monitored sources with their health; fetch one now, add a new one. Those who manage monitoring
// (council admins, analysts, system admins) also enable/disable, edit and remove a source (removal only
// for a source no item came from; the server says so in Persian otherwise).
import { useState } from 'react';
import { faDateTime, faNumber, toLatinDigits, toPersianDigits } from '../fa';
import { useSession } from '../session';
import { ErrorAlert, Loading, PageHeader, useLoad } from '../components/ui';
import { createSource, deleteSource, fetchSource, listSources, updateSource } from './api';
import { TIERS } from './labels';
import type { Source } from './types';

const NEW_SOURCE = { name: '', url: '', kind: 'feed', tier: 'national' };
const KIND_NAMES: Record<string, string> = { feed: 'خوراک', listing: 'صفحهٔ فهرست' };

export function SourcesPage() {
  const s = useSession();
  const council = s.councils[0]?.id;
  const { data, error, loading, reload } = useLoad((signal) => listSources(council, signal), [council]);
  const [form, setForm] = useState(NEW_SOURCE);
  const [formError, setFormError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const canManage = s.caps.isSystemAdmin || s.user.roles.some((g) => (g.role === 'council_admin' || g.role === 'analyst') && g.council_id === council);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const run = async (what: () => Promise<unknown>, done: string) => {
    setFormError(null);
    setNote('');
    try {
      await what();
      setNote(done);
      reload();
      return true;
    } catch (e) {
      setFormError(e);
      return false;
    }
  };
  const fetchNow = (x: Source) => run(() => fetchSource(x.id), `دریافت «${x.name}» در صف قرار گرفت.`);
  const toggle = (x: Source) =>
    run(() => updateSource(x.id, { version: x.version, enabled: !x.enabled }), x.enabled ? `«${x.name}» غیرفعال شد.` : `«${x.name}» فعال شد.`);
  const remove = async (x: Source) => {
    if (await run(() => deleteSource(x.id), `«${x.name}» حذف شد.`)) setRemoving(null);
  };
  return (
    <div>
      <PageHeader title="منبع‌های پایش" sub="خوراک‌ها و سایت‌ها، با وضعیت سلامت هر کدام" />
      {note && <div className="alert alert-info py-2" role="status" data-testid="sources-note">{note}</div>}
      {formError ? <ErrorAlert error={formError} /> : null}
      <div className="table-responsive">
        <table className="table table-sm align-middle" data-testid="sources">
          <thead><tr><th>نام</th><th>سطح</th><th>وضعیت</th><th>آخرین دریافت موفق</th><th>خبرها (۲۴ ساعت)</th><th></th></tr></thead>
          <tbody>
            {data.items.map((x) =>
              editing === x.id ? (
                <tr key={x.id} data-testid="source-row">
                  <td colSpan={6}>
                    <SourceEditor
                      source={x}
                      onCancel={() => setEditing(null)}
                      onSave={async (body) => {
                        if (await run(() => updateSource(x.id, { version: x.version, ...body }), `«${String(body.name)}» ذخیره شد.`)) setEditing(null);
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={x.id} data-testid="source-row" data-enabled={String(x.enabled)}>
                  <td><div>{x.name}</div><div className="small text-secondary" dir="ltr">{x.url}</div></td>
                  <td>{TIERS[x.tier] ?? x.tier}</td>
                  <td>
                    {!x.enabled ? <span className="badge text-bg-secondary">غیرفعال</span> : x.health.healthy ? <span className="badge text-bg-success">سالم</span> : <span className="badge text-bg-danger">ناسالم</span>}
                    {!x.health.healthy && <div className="small text-danger" data-testid="source-error">{x.health.last_error}</div>}
                  </td>
                  <td>{faDateTime(x.health.last_success_at)}</td>
                  <td>{faNumber(x.health.items_total)} ({faNumber(x.health.items_last_day)})</td>
                  <td className="text-nowrap">
                    {removing === x.id ? (
                      <span className="d-inline-flex align-items-center gap-1" data-testid="source-remove-confirm">
                        <span className="small">حذف شود؟</span>
                        <button type="button" className="btn btn-sm btn-danger" onClick={() => void remove(x)} data-testid="source-remove-yes">بله، حذف</button>
                        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setRemoving(null)}>انصراف</button>
                      </span>
                    ) : (
                      <div className="d-flex flex-wrap gap-1">
                        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => void fetchNow(x)}>دریافت اکنون</button>
                        {canManage && (
                          <>
                            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void toggle(x)} data-testid="source-toggle">
                              {x.enabled ? 'غیرفعال کردن' : 'فعال کردن'}
                            </button>
                            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => { setRemoving(null); setEditing(x.id); }} data-testid="source-edit">ویرایش</button>
                            <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => { setEditing(null); setRemoving(x.id); }} data-testid="source-remove">حذف</button>
                          </>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <h2 className="h6 mt-4">منبع تازه</h2>
      <form className="row g-2" onSubmit={async (e) => {
        e.preventDefault();
        try {
          await createSource({ ...form, council_id: council });
          setForm(NEW_SOURCE);
          reload();
        } catch (err) {
          setFormError(err);
        }
      }}>
        <div className="col-md-3"><input className="form-control" placeholder="نام" aria-label="نام منبع تازه" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
        <div className="col-md-4"><input className="form-control" dir="ltr" placeholder="https://…/rss" aria-label="نشانی منبع تازه" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} /></div>
        <div className="col-md-2"><select className="form-select" aria-label="نوع منبع تازه" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>{Object.entries(KIND_NAMES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
        <div className="col-md-2"><select className="form-select" aria-label="سطح منبع تازه" value={form.tier} onChange={(e) => setForm({ ...form, tier: e.target.value })}>{Object.entries(TIERS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
        <div className="col-md-1"><button className="btn btn-primary w-100">افزودن</button></div>
      </form>
    </div>
  );
}

/** A source's name, address, kind, tier and fetch interval (minutes, typed in any digits). */
function SourceEditor({ source, onSave, onCancel }: { source: Source; onSave: (body: Record<string, unknown>) => void; onCancel: () => void }) {
  const [f, setF] = useState({
    name: source.name,
    url: source.url,
    kind: source.kind,
    tier: source.tier,
    minutes: toPersianDigits(Math.round((source.fetch_interval_s || 900) / 60)),
  });
  const id = `src-${source.id}`;
  return (
    <form
      className="row g-2 align-items-end"
      data-testid="source-editor"
      onSubmit={(e) => {
        e.preventDefault();
        const minutes = Number(toLatinDigits(f.minutes).trim());
        onSave({ name: f.name, url: f.url, kind: f.kind, tier: f.tier, fetch_interval_s: Number.isFinite(minutes) ? Math.round(minutes * 60) : 0 });
      }}
    >
      <div className="col-md-3">
        <label className="form-label small" htmlFor={`${id}-name`}>نام</label>
        <input id={`${id}-name`} className="form-control form-control-sm" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} data-testid="source-edit-name" />
      </div>
      <div className="col-md-4">
        <label className="form-label small" htmlFor={`${id}-url`}>نشانی</label>
        <input id={`${id}-url`} className="form-control form-control-sm" dir="ltr" value={f.url} onChange={(e) => setF({ ...f, url: e.target.value })} />
      </div>
      <div className="col-md-1">
        <label className="form-label small" htmlFor={`${id}-kind`}>نوع</label>
        <select id={`${id}-kind`} className="form-select form-select-sm" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
          {Object.entries(KIND_NAMES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </div>
      <div className="col-md-1">
        <label className="form-label small" htmlFor={`${id}-tier`}>سطح</label>
        <select id={`${id}-tier`} className="form-select form-select-sm" value={f.tier} onChange={(e) => setF({ ...f, tier: e.target.value })}>
          {Object.entries(TIERS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </div>
      <div className="col-md-1">
        <label className="form-label small" htmlFor={`${id}-min`}>هر چند دقیقه</label>
        <input id={`${id}-min`} className="form-control form-control-sm" inputMode="numeric" value={f.minutes} onChange={(e) => setF({ ...f, minutes: e.target.value })} data-testid="source-edit-minutes" />
      </div>
      <div className="col-md-2 d-flex gap-1">
        <button type="submit" className="btn btn-sm btn-primary" data-testid="source-edit-save">ذخیره</button>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={onCancel}>انصراف</button>
      </div>
    </form>
  );
}
