#include "insight/insight_policy.h"

namespace pol::insight {

using accounts::Role;

bool CanViewCouncilInsight(const accounts::Actor& a, int64_t council_id) {
  if (a.IsSystemAdmin()) return true;
  const accounts::Principal& p = *a.principal;
  return p.HasInCouncil(Role::kCouncilAdmin, council_id) ||
         p.HasInCouncil(Role::kCommitteeMember, council_id) || p.HasInCouncil(Role::kAnalyst, council_id);
}

bool CanViewAgencyInsight(const accounts::Actor& a, int64_t council_id, int64_t agency_id) {
  if (CanViewCouncilInsight(a, council_id)) return true;
  const accounts::Principal& p = *a.principal;
  return p.HasInAgency(Role::kAgencyPrManager, agency_id) || p.HasInAgency(Role::kAgencyEditor, agency_id) ||
         p.HasInAgency(Role::kCitizenDesk, agency_id);
}

}  // namespace pol::insight
