#include "committee/participation.h"

#include <map>

#include "store/committee_repo_participation.h"

namespace pol::committee {

StatusOr<std::vector<AgencyParticipation>> Participation(store::Database& db, int64_t council_id,
                                                         int64_t from, int64_t to) {
  return db.ReadValue([&](store::Conn& c) -> StatusOr<std::vector<AgencyParticipation>> {
    return Participation(c, council_id, from, to);
  });
}

StatusOr<std::vector<AgencyParticipation>> Participation(store::Conn& c, int64_t council_id, int64_t from,
                                                         int64_t to) {
  POL_ASSIGN_OR_RETURN(auto attendance, store::AttendanceByAgency(c, council_id, from, to));
  POL_ASSIGN_OR_RETURN(auto decisions, store::DecisionsByAgency(c, council_id, from, to));
  std::map<int64_t, AgencyParticipation> by;
  for (const auto& a : attendance) {
    auto& p = by[a.agency_id];
    p.attendance_recorded = a.recorded;
    p.attendance_present = a.present;
  }
  for (const auto& d : decisions) {
    auto& p = by[d.agency_id];
    p.decisions_due = d.due;
    p.decisions_done_on_time = d.done_on_time;
  }
  std::vector<AgencyParticipation> out;
  for (auto& [agency, p] : by) {
    p.agency_id = agency;
    if (p.attendance_recorded > 0)
      p.attendance_rate = double(p.attendance_present) / double(p.attendance_recorded);
    if (p.decisions_due > 0) p.on_time_rate = double(p.decisions_done_on_time) / double(p.decisions_due);
    out.push_back(p);
  }
  return out;
}

}  // namespace pol::committee
