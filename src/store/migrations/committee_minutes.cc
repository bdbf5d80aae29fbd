// Migration 31: the minutes of the PR committee's meetings (src/committee/minutes.h).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// Minutes per meeting, one row per revision: revision 1 is the first text; a correction of approved
// minutes is a new revision that points at the one it corrects (`corrects_id`). Status draft → review
// → approved (locked). Comments of the attendees on a revision in review.
const char* const kV31CommitteeMinutes = R"SQL(
CREATE TABLE committee_minutes (
  id ${ID},
  meeting_id ${INT64} NOT NULL REFERENCES committee_meetings(id),
  revision ${INT64} NOT NULL,
  corrects_id ${INT64} REFERENCES committee_minutes(id),
  correction_reason TEXT NOT NULL DEFAULT '',
  body_html TEXT NOT NULL,
  body_text TEXT NOT NULL,
  status TEXT NOT NULL,
  version ${INT64} NOT NULL DEFAULT 1,
  created_by ${INT64} REFERENCES users(id),
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  circulated_at ${INT64},
  approved_by ${INT64} REFERENCES users(id),
  approved_at ${INT64},
  UNIQUE (meeting_id, revision)
);

CREATE TABLE committee_minutes_comments (
  id ${ID},
  minutes_id ${INT64} NOT NULL REFERENCES committee_minutes(id),
  member_id ${INT64} REFERENCES committee_members(id),
  user_id ${INT64} REFERENCES users(id),
  body TEXT NOT NULL,
  at ${INT64} NOT NULL
);
CREATE INDEX committee_minutes_comments_minutes ON committee_minutes_comments(minutes_id);
)SQL";

}  // namespace pol::store::schema
