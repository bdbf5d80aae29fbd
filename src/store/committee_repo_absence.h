// SQL of the committee's absence statistics (committee/absence.h): attendance statuses counted per
// member at a committee's meetings held in a period. Read-only.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct MemberAttendanceCount {
  int64_t member_id = 0;
  std::string status;  // present | late | delegated | excused | absent
  int64_t count = 0;
};

// Recorded attendance at the committee's meetings held (held or later) starting in [from, to).
StatusOr<std::vector<MemberAttendanceCount>> AttendanceCounts(Conn& c, int64_t committee_id, int64_t from,
                                                              int64_t to);

}  // namespace pol::store
