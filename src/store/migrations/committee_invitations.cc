// Migration 33: the committee's notices (src/committee/invitations.h): one row per message to one person on
// one channel — an invitation or its cancellation, a meeting reminder, a decision's deadline reminder or
// its escalation to the chair. `dedup` is unique: a periodic sweep or a repeated schedule inserts the
// same key again and adds nothing, so each notice is enqueued (and sent) once, across restarts.
#include "store/migrations/schema.h"

namespace pol::store::schema {

const char* const kV33CommitteeInvitations = R"SQL(
CREATE TABLE committee_notices (
  id ${ID},
  dedup TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  committee_id ${INT64} NOT NULL REFERENCES committees(id),
  meeting_id ${INT64} REFERENCES committee_meetings(id),
  decision_id ${INT64} REFERENCES committee_decisions(id),
  member_id ${INT64} REFERENCES committee_members(id),
  user_id ${INT64} NOT NULL REFERENCES users(id),
  sequence ${INT64} NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending',
  error TEXT NOT NULL DEFAULT '',
  created_at ${INT64} NOT NULL,
  sent_at ${INT64}
);
CREATE INDEX committee_notices_meeting ON committee_notices(meeting_id);
CREATE INDEX committee_notices_decision ON committee_notices(decision_id);
)SQL";

}  // namespace pol::store::schema
