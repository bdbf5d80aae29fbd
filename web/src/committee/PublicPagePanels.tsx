// A committee's settings panels: the opt-in public page on the site (issue 13 §8: the council admin's switch
// on a committee's page, a decision's publication on the decision's page for its secretary, chair and admins)
// and the reminder lead time before decisions' deadlines (§7). The console only hides; the server decides.
import { useState } from 'react';
import { faDateTime, faNumber, toLatinDigits } from '../fa';
import { ErrorAlert, Field, Loading, useFormError, useLoad } from '../components/ui';
import { FormErrors } from '../components/parts';
import {
  getCommitteeSettings, getPublication, getReminderSettings, setCommitteeSettings, setPublication, setReminderSettings,
} from './api';

export function PublicPageSwitch({ councilId }: { councilId: number }) {
  const { data, error, loading, reload } = useLoad((signal) => getCommitteeSettings(councilId, signal), [councilId]);
  const fe = useFormError([]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const toggle = async () => {
    try {
      fe.setError(null);
      await setCommitteeSettings(councilId, { public_page: !data.public_page, version: data.version });
      reload();
    } catch (err) {
      fe.capture(err);
    }
  };
  return (
    <section className="card card-body mt-4" data-testid="public-page-switch">
      <h2 className="h6">صفحهٔ عمومی مصوبات در پایگاه خبری</h2>
      <FormErrors fe={fe} />
      <p className="small text-secondary mb-2">
        وقتی روشن باشد، مصوبه‌هایی که دبیر یا رئیس کمیته منتشر کرده‌اند با وضعیت پیگیری و پیشرفتشان در
        نشانی <bdi>/decisions</bdi> پایگاه خبری دیده می‌شوند (بدون نام مسئول و بدون گزارش‌های پیگیری).
      </p>
      <div className="form-check form-switch">
        <input className="form-check-input" type="checkbox" role="switch" id="public-page" checked={data.public_page}
          onChange={toggle} data-testid="public-page-toggle" />
        <label className="form-check-label" htmlFor="public-page">{data.public_page ? 'روشن است' : 'خاموش است'}</label>
      </div>
      {data.public_page && <a className="small mt-2" href="/decisions" target="_blank" rel="noopener">دیدن صفحهٔ عمومی</a>}
    </section>
  );
}

// `onChanged`: the decision's version moved (the page reloads it).
export function PublicationPanel({ decisionId, canPublish, onChanged }: { decisionId: number; canPublish: boolean; onChanged: () => void }) {
  const { data, error, loading, reload } = useLoad((signal) => getPublication(decisionId, signal), [decisionId]);
  const fe = useFormError([]);
  const [busy, setBusy] = useState(false);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const toggle = async () => {
    setBusy(true);
    try {
      fe.setError(null);
      await setPublication(decisionId, { published: !data.published, version: data.version });
      onChanged();
    } catch (err) {
      fe.capture(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="d-flex align-items-center gap-2 mb-3" data-testid="publication">
      <FormErrors fe={fe} />
      <span className={`badge ${data.published ? 'text-bg-success' : 'text-bg-light'}`} data-testid="publication-state">
        {data.published ? `در صفحهٔ عمومی منتشر شده${data.published_at ? ` (${faDateTime(data.published_at)})` : ''}` : 'در صفحهٔ عمومی نیست'}
      </span>
      {canPublish && (
        <button className="btn btn-sm btn-outline-primary" disabled={busy} onClick={toggle} data-testid="publication-toggle">
          {data.published ? 'برداشتن از صفحهٔ عمومی' : 'انتشار در صفحهٔ عمومی'}
        </button>
      )}
    </div>
  );
}

// A committee's reminder lead time: how many days before a decision's deadline its owner person and the owner
// agency's PR managers are reminded (the secretary and council admins change it).
export function ReminderSettingsForm({ committeeId, canEdit }: { committeeId: number; canEdit: boolean }) {
  const { data, error, loading, reload } = useLoad((signal) => getReminderSettings(committeeId, signal), [committeeId]);
  const fe = useFormError(['decision_reminder_days']);
  const [days, setDays] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      fe.setError(null);
      await setReminderSettings(committeeId, { decision_reminder_days: Number(toLatinDigits(days)), version: data.version });
      setDays('');
      reload();
    } catch (err) {
      fe.capture(err);
    }
  };
  return (
    <section className="card card-body mt-4" data-testid="reminder-settings">
      <h2 className="h6">یادآوری مهلت مصوبه‌ها</h2>
      <p className="small mb-2">
        {faNumber(data.decision_reminder_days)} روز پیش از مهلت هر مصوبه، به مسئول آن و مدیر روابط عمومی دستگاه مسئول
        یادآوری فرستاده می‌شود.
      </p>
      {canEdit && (
        <form className="d-flex gap-2 align-items-start" onSubmit={save}>
          <FormErrors fe={fe} />
          <Field label="روز پیش از مهلت (۱ تا ۳۰)" error={fe.fieldError('decision_reminder_days')}>
            {(p) => <input {...p} className="form-control" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} data-testid="reminder-days" />}
          </Field>
          <button className="btn btn-outline-primary mt-4" disabled={!days.trim()} data-testid="save-reminder-days">ذخیره</button>
        </form>
      )}
    </section>
  );
}
