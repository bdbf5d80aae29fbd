// A citizen's personal data (the council desk: system and council admins): everything filed with one mobile
// number, downloadable as a JSON file (the right of access), and its erasure after an explicit
// confirmation (the requests stay for the statistics, without the person's name, mobile, national code,
// subject, text, address and attachments; open ones are closed). Both are audited by the server.
import { useState } from 'react';
import { faDateTime, faNumber, normalizeMobile, toPersianDigits } from '../fa';
import { ErrorAlert, PageHeader, useTitle } from '../components/ui';
import { erasePersonal, exportPersonal, type PersonalData } from './api';
import { REQUEST_TYPES, STATES } from './labels';

const TYPE_NAME = Object.fromEntries(REQUEST_TYPES) as Record<string, string>;
const STATE_NAME = Object.fromEntries(STATES) as Record<string, string>;

export function CitizenPrivacyPage() {
  useTitle('دادهٔ شخصی شهروندان');
  const [mobile, setMobile] = useState('');
  const [data, setData] = useState<PersonalData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState(false);
  const [erased, setErased] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const look = async () => {
    setError(null);
    setErased(null);
    setConfirm(false);
    setBusy(true);
    try {
      setData(await exportPersonal(normalizeMobile(mobile)));
    } catch (e) {
      setData(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = () => {
    if (!data) return;
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `citizen-data-${data.mobile}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const erase = async () => {
    if (!data) return;
    setError(null);
    setBusy(true);
    try {
      const r = await erasePersonal(data.mobile);
      setErased(r.erased);
      setConfirm(false);
      // The mobile is gone from the requests now: nothing is filed with it any more.
      setData({ ...data, requests: [], chats: [] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="privacy-page">
      <PageHeader title="دادهٔ شخصی شهروندان" sub="هر آنچه با یک شمارهٔ همراه ثبت شده است: دیدن، برون‌بری و پاک کردن به درخواست خود شهروند. هر دو کار در گزارش رویدادها ثبت می‌شود." />
      <form
        className="row g-2 align-items-end mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          void look();
        }}
      >
        <div className="col-md-4">
          <label className="form-label small" htmlFor="privacy-mobile">شمارهٔ همراه شهروند</label>
          <input id="privacy-mobile" className="form-control" dir="ltr" inputMode="tel" placeholder="۰۹۱۲۳۴۵۶۷۸۹" value={mobile} onChange={(e) => setMobile(e.target.value)} data-testid="privacy-mobile" />
        </div>
        <div className="col-md-2">
          <button type="submit" className="btn btn-primary w-100" disabled={busy} data-testid="privacy-look">نمایش</button>
        </div>
      </form>
      {error ? <ErrorAlert error={error} /> : null}
      {erased !== null && (
        <div className="alert alert-success" role="status" data-testid="privacy-erased">
          دادهٔ شخصی {faNumber(erased)} درخواست پاک شد.
        </div>
      )}
      {data && (
        <div className="card border-0 shadow-sm" data-testid="privacy-result">
          <div className="card-body">
            <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
              <h2 className="h6 mb-0">
                <bdi dir="ltr">{toPersianDigits(data.mobile)}</bdi>: {faNumber(data.requests.length)} درخواست
              </h2>
              {data.requests.length > 0 && (
                <div className="d-flex gap-2">
                  <button type="button" className="btn btn-sm btn-outline-primary" onClick={download} data-testid="privacy-download">دریافت پرونده (JSON)</button>
                  <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => setConfirm(true)} data-testid="privacy-erase">پاک کردن</button>
                </div>
              )}
            </div>
            {confirm && (
              <div className="alert alert-warning" role="alertdialog" aria-labelledby="erase-q" data-testid="privacy-confirm">
                <p id="erase-q" className="mb-2">
                  نام، شمارهٔ همراه، کد ملی، موضوع، متن، نشانی و پیوست‌های {faNumber(data.requests.length)} درخواست برای همیشه پاک می‌شود و بازگرداندنی نیست؛ درخواست‌های باز بسته می‌شوند و بی‌نام در آمار می‌مانند.
                </p>
                <div className="d-flex gap-2">
                  <button type="button" className="btn btn-sm btn-danger" disabled={busy} onClick={() => void erase()} data-testid="privacy-erase-yes">بله، پاک شود</button>
                  <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setConfirm(false)}>انصراف</button>
                </div>
              </div>
            )}
            {data.requests.length === 0 ? (
              <p className="text-secondary mb-0" data-testid="privacy-none">درخواستی با این شماره ثبت نشده است.</p>
            ) : (
              <div className="table-responsive">
                <table className="table table-sm align-middle mb-0">
                  <thead><tr><th>کد رهگیری</th><th>نوع</th><th>موضوع</th><th>نام</th><th>دستگاه</th><th>وضعیت</th><th>ثبت</th></tr></thead>
                  <tbody>
                    {data.requests.map((r) => (
                      <tr key={r.tracking_code} data-testid="privacy-row">
                        <td><bdi dir="ltr">{toPersianDigits(r.tracking_code)}</bdi></td>
                        <td>{TYPE_NAME[r.type] ?? r.type}</td>
                        <td>{r.subject || '—'}</td>
                        <td>{r.name || '—'}</td>
                        <td>{r.agency || '—'}</td>
                        <td>{STATE_NAME[r.state] ?? r.state}</td>
                        <td className="small">{faDateTime(r.created_at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
