// Who may see and act on the council's emerging issues (insight/emerging_service.h). This file alone
// decides; the service calls it and never the role primitives of accounts/roles.h.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>

#include "accounts/actor.h"

namespace pol::insight {

// The council's emerging issues: whoever sees the council's dashboard (system admins, the council
// admin, committee members, analysts).
bool CanViewEmerging(const accounts::Actor& a, int64_t council_id);

// Assigning an owner agency to an issue and recounting now: system admins and the council admin.
bool CanManageEmerging(const accounts::Actor& a, int64_t council_id);

// One issue owned by an agency: also the PR manager of that agency (it is notified and may open it).
bool CanViewOwnedEmerging(const accounts::Actor& a, int64_t council_id, int64_t owner_agency_id);

}  // namespace pol::insight
