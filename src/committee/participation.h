// For the insight scorecards (issue 9 of #13): per agency of a council and a period [from, to) in Unix
// milliseconds, the attendance rate of its members at the committee meetings held, and the share of its
// decisions due in the period that were done by their deadline. Read-only, in one snapshot.
//
// No authorization here: the caller (insight) decides who sees a council's figures with its own policy.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>
#include <vector>

#include "store/db.h"

namespace pol::committee {

struct AgencyParticipation {
  int64_t agency_id = 0;
  int64_t attendance_recorded = 0, attendance_present = 0;  // present = present, late or delegated
  double attendance_rate = 0;                               // present / recorded; 0 when none recorded
  int64_t decisions_due = 0, decisions_done_on_time = 0;
  double on_time_rate = 0;  // done on time / due; 0 when none due
};

// One row per agency with any attendance or decision in the period, by agency id.
StatusOr<std::vector<AgencyParticipation>> Participation(store::Database& db, int64_t council_id,
                                                         int64_t from, int64_t to);
// The same over a caller's connection (inside its Read or Write: the scorecards compute inside theirs).
StatusOr<std::vector<AgencyParticipation>> Participation(store::Conn& c, int64_t council_id, int64_t from,
                                                         int64_t to);

}  // namespace pol::committee
