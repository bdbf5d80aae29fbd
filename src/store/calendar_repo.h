// SQL of the work calendar's stored overrides: a council's closures (a day off declared at short
// notice, e.g. for air pollution, heat or energy saving) and corrections (a day marked working). Plain
// rows; validation, authorization and applying them to SLA clocks live in citizen/sla_calendar.h.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "text/work_calendar.h"

namespace pol::store {

struct CalendarOverride {
  int64_t id = 0, council_id = 0;
  std::string day;   // Gregorian YYYY-MM-DD
  std::string kind;  // closed | working
  std::string reason;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
};

// The new row's id; already_exists when the council has an override on that day.
StatusOr<int64_t> InsertCalendarOverride(Conn& c, const CalendarOverride& o);
StatusOr<std::optional<CalendarOverride>> GetCalendarOverride(Conn& c, int64_t id);
Status DeleteCalendarOverride(Conn& c, int64_t id);
// A council's overrides in day order.
StatusOr<std::vector<CalendarOverride>> ListCalendarOverrides(Conn& c, int64_t council_id);

// `base` (the shipped calendar: week, official holidays) with the council's overrides applied: what
// every WorkCalendar built for a council (SLA clocks, committee scheduling) must be.
StatusOr<text::WorkCalendar> CouncilWorkCalendar(Conn& c, const text::WorkCalendar& base, int64_t council_id);

}  // namespace pol::store
