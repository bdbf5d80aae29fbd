// The minutes' API calls (paths of src/api/committee_minutes_routes.cc) and their types.
import { api, get, post } from '../api';

export interface MinutesRevision {
  id: number;
  revision: number;
  corrects_id: number | null;
  correction_reason: string;
  body_html: string;
  status: 'draft' | 'review' | 'approved';
  version: number;
  approved_at: number | null;
  approved_by: number | null;
}

export interface MinutesView {
  meeting: { id: number; number: number; status: string; version: number; starts_jalali: string; committee_name: string };
  quorum: { voting_members: number; voting_present: number; needed: number; reached: boolean };
  minutes: MinutesRevision | null;
  revisions: MinutesRevision[];
  comments: { id: number; user_name: string; body: string; at: number }[];
  attendance: { member_id: number; user_name: string; role_label: string; agency: string | null; status_label: string }[];
  decisions: { id: number; text: string; owner_agency: string | null; deadline_jalali: string; vote_result: string }[];
  approved_jalali: string;
  can: { edit: boolean; circulate: boolean; approve: boolean; correct: boolean; comment: boolean };
}

const base = (id: number) => `/committee-meetings/${id}/minutes`;
export const getMinutes = (id: number, signal?: AbortSignal) => get<MinutesView>(base(id), {}, signal);
export const saveMinutes = (id: number, body_html: string, version?: number) =>
  api<MinutesView>('PUT', base(id), { body_html, ...(version ? { version } : {}) });
export const minutesTransition = (id: number, action: 'circulate' | 'approve' | 'correct', version: number, reason?: string) =>
  post<MinutesView>(`${base(id)}/transition`, { action, version, ...(reason ? { reason } : {}) });
export const commentMinutes = (id: number, body: string) => post<MinutesView>(`${base(id)}/comments`, { body });
export const minutesPdfUrl = (id: number) => `/api/v1${base(id)}/pdf`;
