#include "insight/scorecard_compute.h"

#include <algorithm>
#include <set>

#include "insight/dashboard.h"
#include "insight/period.h"

namespace pol::insight {

StatusOr<int64_t> FormulaValues::Count(const std::string& metric) {
  auto it = counts_.find(metric);
  if (it != counts_.end()) return it->second;
  POL_ASSIGN_OR_RETURN(int64_t n, store::CountMetric(c_, metric, scope_));
  counts_[metric] = n;
  return n;
}

StatusOr<std::optional<double>> FormulaValues::Ratio(const std::string& num, const std::string& den) {
  POL_ASSIGN_OR_RETURN(int64_t d, Count(den));
  if (d == 0) return std::optional<double>();
  POL_ASSIGN_OR_RETURN(int64_t n, Count(num));
  return std::optional<double>(static_cast<double>(n) / static_cast<double>(d));
}

StatusOr<std::optional<double>> FormulaValues::Value(const std::string& f) {
  using R = std::optional<double>;
  auto count = [&](const char* metric) -> StatusOr<R> {
    POL_ASSIGN_OR_RETURN(int64_t n, Count(metric));
    return R(static_cast<double>(n));
  };
  if (f == "published_items") return count("releases_published");
  if (f == "pickup_rate") return Ratio("releases_picked_up", "releases_published");
  if (f == "messenger_posts") return count("deliveries_messenger");
  if (f == "share_negative") return Ratio("mentions_negative", "mentions");
  if (f == "sla_share") return Ratio("requests_closed_in_sla", "requests_closed");
  if (f == "csat_response_rate") return Ratio("requests_rated", "requests_closed");
  if (f == "net_tone") {
    POL_ASSIGN_OR_RETURN(int64_t all, Count("mentions"));
    if (all == 0) return R();
    POL_ASSIGN_OR_RETURN(int64_t pos, Count("mentions_positive"));
    POL_ASSIGN_OR_RETURN(int64_t neg, Count("mentions_negative"));
    return R(static_cast<double>(pos - neg) / static_cast<double>(all));
  }
  if (f == "requests_answered_share") {
    POL_ASSIGN_OR_RETURN(R r, Ratio("requests_closed", "requests_received"));
    if (r) r = std::min(1.0, *r);
    return r;
  }
  if (f == "outlets_reached") {
    POL_ASSIGN_OR_RETURN(auto recs, store::ListMetric(c_, "pickups", scope_));
    std::set<std::string> outlets;
    for (const auto& r : recs)
      if (!r.label.empty()) outlets.insert(r.label);
    return R(static_cast<double>(outlets.size()));
  }
  if (f == "days_with_post") {
    POL_ASSIGN_OR_RETURN(auto recs, store::ListMetric(c_, "deliveries_messenger", scope_));
    std::set<int64_t> days;
    for (const auto& r : recs)
      if (r.at) days.insert(TehranDay(*r.at));
    return R(static_cast<double>(days.size()));
  }
  if (f == "median_handling_minutes") {
    POL_ASSIGN_OR_RETURN(auto recs, store::ListMetric(c_, "requests_closed", scope_));
    std::vector<int64_t> v;
    for (const auto& r : recs)
      if (r.at && r.end_at) v.push_back(WorkingMinutesBetween(cal_, *r.at, *r.end_at));
    if (v.empty()) return R();
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return R(n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + v[n / 2]) / 2.0);
  }
  if (f == "csat_mean") return store::MeanCsat(c_, scope_);
  return InvalidArgument("unknown_formula", "فرمول «" + f + "» شناخته نیست.", "formula");
}

std::vector<int64_t> RankTotals(const std::vector<double>& totals) {
  std::vector<int64_t> ranks(totals.size(), 1);
  for (size_t i = 0; i < totals.size(); ++i)
    for (size_t j = 0; j < totals.size(); ++j)
      if (totals[j] > totals[i] + 1e-6) ++ranks[i];
  return ranks;
}

}  // namespace pol::insight
