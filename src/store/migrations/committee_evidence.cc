// Migration 34: evidence attachments on a decision's follow-up entries (issue 13 §7, docs/committee.md
// "Evidence"): the files live content-addressed under <data>/committee/citizen-attachments/ (the citizens'
// attachment store, its own folder); a row names one file on one follow-up entry.
#include "store/migrations/schema.h"

namespace pol::store::schema {

const char* const kV34CommitteeEvidence = R"SQL(
CREATE TABLE committee_evidence (
  id ${ID},
  decision_id ${INT64} NOT NULL REFERENCES committee_decisions(id),
  followup_id ${INT64} NOT NULL REFERENCES committee_followups(id),
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  filename TEXT NOT NULL,
  size_bytes ${INT64} NOT NULL,
  user_id ${INT64} REFERENCES users(id),
  created_at ${INT64} NOT NULL
);
CREATE INDEX committee_evidence_decision ON committee_evidence(decision_id, followup_id);
)SQL";

}  // namespace pol::store::schema
