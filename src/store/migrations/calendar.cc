// Migration 61: the work calendar's stored overrides (src/citizen/sla_calendar.h).
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

}  // namespace pol::store::schema
