export type RoleName =
  | 'system_admin'
  | 'council_admin'
  | 'committee_member'
  | 'analyst'
  | 'agency_pr_manager'
  | 'agency_editor'
  | 'citizen_desk';

export interface RoleGrant {
  role: RoleName;
  council_id: number | null;
  agency_id: number | null;
}

export interface User {
  id: number;
  username: string;
  name: string;
  mobile: string | null;
  email: string | null;
  disabled: boolean;
  created_at: number;
  last_login_at: number | null;
  version: number;
  roles: RoleGrant[];
}

export interface Council {
  id: number;
  slug: string;
  name: string;
  province: string;
  description: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface Agency {
  id: number;
  council_id: number;
  slug: string;
  name: string;
  short_name: string;
  website: string;
  pr_email: string;
  pr_phone: string;
  disabled: boolean;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  per_page: number;
  total: number;
  total_capped?: boolean; // a word search with more matches than `total`: the page is the newest of them
}

export interface AuditEntry {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: number | string | null;
  ip: string | null;
  detail: unknown;
}

export interface MeResponse {
  user: User;
  csrf_token: string;
}
