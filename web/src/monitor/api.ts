// The monitoring API calls in one place (paths of src/api/monitor_routes.cc).
import { api, get, patch, post, type Query } from '../api';
import type { AlertRule, Coverage, ItemList, ItemView, SavedSearch, Source, Stats, WatchTerm } from './types';

export const listItems = (q: Query, signal?: AbortSignal) => get<ItemList>('/monitor/items', q, signal);
export const getItem = (id: number, signal?: AbortSignal) => get<ItemView>(`/monitor/items/${id}`, {}, signal);
export const setItemTone = (id: number, tone: string) => api('PUT', `/monitor/items/${id}/tone`, { tone });

export const listSavedSearches = (signal?: AbortSignal) => get<{ items: SavedSearch[] }>('/monitor/saved-searches', {}, signal);
export const saveSearch = (name: string, query: Record<string, string>) => post('/monitor/saved-searches', { name, query });

export const getCoverage = (releaseId: number, signal?: AbortSignal) => get<Coverage>(`/monitor/releases/${releaseId}/coverage`, {}, signal);
export const getStats = (councilId: number | undefined, signal?: AbortSignal) => get<Stats>('/monitor/stats', { council_id: councilId }, signal);

export const listSources = (councilId: number | undefined, signal?: AbortSignal) =>
  get<{ items: Source[] }>('/monitor/sources', councilId ? { council_id: councilId } : {}, signal);
export const createSource = (body: Record<string, unknown>) => post('/monitor/sources', body);
export const fetchSource = (id: number) => post(`/monitor/sources/${id}/fetch`, {});
export const updateSource = (id: number, body: Record<string, unknown>) => patch<Source>(`/monitor/sources/${id}`, body);
export const deleteSource = (id: number) => api('DELETE', `/monitor/sources/${id}`);

export const listWatchTerms = (agencyId: number, signal?: AbortSignal) => get<{ items: WatchTerm[] }>(`/monitor/agencies/${agencyId}/watch-terms`, {}, signal);
export const createWatchTerm = (agencyId: number | undefined, body: { kind: string; term: string }) => post(`/monitor/agencies/${agencyId}/watch-terms`, body);
export const deleteWatchTerm = (id: number) => api('DELETE', `/monitor/watch-terms/${id}`);

export const listAlertRules = (councilId: number, signal?: AbortSignal) => get<{ items: AlertRule[] }>('/monitor/alert-rules', { council_id: councilId }, signal);
export const createAlertRule = (body: Record<string, unknown>) => post('/monitor/alert-rules', body);
export const deleteAlertRule = (id: number) => api('DELETE', `/monitor/alert-rules/${id}`);
