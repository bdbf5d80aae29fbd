// The insight API: the dashboard and the records behind its numbers (docs/insight.md).
import { get, qs } from '../api';
import type { DashboardData, RecordsPage } from './types';

export interface DashboardQuery {
  council_id?: number;
  agency_id?: number;
  period: string;
  date?: string;
  from?: string;
  to?: string;
}

export const getDashboard = (q: DashboardQuery, signal?: AbortSignal) =>
  get<DashboardData>('/insight/dashboard', { ...q }, signal);

export const getRecords = (q: DashboardQuery, metric: string, signal?: AbortSignal) =>
  get<RecordsPage>('/insight/records', { ...q, metric, per_page: 200 }, signal);

/** Download links (the session cookie authorizes them): every record of a metric, or the dashboard. */
export const recordsExportUrl = (q: DashboardQuery, metric: string, format: 'csv' | 'xlsx') =>
  `/api/v1/insight/records/export${qs({ ...q, metric, format })}`;
export const dashboardExportUrl = (q: DashboardQuery) => `/api/v1/insight/dashboard/export${qs({ ...q, format: 'xlsx' })}`;

export interface BulletinQuery {
  council_id: number;
  period: 'day' | 'week' | 'month';
  date?: string;
}
/** The press bulletin as a file (PDF, XLSX) or the HTML e-mail as it will be sent. */
export const bulletinUrl = (q: BulletinQuery, format: 'pdf' | 'xlsx' | 'html') =>
  `/api/v1/insight/bulletin${qs({ ...q, format })}`;
