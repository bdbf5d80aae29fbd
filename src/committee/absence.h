// Absence statistics of a committee (issue 13 §5): per member and per agency, over the committee's
// meetings held (held, minutes in review or approved) starting in a period: meetings with attendance
// recorded, present (present, late, delegated), excused, absent, and the absence rate (excused and
// absent over recorded). Members are all who served (history included); agencies aggregate their
// members. Read by whoever reads the committee (committee_policy.h).
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "store/db.h"

namespace pol::committee {

struct AbsenceCounts {
  int64_t recorded = 0, present = 0, late = 0, delegated = 0, excused = 0, absent = 0;
  double absence_rate = 0;  // (excused + absent) / recorded; 0 when nothing recorded
};

struct MemberAbsence {
  int64_t member_id = 0, user_id = 0;
  std::string user_name, role;
  std::optional<int64_t> agency_id;
  bool current = true;  // false: the member has left
  AbsenceCounts counts;
};

struct AgencyAbsence {
  int64_t agency_id = 0;
  AbsenceCounts counts;
};

struct AbsenceStats {
  std::vector<MemberAbsence> members;   // by member id
  std::vector<AgencyAbsence> agencies;  // by agency id; members without an agency are not counted here
};

// NotFound when the committee does not exist or the actor may not read it. [from, to) in Unix ms.
StatusOr<AbsenceStats> Absence(store::Database& db, const accounts::Actor& actor, int64_t committee_id,
                               int64_t from, int64_t to);

}  // namespace pol::committee
