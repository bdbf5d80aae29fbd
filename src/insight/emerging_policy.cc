#include "insight/emerging_policy.h"

#include "insight/insight_policy.h"

namespace pol::insight {

using accounts::Role;

bool CanViewEmerging(const accounts::Actor& a, int64_t council_id) {
  return CanViewCouncilInsight(a, council_id);
}

bool CanManageEmerging(const accounts::Actor& a, int64_t council_id) {
  if (a.IsSystemAdmin()) return true;
  return a.principal->HasInCouncil(Role::kCouncilAdmin, council_id);
}

bool CanViewOwnedEmerging(const accounts::Actor& a, int64_t council_id, int64_t owner_agency_id) {
  if (CanViewEmerging(a, council_id)) return true;
  return a.principal->HasInAgency(Role::kAgencyPrManager, owner_agency_id);
}

}  // namespace pol::insight
