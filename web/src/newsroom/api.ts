// The newsroom's API calls in one place (paths of src/api/release_routes.cc,
// media_routes.cc and the calendar/notification routes).
import { api, ApiError, get, patch, post, qs, type Query } from '../api';
import type { Page } from '../types';
import type { Media, Notification, Occasion, Release, Revision } from './types';

export const listReleases = (q: Query, signal?: AbortSignal) => get<Page<Release>>('/releases', q, signal);
export const getRelease = (id: number, signal?: AbortSignal) => get<Release>(`/releases/${id}`, {}, signal);
export const createRelease = (body: Record<string, unknown>) => post<Release>('/releases', body);
export const updateRelease = (id: number, body: Record<string, unknown>) => patch<Release>(`/releases/${id}`, body);

/**
 * Workflow transitions: POST /releases/{id}/{action} with the version read.
 * approve: {version, comment?, publish_at?} — the agency manager's approval, a
 * co-signer's signature and the council's approval are all "approve"; when every
 * step is done the release is scheduled (publish_at in the future) or published.
 * submit: {version, comment?}; return: {version, comment}; withdraw: {version, reason};
 * correct: {version, note, …the corrected content fields}.
 */
export type WorkflowAction = 'submit' | 'approve' | 'return' | 'withdraw' | 'correct';
export const transition = (id: number, action: WorkflowAction, body: Record<string, unknown>) =>
  post<Release>(`/releases/${id}/${action}`, body);

export const listRevisions = (id: number, signal?: AbortSignal) =>
  get<{ items: Revision[] }>(`/releases/${id}/revisions`, {}, signal);
export const getRevision = (id: number, rev: number, signal?: AbortSignal) =>
  get<Revision>(`/releases/${id}/revisions/${rev}`, {}, signal);

export interface DiffOp {
  op: 'eq' | 'del' | 'ins';
  text: string;
}
export interface RevisionDiff {
  from: number;
  to: number;
  fields: { field: string; ops: DiffOp[] }[];
}
export const revisionDiff = (id: number, from: number, to: number, signal?: AbortSignal) =>
  get<RevisionDiff>(`/releases/${id}/diff`, { from, to }, signal);

export const approvalQueue = (signal?: AbortSignal) => get<{ items: Release[] }>('/approvals', {}, signal);

/** The calendar's releases carry only what a day cell needs (no tags, lead or body). */
export interface CalendarResponse {
  releases: Release[];
  occasions: Occasion[];
  conflicts?: { day: string; release_ids: number[]; agency_ids?: number[]; similarity?: number; shared_terms?: string[]; reason?: string }[];
}
export const calendar = (q: Query, signal?: AbortSignal) => get<CalendarResponse>('/calendar', q, signal);
export const listOccasions = (q: Query, signal?: AbortSignal) => get<{ items: Occasion[] }>('/occasions', q, signal);
export const createOccasion = (body: Record<string, unknown>) => post<Occasion>('/occasions', body);
export const updateOccasion = (id: number, body: Record<string, unknown>) => patch<Occasion>(`/occasions/${id}`, body);

export const listNotifications = (q: Query, signal?: AbortSignal) =>
  get<{ items: Notification[]; unread: number; total?: number }>('/notifications', q, signal);
export const markNotificationRead = (id: number) => post<unknown>(`/notifications/${id}/read`, {});

export const listMedia = (agencyId: number, signal?: AbortSignal) =>
  get<Page<Media>>('/media', { agency_id: agencyId, per_page: 60 }, signal);

/**
 * POST /media?agency_id=&caption= with the raw image bytes as the body (Content-Type from the file).
 * 201 for a new item, 200 when the same bytes were already in the agency's library.
 */
export const uploadMedia = (agencyId: number, file: File, caption: string) =>
  api<Media>('POST', `/media${qs({ agency_id: agencyId, caption })}`, file);

/** Where to show a media item or a release photo: /media/{id}/thumb (or /large). */
export function mediaSrc(m: { id?: number; media_id?: number; thumb_url?: string; urls?: { large: string; thumb: string } }, big = false): string {
  if (m.urls) return big ? m.urls.large : m.urls.thumb;
  if (!big && m.thumb_url) return m.thumb_url;
  return `/media/${m.media_id ?? m.id}/${big ? 'large' : 'thumb'}`;
}

export function isConflict(e: unknown): e is ApiError {
  return e instanceof ApiError && e.isConflict;
}
