// Migration 35: a committee's reminder settings (issue 13 §7, docs/committee.md "Reminder lead time"): how many
// days before a decision's deadline its owner person and the owner agency's PR managers are reminded (3 when
// no row).
#include "store/migrations/schema.h"

namespace pol::store::schema {

const char* const kV35CommitteeReminders = R"SQL(
CREATE TABLE committee_reminder_settings (
  committee_id ${INT64} PRIMARY KEY REFERENCES committees(id),
  decision_reminder_days ${INT64} NOT NULL DEFAULT 3,
  version ${INT64} NOT NULL DEFAULT 1,
  updated_at ${INT64} NOT NULL
);
)SQL";

}  // namespace pol::store::schema
