#include "accounts/roles.h"

#include <algorithm>
#include <array>

namespace pol::accounts {
namespace {

struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view persian;
};

constexpr std::array<RoleInfo, 7> kRoles = {{
    {Role::kSystemAdmin, "system_admin", "مدیر سامانه"},
    {Role::kCouncilAdmin, "council_admin", "مدیر شورا"},
    {Role::kCommitteeMember, "committee_member", "عضو کمیته"},
    {Role::kAnalyst, "analyst", "تحلیلگر"},
    {Role::kAgencyPrManager, "agency_pr_manager", "مدیر روابط عمومی دستگاه"},
    {Role::kAgencyEditor, "agency_editor", "دبیر/خبرنگار دستگاه"},
    {Role::kCitizenDesk, "citizen_desk", "کارشناس میز پاسخگویی"},
}};

void AddUnique(std::vector<int64_t>& v, int64_t x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

}  // namespace

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& r : kRoles) {
    if (r.name == name) return r.role;
  }
  return std::nullopt;
}

std::string_view RoleName(Role r) { return kRoles[static_cast<size_t>(r)].name; }
std::string_view RolePersianName(Role r) { return kRoles[static_cast<size_t>(r)].persian; }

bool IsCouncilScoped(Role r) {
  return r == Role::kCouncilAdmin || r == Role::kCommitteeMember || r == Role::kAnalyst;
}
bool IsAgencyScoped(Role r) {
  return r == Role::kAgencyPrManager || r == Role::kAgencyEditor || r == Role::kCitizenDesk;
}

bool Principal::Has(Role r) const {
  return std::any_of(grants.begin(), grants.end(),
                     [&](const store::RoleGrant& g) { return g.role == RoleName(r); });
}

bool Principal::HasInCouncil(Role r, int64_t council_id) const {
  return std::any_of(grants.begin(), grants.end(), [&](const store::RoleGrant& g) {
    return g.role == RoleName(r) && g.council_id == council_id;
  });
}

bool Principal::HasInAgency(Role r, int64_t agency_id) const {
  return std::any_of(grants.begin(), grants.end(), [&](const store::RoleGrant& g) {
    return g.role == RoleName(r) && g.agency_id == agency_id;
  });
}

bool Principal::CanReadCouncil(int64_t council_id) const {
  return IsSystemAdmin() || std::any_of(grants.begin(), grants.end(), [&](const store::RoleGrant& g) {
           return g.council_id == council_id;
         });
}

bool Principal::CanManageCouncil(int64_t council_id) const {
  return IsSystemAdmin() || HasInCouncil(Role::kCouncilAdmin, council_id);
}

bool Principal::CanViewMedia(int64_t council_id, int64_t agency_id) const {
  return IsSystemAdmin() || std::any_of(grants.begin(), grants.end(), [&](const store::RoleGrant& g) {
           if (g.agency_id) return *g.agency_id == agency_id;
           return g.council_id == council_id;
         });
}

bool Principal::CanManageAgencyUsers(int64_t council_id, int64_t agency_id) const {
  return CanManageCouncil(council_id) || HasInAgency(Role::kAgencyPrManager, agency_id);
}

bool Principal::CanGrant(const store::RoleGrant& g) const {
  auto role = ParseRole(g.role);
  if (!role) return false;
  if (IsSystemAdmin()) return true;
  if (*role == Role::kSystemAdmin) return false;
  if (!g.council_id || !CanReadCouncil(*g.council_id)) return false;
  if (IsCouncilScoped(*role)) return CanManageCouncil(*g.council_id);
  // Agency-scoped roles: council admins, and the agency's own PR manager.
  return g.agency_id && CanManageAgencyUsers(*g.council_id, *g.agency_id);
}

std::optional<std::vector<int64_t>> Principal::ReadableCouncils() const {
  if (IsSystemAdmin()) return std::nullopt;
  std::vector<int64_t> out;
  for (const auto& g : grants) {
    if (g.council_id) AddUnique(out, *g.council_id);
  }
  return out;
}

std::optional<std::vector<int64_t>> Principal::ManagedCouncils() const {
  if (IsSystemAdmin()) return std::nullopt;
  std::vector<int64_t> out;
  for (const auto& g : grants) {
    if (g.role == RoleName(Role::kCouncilAdmin) && g.council_id) AddUnique(out, *g.council_id);
  }
  return out;
}

std::vector<int64_t> Principal::ManagedAgencies() const {
  std::vector<int64_t> out;
  for (const auto& g : grants) {
    if (g.role == RoleName(Role::kAgencyPrManager) && g.agency_id) AddUnique(out, *g.agency_id);
  }
  return out;
}

Status ValidateGrant(const store::RoleGrant& g) {
  auto role = ParseRole(g.role);
  if (!role) return InvalidArgument("invalid_role", "نقش نامعتبر است.", "roles");
  if (*role == Role::kSystemAdmin) {
    if (g.council_id || g.agency_id) {
      return InvalidArgument(
          "invalid_scope",
          "نقش مدیر سامانه به شورا یا دستگاه محدود نمی‌شود.",
          "roles");
    }
    return Status::Ok();
  }
  if (IsCouncilScoped(*role) && (!g.council_id || g.agency_id)) {
    return InvalidArgument("invalid_scope", "برای این نقش باید شورا مشخص شود (و نه دستگاه).", "roles");
  }
  if (IsAgencyScoped(*role) && !g.agency_id) {
    return InvalidArgument("invalid_scope", "برای این نقش باید دستگاه مشخص شود.", "roles");
  }
  return Status::Ok();
}

}  // namespace pol::accounts
