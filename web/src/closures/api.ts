// The work calendar's closures and corrections (/api/v1/closures): the days a council's offices are
// closed at short notice (air pollution, heat, energy saving) or work after all; adding or removing
// one recomputes the SLA deadlines it touches at once. A closure is the whole council's or one agency's
// (agency_id): ids are per kind, so removing an agency's names its agency too.
import { api, get, post } from '../api';

export type ClosureKind = 'closed' | 'working';

export interface Closure {
  id: number;
  council_id: number;
  /** one agency's closure; null: the whole council's */
  agency_id: number | null;
  /** Gregorian YYYY-MM-DD */
  day: string;
  /** ۱۴۰۳/۰۹/۱۵ */
  jalali: string;
  /** ۱۵ آذر ۱۴۰۳ */
  label: string;
  kind: ClosureKind;
  reason: string;
  created_at: number;
}

export interface ClosureChange {
  closure: Closure;
  /** requests whose deadlines moved */
  recomputed: number;
}

export const listClosures = (councilId: number) =>
  get<{ items: Closure[] }>(`/closures?council_id=${councilId}`).then((r) => r.items);
export const addClosure = (body: { council_id: number; agency_id?: number; date: string; kind: ClosureKind; reason: string }) =>
  post<ClosureChange>('/closures', body);
export const removeClosure = (councilId: number, id: number, agencyId: number | null) =>
  api<ClosureChange>('DELETE', `/closures/${id}?council_id=${councilId}${agencyId != null ? `&agency_id=${agencyId}` : ''}`);
