#include "ops/ops_policy.h"

namespace pol::ops {

bool CanAdministerJobs(const accounts::Actor& a) { return a.IsSystemAdmin(); }

}  // namespace pol::ops
