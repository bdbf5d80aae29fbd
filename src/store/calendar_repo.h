// SQL of the work calendar's stored overrides: a council's closures (a day off declared at short
// notice, e.g. for air pollution, heat or energy saving) and corrections (a day marked working), and
// since issue 18 §4 one agency's (table agency_calendar_overrides: its own id space, so an override is
// named by its id and its agency, none for council-wide). Plain rows; validation, authorization and
// applying them to SLA clocks live in citizen/sla_calendar.h.
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
  std::optional<int64_t> agency_id;  // one agency's; none: the whole council's
  std::string day;                   // Gregorian YYYY-MM-DD
  std::string kind;                  // closed | working
  std::string reason;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
};

// The new row's id (in the council's table, or the agency's when o.agency_id is set); already_exists
// when the council (or that agency) has an override on that day.
StatusOr<int64_t> InsertCalendarOverride(Conn& c, const CalendarOverride& o);
// The override `id` of `agency_id`'s table (none: the council-wide table).
StatusOr<std::optional<CalendarOverride>> GetCalendarOverride(
    Conn& c, int64_t id, std::optional<int64_t> agency_id = std::nullopt);
Status DeleteCalendarOverride(Conn& c, int64_t id, std::optional<int64_t> agency_id = std::nullopt);
// A council's overrides in day order: the council-wide ones, then (with `agencies`) its agencies' ones.
StatusOr<std::vector<CalendarOverride>> ListCalendarOverrides(Conn& c, int64_t council_id,
                                                              bool agencies = false);

// `base` (the shipped calendar: week, official holidays) with the council's overrides applied: what
// every WorkCalendar built for a council (SLA clocks, committee scheduling) must be.
StatusOr<text::WorkCalendar> CouncilWorkCalendar(Conn& c, const text::WorkCalendar& base, int64_t council_id);
// The council's calendar with one agency's overrides on top (none: the council's): what an SLA clock of a
// request of that agency runs on.
StatusOr<text::WorkCalendar> AgencyWorkCalendar(Conn& c, const text::WorkCalendar& base, int64_t council_id,
                                                std::optional<int64_t> agency_id);

}  // namespace pol::store
