// The agency form (new and edit) and the body it sends.
import { useState, type FormEvent, type ReactNode } from 'react';
import { toLatinDigits } from '../fa';
import { Field, type useFormError } from '../components/ui';
import type { Agency } from '../types';

export type AgencyFields = Pick<Agency, 'slug' | 'name' | 'short_name' | 'website' | 'pr_email' | 'pr_phone' | 'disabled'> & { council_id: number | '' };
export const FIELD_NAMES = ['council_id', 'slug', 'name', 'short_name', 'website', 'pr_email', 'pr_phone', 'disabled'];

export function clean(f: AgencyFields) {
  return {
    name: f.name.trim(),
    short_name: f.short_name.trim(),
    website: f.website.trim(),
    pr_email: f.pr_email.trim(),
    pr_phone: toLatinDigits(f.pr_phone).trim(),
  };
}

export function AgencyForm({
  initial,
  isNew,
  busy,
  onSubmit,
  fe,
  councils,
}: {
  initial: AgencyFields;
  isNew: boolean;
  busy: boolean;
  onSubmit: (f: AgencyFields) => void;
  fe: ReturnType<typeof useFormError>;
  councils: { id: number; name: string }[];
}) {
  const [f, setF] = useState(initial);
  const set = <K extends keyof AgencyFields>(k: K, v: AgencyFields[K]) => setF((x) => ({ ...x, [k]: v }));
  const text = (k: 'slug' | 'name' | 'short_name' | 'website' | 'pr_email' | 'pr_phone', label: string, opts: { ltr?: boolean; hint?: ReactNode; type?: string; required?: boolean; autoComplete?: string } = {}) => (
    <Field label={label} error={fe.fieldError(k)} hint={opts.hint} className="col-md-6 mb-3">
      {(p) => (
        <input
          id={p.id}
          name={k}
          type={opts.type || 'text'}
          dir={opts.ltr ? 'ltr' : undefined}
          className={`form-control ${p.invalid ? 'is-invalid' : ''}`}
          aria-describedby={p.describedBy}
          aria-invalid={p.invalid || undefined}
          required={opts.required}
          autoComplete={opts.autoComplete || 'off'}
          value={f[k]}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit(f);
      }}
    >
      <div className="row">
        {isNew && councils.length > 1 && (
          <Field label="شورا" error={fe.fieldError('council_id')} className="col-md-6 mb-3">
            {(p) => (
              <select id={p.id} className={`form-select ${p.invalid ? 'is-invalid' : ''}`} value={f.council_id} onChange={(e) => set('council_id', e.target.value ? Number(e.target.value) : '')} required>
                <option value="">برگزینید…</option>
                {councils.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {text('name', 'نام کامل دستگاه', { required: true })}
        {text('short_name', 'نام کوتاه', { hint: 'مثلاً «بهزیستی»' })}
        {isNew && text('slug', 'شناسهٔ لاتین', { ltr: true, required: true, hint: <>حروف کوچک لاتین، رقم و خط تیره؛ مثلاً <bdi dir="ltr">behzisti</bdi></> })}
        {text('website', 'وبگاه', { ltr: true, type: 'url', hint: <>مثلاً <bdi dir="ltr">https://example.ir</bdi></> })}
        {text('pr_email', 'رایانامهٔ روابط عمومی', { ltr: true, type: 'email' })}
        {text('pr_phone', 'تلفن روابط عمومی', { ltr: true, type: 'tel', hint: 'با رقم‌های فارسی یا لاتین' })}
        {!isNew && (
          <div className="col-12 mb-3">
            <div className="form-check form-switch">
              <input id="agency-disabled" type="checkbox" role="switch" className="form-check-input" checked={f.disabled} onChange={(e) => set('disabled', e.target.checked)} />
              <label htmlFor="agency-disabled" className="form-check-label">
                دستگاه غیرفعال است
              </label>
            </div>
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="agency-save">
        {busy ? 'در حال ذخیره…' : isNew ? 'ایجاد دستگاه' : 'ذخیرهٔ تغییرات'}
      </button>
    </form>
  );
}
