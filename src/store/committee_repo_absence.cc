#include "store/committee_repo_absence.h"

namespace pol::store {

StatusOr<std::vector<MemberAttendanceCount>> AttendanceCounts(Conn& c, int64_t committee_id, int64_t from,
                                                              int64_t to) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT a.member_id, a.status, COUNT(*) FROM committee_attendance a "
              "JOIN committee_meetings mt ON mt.id = a.meeting_id "
              "WHERE mt.committee_id = ? AND mt.starts_at >= ? AND mt.starts_at < ? AND a.status <> '' "
              "AND mt.status IN ('held', 'minutes_review', 'minutes_approved') "
              "GROUP BY a.member_id, a.status ORDER BY a.member_id, a.status",
              {committee_id, from, to}));
  std::vector<MemberAttendanceCount> out;
  for (const Row& r : rows) out.push_back({r.Int(0), r.Text(1), r.Int(2)});
  return out;
}

}  // namespace pol::store
