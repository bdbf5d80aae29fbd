#include "citizen/sla.h"

namespace pol::citizen {
namespace {
// WorkCalendar counts in unix seconds; Pol's times are milliseconds.
int64_t AddMinutes(const text::WorkCalendar& cal, int64_t start_ms, int64_t minutes) {
  return cal.AddWorkingMinutes(start_ms / 1000, minutes) * 1000;
}
}  // namespace

SlaMinutes DefaultTarget(const std::string& type) {
  const int64_t d = kOfficeDayMinutes;
  if (type == "question" || type == "appreciation") return {2 * d, 5 * d};
  if (type == "report") return {2 * d, 7 * d};
  return {2 * d, 10 * d};  // complaint, criticism, suggestion
}

SlaMinutes TargetFor(const std::vector<store::SlaTarget>& targets, std::optional<int64_t> agency_id,
                     const std::string& type) {
  const store::SlaTarget* best = nullptr;
  int best_rank = 0;
  for (const auto& t : targets) {
    if (t.agency_id && t.agency_id != agency_id) continue;
    if (t.type && *t.type != type) continue;
    const int rank = (t.agency_id ? 2 : 0) + (t.type ? 1 : 0) + 1;
    if (rank > best_rank) {
      best_rank = rank;
      best = &t;
    }
  }
  if (!best) return DefaultTarget(type);
  return {best->first_response_minutes, best->resolve_minutes};
}

Deadlines ComputeDeadlines(const text::WorkCalendar& cal, int64_t start, const SlaMinutes& t) {
  return {AddMinutes(cal, start, t.first_response), AddMinutes(cal, start, t.resolve)};
}

SlaAction NextSlaAction(const text::WorkCalendar& cal, const store::CitizenRequest& r, const SlaMinutes& t,
                        int64_t now) {
  if (r.state != "open" && r.state != "answered" && r.state != "triage") return SlaAction::kNone;
  const bool overdue = (r.resolve_due && now > *r.resolve_due) ||
                       (!r.first_response_at && r.first_response_due && now > *r.first_response_due);
  if (overdue) {
    const int64_t since =
        r.resolve_due && now > *r.resolve_due ? *r.resolve_due : r.first_response_due.value_or(now);
    const int64_t council_at = AddMinutes(cal, since, t.first_response);
    if (r.escalation < 2 && now >= council_at) return SlaAction::kEscalateCouncil;
    if (r.escalation < 1) return SlaAction::kEscalateManager;
    return SlaAction::kNone;
  }
  if (r.warned == 0 && r.resolve_due && r.routed_at) {
    const int64_t warn_at = AddMinutes(cal, *r.routed_at, t.resolve * 4 / 5);
    if (now >= warn_at) return SlaAction::kWarn;
  }
  return SlaAction::kNone;
}

}  // namespace pol::citizen
