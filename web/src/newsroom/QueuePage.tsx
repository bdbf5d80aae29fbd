// The approver's queue: releases waiting for a step the signed-in user may take
// (agency PR manager: submitted ones and co-signatures; council committee:
// council-level approvals).
import { Empty, ErrorAlert, Link, Loading, PageHeader, useLoad } from '../components/ui';
import { faDateTime, faNumber, isoOf } from '../fa';
import { agencyName, useSession } from '../session';
import { approvalQueue } from './api';
import { CouncilLevelBadge, ReleaseStatusBadge } from './parts';
import { URGENCY_LABELS } from './labels';
import type { Release } from './types';

export function QueuePage() {
  const s = useSession();
  const { data, error, loading, reload } = useLoad((signal) => approvalQueue(signal), []);
  const why = (r: Release) => {
    if (r.status === 'submitted') return 'تأیید مدیر روابط عمومی';
    if ((r.co_signers ?? []).some((c) => !c.signed_at && s.caps.canManageReleases(c.agency_id))) return 'امضای مشترک دستگاه شما';
    if (r.council_level && !r.council_approved_at) return 'تأیید کمیتهٔ شورا';
    return 'گام بعدی تأیید';
  };
  return (
    <div data-testid="queue-page">
      <PageHeader title="صف تأیید" sub="خبرهایی که منتظر تصمیم شما هستند، به ترتیب زمان ارسال">
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={reload}>
          تازه‌سازی
        </button>
      </PageHeader>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading />
      ) : !data || data.items.length === 0 ? (
        <Empty>خبری منتظر تأیید شما نیست.</Empty>
      ) : (
        <div className="d-grid gap-2" data-testid="queue">
          <div className="small text-secondary">{faNumber(data.items.length)} خبر در صف</div>
          {data.items.map((r) => (
            <Link key={r.id} to={`/newsroom/${r.id}`} className="card border-0 shadow-sm text-decoration-none quick-link" data-testid="queue-item">
              <div className="card-body d-flex flex-wrap gap-3 align-items-center justify-content-between">
                <div className="min-w-0">
                  {r.over_title && <div className="small text-secondary">{r.over_title}</div>}
                  <div className="fw-semibold text-body">{r.title}</div>
                  <div className="small text-secondary mt-1">
                    {agencyName(s, r.agency_id)} · ارسال: <time dateTime={isoOf(r.submitted_at ?? r.updated_at)}>{faDateTime(r.submitted_at ?? r.updated_at)}</time>
                    {r.publish_at ? <> · انتشار درخواستی: {faDateTime(r.publish_at)}</> : null}
                  </div>
                </div>
                <div className="d-flex flex-wrap gap-1 align-items-center">
                  {r.urgency && r.urgency !== 'normal' && <span className="badge rounded-pill text-bg-danger">{URGENCY_LABELS[r.urgency] ?? r.urgency}</span>}
                  {r.council_level && <CouncilLevelBadge />}
                  <ReleaseStatusBadge status={r.status} />
                  <span className="badge rounded-pill text-bg-light border">{why(r)}</span>
                </div>
              </div>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
