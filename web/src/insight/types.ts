export interface PeriodInfo {
  kind: string;
  first: string;
  last: string;
  label: string;
  days: number;
}
export interface Figure {
  metric: string;
  value: number;
  previous: number;
  delta: number;
  percent: number | null;
}
export interface Ratio {
  name: string;
  value: number | null;
  previous: number | null;
  delta: number | null;
}
export interface InsightRecord {
  kind: string;
  id: number;
  title: string;
  at: number | null;
  agency_id: number | null;
  label: string;
  tone: string;
  url: string;
  related_id: number | null;
  value: number | null;
}
export interface DashboardData {
  council_id: number;
  agency_id: number | null;
  period: PeriodInfo;
  previous: PeriodInfo;
  figures: Figure[];
  ratios: Ratio[];
  mentions_over_time: { day: string; total: number; positive: number; neutral: number; negative: number; spike: boolean }[];
  share_of_voice: { agency_id: number; name: string; count: number; percent: number }[];
  top_outlets: { outlet: string; count: number }[];
  top_negative: InsightRecord[];
  best_releases: InsightRecord[];
  worst_releases: InsightRecord[];
  requests_by_type: { type: string; count: number }[];
  requests_by_agency: { agency_id: number | null; name: string; count: number }[];
  requests_by_channel: { channel: string; count: number }[];
  /** top terms with Δ and the top topics of requests (the emerging issues' daily roll-up; council only) */
  top_terms?: TermDelta[];
  request_topics?: TermDelta[];
  terms_coverage?: { days: number; days_counted: number; previous_days_counted: number };
}
export interface RecordsPage {
  metric: string;
  total: number;
  items: InsightRecord[];
}

export interface TermDelta {
  term: string;
  value: number;
  previous: number;
  delta: number;
  percent: number | null;
}
