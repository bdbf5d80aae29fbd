// The calendar SLA clocks run on, per council: the shipped work calendar (text/work_calendar.h: the
// week, the official holidays) plus the council's stored overrides — closures (offices closed for air
// pollution, heat, energy saving, or a holiday the official calendar moved) and corrections (a day
// marked working). Council admins add and remove them (ClosureService); each change is validated
// (Persian 400s, nothing written), audited, and applied at once, in the same transaction, to every
// open request whose clock it touches: the request's deadlines are recomputed from the clock's start
// (routed_at) with the council's current targets and the history notes it (event "sla_recomputed").
// A request is touched when the changed day lies between its clock's start and its resolve deadline.
// Since issue 18 §4 an override may be one agency's (a provincial office closed for heat): it applies on
// top of the council's calendar to that agency's requests only, and only they are recomputed.
//
// Anything that builds a WorkCalendar for a council (the SLA start and sweep, committee scheduling)
// goes through CouncilCalendar so it sees the same data.
//
// Thread-safety: ClosureService is safe to share (state lives in the database); CouncilCalendar and
// RecomputeDeadlines are functions of a Conn the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "base/status.h"
#include "store/calendar_repo.h"
#include "store/db.h"
#include "text/work_calendar.h"

namespace pol::citizen {

// `base` with the council's overrides applied.
StatusOr<text::WorkCalendar> CouncilCalendar(store::Conn& c, const text::WorkCalendar& base,
                                             int64_t council_id);
// …and on top the overrides of the request's agency (none: the council's calendar). SLA clocks run on it.
StatusOr<text::WorkCalendar> RequestCalendar(store::Conn& c, const text::WorkCalendar& base,
                                             int64_t council_id, std::optional<int64_t> agency_id);

// Recomputes the deadlines of the council's active requests (only `agency_id`'s when given) whose clock
// spans `day` (a day number, text::DaysFromCivil), each on its own agency's calendar; notes it in each
// one's history with `why`. Returns how many changed.
StatusOr<int64_t> RecomputeDeadlines(store::Conn& c, const text::WorkCalendar& base, int64_t council_id,
                                     int64_t day, int64_t now, const std::string& why,
                                     std::optional<int64_t> agency_id = std::nullopt);

struct ClosureInput {
  int64_t council_id = 0;
  std::string date;    // Jalali, as people type it (۱۴۰۳/۰۹/۱۵, 1403-09-15), or Gregorian 2024-12-05
  std::string kind;    // closed | working
  std::string reason;  // why (shown in the history of the requests it moves)
  std::optional<int64_t> agency_id;  // one agency of the council; none: the whole council
};

struct ClosureChange {
  store::CalendarOverride closure;
  int64_t recomputed = 0;  // requests whose deadlines moved
};

class ClosureService {
 public:
  ClosureService(store::Database* db, Env* env, text::WorkCalendar base)
      : db_(db), env_(env), base_(std::move(base)) {}

  // The council-wide overrides, then its agencies' ones.
  StatusOr<std::vector<store::CalendarOverride>> List(const accounts::Actor& actor, int64_t council_id);
  StatusOr<ClosureChange> Add(const accounts::Actor& actor, const ClosureInput& in);
  // `agency_id`: the override is that agency's (ids are per table).
  StatusOr<ClosureChange> Remove(const accounts::Actor& actor, int64_t council_id, int64_t id,
                                 std::optional<int64_t> agency_id = std::nullopt);

  const text::WorkCalendar& base() const { return base_; }

 private:
  store::Database* const db_;
  Env* const env_;
  const text::WorkCalendar base_;
};

// The Gregorian YYYY-MM-DD of a stored override, to and from a date.
std::string IsoDay(text::CivilDate d);
StatusOr<text::CivilDate> ParseIsoDay(const std::string& s);

}  // namespace pol::citizen
