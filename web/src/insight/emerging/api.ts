// Emerging issues (docs/insight.md, «موضوعات نوظهور»): the council's issues, one issue, its owner agency
// and a recount now.
import { api, get, post } from '../../api';

export interface EmergingIssue {
  id: number;
  council_id: number;
  terms: string[];
  first_day: string; // Jalali yyyy/MM/dd (Latin digits)
  last_day: string;
  z: number;
  growth: number;
  items: number;
  requests: number;
  tone: { positive: number; neutral: number; negative: number };
  agencies: { agency_id: number; documents: number }[];
  owner_agency_id: number | null;
  assigned_at: number | null;
  updated_at: number;
}
export interface EmergingDocument {
  kind: 'media_item' | 'request';
  id: number;
  day: string;
  tone: string;
  agencies: number[];
  title: string; // an item's title; a request's tracking code
}
export interface EmergingDetail {
  issue: EmergingIssue;
  documents: EmergingDocument[];
  per_day: { day: string; documents: number }[];
}

export const listEmerging = (councilId: number, days: number, signal?: AbortSignal) =>
  get<{ items: EmergingIssue[]; days: number }>('/insight/emerging', { council_id: councilId, days }, signal).then(
    (r) => r.items,
  );
export const getEmerging = (id: number, signal?: AbortSignal) => get<EmergingDetail>(`/insight/emerging/${id}`, {}, signal);
export const assignEmergingOwner = (id: number, agencyId: number) =>
  api<{ issue: EmergingIssue }>('PUT', `/insight/emerging/${id}/owner`, { agency_id: agencyId });
export const refreshEmerging = (councilId: number) =>
  post<{ days_counted: number; issues_touched: number }>('/insight/emerging/refresh', { council_id: councilId });
