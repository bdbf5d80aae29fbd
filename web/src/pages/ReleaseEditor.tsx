// The release editor: write and autosave a draft, attach photos, and take the
// workflow steps the signed-in user's role allows. A stale version (409
// version_conflict) stops autosave and asks the writer what to keep.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { Empty, ErrorAlert, Forbidden, Link, Loading, PageHeader, useLoad } from '../components/ui';
import { faDateTime, faTime, isoOf } from '../fa';
import { href } from '../router';
import { agencyName, useSession, type Session } from '../session';
import { createRelease, getRelease, isConflict, listOccasions, transition, updateRelease, type WorkflowAction } from '../newsroom/api';
import { CATEGORIES, URGENCY_LABELS, statusLabel } from '../newsroom/labels';
import { CouncilLevelBadge, ReleaseStatusBadge } from '../newsroom/parts';
import type { Occasion, Release, ReleasePhoto } from '../newsroom/types';
import { RichTextEditor } from '../newsroom/RichTextEditor';
import { PhotoPicker } from '../newsroom/PhotoPicker';
import { TagsInput } from '../newsroom/TagsInput';
import { DateTimeField } from '../newsroom/DateTimeField';
import { Dialog } from '../newsroom/Dialog';
import { zwnjKeyDown } from '../newsroom/zwnj';
import { ReleaseHistory } from './ReleaseHistory';
import { DeliveriesPanel } from '../distribution/DeliveriesPanel';
import { MONTHS, toPersianDigits } from '../fa';

const AUTOSAVE_MS = 10_000;
const EDITABLE = ['draft', 'returned'];

interface Form {
  over_title: string;
  title: string;
  lead: string;
  body_html: string;
  category: string;
  occasion_id: number | null;
  urgency: string;
  source_line: string;
  tags: string[];
  embargo_until: number | null;
  publish_at: number | null;
  council_level: boolean;
  co_agency_ids: number[];
  photos: ReleasePhoto[];
}

const EMPTY: Form = {
  over_title: '',
  title: '',
  lead: '',
  body_html: '',
  category: '',
  occasion_id: null,
  urgency: 'normal',
  source_line: '',
  tags: [],
  embargo_until: null,
  publish_at: null,
  council_level: false,
  co_agency_ids: [],
  photos: [],
};

function formOf(r: Release): Form {
  return {
    over_title: r.over_title ?? '',
    title: r.title ?? '',
    lead: r.lead ?? '',
    body_html: r.body_html ?? '',
    category: r.category ?? '',
    occasion_id: r.occasion_id ?? null,
    urgency: r.urgency || 'normal',
    source_line: r.source_line ?? '',
    tags: r.tags ?? [],
    embargo_until: r.embargo_until ?? null,
    publish_at: r.publish_at ?? null,
    council_level: !!r.council_level,
    co_agency_ids: (r.co_signers ?? []).map((c) => c.agency_id),
    photos: (r.photos ?? []).map((p) => ({ ...p })),
  };
}

/** The request body for create/update/correct (ReleaseInput on the server; 0 clears a time). */
function bodyOf(f: Form, creating: boolean): Record<string, unknown> {
  const b: Record<string, unknown> = {
    over_title: f.over_title.trim(),
    title: f.title.trim(),
    lead: f.lead.trim(),
    body_html: f.body_html,
    category: f.category,
    urgency: f.urgency,
    source_line: f.source_line.trim(),
    tags: f.tags,
    council_level: f.council_level,
    co_agency_ids: f.co_agency_ids,
    photos: f.photos.map((p) => ({ media_id: p.media_id, caption: p.caption.trim() })),
  };
  for (const k of ['occasion_id', 'embargo_until', 'publish_at'] as const) {
    if (f[k] != null) b[k] = f[k];
    else if (!creating) b[k] = 0;
  }
  return b;
}

