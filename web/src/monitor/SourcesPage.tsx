// The monitored sources with their health; fetch one now, add a new one.
import { useState } from 'react';
import { faDateTime, faNumber } from '../fa';
import { useSession } from '../session';
import { ErrorAlert, Loading, PageHeader, useLoad } from '../components/ui';
import { createSource, fetchSource, listSources } from './api';
import { TIERS } from './labels';
import type { Source } from './types';

const NEW_SOURCE = { name: '', url: '', kind: 'feed', tier: 'national' };

export function SourcesPage() {
  const s = useSession();
  const council = s.councils[0]?.id;
  const { data, error, loading, reload } = useLoad((signal) => listSources(council, signal), [council]);
  const [form, setForm] = useState(NEW_SOURCE);
  const [formError, setFormError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const fetchNow = async (x: Source) => {
    try {
      await fetchSource(x.id);
      setNote(`دریافت «${x.name}» در صف قرار گرفت.`);
    } catch (e) {
      setFormError(e);
    }
  };
  return (
    <div>
      <PageHeader title="منبع‌های پایش" sub="خوراک‌ها و سایت‌ها، با وضعیت سلامت هر کدام" />
      <table className="table table-sm align-middle" data-testid="sources">
        <thead><tr><th>نام</th><th>سطح</th><th>وضعیت</th><th>آخرین دریافت موفق</th><th>خبرها (۲۴ ساعت)</th><th></th></tr></thead>
        <tbody>
          {data.items.map((x) => (
            <tr key={x.id} data-testid="source-row">
              <td><div>{x.name}</div><div className="small text-secondary" dir="ltr">{x.url}</div></td>
              <td>{TIERS[x.tier] ?? x.tier}</td>
              <td>
                {!x.enabled ? <span className="badge text-bg-secondary">غیرفعال</span> : x.health.healthy ? <span className="badge text-bg-success">سالم</span> : <span className="badge text-bg-danger">ناسالم</span>}
                {!x.health.healthy && <div className="small text-danger" data-testid="source-error">{x.health.last_error}</div>}
              </td>
              <td>{faDateTime(x.health.last_success_at)}</td>
              <td>{faNumber(x.health.items_total)} ({faNumber(x.health.items_last_day)})</td>
              <td>
                <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => void fetchNow(x)}>دریافت اکنون</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <div className="alert alert-info">{note}</div>}
      {formError ? <ErrorAlert error={formError} /> : null}
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
        <div className="col-md-3"><input className="form-control" placeholder="نام" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
        <div className="col-md-4"><input className="form-control" dir="ltr" placeholder="https://…/rss" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} /></div>
        <div className="col-md-2"><select className="form-select" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}><option value="feed">خوراک</option><option value="listing">صفحهٔ فهرست</option></select></div>
        <div className="col-md-2"><select className="form-select" value={form.tier} onChange={(e) => setForm({ ...form, tier: e.target.value })}>{Object.entries(TIERS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
        <div className="col-md-1"><button className="btn btn-primary w-100">افزودن</button></div>
      </form>
    </div>
  );
}
