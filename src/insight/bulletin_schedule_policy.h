// Who may see and change the press bulletin's schedule and archive (insight/bulletin_schedule.h). This
// file alone decides; the scheduler calls it and never the role primitives of accounts/roles.h.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>

#include "accounts/actor.h"

namespace pol::insight {

// The schedule and the archived bulletins (list, download): whoever may download the council's bulletin
// (system admins, the council admin, committee members, analysts).
bool CanViewBulletinArchive(const accounts::Actor& a, int64_t council_id);

// Setting the schedule and making a bulletin now: system admins and the council admin.
bool CanScheduleBulletin(const accounts::Actor& a, int64_t council_id);

}  // namespace pol::insight
