// The release editor: write and autosave a draft, attach photos, and take the
// workflow steps the signed-in user's role allows. A stale version (409
// version_conflict) stops autosave and asks the writer what to keep.
// The pieces: useDraft (form, save), useAutosave, useConflictResolution,
// useWorkflow; one component per card.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { Empty, ErrorAlert, Forbidden, Link, Loading, PageHeader, useLoad } from '../../components/ui';
import { agencyName, useSession } from '../../session';
import { getRelease } from '../api';
import { CouncilLevelBadge, ReleaseStatusBadge } from '../parts';
import type { Release } from '../types';
import { ReleaseHistory } from '../ReleaseHistory';
import { DeliveriesPanel } from '../../distribution/DeliveriesPanel';
import { EDITABLE } from './form';
import { useDraft } from './useDraft';
import { useAutosave, useUnsavedWarning } from './useAutosave';
import { useConflictResolution } from './useConflict';
import { useWorkflow } from './useWorkflow';
import { ConflictBanner, EditorTabs, SanitizeWarnings, SaveState, StatusBanners } from './Banners';
import { ContentCard } from './ContentCard';
import { WorkflowCard } from './WorkflowCard';
import { MetaCard } from './MetaCard';
import { ActionDialog } from './ActionDialog';

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

function ReleaseEditor({ initial, agencyId, tab }: { initial: Release | null; agencyId: number; tab: 'edit' | 'history' }) {
  const s = useSession();
  const c = s.caps;
  const draft = useDraft(initial, agencyId);
  const { rel, form, set, saving, dirty } = draft;
  const [correcting, setCorrecting] = useState(false);

  const status = rel?.status ?? 'draft';
  const writer = c.canWriteRelease(agencyId);
  const manager = c.canManageReleases(agencyId);
  // Writers edit drafts and returned releases; the PR manager may also touch up a submitted one before approving.
  const canEdit = (writer && EDITABLE.includes(status)) || (manager && status === 'submitted') || (correcting && manager);
  // Whether edits are the draft's to save (not a correction in progress), for the timer and workflow steps.
  const savesEdits = useRef(canEdit);
  useEffect(() => {
    savesEdits.current = canEdit && !correcting;
  }, [canEdit, correcting]);

  const { refs } = draft;
  useAutosave(() => !!(refs.dirty.current && savesEdits.current && !refs.conflict.current && refs.form.current.title.trim()), draft.save);
  useUnsavedWarning(refs.dirty);
  const { reloadFresh, keepMine } = useConflictResolution(draft, () => setCorrecting(false));
  const { act, dialog, setDialog, notice, setNotice } = useWorkflow(draft, savesEdits, () => setCorrecting(false));

  const title = rel ? rel.title || 'خبر بی‌تیتر' : 'خبر تازه';
  const actions = (
    <>
      {canEdit && !correcting && (
        <div className="d-flex flex-wrap gap-2 border-top pt-3">
          <button type="button" className="btn btn-outline-primary" onClick={() => void draft.save(false)} disabled={saving || (!dirty && !!rel)} data-testid="release-save">
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
    </>
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
        {canEdit && !correcting && <SaveState dirty={dirty} saving={saving} savedAt={draft.savedAt} />}
      </PageHeader>
      {rel && <EditorTabs id={rel.id} tab={tab} />}
      {draft.conflict && <ConflictBanner onReload={() => void reloadFresh()} onKeep={() => void keepMine()} />}
      {notice && (
        <div className="alert alert-success py-2" role="status" data-testid="release-notice">
          {notice}
        </div>
      )}
      {draft.saveError && !draft.conflict && (
        <div className="alert alert-danger py-2" role="alert" data-testid="release-error">
          {draft.saveError}
        </div>
      )}
      {!draft.conflict && <SanitizeWarnings warnings={draft.warnings} />}
      {rel && <StatusBanners r={rel} />}
      {tab === 'history' && rel ? (
        <ReleaseHistory release={rel} />
      ) : (
        <div className="row g-3">
          <div className="col-lg-8">
            <ContentCard form={form} set={set} agencyId={agencyId} canEdit={canEdit} fieldError={draft.fieldError} actions={actions} />
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
            {rel && ['published', 'corrected'].includes(rel.status) && (
              <Link to={`/monitor/releases/${rel.id}`} className="btn btn-outline-primary btn-sm w-100 mt-3" data-testid="release-coverage-link">
                بازتاب این خبر در رسانه‌ها
              </Link>
            )}
          </div>
        </div>
      )}
      {dialog && rel && <ActionDialog kind={dialog} r={rel} onClose={() => setDialog(null)} onAct={act} form={form} />}
    </div>
  );
}
