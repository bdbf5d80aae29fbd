// Who may administer the job queue. This file alone decides; JobAdmin calls it
// and never the role primitives of accounts/roles.h.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include "accounts/actor.h"

namespace pol::ops {

// The job queue is listed, inspected, retried and cancelled by system admins (and the system) only.
bool CanAdministerJobs(const accounts::Actor& a);

}  // namespace pol::ops
