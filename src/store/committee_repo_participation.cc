#include "store/committee_repo_participation.h"

#include <string>

namespace pol::store {

StatusOr<std::vector<AgencyAttendanceRow>> AttendanceByAgency(Conn& c, int64_t council_id, int64_t from,
                                                              int64_t to) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(std::string("SELECT m.agency_id, COUNT(*), "
                          "SUM(CASE WHEN a.status IN ('present', 'late', 'delegated') THEN 1 ELSE 0 END)") +
                  kHeldAttendanceFromWhere + " GROUP BY m.agency_id ORDER BY m.agency_id",
              {council_id, from, to}));
  std::vector<AgencyAttendanceRow> out;
  for (const Row& r : rows) out.push_back({r.Int(0), r.Int(1), r.Int(2)});
  return out;
}

StatusOr<std::vector<AgencyDecisionRow>> DecisionsByAgency(Conn& c, int64_t council_id, int64_t from,
                                                           int64_t to) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT d.owner_agency_id, COUNT(*), "
              "SUM(CASE WHEN d.status = 'done' AND d.done_at <= d.deadline THEN 1 ELSE 0 END) "
              "FROM committee_decisions d JOIN committees k ON k.id = d.committee_id "
              "WHERE k.council_id = ? AND d.deadline >= ? AND d.deadline < ? AND d.status <> 'cancelled' "
              "GROUP BY d.owner_agency_id ORDER BY d.owner_agency_id",
              {council_id, from, to}));
  std::vector<AgencyDecisionRow> out;
  for (const Row& r : rows) out.push_back({r.Int(0), r.Int(1), r.Int(2)});
  return out;
}

}  // namespace pol::store
