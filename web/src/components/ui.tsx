import { useCallback, useEffect, useId, useRef, useState, type ReactNode, type MouseEvent } from 'react';
import { ApiError } from '../api';
import { faNumber } from '../fa';
import { href, navigate } from '../router';

export function Link({
  to,
  children,
  className,
  ...rest
}: { to: string; children: ReactNode; className?: string } & Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a {...rest} href={href(to)} className={className} onClick={onClick}>
      {children}
    </a>
  );
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} — پل` : 'پل — میز کار روابط عمومی';
  }, [title]);
}

export function Loading({ label = 'در حال بارگذاری…' }: { label?: string }) {
  return (
    <div className="d-flex align-items-center gap-2 text-secondary py-4" role="status" aria-live="polite">
      <span className="spinner-border spinner-border-sm" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ children = 'موردی یافت نشد.' }: { children?: ReactNode }) {
  return (
    <div className="text-center text-secondary py-5 empty-state" data-testid="empty">
      <div className="fs-2 mb-2" aria-hidden="true">∅</div>
      {children}
    </div>
  );
}

export function Forbidden({ message }: { message?: string }) {
  useTitle('دسترسی غیرمجاز');
  return (
    <div className="forbidden card border-0 shadow-sm mx-auto my-4" style={{ maxWidth: 560 }} data-testid="forbidden">
      <div className="card-body p-4 text-center">
        <div className="display-6 text-danger mb-3" aria-hidden="true">⛔</div>
        <h1 className="h4 mb-3">دسترسی مجاز نیست</h1>
        <p className="text-secondary mb-4" role="alert">
          {message || 'شما اجازهٔ دسترسی به این بخش را ندارید. اگر فکر می‌کنید باید دسترسی داشته باشید، با مدیر شورا تماس بگیرید.'}
        </p>
        <Link to="/" className="btn btn-primary">
          بازگشت به خانه
        </Link>
      </div>
    </div>
  );
}

export function NotFound() {
  useTitle('صفحه پیدا نشد');
  return (
    <div className="text-center py-5">
      <h1 className="h4">صفحهٔ مورد نظر پیدا نشد</h1>
      <p className="text-secondary">نشانی را بررسی کنید یا از فهرست کناری یک بخش را برگزینید.</p>
      <Link to="/" className="btn btn-outline-primary">
        بازگشت به خانه
      </Link>
    </div>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 403) return <Forbidden message={error.message} />;
  const msg = error instanceof ApiError ? error.message : 'خطای ناشناخته رخ داد.';
  return (
    <div className="alert alert-danger d-flex align-items-center justify-content-between gap-3" role="alert">
      <span>{msg}</span>
      {onRetry && (
        <button type="button" className="btn btn-sm btn-outline-danger" onClick={onRetry}>
          تلاش دوباره
        </button>
      )}
    </div>
  );
}

export function PageHeader({ title, children, sub }: { title: string; children?: ReactNode; sub?: ReactNode }) {
  useTitle(title);
  return (
    <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-4 page-header">
      <div>
        <h1 className="h4 mb-1">{title}</h1>
        {sub && <div className="text-secondary small">{sub}</div>}
      </div>
      {children && <div className="d-flex gap-2">{children}</div>}
    </div>
  );
}

const sameDeps = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * Loads data with a dependency list; exposes loading/error/reload. The data of
 * the last load stays while the next one runs; a load whose dependencies have
 * changed meanwhile is aborted and never shown.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [tick, setTick] = useState(0);
  // The dependencies as one value that changes only when one of them does
  // (state adjusted while rendering, so the new load shows as loading at once).
  const current = [...deps, tick];
  const [key, setKey] = useState(current);
  if (!sameDeps(key, current)) setKey(current);
  const [result, setResult] = useState<{ key: unknown[] | null; data: T | null; error: unknown }>({ key: null, data: null, error: null });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const ctl = new AbortController();
    loadRef.current(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setResult({ key, data, error: null });
      },
      (error) => {
        if (!ctl.signal.aborted) setResult((r) => ({ key, data: r.data, error }));
      },
    );
    return () => ctl.abort();
  }, [key]);
  const settled = result.key === key;
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: T) => setResult((r) => ({ ...r, data })), []);
  return { data: result.data, setData, error: settled ? result.error : null, loading: !settled, reload };
}

export function Pagination({
  page,
  perPage,
  total,
  onPage,
}: {
  page: number;
  perPage: number;
  total: number;
  onPage: (p: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (total <= 0) return null;
  const from = (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  const nums: number[] = [];
  for (let p = Math.max(1, page - 2); p <= Math.min(pages, page + 2); p++) nums.push(p);
  return (
    <nav className="d-flex flex-wrap align-items-center justify-content-between gap-2 mt-3" aria-label="صفحه‌بندی">
      <div className="text-secondary small" data-testid="page-info">
        {faNumber(from)} تا {faNumber(to)} از {faNumber(total)} مورد
      </div>
      {pages > 1 && (
        <ul className="pagination pagination-sm mb-0">
          <li className={`page-item ${page <= 1 ? 'disabled' : ''}`}>
            <button type="button" className="page-link" onClick={() => onPage(page - 1)} disabled={page <= 1}>
              قبلی
            </button>
          </li>
          {nums.map((p) => (
            <li key={p} className={`page-item ${p === page ? 'active' : ''}`}>
              <button
                type="button"
                className="page-link"
                onClick={() => onPage(p)}
                aria-current={p === page ? 'page' : undefined}
                aria-label={`صفحهٔ ${faNumber(p)}`}
              >
                {faNumber(p)}
              </button>
            </li>
          ))}
          <li className={`page-item ${page >= pages ? 'disabled' : ''}`}>
            <button type="button" className="page-link" onClick={() => onPage(page + 1)} disabled={page >= pages}>
              بعدی
            </button>
          </li>
        </ul>
      )}
    </nav>
  );
}

/** A labelled form control with server-side field error support. */
export function Field({
  label,
  error,
  hint,
  children,
  className = 'mb-3',
  id: idProp,
}: {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  id?: string;
  children: (p: { id: string; invalid: boolean; describedBy?: string }) => ReactNode;
}) {
  const auto = useId();
  const id = idProp || auto;
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {children({ id, invalid: !!error, describedBy })}
      {hint && !error && (
        <div id={hintId} className="form-text">
          {hint}
        </div>
      )}
      {error && (
        <div id={errId} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}

/** A form-level error from the API, with field errors routed to their inputs. */
export function useFormError(fields: string[] = []) {
  const [error, setError] = useState<ApiError | null>(null);
  const fieldError = (name: string) => (error && error.field === name ? error.message : null);
  const formMessage = error && !(error.field && fields.includes(error.field)) ? error.message : null;
  const capture = (e: unknown) => {
    if (e instanceof ApiError) setError(e);
    else setError(new ApiError(0, 'unknown', 'خطای ناشناخته رخ داد.'));
  };
  return { error, setError, fieldError, formMessage, capture };
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  return disabled ? (
    <span className="badge text-bg-secondary">غیرفعال</span>
  ) : (
    <span className="badge text-bg-success">فعال</span>
  );
}

/** Shown when the server answers 409 version_conflict to an update. */
export function ConflictAlert({ error, onReload }: { error: ApiError; onReload: () => void }) {
  return (
    <div className="alert alert-warning" role="alert" data-testid="conflict">
      <div className="fw-semibold mb-1">تعارض ویرایش</div>
      <p className="mb-1" data-testid="conflict-message">
        {error.message}
      </p>
      <p className="mb-2 small">تغییرات شما ذخیره نشد تا کار کاربر دیگر از بین نرود.</p>
      <button type="button" className="btn btn-sm btn-warning" onClick={onReload}>
        بارگذاری نسخهٔ تازه
      </button>
    </div>
  );
}

export function SavedAlert({ show, children = 'تغییرات ذخیره شد.' }: { show: boolean; children?: ReactNode }) {
  if (!show) return null;
  return (
    <div className="alert alert-success py-2" role="status" data-testid="saved">
      {children}
    </div>
  );
}
