import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { faNumber } from '../fa';
import { ErrorAlert, Field, Loading, PageHeader, StatusBadge, useFormError, useLoad } from '../components/ui';
import { DataTable } from '../components/ListPage';
import { agencyName, useSession } from '../session';
import {
  createChannel,
  createPressList,
  importContacts,
  listChannels,
  listPressLists,
  testChannel,
  updateChannel,
  type Channel,
  type ChannelKind,
  type ImportReport,
  type PressList,
  type TestResult,
} from './api';

const KINDS: { kind: ChannelKind; label: string }[] = [
  { kind: 'telegram', label: 'تلگرام' },
  { kind: 'bale', label: 'بله' },
  { kind: 'eitaa', label: 'ایتا' },
  { kind: 'email', label: 'رایانامهٔ خبرنگاران (SMTP)' },
  { kind: 'webhook', label: 'وب‌هوک' },
];

/** Owners the user may configure: "a:<agency id>" or "c:<council id>". */
function useOwners() {
  const s = useSession();
  const c = s.caps;
  const owners: { value: string; label: string }[] = [];
  for (const co of s.councils) if (c.isSystemAdmin || c.adminCouncils.includes(co.id)) owners.push({ value: `c:${co.id}`, label: `شورا: ${co.name}` });
  for (const a of s.agencies) {
    if (c.isSystemAdmin || c.adminCouncils.includes(a.council_id) || c.managedAgencies.includes(a.id)) owners.push({ value: `a:${a.id}`, label: a.name });
  }
  return owners;
}
function ownerBody(v: string) {
  const [t, id] = v.split(':');
  return t === 'c' ? { council_id: Number(id) } : { agency_id: Number(id) };
}

export function DistributionPage() {
  const s = useSession();
  const channels = useLoad(() => listChannels(), []);
  const lists = useLoad(() => listPressLists(), []);
  const [tests, setTests] = useState<Record<number, TestResult | string>>({});
  const [toggleError, setToggleError] = useState<string | null>(null);

  const owner = (ch: { agency_id: number | null }) => (ch.agency_id ? agencyName(s, ch.agency_id) : 'شورا');
  const test = async (ch: Channel) => {
    setTests((t) => ({ ...t, [ch.id]: 'در حال آزمودن…' }));
    try {
      const r = await testChannel(ch.id);
      setTests((t) => ({ ...t, [ch.id]: r }));
    } catch (e) {
      setTests((t) => ({ ...t, [ch.id]: e instanceof ApiError ? e.message : 'آزمون انجام نشد.' }));
    }
  };
  const toggle = async (ch: Channel) => {
    setToggleError(null);
    try {
      await updateChannel(ch.id, { version: ch.version, enabled: !ch.enabled });
      channels.reload();
    } catch (e) {
      setToggleError(e instanceof ApiError ? e.message : 'انجام نشد.');
    }
  };

  return (
    <div data-testid="distribution-page">
      <PageHeader title="انتشار در کانال‌ها" sub="کانال‌های پیام‌رسان، رایانامهٔ خبرنگاران و وب‌هوک‌ها؛ هر خبر منتشرشده به همهٔ کانال‌های فعال دستگاه فرستاده می‌شود." />
      <div className="row g-3">
        <div className="col-xl-7">
          <div className="card border-0 shadow-sm mb-3">
            <div className="card-body">
              <h2 className="h6">کانال‌ها</h2>
              {toggleError && <div className="alert alert-danger py-1 small">{toggleError}</div>}
              {channels.error ? (
                <ErrorAlert error={channels.error} onRetry={channels.reload} />
              ) : !channels.data ? (
                <Loading />
              ) : channels.data.length === 0 ? (
                <p className="text-secondary mb-0">هنوز کانالی تعریف نشده است.</p>
              ) : (
                <DataTable
                  bare
                  className="table table-sm align-middle mb-0"
                  headClassName=""
                  rows={channels.data}
                  rowKey={(ch) => ch.id}
                  rowProps={() => ({ 'data-testid': 'channel-row' })}
                  columns={[
                    { header: 'نام', cell: (ch) => <ChannelName ch={ch} test={tests[ch.id]} /> },
                    { header: 'نوع', cell: (ch) => ch.kind_name },
                    { header: 'دستگاه', cell: owner },
                    { header: 'رمز / توکن', cellClassName: 'text-end', cellProps: () => ({ dir: 'ltr' }), cell: (ch) => (ch.secret_set ? ch.secret_hint : '—') },
                    { header: 'وضعیت', cell: (ch) => <StatusBadge disabled={!ch.enabled} /> },
                    {
                      header: '',
                      cellClassName: 'text-nowrap',
                      cell: (ch) => (
                        <>
                          <button type="button" className="btn btn-sm btn-outline-primary me-1" onClick={() => void test(ch)} data-testid="channel-test">
                            آزمودن
                          </button>
                          <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void toggle(ch)}>
                            {ch.enabled ? 'غیرفعال کردن' : 'فعال کردن'}
                          </button>
                        </>
                      ),
                    },
                  ]}
                />
              )}
            </div>
          </div>
          <PressLists lists={lists.data} error={lists.error} reload={lists.reload} owner={owner} />
        </div>
        <div className="col-xl-5">
          <NewChannel lists={lists.data ?? []} onCreated={channels.reload} />
        </div>
      </div>
    </div>
  );
}

