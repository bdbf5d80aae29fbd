// Migration 25: the press bulletin's schedule and archive (src/insight/bulletin_schedule.h, issue 12 §4).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// bulletin_schedules: one row per council and period ('day' or 'week'): the Tehran time of day (minutes
// after midnight), the Iranian weekday for a weekly one (0 = شنبه … 6 = جمعه), whether it is on, and the
// last slot the once-per-cluster task enqueued (each slot once). bulletin_archive: every bulletin the
// job made — its period, first day (Jalali), label, the PDF and the HTML e-mail, what made it
// ('schedule' or 'manual') and the slot it belongs to (one per council, period and slot).
const char* const kV25BulletinArchive = R"SQL(
CREATE TABLE bulletin_schedules (
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  period TEXT NOT NULL,
  minute_of_day INTEGER NOT NULL,
  weekday INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  last_slot_at ${INT64},
  updated_by ${INT64} REFERENCES users(id),
  updated_at ${INT64} NOT NULL,
  PRIMARY KEY (council_id, period)
);
CREATE TABLE bulletin_archive (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  period TEXT NOT NULL,
  first_day TEXT NOT NULL,
  label TEXT NOT NULL,
  file_name TEXT NOT NULL,
  pdf ${BLOB} NOT NULL,
  html TEXT NOT NULL,
  source TEXT NOT NULL,
  slot_at ${INT64} NOT NULL,
  created_at ${INT64} NOT NULL,
  UNIQUE (council_id, period, slot_at)
);
CREATE INDEX bulletin_archive_council ON bulletin_archive(council_id, created_at);
)SQL";

}  // namespace pol::store::schema
