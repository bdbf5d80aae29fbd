#include "newsroom/newsroom_policy.h"

#include <algorithm>

#include "council/council_policy.h"

namespace pol::newsroom {

using accounts::Actor;
using accounts::Role;

namespace {

bool HasAnyAgencyRole(const Actor& a, int64_t agency_id) {
  if (a.IsSystem()) return true;
  return std::any_of(a.principal->grants.begin(), a.principal->grants.end(),
                     [&](const store::RoleGrant& g) { return g.agency_id == agency_id; });
}

bool IsCouncilRole(const store::RoleGrant& g) {
  auto role = accounts::ParseRole(g.role);
  return role && accounts::IsCouncilScoped(*role);
}

}  // namespace

bool CanSeeCouncil(const Actor& a, int64_t council_id) { return council::CanReadCouncil(a, council_id); }

bool SeesAllCouncilReleases(const Actor& a, int64_t council_id) {
  if (a.IsSystemAdmin()) return true;
  return std::any_of(a.principal->grants.begin(), a.principal->grants.end(), [&](const store::RoleGrant& g) {
    return IsCouncilRole(g) && g.council_id == council_id;
  });
}

bool CanReadRelease(const Actor& a, const store::Release& r) {
  if (SeesAllCouncilReleases(a, r.council_id) || HasAnyAgencyRole(a, r.agency_id)) return true;
  return std::any_of(r.co_signers.begin(), r.co_signers.end(),
                     [&](const store::ReleaseCoSigner& s) { return HasAnyAgencyRole(a, s.agency_id); });
}

bool CanWriteReleases(const Actor& a, int64_t agency_id) {
  return a.IsSystemAdmin() || a.principal->HasInAgency(Role::kAgencyEditor, agency_id) ||
         a.principal->HasInAgency(Role::kAgencyPrManager, agency_id);
}

bool CanManageReleases(const Actor& a, int64_t agency_id) {
  return a.IsSystemAdmin() || a.principal->HasInAgency(Role::kAgencyPrManager, agency_id);
}

bool CanApproveForCouncil(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->HasInCouncil(Role::kCouncilAdmin, council_id) ||
         a.principal->HasInCouncil(Role::kCommitteeMember, council_id);
}

bool ApprovalCoversCouncilStep(const Actor& a) { return a.IsSystemAdmin(); }

std::optional<ReleaseScope> ReadableReleases(const Actor& a) {
  if (a.IsSystemAdmin()) return std::nullopt;
  ReleaseScope s;
  for (const auto& g : a.principal->grants) {
    if (g.agency_id) s.agencies.push_back(*g.agency_id);
    if (IsCouncilRole(g) && g.council_id) s.councils.push_back(*g.council_id);
  }
  return s;
}

std::optional<ReleaseScope> ApprovableReleases(const Actor& a) {
  if (a.IsSystemAdmin()) return std::nullopt;
  ReleaseScope s;
  s.agencies = a.principal->ManagedAgencies();
  for (const auto& g : a.principal->grants) {
    if (g.council_id && (g.role == accounts::RoleName(Role::kCouncilAdmin) ||
                         g.role == accounts::RoleName(Role::kCommitteeMember))) {
      s.councils.push_back(*g.council_id);
    }
  }
  return s;
}

bool CanManageOccasion(const Actor& a, std::optional<int64_t> council_id) {
  if (a.IsSystemAdmin()) return true;
  return council_id && council::CanManageCouncil(a, *council_id);
}

}  // namespace pol::newsroom
