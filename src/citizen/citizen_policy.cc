#include "citizen/citizen_policy.h"

namespace pol::citizen {
namespace {

using accounts::Actor;
using accounts::Principal;
using accounts::Role;

// The council's triage desk: system admins (and the system) and the council's council_admin.
bool CouncilDesk(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->HasInCouncil(Role::kCouncilAdmin, council_id);
}

// An agency's citizen desk: its citizen_desk and agency_pr_manager (the system for any agency).
bool AgencyDesk(const Actor& a, std::optional<int64_t> agency_id) {
  if (!agency_id || a.IsSystem()) return a.IsSystem();
  return a.principal->HasInAgency(Role::kCitizenDesk, *agency_id) ||
         a.principal->HasInAgency(Role::kAgencyPrManager, *agency_id);
}

}  // namespace

bool CanHandleRequest(const Actor& a, int64_t council_id, std::optional<int64_t> agency_id) {
  return a.IsSystemAdmin() || CouncilDesk(a, council_id) || AgencyDesk(a, agency_id);
}

bool CanBeAssignedRequest(const Principal& user, int64_t council_id, std::optional<int64_t> agency_id) {
  return CanHandleRequest(Actor{&user, ""}, council_id, agency_id);
}

RequestScope InboxScope(const Actor& a) {
  RequestScope scope;
  if (a.IsSystemAdmin()) {
    scope.all = true;
    return scope;
  }
  for (const auto& g : a.principal->grants) {
    auto role = accounts::ParseRole(g.role);
    if (!role) continue;
    if ((*role == Role::kCitizenDesk || *role == Role::kAgencyPrManager) && g.agency_id) {
      scope.agencies.push_back(*g.agency_id);
    }
    if (*role == Role::kCouncilAdmin && g.council_id) scope.councils.push_back(*g.council_id);
  }
  return scope;
}

bool CanManageRouting(const Actor& a, int64_t council_id) { return CouncilDesk(a, council_id); }

bool CanManageSlaTargets(const Actor& a, int64_t council_id) { return CouncilDesk(a, council_id); }

bool CanHandlePersonalData(const Actor& a, int64_t council_id) { return CouncilDesk(a, council_id); }

std::optional<std::vector<int64_t>> TemplateAgencies(const Actor& a, int64_t council_id) {
  if (a.IsSystemAdmin() || CouncilDesk(a, council_id)) return std::nullopt;
  std::vector<int64_t> mine;
  for (const auto& g : a.principal->grants) {
    if (g.agency_id && AgencyDesk(a, g.agency_id)) mine.push_back(*g.agency_id);
  }
  return mine;
}

bool CanAddTemplate(const Actor& a, int64_t council_id, std::optional<int64_t> agency_id) {
  if (!agency_id) return CouncilDesk(a, council_id);
  return a.IsSystemAdmin() || CouncilDesk(a, council_id) ||
         a.principal->HasInAgency(Role::kAgencyPrManager, *agency_id);
}

bool CanViewCsat(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->CanReadCouncil(council_id);
}

}  // namespace pol::citizen
