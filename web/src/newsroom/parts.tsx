// Small pieces shared by the newsroom screens.
import { Fragment } from 'react';
import { STATUS_CLASS, statusLabel } from './labels';
import type { Release, ReleaseStatus } from './types';
import { agencyName, type Session } from '../session';

export function ReleaseStatusBadge({ status }: { status: string }) {
  const cls = STATUS_CLASS[status as ReleaseStatus] ?? 'text-bg-secondary';
  return (
    <span className={`badge rounded-pill release-status ${cls}`} data-testid="release-status" data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

/**
 * A search snippet with the matched words highlighted. The API marks them
 * with \u0001…\u0002 (SQLite's snippet()) or <mark>…</mark>; everything else is text.
 */
export function Snippet({ text }: { text: string }) {
  // The API sends escaped text with <mark>…</mark>; render it as text, never as HTML.
  const norm = text
    .replace(/<mark>/gi, '\u0001')
    .replace(/<\/mark>/gi, '\u0002')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|#x27|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'", amp: '&' })[e] ?? '');
  const parts: { mark: boolean; t: string }[] = [];
  let mark = false;
  let buf = '';
  for (const ch of norm) {
    if (ch === '\u0001' || ch === '\u0002') {
      if (buf) parts.push({ mark, t: buf });
      buf = '';
      mark = ch === '\u0001';
    } else buf += ch;
  }
  if (buf) parts.push({ mark, t: buf });
  return (
    <span className="release-snippet" data-testid="snippet">
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.t}</mark> : <Fragment key={i}>{p.t}</Fragment>))}
    </span>
  );
}

export function CouncilLevelBadge() {
  return <span className="badge rounded-pill text-bg-dark">سطح شورا</span>;
}

export function coSignerNames(s: Session, r: Release): string {
  return (r.co_signers ?? []).map((c) => agencyName(s, c.agency_id)).join('، ');
}

/** The time that places a release on the calendar and in the list. */
export function releaseDay(r: Release): number | null {
  return r.published_at ?? r.publish_at ?? null;
}
