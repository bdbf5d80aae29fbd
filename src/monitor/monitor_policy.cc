#include "monitor/monitor_policy.h"

#include <algorithm>

namespace pol::monitor {

using accounts::Actor;
using accounts::Role;

bool IsInCouncil(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->CanReadCouncil(council_id);
}

bool CanReadMonitoring(const Actor& a, int64_t council_id) {
  if (a.IsSystemAdmin()) return true;
  const auto& p = *a.principal;
  return p.HasInCouncil(Role::kCouncilAdmin, council_id) ||
         p.HasInCouncil(Role::kCommitteeMember, council_id) || p.HasInCouncil(Role::kAnalyst, council_id);
}

bool CanManageMonitoring(const Actor& a, int64_t council_id) {
  if (a.IsSystemAdmin()) return true;
  const auto& p = *a.principal;
  return p.HasInCouncil(Role::kCouncilAdmin, council_id) || p.HasInCouncil(Role::kAnalyst, council_id);
}

bool IsAgencyStaff(const Actor& a, int64_t agency_id) {
  if (a.IsSystem()) return false;
  const auto& grants = a.principal->grants;
  return std::any_of(grants.begin(), grants.end(),
                     [&](const store::RoleGrant& g) { return g.agency_id && *g.agency_id == agency_id; });
}

bool CanSeeItem(const Actor& a, int64_t council_id, const std::vector<int64_t>& mentioned_agencies) {
  if (CanReadMonitoring(a, council_id)) return true;
  return std::any_of(mentioned_agencies.begin(), mentioned_agencies.end(),
                     [&](int64_t agency) { return IsAgencyStaff(a, agency); });
}

bool CanSetTone(const Actor& a, int64_t council_id, const std::vector<int64_t>& mentioned_agencies) {
  if (CanManageMonitoring(a, council_id)) return true;
  if (a.IsSystem()) return false;
  return std::any_of(mentioned_agencies.begin(), mentioned_agencies.end(), [&](int64_t agency) {
    return a.principal->HasInAgency(Role::kAgencyPrManager, agency);
  });
}

bool CanManageWatchTerms(const Actor& a, int64_t council_id, int64_t agency_id) {
  return CanManageMonitoring(a, council_id) ||
         (!a.IsSystem() && a.principal->HasInAgency(Role::kAgencyPrManager, agency_id));
}

bool CanSeeCoverage(const Actor& a, int64_t council_id, int64_t agency_id,
                    const std::vector<int64_t>& co_signer_agencies) {
  if (a.IsSystemAdmin()) return true;
  if (!IsInCouncil(a, council_id)) return false;
  if (CanReadMonitoring(a, council_id) || IsAgencyStaff(a, agency_id)) return true;
  return std::any_of(co_signer_agencies.begin(), co_signer_agencies.end(),
                     [&](int64_t agency) { return IsAgencyStaff(a, agency); });
}

bool CanSeeStats(const Actor& a, int64_t council_id, std::optional<int64_t> agency_id) {
  return CanReadMonitoring(a, council_id) || (agency_id && IsAgencyStaff(a, *agency_id));
}

ItemScope SearchScope(const Actor& a) {
  if (a.IsSystemAdmin()) return {};
  ItemScope scope{.councils = std::vector<int64_t>{}, .agencies = std::vector<int64_t>{}};
  for (const auto& g : a.principal->grants) {
    auto role = accounts::ParseRole(g.role);
    if (!role) continue;
    if (accounts::IsCouncilScoped(*role) && g.council_id) scope.councils->push_back(*g.council_id);
    if (accounts::IsAgencyScoped(*role) && g.agency_id) scope.agencies->push_back(*g.agency_id);
  }
  return scope;
}

std::optional<std::vector<int64_t>> SourceCouncils(const Actor& a) {
  if (a.IsSystemAdmin()) return std::nullopt;
  return a.principal->ReadableCouncils();
}

}  // namespace pol::monitor
