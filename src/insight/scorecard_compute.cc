#include "insight/scorecard_compute.h"

#include <algorithm>
#include <set>

#include "insight/dashboard.h"
#include "insight/period.h"

namespace pol::insight {

namespace {

std::optional<double> Median(std::vector<int64_t> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + v[n / 2]) / 2.0;
}

}  // namespace

RecordsLink RecordsLinkOf(const ScorecardItem& it, const store::ScorecardPeriodRow& p, int64_t agency_id) {
  const std::string agency = std::to_string(agency_id);
  if (it.formula == "decisions_on_time")
    return {"/api/v1/committee-decisions?owner_agency_id=" + agency,
            "/api/v1/committee/register/xlsx?owner_agency_id=" + agency};
  const FormulaInfo* f = FindFormula(it.formula);
  if (IsManual(it) || !f || f->metric.empty()) return {};
  const int month = p.kind == "year" || p.season < 1 ? 1 : (p.season - 1) * 3 + 1;
  const std::string query = "agency_id=" + agency + "&period=" + (p.kind == "year" ? "year" : "season") +
                            "&date=" + std::to_string(p.year) + (month < 10 ? "/0" : "/") +
                            std::to_string(month) + "/01&metric=" + std::string(f->metric);
  return {"/api/v1/insight/records?" + query, "/api/v1/insight/records/export?" + query + "&format=xlsx"};
}

double TierWeight(std::string_view tier) {
  if (tier == "national") return 1;
  if (tier == "provincial") return 0.5;
  return 0.25;
}

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
  if (f == "posts_per_messenger_channel") {
    POL_ASSIGN_OR_RETURN(int64_t channels, store::MessengerChannelsUsed(c_, scope_));
    if (channels == 0) return R(0.0);  // nothing posted: no activity, not "no value"
    POL_ASSIGN_OR_RETURN(int64_t posts, Count("deliveries_messenger"));
    return R(static_cast<double>(posts) / static_cast<double>(channels));
  }
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
    POL_ASSIGN_OR_RETURN(auto closed, store::ClosedRequestTimes(c_, scope_));
    return Median(WorkingMinutesOfSpans(cal_, closed));
  }
  if (f == "mean_handling_minutes") {
    POL_ASSIGN_OR_RETURN(auto closed, store::ClosedRequestTimes(c_, scope_));
    if (closed.empty()) return R();
    double sum = 0;
    for (int64_t m : WorkingMinutesOfSpans(cal_, closed)) sum += static_cast<double>(m);
    return R(sum / static_cast<double>(closed.size()));
  }
  if (f == "csat_mean") return store::MeanCsat(c_, scope_);
  if (f == "photo_share") return Ratio("releases_with_photo", "releases_published");
  if (f == "reopen_rate") return Ratio("requests_closed_reopened", "requests_closed");
  if (f == "median_publication_minutes") {
    POL_ASSIGN_OR_RETURN(auto leads, store::ReleaseLeadTimes(c_, scope_));
    return Median(WorkingMinutesOfSpans(cal_, leads));
  }
  if (f == "reach_weighted_coverage") {
    POL_ASSIGN_OR_RETURN(auto pickups, store::PickupOutlets(c_, scope_));
    // Each outlet counts once per release, at its largest weight.
    std::map<std::pair<int64_t, std::string>, double> weight;
    for (const auto& p : pickups) {
      double& w = weight[{p.release_id, p.outlet}];
      w = std::max(w, TierWeight(p.tier) * p.reach_weight);
    }
    double sum = 0;
    for (const auto& [key, w] : weight) sum += w;
    return R(sum);
  }
  if (f == "meeting_attendance" || f == "decisions_on_time") {
    if (!participation_) {
      POL_ASSIGN_OR_RETURN(participation_,
                           committee::Participation(c_, scope_.council_id, scope_.from, scope_.to));
    }
    for (const auto& p : *participation_) {
      if (!scope_.agency_id || p.agency_id != *scope_.agency_id) continue;
      if (f == "meeting_attendance") return p.attendance_recorded > 0 ? R(p.attendance_rate) : R();
      return p.decisions_due > 0 ? R(p.on_time_rate) : R();
    }
    return R();
  }
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
