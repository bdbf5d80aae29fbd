// The scorecards' arithmetic over the read models (used by insight/scorecard.cc): the raw value of a
// data formula for one agency and period, computed from the dashboard's metrics (store/insight_repo.h)
// so a figure equals its records list; and the ranking of totals.
//
// Formulas (insight/scorecard_template.h's catalogue), over the agency's records of [from, to):
//   published_items        releases_published
//   photo_share            releases_with_photo ÷ releases_published
//   median_publication_minutes  median office minutes (Tehran working time) submission → publication of
//                          the releases_published records that were submitted (a release published
//                          without passing through submission has no lead time)
//   pickup_rate            releases_picked_up ÷ releases_published
//   outlets_reached        distinct outlets among the `pickups` records
//   reach_weighted_coverage Σ over the period's releases of Σ over the distinct outlets that picked each up
//                          of tier weight × the source's reach weight (monitor_sources.reach_weight, 1
//                          without a source); tier weights: national 1, provincial 0.5, local and none 0.25
//   net_tone               (mentions_positive − mentions_negative) ÷ mentions
//   share_negative         mentions_negative ÷ mentions
//   messenger_posts        deliveries_messenger
//   days_with_post         distinct Tehran days of the `deliveries_messenger` records
//   requests_answered_share min(1, requests_closed ÷ requests_received)
//   sla_share              requests_closed_in_sla ÷ requests_closed
//   median_handling_minutes median office minutes (Tehran working time) receipt → close of requests_closed
//   reopen_rate            requests_closed_reopened ÷ requests_closed (closed in the period after having
//                          been reopened at least once; lower is better)
//   csat_mean              mean CSAT of requests_rated
//   csat_response_rate     requests_rated ÷ requests_closed
//   meeting_attendance     committee/participation.h: the agency's members present (present, late or
//                          delegated) ÷ attendance recorded, at the council's committee meetings held in
//                          the period
//   decisions_on_time      committee/participation.h: the agency's decisions with a deadline in the
//                          period done by it ÷ those due (not cancelled)
// A ratio without a denominator has no value (nullopt: the item earns 0 points).
//
// Thread-safety: free functions; FormulaValues is used by one thread over a caller's connection.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "committee/participation.h"
#include "insight/scorecard_template.h"
#include "store/db.h"
#include "store/insight_repo.h"
#include "store/scorecard_repo.h"
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
  std::optional<std::vector<committee::AgencyParticipation>> participation_;
};

// The list route and filter that produced a data item's figure for one agency and period: the insight
// records of the formula's metric (Jalali season or year of the period), or the committee's decisions
// owned by the agency; `export_href` the same records as XLSX. Empty for manual items (their evidence is
// the figure's record) and for meeting_attendance (per committee: /api/v1/committees/{id}/absence).
struct RecordsLink {
  std::string href, export_href;
};
RecordsLink RecordsLinkOf(const ScorecardItem& it, const store::ScorecardPeriodRow& p, int64_t agency_id);

// The weight of a pickup's outlet tier in reach_weighted_coverage.
double TierWeight(std::string_view tier);

// Ranks of `totals` (1 = highest; equal totals, to 1e-6, share a rank: 1, 1, 3).
std::vector<int64_t> RankTotals(const std::vector<double>& totals);

}  // namespace pol::insight
