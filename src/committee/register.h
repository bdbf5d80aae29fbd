// The committee's register of decisions (§8) exported to XLSX (report/xlsx.h): the decisions the actor
// may read, with the register's filters (committee, meeting, owner agency, status, overdue), one row
// each: meeting number, text, owner agency, Jalali deadline, working days left, priority, state (overdue
// shown as such), progress and vote result. The sheet is right to left (report/xlsx.h).
//
// Thread-safety: thread-safe (the services it reads are).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "committee/committees.h"
#include "report/table.h"

namespace pol::committee {

// At most this many decisions go into one export.
inline constexpr int64_t kRegisterExportLimit = 5000;

report::Table RegisterTable(const std::vector<DecisionView>& decisions,
                            const std::map<int64_t, std::string>& agency_names);

class RegisterExport {
 public:
  RegisterExport(store::Database* db, CommitteeService* committees) : db_(db), committees_(committees) {}

  // The XLSX bytes of the register as `actor` reads it with `filter` (its limit and offset are replaced).
  StatusOr<std::string> Xlsx(const accounts::Actor& actor, store::DecisionFilter filter, bool overdue_only);

 private:
  store::Database* const db_;
  CommitteeService* const committees_;
};

}  // namespace pol::committee
