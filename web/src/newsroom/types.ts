// Newsroom data as the API returns it. Field names follow the schema
// (src/store/migrations.cc, migrations 2–3); times are Unix milliseconds.

export type ReleaseStatus =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'scheduled'
  | 'published'
  | 'corrected'
  | 'withdrawn';

export type Urgency = 'normal' | 'urgent' | 'flash' | string;

export interface CoSigner {
  agency_id: number;
  signed_by: number | null;
  signed_at: number | null;
}

export interface ReleasePhoto {
  media_id: number;
  position?: number;
  caption: string;
  /** the thumbnail's URL, when known (set by the photo picker from the media item) */
  thumb_url?: string;
}

/** Text the server's sanitizer dropped from a saved body (stable code, Persian message). */
export interface SanitizeWarning {
  code: string;
  message: string;
}

export interface Release {
  id: number;
  agency_id: number;
  council_id: number;
  status: ReleaseStatus;
  council_level: boolean;
  council_approved_by: number | null;
  council_approved_at: number | null;
  approved_by: number | null;
  approved_at: number | null;
  submitted_at: number | null;
  /** Only in the answer to a save: what the sanitizer dropped from the body. */
  warnings?: SanitizeWarning[];
  over_title: string;
  title: string;
  lead: string;
  body_html?: string;
  body_text?: string;
  category: string;
  occasion_id: number | null;
  urgency: Urgency;
  source_line: string;
  slug: string;
  embargo_until: number | null;
  publish_at: number | null;
  published_at: number | null;
  withdrawn_at: number | null;
  withdrawn_reason: string;
  corrected_at: number | null;
  correction_note: string;
  return_comment: string;
  author_id: number | null;
  author_name?: string;
  version: number;
  created_at: number;
  updated_at: number;
  tags: string[];
  co_signers: CoSigner[];
  photos: ReleasePhoto[];
  /** search results only: text with \u0001…\u0002 (or <mark>) around matched words */
  snippet?: string;
}

export interface Revision {
  id: number;
  release_id: number;
  rev: number;
  action: string;
  author_id: number | null;
  author_name: string;
  at: number;
  comment: string;
  /** JSON object (or its text) — only when asked for one revision */
  snapshot?: Partial<Release> | string;
}

export interface Media {
  id: number;
  agency_id: number;
  uploaded_by: number | null;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  caption: string;
  created_at: number;
  /** the JPEG variants served at /media/{id}/large and /media/{id}/thumb */
  urls: { large: string; thumb: string };
}

export interface Occasion {
  id: number;
  council_id: number | null;
  name: string;
  calendar: 'solar' | string;
  month: number;
  day: number;
  description: string;
  version: number;
}

export interface Notification {
  id: number;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: number;
  read_at: number | null;
}
