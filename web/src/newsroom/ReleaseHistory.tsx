// Revision history of a release: who did what and when, and a readable
// word-level diff between any revision and the one before it (or any two).
import { useState } from 'react';
import { ApiError } from '../api';
import { Empty, ErrorAlert, Loading, useLoad } from '../components/ui';
import { faDateTime, faNumber, isoOf } from '../fa';
import { getRevision, listRevisions, revisionDiff, type DiffOp } from './api';
import { actionLabel, statusLabel } from './labels';
import { diffWords } from './diff';
import { htmlToText } from './sanitize';
import type { Release, Revision } from './types';
import { agencyName, useSession, type Session } from '../session';

const FIELD_LABELS: Record<string, string> = {
  over_title: 'روتیتر',
  title: 'تیتر',
  lead: 'لید',
  body_text: 'متن خبر',
  body_html: 'متن خبر',
  body: 'متن خبر',
  category: 'دسته',
  tags: 'برچسب‌ها',
  urgency: 'فوریت',
  source_line: 'منبع',
  status: 'وضعیت',
  photos: 'عکس‌ها',
  publish_at: 'زمان انتشار',
  embargo_until: 'ممنوعیت انتشار تا',
  council_level: 'سطح شورا',
  co_signers: 'دستگاه‌های همکار',
  co_agency_ids: 'دستگاه‌های همکار',
  occasion_id: 'مناسبت',
  correction_note: 'یادداشت اصلاحیه',
  withdrawn_reason: 'دلیل پس‌گرفتن',
  return_comment: 'یادداشت برگشت',
};
const fieldLabel = (f: string) => FIELD_LABELS[f] ?? f;

type Diff = { field: string; ops: DiffOp[] }[];

