// The metadata card: category, tags, occasion, urgency, source line, publish
// and embargo times, council level and co-signing agencies.
import { useLoad } from '../../components/ui';
import { MONTHS, toPersianDigits } from '../../fa';
import type { Session } from '../../session';
import { listOccasions } from '../api';
import { CATEGORIES, URGENCY_LABELS } from '../labels';
import { TagsInput } from '../TagsInput';
import { DateTimeField } from '../DateTimeField';
import { zwnjKeyDown } from '../zwnj';
import type { Occasion } from '../types';
import type { Form, SetField } from './form';

export function MetaCard({ s, form, set, canEdit, agencyId, councilId }: { s: Session; form: Form; set: SetField; canEdit: boolean; agencyId: number; councilId: number }) {
  const occasions = useLoad((signal) => (councilId ? listOccasions({ council_id: councilId }, signal) : Promise.resolve({ items: [] as Occasion[] })), [councilId]);
  const partners = s.agencies.filter((a) => a.id !== agencyId && (!councilId || a.council_id === councilId) && !a.disabled);
  const cats = form.category && !CATEGORIES.includes(form.category) ? [form.category, ...CATEGORIES] : CATEGORIES;
  return (
    <div className="card border-0 shadow-sm" data-testid="release-meta">
      <fieldset className="card-body" disabled={!canEdit}>
        <legend className="h6 mb-3">مشخصات خبر</legend>
        <div className="mb-3">
          <label htmlFor="rel-cat" className="form-label">
            دسته
          </label>
          <select id="rel-cat" className="form-select" value={form.category} onChange={(e) => set('category', e.target.value)} data-testid="release-category">
            <option value="">— برگزینید —</option>
            {cats.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </div>
        <div className="mb-3">
          {/* A <label> names a form control; read-only there is none, only the group of tags. */}
          {canEdit ? (
            <label htmlFor="rel-tags" className="form-label" id="rel-tags-label">
              برچسب‌ها
            </label>
          ) : (
            <div className="form-label" id="rel-tags-label">
              برچسب‌ها
            </div>
          )}
          <TagsInput id="rel-tags" labelId="rel-tags-label" value={form.tags} onChange={(t) => set('tags', t)} readOnly={!canEdit} />
        </div>
        <div className="mb-3">
          <label htmlFor="rel-occasion" className="form-label">
            مناسبت مرتبط
          </label>
          <select id="rel-occasion" className="form-select" value={form.occasion_id ?? ''} onChange={(e) => set('occasion_id', e.target.value ? Number(e.target.value) : null)} data-testid="release-occasion">
            <option value="">بدون مناسبت</option>
            {(occasions.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({toPersianDigits(o.day)} {MONTHS[o.month - 1]})
              </option>
            ))}
          </select>
        </div>
        <div className="row g-2 mb-3">
          <div className="col-6">
            <label htmlFor="rel-urgency" className="form-label">
              فوریت
            </label>
            <select id="rel-urgency" className="form-select" value={form.urgency} onChange={(e) => set('urgency', e.target.value)} data-testid="release-urgency">
              {Object.entries(URGENCY_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div className="col-6">
            <label htmlFor="rel-source" className="form-label">
              منبع
            </label>
            <input id="rel-source" className="form-control" value={form.source_line} onChange={(e) => set('source_line', e.target.value)} onKeyDown={zwnjKeyDown} placeholder="روابط عمومی…" data-testid="release-source" />
          </div>
        </div>
        <div className="mb-3">
          <DateTimeField label="انتشار در" value={form.publish_at} onChange={(v) => set('publish_at', v)} testId="release-publish-at" hint="خالی: بی‌درنگ پس از تأیید منتشر می‌شود." />
        </div>
        <div className="mb-3">
          <DateTimeField label="ممنوعیت انتشار تا" value={form.embargo_until} onChange={(v) => set('embargo_until', v)} testId="release-embargo" hint="پیش از این زمان در هیچ جا منتشر نمی‌شود." />
        </div>
        <div className="form-check form-switch mb-3">
          <input id="rel-council" type="checkbox" className="form-check-input" checked={form.council_level} onChange={(e) => set('council_level', e.target.checked)} data-testid="release-council-level" />
          <label htmlFor="rel-council" className="form-check-label">
            خبر در سطح شورا (نیاز به تأیید کمیتهٔ روابط عمومی شورا)
          </label>
        </div>
        {partners.length > 0 && (
          <div>
            <div className="form-label" id="co-signers-label">
              دستگاه‌های همکار (امضای مشترک)
            </div>
            {/* A scrolling box only while its checkboxes can be reached by keyboard; read-only (the fieldset
                disabled) the whole list shows, as nothing in it could scroll it into view. */}
            <div className={`${canEdit ? 'co-signers ' : ''}border rounded p-2`} role="group" aria-labelledby="co-signers-label">
              {partners.map((a) => (
                <div className="form-check" key={a.id}>
                  <input
                    id={`co-${a.id}`}
                    type="checkbox"
                    className="form-check-input"
                    checked={form.co_agency_ids.includes(a.id)}
                    onChange={(e) => set('co_agency_ids', e.target.checked ? [...form.co_agency_ids, a.id] : form.co_agency_ids.filter((x) => x !== a.id))}
                  />
                  <label htmlFor={`co-${a.id}`} className="form-check-label small">
                    {a.short_name || a.name}
                  </label>
                </div>
              ))}
            </div>
          </div>
        )}
      </fieldset>
    </div>
  );
}
