// Who may see and manage councils and their member agencies. This file alone
// decides; CouncilService calls these functions and never the role primitives of
// accounts/roles.h. The system itself (CLI, demo loader) may do everything.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accounts/actor.h"

namespace pol::council {

// A council and its agencies are seen by anyone holding a role in it or in one of its agencies; system
// admins see every council.
bool CanReadCouncil(const accounts::Actor& a, int64_t council_id);

// A council is edited, and its agencies created and edited, by its council admins and system admins.
bool CanManageCouncil(const accounts::Actor& a, int64_t council_id);

// Councils are created by system admins only.
bool CanCreateCouncil(const accounts::Actor& a);

// The councils whose agencies a list shows when none is named: nullopt = all (system admins); else the
// councils where the actor holds any role.
std::optional<std::vector<int64_t>> ReadableCouncils(const accounts::Actor& a);

}  // namespace pol::council
