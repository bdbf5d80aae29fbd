// The editor's form: the editable fields of a release, read from a release
// and turned into the request body of create/update/correct.
import type { Release, ReleasePhoto } from '../types';

/** Statuses in which the writer edits the release. */
export const EDITABLE = ['draft', 'returned'];

export interface Form {
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

/** Sets one field of the form. */
export type SetField = <K extends keyof Form>(k: K, v: Form[K]) => void;

export const EMPTY: Form = {
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

export function formOf(r: Release): Form {
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
export function bodyOf(f: Form, creating: boolean): Record<string, unknown> {
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
