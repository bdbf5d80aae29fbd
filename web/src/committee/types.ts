// The PR committee's shapes as src/api/committee_routes.cc renders them.
export interface Committee {
  id: number;
  council_id: number;
  parent_id: number | null;
  name: string;
  quorum_rule: string;
  version: number;
}

export interface Member {
  id: number;
  user_id: number;
  user_name: string;
  agency_id: number | null;
  role: 'chair' | 'secretary' | 'member' | 'guest';
  voting: boolean;
  left_at: number | null;
}

export interface CommitteeView extends Committee {
  members: Member[];
  my_role: string | null;
}

export interface Meeting {
  id: number;
  committee_id: number;
  number: number;
  kind: string;
  starts_at: number;
  duration_min: number;
  place: string;
  online_url: string;
  status: string;
  version: number;
}

export interface AgendaItem {
  id: number;
  position: number;
  title: string;
  duration_min: number;
  is_review: boolean;
}

export interface Attendance {
  member_id: number;
  status: string;
  delegate_name: string;
  rsvp: string;
}

export interface Decision {
  id: number;
  committee_id: number;
  meeting_id: number;
  meeting_number: number;
  text: string;
  owner_agency_id: number;
  owner_user_id: number | null;
  deadline: number;
  deadline_jalali: string;
  working_days_left: number;
  priority: string;
  status: string;
  overdue: boolean;
  progress: number;
  majority: string;
  vote_result: string;
  version: number;
  followups: { id: number; at: number; note: string; progress: number; status: string }[];
  votes: { member_id: number; vote: string }[];
  tally?: { yes: number; no: number; abstain: number; present: number; needed: number; passed: boolean };
}

export interface MeetingView extends Meeting {
  starts_jalali: string;
  agenda: AgendaItem[];
  review: Decision[];
  attendance: Attendance[];
  quorum: { voting_members: number; voting_present: number; needed: number; reached: boolean };
  warnings: string[];
}
