// The emerging issues (insight/emerging_service.h) as one table: the bulletin's section (PDF, XLSX sheet,
// HTML) and the list's CSV/XLSX export render the same rows.
//
// Columns: row, terms (up to six, «،»-separated), first and last day seen (Jalali), growth (the latest
// day's top-term count over its baseline mean, one decimal), items, citizens' requests, negative items,
// the agencies mentioned (names, most documents first) and the owner agency; totals of the counts.
//
// Thread-safety: pure function of its arguments.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "report/table.h"
#include "store/emerging_repo.h"

namespace pol::insight {

// `agency_names`: id → name (an id without a name shows as «#id»).
report::Table EmergingIssuesTable(const std::vector<store::EmergingIssueRow>& issues,
                                  const std::map<int64_t, std::string>& agency_names);

}  // namespace pol::insight
