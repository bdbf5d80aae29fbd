// Migration 30: the council's PR committee (src/committee).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// Committees (and working groups under them), their members with a role and a voting right and the
// history of who served when, meetings numbered per committee, agenda items, attendance, decisions with
// their follow-up log and votes.
const char* const kV30Committee = R"SQL(
CREATE TABLE committees (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  parent_id ${INT64} REFERENCES committees(id),
  name TEXT NOT NULL,
  quorum_rule TEXT NOT NULL DEFAULT 'half',
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX committees_council ON committees(council_id);

CREATE TABLE committee_members (
  id ${ID},
  committee_id ${INT64} NOT NULL REFERENCES committees(id),
  user_id ${INT64} NOT NULL REFERENCES users(id),
  agency_id ${INT64} REFERENCES agencies(id),
  role TEXT NOT NULL,
  voting INTEGER NOT NULL DEFAULT 1,
  joined_at ${INT64} NOT NULL,
  left_at ${INT64}
);
CREATE INDEX committee_members_committee ON committee_members(committee_id);
CREATE INDEX committee_members_user ON committee_members(user_id);

CREATE TABLE committee_meetings (
  id ${ID},
  committee_id ${INT64} NOT NULL REFERENCES committees(id),
  number ${INT64} NOT NULL,
  kind TEXT NOT NULL,
  starts_at ${INT64} NOT NULL,
  duration_min ${INT64} NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  online_url TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  UNIQUE (committee_id, number)
);
CREATE INDEX committee_meetings_time ON committee_meetings(starts_at);

CREATE TABLE committee_agenda_items (
  id ${ID},
  meeting_id ${INT64} NOT NULL REFERENCES committee_meetings(id),
  position ${INT64} NOT NULL,
  title TEXT NOT NULL,
  presenter_user_id ${INT64} REFERENCES users(id),
  duration_min ${INT64} NOT NULL DEFAULT 0,
  link_kind TEXT NOT NULL DEFAULT '',
  link_id ${INT64},
  is_review INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX committee_agenda_meeting ON committee_agenda_items(meeting_id, position);

CREATE TABLE committee_attendance (
  meeting_id ${INT64} NOT NULL REFERENCES committee_meetings(id),
  member_id ${INT64} NOT NULL REFERENCES committee_members(id),
  status TEXT NOT NULL,
  delegate_name TEXT NOT NULL DEFAULT '',
  rsvp TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE committee_decisions (
  id ${ID},
  committee_id ${INT64} NOT NULL REFERENCES committees(id),
  meeting_id ${INT64} NOT NULL REFERENCES committee_meetings(id),
  agenda_item_id ${INT64} REFERENCES committee_agenda_items(id),
  text TEXT NOT NULL,
  owner_agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  owner_user_id ${INT64} REFERENCES users(id),
  deadline ${INT64} NOT NULL,
  priority TEXT NOT NULL DEFAULT 'normal',
  status TEXT NOT NULL,
  progress ${INT64} NOT NULL DEFAULT 0,
  majority TEXT NOT NULL DEFAULT '',
  vote_result TEXT NOT NULL DEFAULT '',
  done_at ${INT64},
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX committee_decisions_committee ON committee_decisions(committee_id, status);
CREATE INDEX committee_decisions_agency ON committee_decisions(owner_agency_id);

CREATE TABLE committee_followups (
  id ${ID},
  decision_id ${INT64} NOT NULL REFERENCES committee_decisions(id),
  at ${INT64} NOT NULL,
  user_id ${INT64} REFERENCES users(id),
  note TEXT NOT NULL,
  progress ${INT64} NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX committee_followups_decision ON committee_followups(decision_id);

CREATE TABLE committee_votes (
  decision_id ${INT64} NOT NULL REFERENCES committee_decisions(id),
  member_id ${INT64} NOT NULL REFERENCES committee_members(id),
  vote TEXT NOT NULL,
  at ${INT64} NOT NULL,
  PRIMARY KEY (decision_id, member_id)
);
)SQL";

}  // namespace pol::store::schema
