// SQL of the committee's participation figures (committee/participation.h): per agency of a council,
// attendance of its members at meetings held in a period, and its decisions due in the period and done
// by their deadline. Read-only.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read.
#pragma once

#include <cstdint>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct AgencyAttendanceRow {
  int64_t agency_id = 0, recorded = 0, present = 0;  // present: present, late or delegated
};

struct AgencyDecisionRow {
  int64_t agency_id = 0, due = 0, done_on_time = 0;
};

// Attendance recorded for members seated for an agency, at meetings of the council's committees held
// (held or later) with a start in [from, to).
StatusOr<std::vector<AgencyAttendanceRow>> AttendanceByAgency(Conn& c, int64_t council_id, int64_t from,
                                                              int64_t to);
// Decisions (not cancelled) of the council's committees owned by an agency with a deadline in [from, to).
StatusOr<std::vector<AgencyDecisionRow>> DecisionsByAgency(Conn& c, int64_t council_id, int64_t from,
                                                           int64_t to);

}  // namespace pol::store
