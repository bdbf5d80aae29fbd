import { get, post, patch, type Query } from '../api';

export type ChannelKind = 'telegram' | 'bale' | 'eitaa' | 'email' | 'webhook';

export interface Channel {
  id: number;
  council_id: number;
  agency_id: number | null;
  kind: ChannelKind;
  kind_name: string;
  name: string;
  config: Record<string, string | number>;
  secret_set: boolean;
  secret_hint: string;
  enabled: boolean;
  version: number;
}

export interface PressList {
  id: number;
  council_id: number;
  agency_id: number | null;
  name: string;
  contacts: number;
  unsubscribed: number;
}

export interface ImportReport {
  added: number;
  updated: number;
  rejected: number;
  problems: { line: number; email: string; code: string; message: string }[];
}

export type DeliveryState = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface Delivery {
  id: number;
  release_id: number;
  channel_id: number;
  channel_kind: string;
  channel_name: string;
  recipient: string;
  state: DeliveryState;
  state_name: string;
  attempts: number;
  next_at: number;
  message_id: string;
  url: string;
  error_code: string;
  error_fa: string;
  error_detail: string;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

/** A failed delivery on the distribution screen (GET /deliveries): its release and whether a retry is possible. */
export interface FailedDelivery extends Delivery {
  council_id: number;
  agency_id: number | null;
  release_title: string;
  release_status: string;
  retryable: boolean;
}

export interface ChannelSummary {
  channel_id: number | null;
  kind: string;
  kind_name: string;
  name: string;
  state: string;
  url?: string;
  sent_at?: number | null;
  last_at?: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
}

export interface Deliveries {
  release_id: number;
  status: string;
  channels: ChannelSummary[];
  items: Delivery[];
}

export interface TestResult {
  ok: boolean;
  message_id: string;
  url: string;
  error_code: string;
  error_fa: string;
  error_detail: string;
}

export const listChannels = () => get<{ items: Channel[] }>('/channels').then((r) => r.items);
export const createChannel = (body: unknown) => post<Channel>('/channels', body);
export const updateChannel = (id: number, body: unknown) => patch<Channel>(`/channels/${id}`, body);
export const testChannel = (id: number) => post<TestResult>(`/channels/${id}/test`);
export const listPressLists = () => get<{ items: PressList[] }>('/press-lists').then((r) => r.items);
export const createPressList = (body: unknown) => post<PressList>('/press-lists', body);
export const importContacts = (id: number, csv: string) => post<ImportReport>(`/press-lists/${id}/contacts`, { csv });
export const getDeliveries = (releaseId: number, signal?: AbortSignal) =>
  get<Deliveries>(`/releases/${releaseId}/deliveries`, {}, signal);
export const listFailedDeliveries = (q: Query, signal?: AbortSignal) =>
  get<{ items: FailedDelivery[]; total: number; page: number; per_page: number }>('/deliveries', q, signal);
export const retryDelivery = (id: number) => post<Delivery>(`/deliveries/${id}/retry`);
export const cancelDelivery = (id: number) => post<Delivery>(`/deliveries/${id}/cancel`);

// A failed delivery of a bulletin, a monitoring alert or a correction/withdrawal (GET /outbox/failed).
export type OutboxKind = 'bulletin' | 'alert' | 'release_update';
export interface OutboxDelivery {
  kind: OutboxKind;
  kind_name: string;
  id: number;
  council_id: number;
  agency_id: number | null;
  channel_id: number | null;
  channel_kind: string;
  channel_name: string;
  recipient: string;
  title: string;
  event: string;
  ref_id: number;
  link: string;
  state: string;
  attempts: number;
  error_code: string;
  error_fa: string;
  error_detail: string;
  created_at: number;
  updated_at: number;
  retryable: boolean;
}
export const listFailedOutbox = (q: Query, signal?: AbortSignal) =>
  get<{ items: OutboxDelivery[]; total: number; page: number; per_page: number }>('/outbox/failed', q, signal);
export const retryOutbox = (kind: OutboxKind, id: number) => post<OutboxDelivery>(`/outbox/${kind}/${id}/retry`);

export const STATE_BADGE: Record<string, string> = {
  queued: 'text-bg-secondary',
  sending: 'text-bg-info',
  sent: 'text-bg-success',
  failed: 'text-bg-danger',
  cancelled: 'text-bg-warning',
  none: 'text-bg-light',
};
export const STATE_NAME: Record<string, string> = {
  queued: 'در صف',
  sending: 'در حال ارسال',
  sent: 'ارسال شد',
  failed: 'ناموفق',
  cancelled: 'لغو شد',
  none: 'منتشر نشده',
};