export function ReleaseNewPage() {
  const s = useSession();
  const q = new URLSearchParams(window.location.search);
  const agencyId = Number(q.get('agency')) || (s.caps.writeAgencies.length === 1 ? s.caps.writeAgencies[0] : 0);
  if (!agencyId || !s.caps.canWriteRelease(agencyId)) return <Forbidden message="شما نمی‌توانید برای این دستگاه خبر بنویسید." />;
  return <ReleaseEditor initial={null} agencyId={agencyId} tab="edit" />;
}

export function ReleasePage({ id, tab }: { id: number; tab: 'edit' | 'history' }) {
  const { data, error, loading, reload } = useLoad((signal) => getRelease(id, signal), [id]);
  if (loading && !data) return <Loading />;
  if (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403))
      return (
        <div data-testid="release-not-found">
          <PageHeader title="خبر پیدا نشد" />
          <Empty>این خبر وجود ندارد یا شما اجازهٔ دیدن آن را ندارید.</Empty>
          <div className="text-center">
            <Link to="/newsroom" className="btn btn-outline-primary">
              بازگشت به فهرست خبرها
            </Link>
          </div>
        </div>
      );
    return <ErrorAlert error={error} onRetry={reload} />;
  }
  if (!data) return null;
  return <ReleaseEditor key={data.id} initial={data} agencyId={data.agency_id} tab={tab} />;
}

type DialogKind = null | 'return' | 'schedule' | 'withdraw' | 'correct' | 'approve';

