#include "insight/dashboard.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "insight/insight_policy.h"
#include "store/insight_rollup_repo.h"
#include "text/office_time_table.h"

namespace pol::insight {
namespace {

constexpr int64_t kTopN = 10;
constexpr int64_t kTopItems = 5;

bool KnownTier(const std::string& t) { return t == "national" || t == "provincial" || t == "local"; }

// The first day of the granularity's bucket holding `day`.
int64_t BucketStart(const std::string& granularity, int64_t day) {
  if (granularity == "week") return day - text::IranianWeekdayFromDays(day);
  if (granularity == "month") {
    text::JalaliDate j = text::JalaliFromDays(day);
    return text::DaysFromJalali({j.year, j.month, 1});
  }
  return day;
}

std::optional<double> Share(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> NetTone(int64_t positive, int64_t negative, int64_t all) {
  if (all <= 0) return std::nullopt;
  return static_cast<double>(positive - negative) / static_cast<double>(all);
}

std::optional<double> Median(std::vector<int64_t> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? static_cast<double>(v[n / 2])
                    : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2;
}

}  // namespace

InsightService::InsightService(store::Database* db, Env* env, text::WorkCalendar calendar)
    : db_(db), env_(env), calendar_(std::move(calendar)) {}

int64_t WorkingMinutesBetween(const text::WorkCalendar& cal, int64_t start_ms, int64_t end_ms) {
  return cal.WorkingMinutesBetween(start_ms / 1000, end_ms / 1000);
}

std::vector<int64_t> WorkingMinutesOfSpans(const text::WorkCalendar& cal,
                                           const std::vector<std::pair<int64_t, int64_t>>& spans_ms) {
  std::vector<int64_t> out;
  out.reserve(spans_ms.size());
  int64_t first = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
  for (auto [start, end] : spans_ms) {
    if (end <= start) continue;
    first = std::min(first, start / 1000);
    last = std::max(last, end / 1000);
  }
  if (first > last) return std::vector<int64_t>(spans_ms.size(), 0);
  const text::OfficeTimeTable table = text::OfficeTimeTable::ForSpan(cal, first, last);
  for (auto [start, end] : spans_ms) out.push_back(table.WorkingMinutesBetween(start / 1000, end / 1000));
  return out;
}

void MarkSpikes(std::vector<TimePoint>& points) {
  if (points.empty()) return;
  double sum = 0, sq = 0;
  for (const TimePoint& p : points) sum += static_cast<double>(p.total);
  const double mean = sum / static_cast<double>(points.size());
  for (const TimePoint& p : points)
    sq += (static_cast<double>(p.total) - mean) * (static_cast<double>(p.total) - mean);
  const double sd = std::sqrt(sq / static_cast<double>(points.size()));
  for (TimePoint& p : points) p.spike = p.total >= 3 && static_cast<double>(p.total) > mean + 2 * sd;
}

StatusOr<store::InsightScope> InsightService::Scope(const accounts::Actor& a, const DashboardRequest& req,
                                                    Period* period) const {
  POL_ASSIGN_OR_RETURN(*period, ParsePeriod(req.period, env_->NowMillis()));
  if (req.tier && !KnownTier(*req.tier))
    return InvalidArgument("invalid_tier", "ردهٔ رسانه باید national، provincial یا local باشد.", "tier");
  if (req.granularity != "day" && req.granularity != "week" && req.granularity != "month")
    return InvalidArgument("invalid_granularity", "بازهٔ نمودار باید روز، هفته یا ماه باشد (day|week|month).",
                           "granularity");
  store::InsightScope s;
  if (req.agency_id) {
    POL_ASSIGN_OR_RETURN(std::optional<int64_t> council, db_->ReadValue([&](store::Conn& c) {
      return store::AgencyCouncil(c, *req.agency_id);
    }));
    if (!council || (req.council_id && *req.council_id != *council))
      return InvalidArgument("unknown_agency", "این دستگاه در این شورا نیست.", "agency_id");
    s.council_id = *council;
    s.agency_id = req.agency_id;
    if (!CanViewAgencyInsight(a, s.council_id, *s.agency_id))
      return PermissionDenied("شما اجازهٔ دیدن داشبورد این دستگاه را ندارید.");
  } else {
    if (!req.council_id)
      return InvalidArgument("missing_field", "شورا (council_id) یا دستگاه (agency_id) را بدهید.",
                             "council_id");
    s.council_id = *req.council_id;
    if (!CanViewCouncilInsight(a, s.council_id))
      return PermissionDenied("شما اجازهٔ دیدن داشبورد این شورا را ندارید.");
  }
  s.from = period->from_ms;
  s.to = period->to_ms;
  s.now = env_->NowMillis();
  s.tier = req.tier;
  s.outlet = req.outlet;
  s.tone = req.tone;
  s.request_type = req.request_type;
  return s;
}

StatusOr<RecordPage> InsightService::Records(const accounts::Actor& a, const DashboardRequest& req,
                                             const std::string& metric, int64_t limit, int64_t offset) const {
  if (!store::IsInsightMetric(metric))
    return InvalidArgument("unknown_metric", "این شاخص شناخته نیست.", "metric");
  if (req.tone && *req.tone != "positive" && *req.tone != "neutral" && *req.tone != "negative")
    return InvalidArgument("invalid_tone", "لحن باید مثبت، خنثی یا منفی باشد (positive|neutral|negative).",
                           "tone");
  Period period;
  POL_ASSIGN_OR_RETURN(store::InsightScope s, Scope(a, req, &period));
  RecordPage page;
  page.metric = metric;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(page.total, store::CountMetric(c, metric, s));
    POL_ASSIGN_OR_RETURN(page.items, store::ListMetric(c, metric, s, limit, offset));
    return Status::Ok();
  }));
  return page;
}

