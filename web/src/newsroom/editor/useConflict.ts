// The two ways out of a version conflict (409 version_conflict stops autosave):
// load the fresh version and drop my changes, or keep mine and save them on
// top of the fresh version (when the release may still be edited).
import { useSession } from '../../session';
import { getRelease } from '../api';
import { statusLabel } from '../labels';
import type { Draft } from './useDraft';
import { EDITABLE } from './form';

export function useConflictResolution(draft: Draft, onReloaded: () => void) {
  const s = useSession();
  const reloadFresh = async () => {
    if (!draft.refs.rel.current) return;
    const fresh = await getRelease(draft.refs.rel.current.id);
    draft.showRelease(fresh);
    draft.setConflict(null);
    onReloaded();
  };
  const keepMine = async () => {
    if (!draft.refs.rel.current) return;
    const fresh = await getRelease(draft.refs.rel.current.id);
    draft.setRel(fresh);
    draft.setConflict(null);
    if (!EDITABLE.includes(fresh.status) && !(fresh.status === 'submitted' && s.caps.canManageReleases(fresh.agency_id))) {
      draft.setSaveError(`این خبر اکنون «${statusLabel(fresh.status)}» است و دیگر ویرایش نمی‌شود. برای دیدن نسخهٔ تازه بارگذاری کنید.`);
      return;
    }
    await draft.save(false);
  };
  return { reloadFresh, keepMine };
}
