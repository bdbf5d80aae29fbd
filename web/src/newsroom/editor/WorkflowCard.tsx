// The workflow card: the release's approval trail (submitted, approved,
// co-signers, council, publish time) and the steps the signed-in user may take.
import { useEffect, useState } from 'react';
import { faDateTime, isoOf } from '../../fa';
import { agencyName, type Session } from '../../session';
import { ReleaseStatusBadge } from '../parts';
import type { Release } from '../types';
import type { DialogKind } from './useWorkflow';

/** The current time, refreshed every minute (for labels that depend on it). */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(t);
  }, []);
  return now;
}

/** Which approval steps the signed-in user may take now. */
function approvalSteps(s: Session, r: Release) {
  const c = s.caps;
  const manager = r.status === 'submitted' && c.canManageReleases(r.agency_id);
  const coSign = r.status === 'approved' && (r.co_signers ?? []).some((x) => !x.signed_at && c.canManageReleases(x.agency_id));
  const council = r.status === 'approved' && r.council_level && !r.council_approved_at && c.canCouncilApprove(r.council_id);
  return { manager, coSign, council, any: manager || coSign || council };
}

/** What the approve button does, in words: whether this approval publishes the release or passes it on to
 * the co-signers or the council (a council-level release is not published by its agency's approval). */
function approveLabel(s: Session, r: Release, steps: ReturnType<typeof approvalSteps>, future: boolean): string {
  const c = s.caps;
  const coSignLeft = (r.co_signers ?? []).some((x) => !x.signed_at && !c.canManageReleases(x.agency_id));
  // The council's step: taken by the council's approvers; a system admin's approval covers it.
  const councilLeft = r.council_level && !r.council_approved_at && !steps.council && !c.isSystemAdmin;
  const publishes = !coSignLeft && !councilLeft;
  const then = future ? ' (انتشار در زمان تعیین‌شده)' : ' و انتشار';
  if (steps.council) return publishes ? `تأیید شورا${then}` : 'تأیید شورا';
  if (steps.coSign && !steps.manager) return publishes ? `امضای مشترک${then}` : 'امضای مشترک';
  if (!publishes) return councilLeft ? 'تأیید دستگاه و ارسال برای تأیید شورا' : 'تأیید دستگاه و ارسال برای امضای مشترک';
  return `تأیید${then}`;
}

export function WorkflowCard({
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
  const now = useNow();
  const future = !!r.publish_at && r.publish_at > now;
  const approveText = approveLabel(s, r, steps, future);
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
                {approveText}
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
