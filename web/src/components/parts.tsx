// Pieces shared by the record pages (agency, council, user): the form's
// error or conflict banner, and a definition list of facts.
import type { ReactNode } from 'react';
import { ConflictAlert, Link, type useFormError } from './ui';

/** The version-conflict banner (when onReload is given) or the form-level error. */
export function FormErrors({ fe, onReload }: { fe: ReturnType<typeof useFormError>; onReload?: () => void }) {
  if (fe.error?.isConflict && onReload) return <ConflictAlert error={fe.error} onReload={onReload} />;
  if (!fe.formMessage) return null;
  return (
    <div className="alert alert-danger" role="alert" data-testid="form-error">
      {fe.formMessage}
    </div>
  );
}

/** Label → value rows as a compact definition list. */
export function Facts({ rows, className = 'row mb-0 dl-compact', dt = 'col-5', dd = 'col-7' }: { rows: [string, ReactNode][]; className?: string; dt?: string; dd?: string }) {
  return (
    <dl className={className}>
      {rows.map(([label, value]) => [
        <dt key={`t-${label}`} className={dt}>
          {label}
        </dt>,
        <dd key={`d-${label}`} className={dd}>
          {value}
        </dd>,
      ])}
    </dl>
  );
}

/** The «back» button of a record page's header. */
export function BackLink({ to }: { to: string }) {
  return (
    <Link to={to} className="btn btn-sm btn-outline-secondary">
      بازگشت
    </Link>
  );
}

/** A borderless shadowed card with a body. */
export function CardBox({ children, bodyClassName = 'card-body' }: { children: ReactNode; bodyClassName?: string }) {
  return (
    <div className="card shadow-sm border-0">
      <div className={bodyClassName}>{children}</div>
    </div>
  );
}
