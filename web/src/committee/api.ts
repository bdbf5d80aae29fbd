// The PR committee's API calls in one place (paths of src/api/committee_routes.cc).
import { api, get, patch, post, qs, type Query } from '../api';
import type { Page } from '../types';
import type { Committee, CommitteeView, Decision, Meeting, MeetingView } from './types';

export const listCommittees = (signal?: AbortSignal) => get<{ items: Committee[] }>('/committees', {}, signal);
export const getCommittee = (id: number, signal?: AbortSignal) => get<CommitteeView>(`/committees/${id}`, {}, signal);
export const listMeetings = (id: number, signal?: AbortSignal) => get<{ items: Meeting[] }>(`/committees/${id}/meetings`, {}, signal);
export const createMeeting = (id: number, body: { starts_at: number; duration_min?: number; kind?: string; place?: string }) =>
  post<MeetingView>(`/committees/${id}/meetings`, body);
export const getMeeting = (id: number, signal?: AbortSignal) => get<MeetingView>(`/committee-meetings/${id}`, {}, signal);
export const transition = (id: number, action: string, version: number) =>
  post<MeetingView>(`/committee-meetings/${id}/transition`, { action, version });
export const addAgendaItem = (id: number, body: { title: string; duration_min?: number }) => post(`/committee-meetings/${id}/agenda`, body);
export const setAttendance = (id: number, attendance: { member_id: number; status: string; delegate_name?: string }[]) =>
  api<MeetingView>('PUT', `/committee-meetings/${id}/attendance`, { attendance });
export const rsvp = (id: number, answer: string, delegate_name?: string) =>
  post(`/committee-meetings/${id}/rsvp`, { rsvp: answer, ...(delegate_name ? { delegate_name } : {}) });
export const createDecision = (id: number, body: { text: string; owner_agency_id?: number; deadline: string; majority?: string }) =>
  post<Decision>(`/committee-meetings/${id}/decisions`, body);
export const listDecisions = (q: Query, signal?: AbortSignal) => get<Page<Decision>>('/committee-decisions', q, signal);
export const getDecision = (id: number, signal?: AbortSignal) => get<Decision>(`/committee-decisions/${id}`, {}, signal);
export const updateDecision = (id: number, body: { version: number; status?: string }) => patch<Decision>(`/committee-decisions/${id}`, body);
export const addFollowUp = (id: number, body: { note: string; progress?: number; status?: string }) =>
  post<Decision>(`/committee-decisions/${id}/followups`, body);
export const vote = (id: number, v: string) => post<Decision>(`/committee-decisions/${id}/votes`, { vote: v });
export const mine = (signal?: AbortSignal) => get<{ meetings: MeetingView[]; decisions: Decision[] }>('/committee/mine', {}, signal);

// The opt-in public page (src/api/committee_public_routes.cc).
export interface CommitteeSettings { council_id: number; public_page: boolean; version: number }
export interface Publication { decision_id: number; published: boolean; published_at: number | null; version: number }
export const getCommitteeSettings = (councilId: number, signal?: AbortSignal) =>
  get<CommitteeSettings>(`/councils/${councilId}/committee-settings`, {}, signal);
export const setCommitteeSettings = (councilId: number, body: { public_page: boolean; version: number }) =>
  api<CommitteeSettings>('PUT', `/councils/${councilId}/committee-settings`, body);
export const getPublication = (id: number, signal?: AbortSignal) => get<Publication>(`/committee-decisions/${id}/publication`, {}, signal);
export const setPublication = (id: number, body: { published: boolean; version: number }) =>
  api<Publication>('PUT', `/committee-decisions/${id}/publication`, body);

// Evidence on follow-up entries (src/api/committee_evidence_routes.cc).
export interface Evidence { id: number; followup_id: number; content_type: string; filename: string; bytes: number; created_at: number }
export const listEvidence = (decisionId: number, signal?: AbortSignal) =>
  get<{ items: Evidence[] }>(`/committee-decisions/${decisionId}/evidence`, {}, signal);
export const uploadEvidence = (decisionId: number, followupId: number, file: File) =>
  api<Evidence>('POST', `/committee-decisions/${decisionId}/followups/${followupId}/evidence${qs({ filename: file.name })}`, file);
export const evidenceUrl = (decisionId: number, id: number) => `/api/v1/committee-decisions/${decisionId}/evidence/${id}`;

// A committee's reminder lead time before decisions' deadlines (src/api/committee_public_routes.cc).
export interface ReminderSettings { committee_id: number; decision_reminder_days: number; version: number }
export const getReminderSettings = (committeeId: number, signal?: AbortSignal) =>
  get<ReminderSettings>(`/committees/${committeeId}/reminder-settings`, {}, signal);
export const setReminderSettings = (committeeId: number, body: { decision_reminder_days: number; version: number }) =>
  api<ReminderSettings>('PUT', `/committees/${committeeId}/reminder-settings`, body);
export interface SenderSettings { committee_id: number; mail_channel_id: number | null; sms_sender: string; version: number }
export const getSenderSettings = (committeeId: number, signal?: AbortSignal) =>
  get<SenderSettings>(`/committees/${committeeId}/sender-settings`, {}, signal);
export const setSenderSettings = (committeeId: number, body: { mail_channel_id: number | null; sms_sender: string; version: number }) =>
  api<SenderSettings>('PUT', `/committees/${committeeId}/sender-settings`, body);
