// The dashboard's top terms with their change against the previous period, and the top topics of
// citizens' requests (issue 12 §1) — an ordered list, not a word cloud. Read from the emerging issues'
// daily roll-up (store/emerging_repo.h, kind 'all': every monitored item and request of the council,
// syndicated copies once; kind 'request': the requests alone), never by scanning texts per request.
// Only single terms (no pairs); a term's value is the number of documents carrying it summed over the
// period's days. The roll-up is the council's, so an agency's dashboard gets empty lists. The roll-up is
// filled by the once-per-cluster job (counting back two years, a month of days per run), so the result
// says how many of the period's days are counted (`days_counted` of `days`).
//
// Kept beside the Dashboard (not a field of it), like insight/requests_by_channel.h.
// Thread-safety: pure reads and functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "insight/dashboard.h"
#include "report/table.h"
#include "store/db.h"

namespace pol::insight {

struct TermDelta {
  std::string term;
  int64_t value = 0, previous = 0;
  std::optional<double> percent;  // 100 × (value − previous) ÷ previous; none when previous is 0
};

struct DashboardTerms {
  std::vector<TermDelta> top_terms;       // items and requests
  std::vector<TermDelta> request_topics;  // requests alone
  int64_t days = 0, days_counted = 0, previous_days_counted = 0;
};

// For a dashboard InsightService::GetDashboard returned (its scope and permission already checked).
StatusOr<DashboardTerms> TermsOfDashboard(store::Database* db, const Dashboard& d, int64_t limit = 20);

// "top_terms" or "request_topics" as an export table (term, this period, previous, Δ, %).
report::Table TermsTable(const DashboardTerms& t, const std::string& widget);

}  // namespace pol::insight
