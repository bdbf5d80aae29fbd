// The editor's main card: over-title, title, lead, body (rich text), photos,
// and the save / submit (or correction) buttons.
import type { ReactNode } from 'react';
import { RichTextEditor } from '../RichTextEditor';
import { PhotoPicker } from '../PhotoPicker';
import { zwnjKeyDown } from '../zwnj';
import type { Form, SetField } from './form';
import type { FieldError } from './useDraft';

export function ContentCard({
  form,
  set,
  agencyId,
  canEdit,
  fieldError,
  actions,
}: {
  form: Form;
  set: SetField;
  agencyId: number;
  canEdit: boolean;
  fieldError: FieldError | null;
  /** the buttons under the form */
  actions: ReactNode;
}) {
  const invalid = (f: string) => fieldError?.field === f;
  const feedback = (f: string) => invalid(f) && <div className="invalid-feedback d-block">{fieldError?.message}</div>;
  return (
    <div className="card border-0 shadow-sm">
      <div className="card-body">
        <div className="mb-3">
          <label htmlFor="rel-over" className="form-label">
            روتیتر
          </label>
          <input id="rel-over" className="form-control" value={form.over_title} readOnly={!canEdit} onChange={(e) => set('over_title', e.target.value)} onKeyDown={zwnjKeyDown} data-testid="release-over-title" />
        </div>
        <div className="mb-3">
          <label htmlFor="rel-title" className="form-label">
            تیتر <span className="text-danger">*</span>
          </label>
          <input
            id="rel-title"
            className={`form-control form-control-lg fw-semibold ${invalid('title') ? 'is-invalid' : ''}`}
            value={form.title}
            readOnly={!canEdit}
            onChange={(e) => set('title', e.target.value)}
            onKeyDown={zwnjKeyDown}
            aria-invalid={invalid('title') || undefined}
            data-testid="release-title"
          />
          {feedback('title')}
        </div>
        <div className="mb-3">
          <label htmlFor="rel-lead" className="form-label">
            لید
          </label>
          <textarea id="rel-lead" className={`form-control ${invalid('lead') ? 'is-invalid' : ''}`} rows={3} value={form.lead} readOnly={!canEdit} onChange={(e) => set('lead', e.target.value)} onKeyDown={zwnjKeyDown} data-testid="release-lead" />
          {feedback('lead')}
        </div>
        <div className="mb-3">
          <div className="form-label" id="rel-body-label">
            متن خبر
          </div>
          {canEdit ? (
            <RichTextEditor id="rel-body" labelledBy="rel-body-label" value={form.body_html} onChange={(h) => set('body_html', h)} invalid={invalid('body_html')} />
          ) : (
            // Server-sanitized HTML (allowlist), shown as the reader will see it: a group named by the label above
            // (aria-labelledby names only an element with a role).
            <div className="rte-body card card-body bg-body-tertiary" role="group" aria-labelledby="rel-body-label" data-testid="release-body" dangerouslySetInnerHTML={{ __html: form.body_html }} />
          )}
          {feedback('body_html')}
        </div>
        <PhotoPicker agencyId={agencyId} photos={form.photos} onChange={(p) => set('photos', p)} readOnly={!canEdit} />
        {actions}
      </div>
    </div>
  );
}