/** A channel's name, with the result of its last test under it. */
function ChannelName({ ch, test: t }: { ch: Channel; test?: TestResult | string }) {
  return (
    <>
      {ch.name}
      {t && (
        <div className={`small ${typeof t === 'string' ? 'text-secondary' : t.ok ? 'text-success' : 'text-danger'}`} data-testid="channel-test-result">
          {typeof t === 'string' ? t : t.ok ? 'پیام آزمایشی فرستاده شد.' : t.error_fa}
        </div>
      )}
    </>
  );
}

function NewChannel({ lists, onCreated }: { lists: PressList[]; onCreated: () => void }) {
  const owners = useOwners();
  const [owner, setOwner] = useState(owners[0]?.value ?? '');
  const [kind, setKind] = useState<ChannelKind>('telegram');
  const [f, setF] = useState<Record<string, string>>({ tls: 'starttls' });
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const err = useFormError(['name', 'chat_id', 'base_url', 'secret', 'url', 'smtp_url', 'from_address', 'press_list_id', 'kind', 'tls', 'reply_to']);
  const set = (k: string) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const text = (k: string, label: string, opts: { ltr?: boolean; type?: string; hint?: string } = {}) => (
    <Field label={label} error={err.fieldError(k)} hint={opts.hint}>
      {({ id, invalid, describedBy }) => (
        <input
          id={id}
          type={opts.type ?? 'text'}
          dir={opts.ltr ? 'ltr' : undefined}
          className={`form-control ${invalid ? 'is-invalid' : ''}`}
          value={f[k] ?? ''}
          onChange={set(k)}
          aria-describedby={describedBy}
          autoComplete="off"
          data-testid={`channel-${k.replace(/_/g, '-')}`}
        />
      )}
    </Field>
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setDone(null);
    err.setError(null);
    const config: Record<string, unknown> = {};
    if (kind === 'email') {
      config.press_list_id = Number(f.press_list_id || lists[0]?.id || 0);
      for (const k of ['smtp_url', 'tls', 'username', 'from_address', 'from_name', 'reply_to']) if (f[k]) config[k] = f[k];
    } else if (kind === 'webhook') {
      config.url = f.url ?? '';
    } else {
      config.chat_id = f.chat_id ?? '';
      if (f.base_url) config.base_url = f.base_url;
    }
    try {
      await createChannel({ ...ownerBody(owner), kind, name: f.name ?? '', config, ...(f.secret ? { secret: f.secret } : {}) });
      setDone('کانال افزوده شد.');
      setF({ tls: 'starttls' });
      onCreated();
    } catch (e2) {
      err.capture(e2);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="card border-0 shadow-sm" onSubmit={(e) => void submit(e)} data-testid="channel-form" noValidate>
      <div className="card-body">
        <h2 className="h6">کانال تازه</h2>
        {done && <div className="alert alert-success py-1 small" role="status">{done}</div>}
        {err.formMessage && <div className="alert alert-danger py-1 small" role="alert" data-testid="channel-form-error">{err.formMessage}</div>}
        <Field label="دستگاه یا شورا">
          {({ id }) => (
            <select id={id} className="form-select" value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="channel-owner">
              {owners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          )}
        </Field>
        <Field label="نوع کانال">
          {({ id }) => (
            <select id={id} className="form-select" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)} data-testid="channel-kind">
              {KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
            </select>
          )}
        </Field>
        {text('name', 'نام کانال')}
        {(kind === 'telegram' || kind === 'bale' || kind === 'eitaa') && (
          <>
            {text('chat_id', 'شناسهٔ کانال', { ltr: true, hint: 'مانند ‎@qazvin_news‎ یا ‎-1001234567890‎؛ ربات باید مدیر کانال باشد.' })}
            {text('secret', kind === 'eitaa' ? 'توکن ایتایار' : 'توکن ربات', { ltr: true, type: 'password', hint: 'پس از ذخیره فقط چهار نویسهٔ پایانی نشان داده می‌شود.' })}
            {text('base_url', 'نشانی سرویس (اختیاری)', { ltr: true, hint: 'خالی: نشانی رسمی سرویس.' })}
          </>
        )}
        {kind === 'webhook' && (
          <>
            {text('url', 'نشانی وب‌هوک', { ltr: true })}
            {text('secret', 'کلید امضا (HMAC-SHA256)', { ltr: true, type: 'password' })}
          </>
        )}
        {kind === 'email' && (
          <>
            <Field label="فهرست خبرنگاران" error={err.fieldError('press_list_id')}>
              {({ id }) => (
                <select id={id} className="form-select" value={f.press_list_id ?? ''} onChange={set('press_list_id')}>
                  {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
                </select>
              )}
            </Field>
            {text('smtp_url', 'نشانی سرور SMTP', { ltr: true, hint: 'مانند smtp://mail.example.ir:587' })}
            <Field label="رمزنگاری">
              {({ id }) => (
                <select id={id} className="form-select" value={f.tls} onChange={set('tls')}>
                  <option value="starttls">STARTTLS (پیشنهادی)</option>
                  <option value="tls">TLS مستقیم (smtps)</option>
                  <option value="none">بدون رمزنگاری (فقط شبکهٔ داخلی)</option>
                </select>
              )}
            </Field>
            {text('username', 'نام کاربری SMTP', { ltr: true })}
            {text('secret', 'گذرواژهٔ SMTP', { ltr: true, type: 'password' })}
            {text('from_address', 'نشانی فرستنده', { ltr: true })}
            {text('from_name', 'نام فرستنده')}
          </>
        )}
        <button type="submit" className="btn btn-primary" disabled={saving || !owner} data-testid="channel-save">
          افزودن کانال
        </button>
      </div>
    </form>
  );
}

function PressLists({ lists, error, reload, owner }: { lists: PressList[] | null; error: unknown; reload: () => void; owner: (x: { agency_id: number | null }) => string }) {
  const owners = useOwners();
  const [name, setName] = useState('');
  const [own, setOwn] = useState(owners[0]?.value ?? '');
  const [csv, setCsv] = useState<Record<number, string>>({});
  const [reports, setReports] = useState<Record<number, ImportReport | string>>({});
  const err = useFormError(['name']);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    err.setError(null);
    try {
      await createPressList({ ...ownerBody(own), name });
      setName('');
      reload();
    } catch (e2) {
      err.capture(e2);
    }
  };
  const doImport = async (l: PressList) => {
    try {
      const r = await importContacts(l.id, csv[l.id] ?? '');
      setReports((x) => ({ ...x, [l.id]: r }));
      reload();
    } catch (e) {
      setReports((x) => ({ ...x, [l.id]: e instanceof ApiError ? e.message : 'افزودن انجام نشد.' }));
    }
  };
  return (
    <div className="card border-0 shadow-sm">
      <div className="card-body">
        <h2 className="h6">فهرست‌های خبرنگاران</h2>
        {error ? <ErrorAlert error={error} onRetry={reload} /> : !lists ? <Loading /> : lists.map((l) => {
          const r = reports[l.id];
          return (
            <div key={l.id} className="border rounded p-2 mb-2" data-testid="press-list">
              <div className="d-flex justify-content-between">
                <strong>{l.name}</strong>
                <span className="small text-secondary">{owner(l)} · {faNumber(l.contacts)} نشانی · {faNumber(l.unsubscribed)} لغو اشتراک</span>
              </div>
              <label className="form-label small mt-2" htmlFor={`csv-${l.id}`}>افزودن از CSV (ستون‌ها: email,name,outlet,beats)</label>
              <textarea id={`csv-${l.id}`} className="form-control form-control-sm" dir="ltr" rows={3} value={csv[l.id] ?? ''}
                onChange={(e) => setCsv((x) => ({ ...x, [l.id]: e.target.value }))} placeholder={'email,name,outlet,beats\nreporter@example.ir,نام,رسانه,حوزه'} />
              <button type="button" className="btn btn-sm btn-outline-primary mt-1" onClick={() => void doImport(l)}>افزودن نشانی‌ها</button>
              {r && (typeof r === 'string' ? <div className="text-danger small">{r}</div> : (
                <div className="small mt-1" data-testid="import-report">
                  افزوده: {faNumber(r.added)} · به‌روز: {faNumber(r.updated)} · ردشده: {faNumber(r.rejected)}
                  {r.problems.length > 0 && (
                    <ul className="text-danger mb-0">
                      {r.problems.slice(0, 20).map((p) => <li key={p.line}>سطر {faNumber(p.line)}: <bdi>{p.email}</bdi> — {p.message}</li>)}
                    </ul>
                  )}
                </div>
              ))}
            </div>
          );
        })}
        <form className="d-flex flex-wrap gap-2 mt-2" onSubmit={(e) => void create(e)}>
          <select className="form-select form-select-sm w-auto" value={own} onChange={(e) => setOwn(e.target.value)} aria-label="صاحب فهرست">
            {owners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
          <input className="form-control form-control-sm w-auto" value={name} onChange={(e) => setName(e.target.value)} placeholder="نام فهرست تازه" aria-label="نام فهرست تازه" />
          <button type="submit" className="btn btn-sm btn-primary">ساختن فهرست</button>
          {err.formMessage && <div className="text-danger small w-100">{err.formMessage}</div>}
          {err.fieldError('name') && <div className="text-danger small w-100">{err.fieldError('name')}</div>}
        </form>
      </div>
    </div>
  );
}
