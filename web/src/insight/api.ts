// The insight API: the dashboard and the records behind its numbers (docs/insight.md).
import { api, get, post, qs } from '../api';
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
/** One of the dashboard's charts as the server's SVG — the drawing the bulletin PDF prints. */
export type DashboardChart = 'mentions_over_time' | 'tone' | 'share_of_voice' | 'top_outlets' | 'requests_by_type';
export const dashboardChartUrl = (q: DashboardQuery, chart: DashboardChart) =>
  `/api/v1/insight/dashboard/chart${qs({ ...q, chart })}`;

export interface BulletinQuery {
  council_id: number;
  period: 'day' | 'week' | 'month';
  date?: string;
}
/** The press bulletin as a file (PDF, XLSX) or the HTML e-mail as it will be sent. */
export const bulletinUrl = (q: BulletinQuery, format: 'pdf' | 'xlsx' | 'html') =>
  `/api/v1/insight/bulletin${qs({ ...q, format })}`;

// The bulletin's schedule and archive (docs/insight.md).
export interface BulletinSchedule {
  council_id: number;
  period: 'day' | 'week';
  time: string; // HH:MM, Tehran
  weekday: number; // 0 = شنبه … 6 = جمعه
  enabled: boolean;
  updated_at: number;
  channel_ids: number[]; // the recipients: the council's e-mail and messenger channels
}
/** One channel's deliveries of an archived bulletin (distribution's durable queue). */
export interface BulletinDelivery {
  channel_id: number;
  kind: string;
  name: string;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
  url: string;
  error: string;
  last_at: number;
}
export interface ArchivedBulletin {
  id: number;
  council_id: number;
  period: 'day' | 'week';
  first_day: string;
  label: string;
  file_name: string;
  source: 'schedule' | 'manual';
  created_at: number;
  pdf_bytes: number;
  deliveries: BulletinDelivery[];
}
export const getBulletinSchedules = (councilId: number, signal?: AbortSignal) =>
  get<{ items: BulletinSchedule[] }>('/insight/bulletin/schedules', { council_id: councilId }, signal).then((r) => r.items);
export const setBulletinSchedule = (s: { council_id: number; period: string; time: string; weekday: number; enabled: boolean; channel_ids?: number[] }) =>
  api<{ schedule: BulletinSchedule }>('PUT', '/insight/bulletin/schedules', s);
export const runBulletin = (councilId: number, period: string) =>
  post<{ job_id: number }>('/insight/bulletin/run', { council_id: councilId, period });
export const getBulletinArchive = (councilId: number, signal?: AbortSignal) =>
  get<{ items: ArchivedBulletin[] }>('/insight/bulletin/archive', { council_id: councilId }, signal).then((r) => r.items);
export const archivedBulletinUrl = (id: number, format: 'pdf' | 'html') =>
  `/api/v1/insight/bulletin/archive/${id}${qs({ format })}`;
