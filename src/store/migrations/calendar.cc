// Migrations 61 and 16: the work calendar's stored overrides (src/citizen/sla_calendar.h).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// A council's closures (offices closed for air pollution, heat, energy saving; or a shipped holiday
// corrected) and corrections (a day marked working). One row per council and day; `day` is the
// Gregorian date as YYYY-MM-DD (portable, sorts as text); kind is 'closed' or 'working'.
const char* const kV61CalendarOverrides = R"SQL(
CREATE TABLE calendar_overrides (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_by ${INT64} REFERENCES users(id),
  created_at ${INT64} NOT NULL,
  UNIQUE (council_id, day)
);
)SQL";

// Migration 16 (issue 18 §4; independent of 61): one agency's
// closures and corrections, on top of its council's calendar (a provincial office closed for heat while
// the others work). Own table, so the council-wide rows keep their one-per-day constraint.
const char* const kV16AgencyCalendarOverrides = R"SQL(
CREATE TABLE agency_calendar_overrides (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_by ${INT64} REFERENCES users(id),
  created_at ${INT64} NOT NULL,
  UNIQUE (agency_id, day)
);
CREATE INDEX agency_calendar_overrides_council ON agency_calendar_overrides(council_id, day);
)SQL";

}  // namespace pol::store::schema
