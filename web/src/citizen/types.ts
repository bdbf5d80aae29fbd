// The shapes of the citizens' channel API (src/api/citizen_routes.cc).

export interface CitizenRequest {
  id: number;
  tracking_code: string;
  type: string;
  type_name: string;
  subject: string;
  agency_id: number | null;
  agency_name: string;
  state: string;
  state_name: string;
  assignee_id: number | null;
  assignee_name: string;
  name: string;
  mobile_masked: string;
  mobile?: string;
  national_code?: string;
  text?: string;
  route_source: string;
  /** where the request came in: web (the portal, Open311), telegram, bale (the messenger bots) */
  channel?: string;
  route_confidence: number;
  resolve_due: number | null;
  first_response_due: number | null;
  overdue: boolean;
  escalation: number;
  csat: number | null;
  csat_comment: string;
  duplicate_of: number | null;
  duplicates: number;
  version: number;
  created_at: number;
  events?: { id: number; at: number; kind: string; actor_name: string; public: boolean; body: string }[];
  attachments?: { id: number; name: string; mime: string; size: number }[];
  similar?: CitizenRequest[];
}

export interface Template {
  id: number;
  title: string;
  body: string;
}

export interface Routing {
  samples: number;
  held_out: number;
  accuracy: number;
  trained_at: number;
  min_confidence: number;
  rules: { id: number; agency_id: number; keywords: string; types: string; priority: number }[];
}

export interface CsatRow {
  agency_id: number;
  agency_name: string;
  rated: number;
  closed: number;
  open: number;
  overdue: number;
  average: number;
  distribution: number[];
  /** Requests per channel (web, telegram, bale) routed to the agency. */
  channels: Record<string, number>;
}
export interface CsatReport {
  items: CsatRow[];
  /** The council's requests per channel, routed or not. */
  channels: Record<string, number>;
  /** Requests per channel not routed to an agency yet. */
  unrouted_channels: Record<string, number>;
}
