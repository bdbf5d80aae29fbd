#include "committee/absence.h"

#include <map>

#include "committee/committee_internal.h"
#include "store/committee_repo_absence.h"

namespace pol::committee {
namespace {

void Add(AbsenceCounts& c, const std::string& status, int64_t n) {
  c.recorded += n;
  if (status == "present") c.present += n;
  if (status == "late") c.late += n, c.present += n;
  if (status == "delegated") c.delegated += n, c.present += n;
  if (status == "excused") c.excused += n;
  if (status == "absent") c.absent += n;
}

void Rate(AbsenceCounts& c) {
  if (c.recorded > 0) c.absence_rate = double(c.excused + c.absent) / double(c.recorded);
}

}  // namespace

StatusOr<AbsenceStats> Absence(store::Database& db, const accounts::Actor& actor, int64_t committee_id,
                               int64_t from, int64_t to) {
  return db.ReadValue([&](store::Conn& c) -> StatusOr<AbsenceStats> {
    POL_RETURN_IF_ERROR(internal::LoadScope(c, actor, committee_id).status());
    POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, committee_id, false));
    POL_ASSIGN_OR_RETURN(auto counts, store::AttendanceCounts(c, committee_id, from, to));
    AbsenceStats out;
    std::map<int64_t, AgencyAbsence> agencies;
    for (const auto& m : members) {
      MemberAbsence row{.member_id = m.id,
                        .user_id = m.user_id,
                        .user_name = m.user_name,
                        .role = m.role,
                        .agency_id = m.agency_id,
                        .current = !m.left_at.has_value()};
      for (const auto& k : counts) {
        if (k.member_id != m.id) continue;
        Add(row.counts, k.status, k.count);
        if (m.agency_id) Add(agencies[*m.agency_id].counts, k.status, k.count);
      }
      Rate(row.counts);
      out.members.push_back(std::move(row));
    }
    for (auto& [id, a] : agencies) {
      a.agency_id = id;
      Rate(a.counts);
      out.agencies.push_back(a);
    }
    return out;
  });
}

}  // namespace pol::committee
