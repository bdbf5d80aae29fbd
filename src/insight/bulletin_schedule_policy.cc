#include "insight/bulletin_schedule_policy.h"

#include "insight/insight_policy.h"

namespace pol::insight {

using accounts::Role;

bool CanViewBulletinArchive(const accounts::Actor& a, int64_t council_id) {
  return CanViewCouncilInsight(a, council_id);
}

bool CanScheduleBulletin(const accounts::Actor& a, int64_t council_id) {
  if (a.IsSystemAdmin()) return true;
  return a.principal->HasInCouncil(Role::kCouncilAdmin, council_id);
}

}  // namespace pol::insight
