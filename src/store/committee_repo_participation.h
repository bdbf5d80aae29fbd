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

// The attendance these figures count, as SQL: rows recorded for members seated for an agency at meetings
// of the council's committees held (held or later) with a start in [from, to). Aliases a (attendance),
// m (member), mt (meeting), k (committee); parameters council, from, to. Shared with the records behind
// the figure (store/insight_repo.cc, metric committee_attendance), so both read one set.
inline constexpr char kHeldAttendanceFromWhere[] =
    " FROM committee_attendance a JOIN committee_members m ON m.id = a.member_id "
    "JOIN committee_meetings mt ON mt.id = a.meeting_id JOIN committees k ON k.id = mt.committee_id "
    "WHERE k.council_id = ? AND mt.starts_at >= ? AND mt.starts_at < ? AND m.agency_id IS NOT NULL "
    "AND mt.status IN ('held', 'minutes_review', 'minutes_approved') AND a.status <> ''";

// Attendance recorded for members seated for an agency, at meetings of the council's committees held
// (held or later) with a start in [from, to).
StatusOr<std::vector<AgencyAttendanceRow>> AttendanceByAgency(Conn& c, int64_t council_id, int64_t from,
                                                              int64_t to);
// Decisions (not cancelled) of the council's committees owned by an agency with a deadline in [from, to).
StatusOr<std::vector<AgencyDecisionRow>> DecisionsByAgency(Conn& c, int64_t council_id, int64_t from,
                                                           int64_t to);

}  // namespace pol::store