function ReleaseEditor({ initial, agencyId, tab }: { initial: Release | null; agencyId: number; tab: 'edit' | 'history' }) {
  const s = useSession();
  const c = s.caps;
  const [rel, setRelState] = useState<Release | null>(initial);
  const [form, setFormState] = useState<Form>(initial ? formOf(initial) : EMPTY);
  const [dirty, setDirtyState] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ field?: string; message: string } | null>(null);
  const [conflict, setConflictState] = useState<ApiError | null>(null);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [correcting, setCorrecting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // Refs mirror state for the autosave timer and async saves.
  const relRef = useRef(rel);
  const formRef = useRef(form);
  const dirtyRef = useRef(false);
  const genRef = useRef(0);
  const savingRef = useRef(false);
  const conflictRef = useRef<ApiError | null>(null);
  const setRel = (r: Release) => {
    relRef.current = r;
    setRelState(r);
  };
  const setDirty = (d: boolean) => {
    dirtyRef.current = d;
    setDirtyState(d);
  };
  const setConflict = (e: ApiError | null) => {
    conflictRef.current = e;
    setConflictState(e);
  };
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    formRef.current = { ...formRef.current, [k]: v };
    genRef.current++;
    setFormState(formRef.current);
    setDirty(true);
    setSaveError(null);
    if (fieldError?.field === k) setFieldError(null);
  };

  const status = rel?.status ?? 'draft';
  const writer = c.canWriteRelease(agencyId);
  const manager = c.canManageReleases(agencyId);
  // Writers edit drafts and returned releases; the PR manager may also touch up a submitted one before approving.
  const canEdit = (writer && EDITABLE.includes(status)) || (manager && status === 'submitted') || (correcting && manager);
  const canEditRef = useRef(canEdit);
  canEditRef.current = canEdit && !correcting;

  const save = useCallback(
    async (auto: boolean): Promise<boolean> => {
      if (savingRef.current) return false;
      const f = formRef.current;
      if (!f.title.trim()) {
        if (!auto) setFieldError({ field: 'title', message: 'تیتر خبر را بنویسید.' });
        return false;
      }
      savingRef.current = true;
      setSaving(true);
      const gen = genRef.current;
      try {
        const cur = relRef.current;
        let r: Release;
        if (!cur) {
          r = await createRelease({ agency_id: agencyId, ...bodyOf(f, true) });
          // Stay on this screen (and keep typing) while the address becomes the release's own.
          window.history.replaceState(null, '', href(`/newsroom/${r.id}`));
        } else {
          r = await updateRelease(cur.id, { version: cur.version, ...bodyOf(f, false) });
        }
        setRel(r);
        if (genRef.current === gen) setDirty(false);
        setSavedAt(Date.now());
        setSaveError(null);
        setFieldError(null);
        return true;
      } catch (e) {
        if (isConflict(e)) setConflict(e);
        else if (e instanceof ApiError) {
          if (e.field) setFieldError({ field: e.field, message: e.message });
          setSaveError(e.message);
        } else setSaveError('ذخیره انجام نشد.');
        return false;
      } finally {
        savingRef.current = false;
        setSaving(false);
      }
    },
    [agencyId],
  );

  // Autosave a dirty draft every ~10 s.
  useEffect(() => {
    const t = window.setInterval(() => {
      if (dirtyRef.current && canEditRef.current && !conflictRef.current && formRef.current.title.trim()) void save(true);
    }, AUTOSAVE_MS);
    return () => window.clearInterval(t);
  }, [save]);

  // Warn before leaving with unsaved changes.
  useEffect(() => {
    const on = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', on);
    return () => window.removeEventListener('beforeunload', on);
  }, []);

  const reloadFresh = async () => {
    if (!relRef.current) return;
    const fresh = await getRelease(relRef.current.id);
    setRel(fresh);
    formRef.current = formOf(fresh);
    setFormState(formRef.current);
    setDirty(false);
    setConflict(null);
    setCorrecting(false);
  };
  const keepMine = async () => {
    if (!relRef.current) return;
    const fresh = await getRelease(relRef.current.id);
    setRel(fresh);
    setConflict(null);
    if (!EDITABLE.includes(fresh.status) && !(fresh.status === 'submitted' && s.caps.canManageReleases(fresh.agency_id))) {
      setSaveError(`این خبر اکنون «${statusLabel(fresh.status)}» است و دیگر ویرایش نمی‌شود. برای دیدن نسخهٔ تازه بارگذاری کنید.`);
      return;
    }
    await save(false);
  };

  const act = async (action: WorkflowAction, extra: Record<string, unknown> = {}) => {
    setSaveError(null);
    setNotice(null);
    if (dirtyRef.current && canEditRef.current) {
      const ok = await save(false);
      if (!ok) return false;
    }
    const cur = relRef.current;
    if (!cur) return false;
    try {
      const r = await transition(cur.id, action, { version: cur.version, ...extra });
      setRel(r);
      formRef.current = formOf(r);
      setFormState(formRef.current);
      setDirty(false);
      setCorrecting(false);
      setDialog(null);
      setNotice(NOTICES[action]?.(r) ?? 'انجام شد.');
      return true;
    } catch (e) {
      if (isConflict(e)) {
        setDialog(null);
        setConflict(e);
      } else setSaveError(e instanceof ApiError ? e.message : 'انجام نشد.');
      return false;
    }
  };

  const title = rel ? rel.title || 'خبر بی‌تیتر' : 'خبر تازه';
  const tabs = rel && (
    <ul className="nav nav-tabs mb-3">
      <li className="nav-item">
        <Link to={`/newsroom/${rel.id}`} className={`nav-link ${tab === 'edit' ? 'active' : ''}`} aria-current={tab === 'edit' ? 'page' : undefined}>
          متن خبر
        </Link>
      </li>
      <li className="nav-item">
        <Link to={`/newsroom/${rel.id}/history`} className={`nav-link ${tab === 'history' ? 'active' : ''}`} aria-current={tab === 'history' ? 'page' : undefined} data-testid="tab-history">
          تاریخچهٔ نسخه‌ها
        </Link>
      </li>
    </ul>
  );

  return (
    <div data-testid="release-editor" data-status={status}>
      <PageHeader
        title={title}
        sub={
          <span className="d-inline-flex flex-wrap gap-2 align-items-center">
            <Link to={`/newsroom?agency=${agencyId}`}>{agencyName(s, agencyId)}</Link>
            {rel && <ReleaseStatusBadge status={rel.status} />}
            {rel?.council_level && <CouncilLevelBadge />}
          </span>
        }
      >
        {canEdit && !correcting && <SaveState dirty={dirty} saving={saving} savedAt={savedAt} />}
      </PageHeader>
      {tabs}
      {conflict && (
        <div className="alert alert-warning" role="alert" data-testid="conflict">
          <div className="fw-semibold mb-1">این خبر هم‌زمان جای دیگری ذخیره شده است</div>
          <p className="mb-1" data-testid="conflict-message">
            پس از آنکه این صفحه را باز کردید، کس دیگری (یا شما در زبانهٔ دیگری) این خبر را ذخیره کرده است.
          </p>
          <p className="mb-2 small">
            ذخیرهٔ خودکار متوقف شد و چیزی از دست نرفته است: متن شما هنوز در همین صفحه است. یکی را برگزینید:
          </p>
          <div className="d-flex flex-wrap gap-2">
            <button type="button" className="btn btn-sm btn-warning" onClick={() => void reloadFresh()} data-testid="conflict-reload">
              بارگذاری نسخهٔ تازه (کنار گذاشتن تغییرات من)
            </button>
            <button type="button" className="btn btn-sm btn-outline-dark" onClick={() => void keepMine()} data-testid="conflict-keep">
              نگه‌داشتن نسخهٔ من (ذخیره روی نسخهٔ تازه)
            </button>
          </div>
        </div>
      )}
      {notice && (
        <div className="alert alert-success py-2" role="status" data-testid="release-notice">
          {notice}
        </div>
      )}
      {saveError && !conflict && (
        <div className="alert alert-danger py-2" role="alert" data-testid="release-error">
          {saveError}
        </div>
      )}
      {rel && <StatusBanners r={rel} />}
      {tab === 'history' && rel ? (
        <ReleaseHistory release={rel} />
      ) : (
        <div className="row g-3">
          <div className="col-lg-8">
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
                    className={`form-control form-control-lg fw-semibold ${fieldError?.field === 'title' ? 'is-invalid' : ''}`}
                    value={form.title}
                    readOnly={!canEdit}
                    onChange={(e) => set('title', e.target.value)}
                    onKeyDown={zwnjKeyDown}
                    aria-invalid={fieldError?.field === 'title' || undefined}
                    data-testid="release-title"
                  />
                  {fieldError?.field === 'title' && <div className="invalid-feedback d-block">{fieldError.message}</div>}
                </div>
                <div className="mb-3">
                  <label htmlFor="rel-lead" className="form-label">
                    لید
                  </label>
                  <textarea id="rel-lead" className={`form-control ${fieldError?.field === 'lead' ? 'is-invalid' : ''}`} rows={3} value={form.lead} readOnly={!canEdit} onChange={(e) => set('lead', e.target.value)} onKeyDown={zwnjKeyDown} data-testid="release-lead" />
                  {fieldError?.field === 'lead' && <div className="invalid-feedback d-block">{fieldError.message}</div>}
                </div>
                <div className="mb-3">
                  <div className="form-label" id="rel-body-label">
                    متن خبر
                  </div>
                  {canEdit ? (
                    <RichTextEditor id="rel-body" labelledBy="rel-body-label" value={form.body_html} onChange={(h) => set('body_html', h)} invalid={fieldError?.field === 'body_html'} />
                  ) : (
                    // Server-sanitized HTML (allowlist), shown as the reader will see it.
                    <div className="rte-body card card-body bg-body-tertiary" aria-labelledby="rel-body-label" data-testid="release-body" dangerouslySetInnerHTML={{ __html: form.body_html }} />
                  )}
                  {fieldError?.field === 'body_html' && <div className="invalid-feedback d-block">{fieldError.message}</div>}
                </div>
                <PhotoPicker agencyId={agencyId} photos={form.photos} onChange={(p) => set('photos', p)} readOnly={!canEdit} />
                {canEdit && !correcting && (
                  <div className="d-flex flex-wrap gap-2 border-top pt-3">
                    <button type="button" className="btn btn-outline-primary" onClick={() => void save(false)} disabled={saving || (!dirty && !!rel)} data-testid="release-save">
                      {rel ? 'ذخیرهٔ پیش‌نویس' : 'ساختن پیش‌نویس'}
                    </button>
                    {writer && rel && EDITABLE.includes(status) && (
                      <button type="button" className="btn btn-primary" onClick={() => void act('submit')} disabled={saving} data-testid="release-submit">
                        ارسال برای تأیید
                      </button>
                    )}
                  </div>
                )}
                {correcting && (
                  <div className="d-flex flex-wrap gap-2 border-top pt-3">
                    <button type="button" className="btn btn-primary" onClick={() => setDialog('correct')} data-testid="release-correct-save">
                      ثبت اصلاحیه…
                    </button>
                    <button type="button" className="btn btn-outline-secondary" onClick={() => void reloadFresh()}>
                      انصراف
                    </button>
                  </div>
                )}
              </div>
            </div>
          </div>
          <div className="col-lg-4">
            {rel && (
              <WorkflowCard
                s={s}
                r={rel}
                onDialog={setDialog}
                correcting={correcting}
                onCorrect={() => {
                  setCorrecting(true);
                  setNotice(null);
                }}
              />
            )}
            <MetaCard s={s} form={form} set={set} canEdit={canEdit} agencyId={agencyId} councilId={rel?.council_id ?? s.agencies.find((a) => a.id === agencyId)?.council_id ?? 0} />
            {rel && ['published', 'corrected', 'scheduled', 'withdrawn'].includes(rel.status) && (
              <DeliveriesPanel key={`${rel.id}-${rel.status}`} releaseId={rel.id} agencyId={rel.agency_id} councilId={rel.council_id} />
            )}
          </div>
        </div>
      )}
      {dialog && rel && <ActionDialog kind={dialog} r={rel} onClose={() => setDialog(null)} onAct={act} form={form} />}
    </div>
  );
}

