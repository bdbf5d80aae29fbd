// The work calendar's closures and corrections (/api/v1/closures): the days a council's offices are
// closed at short notice (air pollution, heat, energy saving) or work after all; adding or removing
// one recomputes the SLA deadlines it touches at once.
import { api, get, post } from '../api';

export type ClosureKind = 'closed' | 'working';

export interface Closure {
  id: number;
  council_id: number;
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
export const addClosure = (body: { council_id: number; date: string; kind: ClosureKind; reason: string }) =>
  post<ClosureChange>('/closures', body);
export const removeClosure = (councilId: number, id: number) =>
  api<ClosureChange>('DELETE', `/closures/${id}?council_id=${councilId}`);
