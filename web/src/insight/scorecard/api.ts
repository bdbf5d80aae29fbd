// The scorecards' API (docs/insight.md «Scorecards»): template, periods, cards, manual scores, evidence.
import { api, get, post, qs } from '../../api';

const BASE = '/insight/scorecard';

export interface TemplateItem {
  index_code: string;
  index_name: string;
  code: string;
  name: string;
  formula: string;
  weight: number;
  max_score: number;
  floor: number;
  target: number;
  lower_is_better?: boolean;
}
export interface Template {
  council_id: number;
  kind: string;
  version: number;
  is_default: boolean;
  items: TemplateItem[];
}
export interface Formula {
  code: string;
  name: string;
  unit: string;
  metric: string;
}
export interface Period {
  id: number;
  council_id: number;
  kind: 'season' | 'year';
  code: string;
  label: string;
  status: 'open' | 'closed';
  from: number;
  to: number;
  closed_at: number | null;
}
export interface Evidence {
  id: number;
  agency_id: number;
  item: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_at: number;
  url: string;
}
/** The list route + filter that produced a data figure (an API path), and the same records as XLSX. */
export interface RecordsLink {
  href: string;
  export: string;
}
export interface ItemScore extends TemplateItem {
  raw: number | null;
  points: number;
  max_points: number;
  metric: string | null;
  records: RecordsLink | null;
  note: string;
  evidence: Evidence[];
}
export interface Card {
  agency_id: number;
  agency_name: string;
  total: number;
  max_total: number;
  rank: number;
  previous_total: number | null;
  delta: number | null;
  items: ItemScore[];
}
export interface PeriodView {
  period: Period;
  council_name: string;
  previous_period_id: number | null;
  agencies: Card[];
}

export const getFormulas = () => get<{ items: Formula[] }>(`${BASE}/formulas`);
export const getTemplate = (councilId: number, kind: string) =>
  get<Template>(`${BASE}/template`, { council_id: councilId, kind });
export const putTemplate = (councilId: number, kind: string, items: TemplateItem[], version: number) =>
  api<Template>('PUT', `${BASE}/template${qs({ council_id: councilId, kind })}`, { items, version });
export const listPeriods = (councilId: number) => get<{ items: Period[] }>(`${BASE}/periods`, { council_id: councilId });
export const createPeriod = (councilId: number, period: string) =>
  post<Period>(`${BASE}/periods`, { council_id: councilId, period });
export const getPeriod = (id: number) => get<PeriodView>(`${BASE}/periods/${id}`);
export const getCard = (id: number, agencyId: number) => get<Card>(`${BASE}/periods/${id}/agencies/${agencyId}`);
export const setScore = (id: number, agencyId: number, item: string, score: number, note: string) =>
  api<Card>('PUT', `${BASE}/periods/${id}/scores`, { agency_id: agencyId, item, score, note });
export const uploadEvidence = (id: number, agencyId: number, item: string, file: File) =>
  api<Evidence>('POST', `${BASE}/periods/${id}/evidence${qs({ agency_id: agencyId, item, file_name: file.name })}`, file);
export const deleteEvidence = (evidenceId: number) => api<void>('DELETE', `${BASE}/evidence/${evidenceId}`);
/** The records behind a figure: its `records.href` is an /api/v1 path with its query. */
export const getLinkedRecords = (href: string) =>
  api<{ total?: number; items: { id: number; related_id?: number | null; title?: string; text?: string; url?: string; at?: number | null }[] }>(
    'GET', href.replace(/^\/api\/v1/, ''));
export const closePeriod = (id: number) => post<PeriodView>(`${BASE}/periods/${id}/close`);
export const exportUrl = (id: number, format: 'pdf' | 'xlsx') =>
  `/api/v1${BASE}/periods/${id}/export${qs({ format })}`;