StatusOr<int64_t> InsightService::SettleRollups(int64_t max_batches) const {
  constexpr int64_t kDaysPerTransaction = 1;
  int64_t total = 0;
  for (int64_t b = 0; b < max_batches; ++b) {
    POL_ASSIGN_OR_RETURN(int64_t left, db_->ReadValue([](store::Conn& c) -> StatusOr<int64_t> {
      POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne("SELECT COUNT(*) FROM insight_dirty_days"));
      return r.Int(0);
    }));
    if (left == 0) break;
    POL_ASSIGN_OR_RETURN(int64_t n, db_->WriteValue([](store::Conn& c) {
      return store::SettleInsightDays(c, kDaysPerTransaction);
    }));
    total += n;
  }
  return total;
}

StatusOr<Dashboard> InsightService::GetDashboard(const accounts::Actor& a,
                                                 const DashboardRequest& req) const {
  DashboardRequest r = req;
  r.outlet.reset();
  r.tone.reset();
  r.request_type.reset();
  Dashboard d;
  POL_ASSIGN_OR_RETURN(store::InsightScope s, Scope(a, r, &d.period));
  d.council_id = s.council_id;
  d.agency_id = s.agency_id;
  d.granularity = r.granularity;
  d.previous = PreviousPeriod(d.period);
  store::InsightScope prev = s;
  prev.from = d.previous.from_ms;
  prev.to = d.previous.to_ms;
  std::vector<int64_t> handling_now, handling_prev;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    for (std::string_view m : store::kInsightMetrics) {
      Figure f{std::string(m)};
      POL_ASSIGN_OR_RETURN(f.value, store::CountMetric(c, m, s));
      POL_ASSIGN_OR_RETURN(f.previous, store::CountMetric(c, m, prev));
      d.figures.push_back(std::move(f));
    }
    POL_ASSIGN_OR_RETURN(std::vector<store::InsightBucket> per_day, store::MentionsPerDay(c, s));
    std::map<int64_t, TimePoint> points;
    const int64_t first = text::DaysFromJalali(d.period.first), last = text::DaysFromJalali(d.period.last);
    for (int64_t day = first; day <= last; ++day) {
      int64_t b = BucketStart(d.granularity, day);
      points[b].first_day = b;
    }
    for (const store::InsightBucket& b : per_day) {
      TimePoint& p = points[BucketStart(d.granularity, std::stoll(b.key))];
      p.total += b.count;
      if (b.tone == "positive") p.positive += b.count;
      if (b.tone == "neutral") p.neutral += b.count;
      if (b.tone == "negative") p.negative += b.count;
    }
    for (auto& [day, p] : points) d.mentions_over_time.push_back(p);
    MarkSpikes(d.mentions_over_time);
    if (!s.agency_id) {
      POL_ASSIGN_OR_RETURN(d.share_of_voice, store::MentionsPerAgency(c, s));
    }
    POL_ASSIGN_OR_RETURN(d.top_outlets, store::MentionsPerOutlet(c, s, kTopN));
    POL_ASSIGN_OR_RETURN(d.top_negative, store::ListMetric(c, "mentions_negative", s, kTopItems, 0));
    POL_ASSIGN_OR_RETURN(d.best_releases, store::ReleasesByPickups(c, s, true, kTopItems));
    POL_ASSIGN_OR_RETURN(d.worst_releases, store::ReleasesByPickups(c, s, false, kTopItems));
    POL_ASSIGN_OR_RETURN(d.requests_by_type, store::RequestsPerType(c, s));
    POL_ASSIGN_OR_RETURN(d.requests_by_agency, store::RequestsPerAgency(c, s));
    for (auto [scope, out] : {std::pair{&s, &handling_now}, std::pair{&prev, &handling_prev}}) {
      POL_ASSIGN_OR_RETURN(auto closed, store::ClosedRequestTimes(c, *scope));
      *out = WorkingMinutesOfSpans(calendar_, closed);
    }
    std::optional<double> csat_now, csat_prev;
    POL_ASSIGN_OR_RETURN(csat_now, store::MeanCsat(c, s));
    POL_ASSIGN_OR_RETURN(csat_prev, store::MeanCsat(c, prev));
    d.ratios.push_back({"csat_mean", csat_now, csat_prev});
    return Status::Ok();
  }));
  auto fig = [&](std::string_view m) -> const Figure& {
    return *std::find_if(d.figures.begin(), d.figures.end(), [&](const Figure& f) { return f.metric == m; });
  };
  const Figure &rel = fig("releases_published"), &picked = fig("releases_picked_up"), &men = fig("mentions"),
               &pos = fig("mentions_positive"), &neg = fig("mentions_negative"),
               &closed = fig("requests_closed"), &in_sla = fig("requests_closed_in_sla");
  d.ratios.insert(d.ratios.begin(),
                  {{"pickup_rate", Share(picked.value, rel.value), Share(picked.previous, rel.previous)},
                   {"net_tone", NetTone(pos.value, neg.value, men.value),
                    NetTone(pos.previous, neg.previous, men.previous)},
                   {"sla_share", Share(in_sla.value, closed.value), Share(in_sla.previous, closed.previous)},
                   {"median_handling_minutes", Median(handling_now), Median(handling_prev)}});
  return d;
}

}  // namespace pol::insight