function snapshotOf(r: Revision): Record<string, unknown> {
  if (!r.snapshot) return {};
  if (typeof r.snapshot === 'string') {
    try {
      return JSON.parse(r.snapshot) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return r.snapshot as Record<string, unknown>;
}

function asText(field: string, v: unknown): string {
  if (v == null) return '';
  if (field === 'body_html' && typeof v === 'string') return htmlToText(v);
  if (field === 'co_agency_ids' && Array.isArray(v)) return v.join(',');
  if (field === 'photos' && Array.isArray(v)) return JSON.stringify(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x ? (x as { caption?: string; agency_id?: number; media_id?: number }).caption ?? String((x as { agency_id?: number }).agency_id ?? (x as { media_id?: number }).media_id ?? '') : String(x))).join('، ');
  return String(v);
}

/** Makes the server's raw values readable: statuses, times and agency ids in Persian. */
function pretty(s: Session, field: string, text: string): string {
  switch (field) {
    case 'status':
      return text.split(' ').map(statusLabel).join(' ');
    case 'publish_at':
    case 'embargo_until':
      return text.replace(/\d{10,}/g, (n) => faDateTime(Number(n)));
    case 'council_level':
      return text.replace(/true/g, 'بله').replace(/false/g, 'خیر');
    case 'co_agency_ids':
      return text.replace(/[[\]]/g, '').split(',').filter(Boolean).map((n) => agencyName(s, Number(n))).join('، ');
    case 'photos':
      try {
        const arr = JSON.parse(text) as { media_id: number; caption: string }[];
        return arr.map((p) => p.caption || `عکس ${faNumber(p.media_id)}`).join('، ');
      } catch {
        return text.replace(/"media_id":(\d+)/g, (_, n) => `عکس ${faNumber(Number(n))}`).replace(/[{}[\]"]|caption:/g, ' ');
      }
    default:
      return text;
  }
}

/** Client-side diff of two snapshots (used when the API has no diff route). */
function localDiff(a: Record<string, unknown>, b: Record<string, unknown>): Diff {
  const fields = ['status', 'over_title', 'title', 'lead', 'body_text' in b || 'body_text' in a ? 'body_text' : 'body_html', 'tags', 'category', 'urgency', 'source_line', 'publish_at', 'embargo_until', 'council_level', 'co_agency_ids', 'photos', 'return_comment', 'correction_note', 'withdrawn_reason'];
  const out: Diff = [];
  for (const f of fields) {
    const x = asText(f, a[f]);
    const y = asText(f, b[f]);
    if (x === y) continue;
    // Whole-value fields (photos, co-signers) change as a unit; text fields by words.
    const ops: DiffOp[] = f === 'photos' || f === 'co_agency_ids' ? [...(x ? [{ op: 'del' as const, text: x }] : []), ...(y ? [{ op: 'ins' as const, text: y }] : [])] : diffWords(x, y).filter((p) => p.text.trim()).map((p) => ({ op: p.op === 'same' ? 'eq' : p.op === 'add' ? 'ins' : 'del', text: p.text }));
    out.push({ field: f, ops });
  }
  return out;
}

export function ReleaseHistory({ release }: { release: Release }) {
  const { data, error, loading, reload } = useLoad((signal) => listRevisions(release.id, signal), [release.id, release.version]);
  const [sel, setSel] = useState<number | null>(null);
  const items = data?.items ?? [];
  const current = sel ?? items[items.length - 1]?.rev ?? null;

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (items.length === 0) return <Empty>هنوز نسخه‌ای ثبت نشده است.</Empty>;
  const prev = current != null ? items.filter((r) => r.rev < current).pop()?.rev ?? null : null;

  return (
    <div className="row g-3" data-testid="release-history">
      <div className="col-lg-5">
        <div className="card border-0 shadow-sm">
          <ol className="list-group list-group-flush revision-list" reversed>
            {[...items].reverse().map((r) => (
              <li key={r.rev} className={`list-group-item ${r.rev === current ? 'active-rev' : ''}`}>
                <button type="button" className="btn btn-link text-start text-decoration-none p-0 w-100 text-body" onClick={() => setSel(r.rev)} aria-pressed={r.rev === current} data-testid="revision">
                  <div className="d-flex justify-content-between gap-2">
                    <span className="fw-semibold">
                      نسخهٔ {faNumber(r.rev)}: {actionLabel(r.action)}
                    </span>
                    <time className="small text-secondary text-nowrap" dateTime={isoOf(r.at)}>
                      {faDateTime(r.at)}
                    </time>
                  </div>
                  <div className="small text-secondary">{r.author_name || 'سامانه'}</div>
                  {r.comment && <div className="small mt-1 pre-wrap border-start border-3 ps-2">{r.comment}</div>}
                </button>
              </li>
            ))}
          </ol>
        </div>
      </div>
      <div className="col-lg-7">
        {current != null && <DiffView releaseId={release.id} from={prev} to={current} revisions={items} />}
      </div>
    </div>
  );
}

function DiffView({ releaseId, from, to, revisions }: { releaseId: number; from: number | null; to: number; revisions: Revision[] }) {
  const loaded = useLoad(
    async (signal): Promise<Diff> => {
      if (from == null) {
        const r = await getRevision(releaseId, to, signal);
        return localDiff({}, snapshotOf(r));
      }
      try {
        const d = await revisionDiff(releaseId, from, to, signal);
        return d.fields;
      } catch (e) {
        if (!(e instanceof ApiError && (e.status === 404 || e.status === 405))) throw e;
        const [a, b] = await Promise.all([getRevision(releaseId, from, signal), getRevision(releaseId, to, signal)]);
        return localDiff(snapshotOf(a), snapshotOf(b));
      }
    },
    [releaseId, from, to],
  );
  // A new pair of revisions shows as loading, not as the previous diff.
  const diff = loaded.loading ? null : loaded.data;
  const err = loaded.error;
  const rev = revisions.find((r) => r.rev === to);
  const s = useSession();
  return (
    <div className="card border-0 shadow-sm" data-testid="diff">
      <div className="card-body">
        <h2 className="h6">
          {from == null ? `نسخهٔ ${faNumber(to)} (نخستین نسخه)` : `تغییرات نسخهٔ ${faNumber(to)} نسبت به نسخهٔ ${faNumber(from)}`}
        </h2>
        {rev && (
          <p className="small text-secondary">
            {actionLabel(rev.action)} — {rev.author_name || 'سامانه'}، {faDateTime(rev.at)}
          </p>
        )}
        <div className="small mb-3 d-flex gap-3">
          <span>
            <ins className="diff-ins">افزوده</ins>
          </span>
          <span>
            <del className="diff-del">حذف‌شده</del>
          </span>
        </div>
        {err ? (
          <ErrorAlert error={err} />
        ) : !diff ? (
          <Loading />
        ) : diff.length === 0 ? (
          <p className="text-secondary mb-0">در متن و مشخصات خبر تغییری نبود (فقط وضعیت گردش کار).</p>
        ) : (
          diff.map((f) => (
            <section key={f.field} className="mb-3">
              <h3 className="h6 text-secondary small fw-semibold">{fieldLabel(f.field)}</h3>
              <div className="diff-text border rounded p-2 bg-white" data-field={f.field}>
                {f.ops.map((o, i) => {
                  // Runs are words joined by spaces; put a space between runs too.
                  const t = pretty(s, f.field, o.text.trim());
                  const sep = i > 0 ? ' ' : '';
                  return o.op === 'ins' ? (
                    <span key={i}>
                      {sep}
                      <ins className="diff-ins">{t}</ins>
                    </span>
                  ) : o.op === 'del' ? (
                    <span key={i}>
                      {sep}
                      <del className="diff-del">{t}</del>
                    </span>
                  ) : (
                    <span key={i}>
                      {sep}
                      {t}
                    </span>
                  );
                })}
              </div>
            </section>
          ))
        )}
      </div>
    </div>
  );
}