const NOTICES: Partial<Record<WorkflowAction, (r: Release) => string>> = {
  submit: () => 'خبر برای تأیید مدیر روابط عمومی فرستاده شد.',
  return: () => 'خبر با یادداشت شما به نویسنده برگشت.',
  approve: (r) =>
    r.status === 'scheduled'
      ? `خبر تأیید و برای انتشار در ${faDateTime(r.publish_at)} زمان‌بندی شد.`
      : r.status === 'published'
        ? 'خبر تأیید و منتشر شد.'
        : 'تأیید شما ثبت شد؛ خبر منتظر گام‌های بعدی تأیید است.',
  withdraw: () => 'خبر پس گرفته شد و در پایگاه خبری با توضیح شما نشان داده می‌شود.',
  correct: () => 'اصلاحیه ثبت شد.',
};

function SaveState({ dirty, saving, savedAt }: { dirty: boolean; saving: boolean; savedAt: number | null }) {
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

function StatusBanners({ r }: { r: Release }) {
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

/** Which approval steps the signed-in user may take now. */
function approvalSteps(s: Session, r: Release) {
  const c = s.caps;
  const manager = r.status === 'submitted' && c.canManageReleases(r.agency_id);
  const coSign = r.status === 'approved' && (r.co_signers ?? []).some((x) => !x.signed_at && c.canManageReleases(x.agency_id));
  const council = r.status === 'approved' && r.council_level && !r.council_approved_at && c.canCouncilApprove(r.council_id);
  return { manager, coSign, council, any: manager || coSign || council };
}

function WorkflowCard({
  s,
  r,
  onDialog,
  correcting,
  onCorrect,
}: {
  s: Session;
  r: Release;
  onDialog: (d: DialogKind) => void;
  correcting: boolean;
  onCorrect: () => void;
}) {
  const steps = approvalSteps(s, r);
  const manager = s.caps.canManageReleases(r.agency_id);
  const future = r.publish_at && r.publish_at > Date.now();
  const approveLabel = steps.council ? 'تأیید شورا' : steps.coSign ? 'امضای مشترک و تأیید' : future ? 'تأیید (انتشار در زمان تعیین‌شده)' : 'تأیید و انتشار';
  return (
    <div className="card border-0 shadow-sm mb-3" data-testid="workflow">
      <div className="card-body">
        <h2 className="h6 mb-3">گردش کار</h2>
        <dl className="dl-compact small mb-3">
          <dt>وضعیت</dt>
          <dd>
            <ReleaseStatusBadge status={r.status} />
          </dd>
          {r.submitted_at && (
            <>
              <dt>ارسال برای تأیید</dt>
              <dd>{faDateTime(r.submitted_at)}</dd>
            </>
          )}
          {r.approved_at && (
            <>
              <dt>تأیید دستگاه</dt>
              <dd>{faDateTime(r.approved_at)}</dd>
            </>
          )}
          {(r.co_signers ?? []).length > 0 && (
            <>
              <dt>امضاکنندگان مشترک</dt>
              <dd>
                <ul className="list-unstyled mb-0">
                  {r.co_signers.map((x) => (
                    <li key={x.agency_id}>
                      {agencyName(s, x.agency_id)}: {x.signed_at ? <span className="text-success">امضا شد ({faDateTime(x.signed_at)})</span> : <span className="text-secondary">در انتظار</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {r.council_level && (
            <>
              <dt>تأیید کمیتهٔ شورا</dt>
              <dd>{r.council_approved_at ? <span className="text-success">{faDateTime(r.council_approved_at)}</span> : <span className="text-secondary">در انتظار</span>}</dd>
            </>
          )}
          {r.publish_at && !r.published_at && (
            <>
              <dt>زمان انتشار</dt>
              <dd data-testid="publish-at">
                <time dateTime={isoOf(r.publish_at)}>{faDateTime(r.publish_at)}</time>
              </dd>
            </>
          )}
          {r.published_at && (
            <>
              <dt>منتشر شد</dt>
              <dd>
                <time dateTime={isoOf(r.published_at)}>{faDateTime(r.published_at)}</time>
              </dd>
            </>
          )}
        </dl>
        <div className="d-grid gap-2">
          {steps.any && (
            <>
              <button type="button" className="btn btn-success" onClick={() => onDialog('approve')} data-testid="release-approve">
                {approveLabel}
              </button>
              {steps.manager && (
                <button type="button" className="btn btn-outline-success" onClick={() => onDialog('schedule')} data-testid="release-schedule">
                  تأیید و زمان‌بندی انتشار…
                </button>
              )}
              <button type="button" className="btn btn-outline-warning" onClick={() => onDialog('return')} data-testid="release-return">
                برگرداندن با یادداشت…
              </button>
            </>
          )}
          {manager && ['published', 'corrected'].includes(r.status) && !correcting && (
            <button type="button" className="btn btn-outline-primary" onClick={onCorrect} data-testid="release-correct">
              اصلاح خبر منتشرشده
            </button>
          )}
          {manager && ['scheduled', 'published', 'corrected'].includes(r.status) && (
            <button type="button" className="btn btn-outline-danger" onClick={() => onDialog('withdraw')} data-testid="release-withdraw">
              پس‌گرفتن خبر…
            </button>
          )}
          {['published', 'corrected', 'withdrawn'].includes(r.status) && (
            <a className="btn btn-link" href={`/news/${r.id}`} target="_blank" rel="noopener" data-testid="release-public-link">
              دیدن در پایگاه خبری
            </a>
          )}
        </div>
        {r.status === 'submitted' && !steps.any && <p className="small text-secondary mb-0 mt-2">منتظر تأیید مدیر روابط عمومی دستگاه.</p>}
        {r.status === 'approved' && !steps.any && <p className="small text-secondary mb-0 mt-2">منتظر امضای دستگاه‌های همکار یا تأیید کمیتهٔ شورا.</p>}
      </div>
    </div>
  );
}

function MetaCard({ s, form, set, canEdit, agencyId, councilId }: { s: Session; form: Form; set: <K extends keyof Form>(k: K, v: Form[K]) => void; canEdit: boolean; agencyId: number; councilId: number }) {
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
          <label htmlFor="rel-tags" className="form-label">
            برچسب‌ها
          </label>
          <TagsInput id="rel-tags" value={form.tags} onChange={(t) => set('tags', t)} readOnly={!canEdit} />
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
            <div className="form-label">دستگاه‌های همکار (امضای مشترک)</div>
            <div className="co-signers border rounded p-2">
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

function ActionDialog({ kind, r, onClose, onAct, form }: { kind: Exclude<DialogKind, null>; r: Release; onClose: () => void; onAct: (a: WorkflowAction, extra?: Record<string, unknown>) => Promise<boolean>; form: Form }) {
  const [text, setText] = useState('');
  const [when, setWhen] = useState<number | null>(r.publish_at && r.publish_at > Date.now() ? r.publish_at : null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const cfg = {
    approve: { title: 'تأیید خبر', label: 'یادداشت (اختیاری)', required: false, button: 'تأیید', cls: 'btn-success' },
    schedule: { title: 'تأیید و زمان‌بندی انتشار', label: 'یادداشت (اختیاری)', required: false, button: 'تأیید و زمان‌بندی', cls: 'btn-success' },
    return: { title: 'برگرداندن خبر به نویسنده', label: 'چه چیزی باید اصلاح شود؟', required: true, button: 'برگرداندن', cls: 'btn-warning' },
    withdraw: { title: 'پس‌گرفتن خبر', label: 'دلیل پس‌گرفتن (در پایگاه خبری نشان داده می‌شود)', required: true, button: 'پس‌گرفتن', cls: 'btn-danger' },
    correct: { title: 'ثبت اصلاحیه', label: 'یادداشت اصلاحیه (در پایگاه خبری نشان داده می‌شود)', required: true, button: 'ثبت اصلاحیه', cls: 'btn-primary' },
  }[kind];
  const go = async () => {
    if (cfg.required && !text.trim()) return setErr('این بخش را پر کنید.');
    if (kind === 'schedule' && (!when || when <= Date.now())) return setErr('زمانی در آینده برگزینید.');
    setBusy(true);
    setErr(null);
    const t = text.trim();
    const extra: Record<string, unknown> =
      kind === 'return'
        ? { comment: t }
        : kind === 'withdraw'
          ? { reason: t }
          : kind === 'correct'
            ? { note: t, ...bodyOf(form, false) }
            : kind === 'schedule'
              ? { publish_at: when, ...(t ? { comment: t } : {}) }
              : t
                ? { comment: t }
                : {};
    const ok = await onAct(kind === 'schedule' ? 'approve' : (kind as WorkflowAction), extra);
    setBusy(false);
    if (!ok) onClose();
  };
  return (
    <Dialog
      title={cfg.title}
      onClose={onClose}
      testId={`dialog-${kind}`}
      footer={
        <>
          <button type="button" className={`btn ${cfg.cls}`} onClick={() => void go()} disabled={busy} data-testid="dialog-ok">
            {busy ? 'در حال انجام…' : cfg.button}
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={onClose}>
            انصراف
          </button>
        </>
      }
    >
      <p className="fw-semibold">{r.title}</p>
      {kind === 'schedule' && (
        <div className="mb-3">
          <DateTimeField label="تاریخ انتشار" value={when} onChange={setWhen} testId="schedule-at" />
        </div>
      )}
      <label htmlFor="dlg-text" className="form-label">
        {cfg.label}
      </label>
      <textarea id="dlg-text" className={`form-control ${err && cfg.required && !text.trim() ? 'is-invalid' : ''}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={zwnjKeyDown} data-testid="dialog-text" />
      {err && (
        <div className="invalid-feedback d-block" role="alert">
          {err}
        </div>
      )}
    </Dialog>
  );
}
