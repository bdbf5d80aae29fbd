// Service-level targets in Iranian working time.
//
// A target gives office minutes (src/text/work_calendar.h: Saturday–Wednesday
// 07:30–14:30 Tehran time, Thursday per the council's policy, Friday and
// official holidays off) for the first response and for resolution. Targets
// are looked up most specific first: (agency, type) → (agency, any type) →
// (council, type) → (council, any type) → the built-in defaults below. The
// clock starts when the request reaches an agency (routing, transfer,
// reopening) or the triage desk.
//
// Built-in defaults (office days of 7 hours): first response 2 days; resolution
// question 5, appreciation 5, suggestion 10, criticism 10, complaint 10,
// report 7 days.
//
// Warnings go out when less than a fifth of the resolution time is left;
// overdue requests escalate to the agency's manager (level 1) and, one more
// target period of first response later, to the council (level 2).
//
// Thread-safety: pure functions over an immutable WorkCalendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/citizen_repo.h"
#include "text/work_calendar.h"

namespace pol::citizen {

struct SlaMinutes {
  int64_t first_response = 0, resolve = 0;
};

inline constexpr int64_t kOfficeDayMinutes = 7 * 60;

SlaMinutes DefaultTarget(const std::string& type);
SlaMinutes TargetFor(const std::vector<store::SlaTarget>& targets, std::optional<int64_t> agency_id,
                     const std::string& type);

struct Deadlines {
  int64_t first_response_due = 0, resolve_due = 0;
};
Deadlines ComputeDeadlines(const text::WorkCalendar& cal, int64_t start, const SlaMinutes& t);

// What the periodic SLA check should do for a request now.
enum class SlaAction { kNone, kWarn, kEscalateManager, kEscalateCouncil };
SlaAction NextSlaAction(const text::WorkCalendar& cal, const store::CitizenRequest& r, const SlaMinutes& t,
                        int64_t now);

}  // namespace pol::citizen
