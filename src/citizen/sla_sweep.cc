// RequestService::CheckSla: the periodic SLA sweep `pol serve` runs every minute. For each active
// request near or past a deadline, NextSlaAction (sla.h) decides: warn the agency's desk and the
// assignee, escalate to the agency's PR manager (the council desk for requests still in triage),
// or escalate to the council desk. Each step writes an event, notifications and an audit row in
// its own transaction, and is recorded on the request (warned, escalation) so it happens once.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "citizen/requests.h"
#include "citizen/requests_internal.h"
#include "citizen/sla_calendar.h"
#include "store/release_repo.h"
#include "store/user_repo.h"

namespace pol::citizen {

using nlohmann::json;
using store::CitizenRequest;
using store::Conn;
using namespace internal;

namespace {

// What one SLA step records and whom it tells.
struct SlaStep {
  std::string kind, body;
  std::vector<int64_t> notify;
};

StatusOr<SlaStep> StepFor(Conn& c, SlaAction a, CitizenRequest& r) {
  SlaStep s;
  if (a == SlaAction::kWarn) {
    r.warned = 1;
    s = {"warned", "مهلت پاسخ این درخواست نزدیک است.", {}};
    if (r.assignee_id) s.notify.push_back(*r.assignee_id);
    if (r.agency_id) {
      POL_ASSIGN_OR_RETURN(auto desk, store::UsersWithAgencyRole(c, *r.agency_id, "citizen_desk"));
      s.notify.insert(s.notify.end(), desk.begin(), desk.end());
    }
  } else if (a == SlaAction::kEscalateManager) {
    r.escalation = 1;
    s = {"escalated", "مهلت پاسخ گذشت؛ به مدیر دستگاه گزارش شد.", {}};
    if (r.agency_id) {
      POL_ASSIGN_OR_RETURN(s.notify, store::UsersWithAgencyRole(c, *r.agency_id, "agency_pr_manager"));
    } else {
      POL_ASSIGN_OR_RETURN(s.notify, store::UsersWithCouncilRoles(c, r.council_id, {"council_admin"}));
    }
  } else {
    r.escalation = 2;
    s = {"escalated",
         "مهلت پاسخ مدت‌ها گذشته است؛ به شورا گزارش شد.",
         {}};
    POL_ASSIGN_OR_RETURN(s.notify, store::UsersWithCouncilRoles(c, r.council_id, {"council_admin"}));
  }
  std::sort(s.notify.begin(), s.notify.end());
  s.notify.erase(std::unique(s.notify.begin(), s.notify.end()), s.notify.end());
  return s;
}

}  // namespace

StatusOr<int64_t> RequestService::CheckSla() {
  const int64_t now = env_->NowMillis();
  // Candidates: anything whose warning time may have come (deadline within the longest target).
  std::vector<CitizenRequest> due;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(due, store::ActiveRequestsDueBefore(c, now + 30 * kDay));
    return Status::Ok();
  }));
  int64_t actions = 0;
  for (const CitizenRequest& r : due) {
    bool acted = false;
    Status s = db_->Write([&](Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(acted, SweepOne(c, r.id, now));
      return Status::Ok();
    });
    if (!s.ok()) spdlog::warn("citizen sla check of request {}: {}", r.id, s.ToString());
    if (s.ok() && acted) ++actions;
  }
  return actions;
}

StatusOr<bool> RequestService::SweepOne(Conn& c, int64_t id, int64_t now) {
  POL_ASSIGN_OR_RETURN(CitizenRequest r, Load(c, id));
  POL_ASSIGN_OR_RETURN(auto targets, store::ListSlaTargets(c, r.council_id));
  POL_ASSIGN_OR_RETURN(text::WorkCalendar cal,
                       RequestCalendar(c, calendar_, r.council_id, r.agency_id));  // + closures
  const SlaAction a = NextSlaAction(cal, r, TargetFor(targets, r.agency_id, r.type), now);
  if (a == SlaAction::kNone) return false;
  POL_ASSIGN_OR_RETURN(SlaStep step, StepFor(c, a, r));
  const accounts::Actor system;
  POL_RETURN_IF_ERROR(Apply(c, system, r, "sla_" + step.kind, now, [&](Edit& e, CitizenRequest& x) -> Status {
    for (int64_t u : step.notify) {
      POL_RETURN_IF_ERROR(store::InsertNotification(c, {.user_id = u,
                                                        .kind = "citizen." + step.kind,
                                                        .title = step.body + " (" + x.subject + ")",
                                                        .link = "/console/citizen/" + std::to_string(x.id),
                                                        .created_at = now})
                              .status());
    }
    e.detail = {{"level", x.escalation}};
    return store::InsertRequestEvent(c, {.request_id = x.id,
                                         .at = now,
                                         .kind = step.kind,
                                         .actor_name = kSystemName,
                                         .agency_id = x.agency_id,
                                         .body = step.body,
                                         .detail = e.detail.dump()});
  }));
  return true;
}

}  // namespace pol::citizen
