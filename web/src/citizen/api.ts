// The citizens' channel API calls in one place (paths of src/api/citizen_routes.cc).
import { api, get, post, type Query } from '../api';
import type { Page } from '../types';
import type { CitizenRequest, CsatReport, Routing, Template } from './types';

// sms_configured: false when the server has no SMS provider (citizens cannot verify requests then).
export const listRequests = (q: Query, signal?: AbortSignal) =>
  get<Page<CitizenRequest> & { sms_configured?: boolean }>('/citizen/requests', q, signal);
export const getRequest = (id: number, signal?: AbortSignal) => get<CitizenRequest>(`/citizen/requests/${id}`, {}, signal);
/** A casework step on a request: reply, notes, assign, transfer, close, merge. */
export const requestAction = (id: number, action: string, body: unknown) => post(`/citizen/requests/${id}/${action}`, body);
export const listTemplates = (signal?: AbortSignal) => get<{ items: Template[] }>('/citizen/templates', {}, signal);

export const getRouting = (signal?: AbortSignal) => get<Routing>('/citizen/routing', {}, signal);
export const retrainRouting = () => post('/citizen/routing/retrain');
export const createRoutingRule = (body: { agency_id: number; keywords: string; priority: number }) => post('/citizen/routing/rules', body);
export const deleteRoutingRule = (id: number) => api('DELETE', `/citizen/routing/rules/${id}`);

export const getCsat = (signal?: AbortSignal) => get<CsatReport>('/citizen/csat', {}, signal);

/** SLA targets of the served council (council desk): overrides per (agency, type), the built-in defaults. */
export interface SlaTarget {
  id: number;
  agency_id: number | null;
  type: string | null;
  first_response_minutes: number;
  resolve_minutes: number;
}
export interface SlaTargets {
  items: SlaTarget[];
  defaults: Record<string, { first_response_minutes: number; resolve_minutes: number }>;
  office_day_minutes: number;
}
export const getSla = (signal?: AbortSignal) => get<SlaTargets>('/citizen/sla', {}, signal);
export const setSla = (body: { agency_id?: number; type?: string; first_response_minutes: number; resolve_minutes: number }) =>
  api<SlaTargets>('PUT', '/citizen/sla', body);

/** Everything filed with one mobile number (the citizen's right of access), and its erasure. */
export interface PersonalData {
  mobile: string;
  requests: {
    tracking_code: string;
    type: string;
    subject: string;
    text: string;
    name: string;
    mobile: string;
    national_code: string;
    state: string;
    agency: string;
    created_at: number;
    csat: number | null;
    channel: string;
    events: { at: number; kind: string; body: string }[];
  }[];
  chats: unknown[];
}
export const exportPersonal = (mobile: string, signal?: AbortSignal) => get<PersonalData>('/citizen/export', { mobile }, signal);
export const erasePersonal = (mobile: string) => post<{ erased: number }>('/citizen/erase', { mobile });
