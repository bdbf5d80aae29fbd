// Parts of the console's "new …" configuration cards (distribution's channel form, the messenger's bot
// form): the values of the text fields with an input builder that shows each field's server error, the
// owner select (a council or an agency), and the card with its success and error alerts.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Field } from './ui';

export interface TextOptions { ltr?: boolean; type?: string; hint?: string }

/**
 * The string values of a form's text fields and `text(name, label)` building a labelled input bound to
 * one of them; `fieldError` names the server's error of a field; test ids are `${prefix}-${name}` (with
 * `_` → `-`).
 */
export function useTextFields(prefix: string, fieldError: (name: string) => string | null, initial: Record<string, string> = {}) {
  const [values, setValues] = useState<Record<string, string>>(initial);
  const set = (k: string) => (e: { target: { value: string } }) => setValues((x) => ({ ...x, [k]: e.target.value }));
  const text = (k: string, label: string, opts: TextOptions = {}) => (
    <Field label={label} error={fieldError(k)} hint={opts.hint}>
      {({ id, invalid, describedBy }) => (
        <input
          id={id}
          type={opts.type ?? 'text'}
          dir={opts.ltr ? 'ltr' : undefined}
          className={`form-control ${invalid ? 'is-invalid' : ''}`}
          value={values[k] ?? ''}
          onChange={set(k)}
          aria-describedby={describedBy}
          autoComplete="off"
          data-testid={`${prefix}-${k.replace(/_/g, '-')}`}
        />
      )}
    </Field>
  );
  return { values, setValues, set, text };
}

/** The council or agency that owns what the form creates. */
export function OwnerSelect({ owners, value, onChange, testId }: {
  owners: { value: string; label: string }[];
  value: string;
  onChange: (v: string) => void;
  testId: string;
}) {
  return (
    <Field label="دستگاه یا شورا">
      {({ id }) => (
        <select id={id} className="form-select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {owners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

/** The card of a creation form: its title, the success note, the error not tied to a field. */
export function ConfigFormCard({ title, testId, errorTestId, done, error, onSubmit, children }: {
  title: string;
  testId: string;
  errorTestId?: string;
  done: string | null;
  error: string | null;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form className="card border-0 shadow-sm" onSubmit={onSubmit} data-testid={testId} noValidate>
      <div className="card-body">
        <h2 className="h6">{title}</h2>
        {done && <div className="alert alert-success py-1 small" role="status">{done}</div>}
        {error && <div className="alert alert-danger py-1 small" role="alert" data-testid={errorTestId}>{error}</div>}
        {children}
      </div>
    </form>
  );
}
