// The scorecards' arithmetic over the read models (used by insight/scorecard.cc): the raw value of a
// data formula for one agency and period, computed from the dashboard's metrics (store/insight_repo.h)
// so a figure equals its records list; and the ranking of totals.
//
// Formulas (insight/scorecard_template.h's catalogue), over the agency's records of [from, to):
//   published_items        releases_published
//   pickup_rate            releases_picked_up ÷ releases_published
//   outlets_reached        distinct outlets among the `pickups` records
//   net_tone               (mentions_positive − mentions_negative) ÷ mentions
//   share_negative         mentions_negative ÷ mentions
//   messenger_posts        deliveries_messenger
//   days_with_post         distinct Tehran days of the `deliveries_messenger` records
//   requests_answered_share min(1, requests_closed ÷ requests_received)
//   sla_share              requests_closed_in_sla ÷ requests_closed
//   median_handling_minutes median office minutes (Tehran working time) receipt → close of requests_closed
//   csat_mean              mean CSAT of requests_rated
//   csat_response_rate     requests_rated ÷ requests_closed
// A ratio without a denominator has no value (nullopt: the item earns 0 points).
//
// Thread-safety: free functions; FormulaValues is used by one thread over a caller's connection.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/insight_repo.h"
#include "text/work_calendar.h"

namespace pol::insight {

class FormulaValues {
 public:
  FormulaValues(store::Conn& c, store::InsightScope scope, const text::WorkCalendar& cal)
      : c_(c), scope_(std::move(scope)), cal_(cal) {}
  // InvalidArgument("unknown_formula") for a code not in the catalogue.
  StatusOr<std::optional<double>> Value(const std::string& formula);

 private:
  StatusOr<int64_t> Count(const std::string& metric);
  StatusOr<std::optional<double>> Ratio(const std::string& num, const std::string& den);

  store::Conn& c_;
  store::InsightScope scope_;
  const text::WorkCalendar& cal_;
  std::map<std::string, int64_t> counts_;
};

// Ranks of `totals` (1 = highest; equal totals, to 1e-6, share a rank: 1, 1, 3).
std::vector<int64_t> RankTotals(const std::vector<double>& totals);

}  // namespace pol::insight
