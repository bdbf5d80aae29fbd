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
