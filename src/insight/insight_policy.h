// Who may see the insight read models (dashboards and their records). This file alone decides; the
// insight service calls it and never the role primitives of accounts/roles.h.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>

#include "accounts/actor.h"

namespace pol::insight {

// The council's dashboard (every agency): system admins and the council's own roles (council admin,
// committee member, analyst). Agency staff do not see the other agencies' figures.
bool CanViewCouncilInsight(const accounts::Actor& a, int64_t council_id);

// One agency's dashboard: whoever sees the council's, and any role of that agency.
bool CanViewAgencyInsight(const accounts::Actor& a, int64_t council_id, int64_t agency_id);

}  // namespace pol::insight
