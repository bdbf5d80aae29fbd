// The editor's banners and small pieces: the conflict choice, the status
// banners (returned, withdrawn, corrected), the save state and the tabs.
import { Link } from '../../components/ui';
import { faDateTime, faTime } from '../../fa';
import type { Release, SanitizeWarning } from '../types';

export function ConflictBanner({ onReload, onKeep }: { onReload: () => void; onKeep: () => void }) {
  return (
    <div className="alert alert-warning" role="alert" data-testid="conflict">
      <div className="fw-semibold mb-1">این خبر هم‌زمان جای دیگری ذخیره شده است</div>
      <p className="mb-1" data-testid="conflict-message">
        پس از آنکه این صفحه را باز کردید، کس دیگری (یا شما در زبانهٔ دیگری) این خبر را ذخیره کرده است.
      </p>
      <p className="mb-2 small">
        ذخیرهٔ خودکار متوقف شد و چیزی از دست نرفته است: متن شما هنوز در همین صفحه است. یکی را برگزینید:
      </p>
      <div className="d-flex flex-wrap gap-2">
        <button type="button" className="btn btn-sm btn-warning" onClick={onReload} data-testid="conflict-reload">
          بارگذاری نسخهٔ تازه (کنار گذاشتن تغییرات من)
        </button>
        <button type="button" className="btn btn-sm btn-outline-dark" onClick={onKeep} data-testid="conflict-keep">
          نگه‌داشتن نسخهٔ من (ذخیره روی نسخهٔ تازه)
        </button>
      </div>
    </div>
  );
}

/** What the server's sanitizer dropped from the body at the last save (e.g. text after an unclosed textarea). */
export function SanitizeWarnings({ warnings }: { warnings: SanitizeWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="alert alert-warning py-2" role="alert" data-testid="sanitize-warnings">
      <div className="fw-semibold mb-1">بخشی از متن هنگام ذخیره حذف شد</div>
      <ul className="mb-0">
        {warnings.map((w) => (
          <li key={w.code} data-code={w.code}>
            {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function StatusBanners({ r }: { r: Release }) {
  return (
    <>
      {r.status === 'returned' && r.return_comment && (
        <div className="alert alert-warning" role="alert" data-testid="return-comment">
          <div className="fw-semibold mb-1">برگشت برای اصلاح</div>
          <div className="pre-wrap">{r.return_comment}</div>
        </div>
      )}
      {r.status === 'withdrawn' && (
        <div className="alert alert-danger" role="alert">
          <div className="fw-semibold">این خبر در {faDateTime(r.withdrawn_at)} پس گرفته شد.</div>
          {r.withdrawn_reason && <div className="pre-wrap">دلیل: {r.withdrawn_reason}</div>}
        </div>
      )}
      {r.corrected_at && r.correction_note && (
        <div className="alert alert-info" role="note">
          <span className="fw-semibold">اصلاحیه ({faDateTime(r.corrected_at)}): </span>
          {r.correction_note}
        </div>
      )}
    </>
  );
}

export function SaveState({ dirty, saving, savedAt }: { dirty: boolean; saving: boolean; savedAt: number | null }) {
  let text = '';
  let cls = 'text-secondary';
  if (saving) text = 'در حال ذخیره…';
  else if (dirty) {
    text = 'تغییرات ذخیره‌نشده (ذخیرهٔ خودکار هر ۱۰ ثانیه)';
    cls = 'text-warning-emphasis';
  } else if (savedAt) {
    text = `ذخیره شد، ساعت ${faTime(savedAt)}`;
    cls = 'text-success';
  }
  return (
    <span className={`small ${cls}`} role="status" aria-live="polite" data-testid="save-state" data-dirty={dirty} data-saving={saving}>
      {text}
    </span>
  );
}

export function EditorTabs({ id, tab }: { id: number; tab: 'edit' | 'history' }) {
  return (
    <ul className="nav nav-tabs mb-3">
      <li className="nav-item">
        <Link to={`/newsroom/${id}`} className={`nav-link ${tab === 'edit' ? 'active' : ''}`} aria-current={tab === 'edit' ? 'page' : undefined}>
          متن خبر
        </Link>
      </li>
      <li className="nav-item">
        <Link to={`/newsroom/${id}/history`} className={`nav-link ${tab === 'history' ? 'active' : ''}`} aria-current={tab === 'history' ? 'page' : undefined} data-testid="tab-history">
          تاریخچهٔ نسخه‌ها
        </Link>
      </li>
    </ul>
  );
}
