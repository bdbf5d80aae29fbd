// Who may do what with citizens' requests: the one place in src/citizen that reads roles.
//
// Every function takes the accounts::Actor of the call; the system itself (a null principal: the
// CLI, the demo loader, the SLA sweep) may do everything, as may a system_admin. The rules:
//   a request        the council's council_admin (the triage desk) and the handling agency's
//                    citizen_desk and agency_pr_manager; everyone else gets 404, not 403;
//   council desk     routing rules and retraining, SLA targets, export and erasure of a
//                    citizen's data: the council_admin of the served council;
//   reply templates  seen by the desk and by the agency desks (their agencies' and the
//                    council-wide ones); an agency's made by its agency_pr_manager or the desk,
//                    council-wide ones by the desk;
//   satisfaction     (CSAT) read by anyone with a role in the council.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accounts/actor.h"

namespace pol::citizen {

// May see and work a request (open, reply, note, assign, transfer, close, merge, attachments): the
// council's triage desk or, once routed, the handling agency's citizen_desk and agency_pr_manager.
bool CanHandleRequest(const accounts::Actor& a, int64_t council_id, std::optional<int64_t> agency_id);
// May `user` be assigned the request: the same rule as CanHandleRequest, for that user.
bool CanBeAssignedRequest(const accounts::Principal& user, int64_t council_id,
                          std::optional<int64_t> agency_id);

// The requests an actor's inbox lists.
struct RequestScope {
  bool all = false;                         // system admins: every request
  std::vector<int64_t> agencies, councils;  // else these agencies' and councils' (triage desk)
  bool none() const { return !all && agencies.empty() && councils.empty(); }
};
// All for system admins; the agencies where the actor is citizen_desk or agency_pr_manager and the
// councils where it is council_admin; none() for everyone else (refused).
RequestScope InboxScope(const accounts::Actor& a);

// The council's triage desk (council_admin): routing rules and the model.
bool CanManageRouting(const accounts::Actor& a, int64_t council_id);
// SLA targets are set by the council desk.
bool CanManageSlaTargets(const accounts::Actor& a, int64_t council_id);
// Export and erasure of a citizen's personal data: the council desk.
bool CanHandlePersonalData(const accounts::Actor& a, int64_t council_id);

// The reply templates an actor sees: nullopt = all of the council's (the council desk); else the
// council-wide ones plus those of the listed agencies (where the actor is citizen_desk or
// agency_pr_manager); an empty list means none (refused).
std::optional<std::vector<int64_t>> TemplateAgencies(const accounts::Actor& a, int64_t council_id);
// An agency's template: its agency_pr_manager or the council desk; a council-wide one: the desk.
bool CanAddTemplate(const accounts::Actor& a, int64_t council_id, std::optional<int64_t> agency_id);

// Satisfaction figures of the council's agencies: anyone with a role in the council.
bool CanViewCsat(const accounts::Actor& a, int64_t council_id);

}  // namespace pol::citizen
