// Roles and the permission checks every endpoint makes.
//
// A user holds role grants, each scoped: system_admin is global; council_admin,
// committee_member and analyst belong to one council; agency_pr_manager,
// agency_editor and citizen_desk belong to one agency (and, for convenience,
// carry that agency's council too). A Principal is the logged-in user with
// their grants; its Can* methods are the only place authorization is decided,
// so handlers read as "if (!p.CanManageAgency(a)) return PermissionDenied();".
//
// Thread-safety: values; immutable after construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/user_repo.h"

namespace pol::accounts {

enum class Role {
  kSystemAdmin,
  kCouncilAdmin,
  kCommitteeMember,
  kAnalyst,
  kAgencyPrManager,
  kAgencyEditor,
  kCitizenDesk,
};

std::optional<Role> ParseRole(std::string_view name);
std::string_view RoleName(Role r);
std::string_view RolePersianName(Role r);
bool IsCouncilScoped(Role r);
bool IsAgencyScoped(Role r);

struct Principal {
  int64_t user_id = 0;
  std::string username, name;
  std::vector<store::RoleGrant> grants;

  bool Has(Role r) const;
  bool IsSystemAdmin() const { return Has(Role::kSystemAdmin); }
  bool HasInCouncil(Role r, int64_t council_id) const;
  bool HasInAgency(Role r, int64_t agency_id) const;

  // Any role in the council or in one of its agencies.
  bool CanReadCouncil(int64_t council_id) const;
  bool CanManageCouncil(int64_t council_id) const;
  // Agencies are read by everyone in their council; managed by council admins.
  bool CanManageAgency(int64_t council_id) const { return CanManageCouncil(council_id); }
  // Users holding agency-scoped roles in this agency.
  bool CanManageAgencyUsers(int64_t council_id, int64_t agency_id) const;
  // May this principal give (or take away) this grant?
  bool CanGrant(const store::RoleGrant& g) const;
  bool CanReadAudit(int64_t council_id) const { return CanManageCouncil(council_id); }
  // The media library of an agency: seen by its own staff (any agency role there) and by the council's
  // roles; filled by its editors and PR manager (citizen desk and council roles only look).
  bool CanViewMedia(int64_t council_id, int64_t agency_id) const;
  bool CanUploadMedia(int64_t agency_id) const {
    return IsSystemAdmin() || HasInAgency(Role::kAgencyEditor, agency_id) ||
           HasInAgency(Role::kAgencyPrManager, agency_id);
  }
  // Councils where the principal holds any role; all for system admins (nullopt).
  std::optional<std::vector<int64_t>> ReadableCouncils() const;
  // Councils the principal administers; nullopt = all.
  std::optional<std::vector<int64_t>> ManagedCouncils() const;
  // Agencies whose users the principal manages as PR manager (not via council).
  std::vector<int64_t> ManagedAgencies() const;
  // Distribution channels and press lists: the council's (agency_id empty) and its agencies' are managed
  // by its council admins; an agency's also by that agency's PR manager.
  bool CanManageChannels(int64_t council_id, std::optional<int64_t> agency_id) const {
    return CanManageCouncil(council_id) || (agency_id && HasInAgency(Role::kAgencyPrManager, *agency_id));
  }
};

// Checks a grant's shape: known role, scope present and consistent.
Status ValidateGrant(const store::RoleGrant& g);

}  // namespace pol::accounts
