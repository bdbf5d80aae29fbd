// The shapes of the monitoring API (src/api/monitor_routes.cc).

export interface Item {
  id: number;
  title: string;
  lead: string;
  source_name: string;
  outlet: string;
  tier: string;
  url: string;
  published_at: number | null;
  fetched_at: number;
  tone: string;
  tone_classifier: string;
  tone_override: string | null;
  snippet?: string;
}

export interface ItemList {
  items: Item[];
  total: number;
  total_capped?: boolean;
  per_page: number;
}

export interface Pickup {
  release_id: number;
  release_title: string;
  item_id: number;
  item_title: string;
  item_url: string;
  outlet: string;
  source_name: string;
  tier: string;
  containment: number;
  kind: string;
  paragraphs: number[];
  release_paragraphs?: string[];
  item_published_at: number | null;
  item_fetched_at: number;
  delay_ms?: number | null;
  reach_weight: number;
}

export interface ItemView extends Item {
  body: string;
  text: string;
  mentions: { agency_id: number; term: string; count: number; spans: [number, number][] }[];
  pickups: Pickup[];
}

export interface SavedSearch {
  id: number;
  name: string;
  query: Record<string, string>;
}

export interface Source {
  id: number;
  name: string;
  url: string;
  kind: string;
  tier: string;
  reach_weight: number;
  fetch_interval_s: number;
  enabled: boolean;
  version: number;
  health: { healthy: boolean; last_fetch_at: number | null; last_success_at: number | null; last_error: string; items_total: number; items_last_day: number };
}

export interface Coverage {
  release_id: number;
  title: string;
  published_at: number | null;
  paragraphs: string[];
  paragraph_uses: number[];
  outlets: Pickup[];
  first_at: number | null;
  first_delay_ms: number | null;
  reach_weighted: number;
}

export interface Stats {
  mentions: { agency_id: number; day: string; tone: string; items: number }[];
  /** month: Jalali yyyymm (140509); month_name: «آذر ۱۴۰۵» */
  pickup_rates: { agency_id: number; month: number; month_name?: string; releases: number; picked_up: number; rate: number }[];
}

export interface WatchTerm {
  id: number;
  agency_id: number;
  kind: string;
  term: string;
  created_at: number;
}

export interface AlertRule {
  id: number;
  council_id: number;
  agency_id: number | null;
  kind: string;
  threshold: number;
  window_minutes: number;
  enabled: boolean;
  created_at: number;
}
