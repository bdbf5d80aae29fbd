// The council's (or one agency's) situation over a Jalali period, compared with the period before:
// the KPI strip, mentions over time with spike markers, share of voice, tone split and the top negative
// items, top outlets, pickup per release (best and worst), and the citizens' panel. Every count is a
// metric of store/insight_repo.h, so Records() with the same request and metric lists exactly the
// records behind it.
//
// Who sees what: insight/insight_policy.h (council roles the council, agency roles their agency).
// Bad input (an impossible period, an agency not of the council, an unknown metric or tier) is a
// Persian InvalidArgument; nothing here writes.
//
// Thread-safety: InsightService is immutable after construction; its methods may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "insight/period.h"
#include "store/db.h"
#include "store/insight_repo.h"
#include "text/work_calendar.h"

namespace pol::insight {

struct DashboardRequest {
  std::optional<int64_t> council_id;  // may be left out when agency_id is given
  std::optional<int64_t> agency_id;   // an agency's dashboard
  PeriodRequest period;
  std::string granularity = "day";  // mentions over time: day|week|month
  std::optional<std::string> tier;  // outlet tier filter (share of voice, mentions)
  // Drill-down filters (Records only): a widget's slice.
  std::optional<std::string> outlet, tone, request_type;
};

// A count in the period and in the one before.
struct Figure {
  std::string metric;
  int64_t value = 0, previous = 0;
};
// A derived figure (a rate, a mean, a median); nullopt when it has no denominator.
struct Ratio {
  std::string name;  // pickup_rate, net_tone, sla_share, median_handling_minutes, csat_mean
  std::optional<double> value, previous;
};
struct TimePoint {
  int64_t first_day = 0;  // days since 1970-01-01 (Tehran) of the bucket's first day
  int64_t total = 0, positive = 0, neutral = 0, negative = 0;
  bool spike = false;  // total ≥ 3 and above the mean + 2σ of the period's buckets
};

struct Dashboard {
  int64_t council_id = 0;
  std::optional<int64_t> agency_id;
  Period period, previous;
  std::string granularity;
  std::vector<Figure> figures;  // every metric of store::kInsightMetrics
  std::vector<Ratio> ratios;
  std::vector<TimePoint> mentions_over_time;
  std::vector<store::InsightBucket> share_of_voice;  // council dashboards only
  std::vector<store::InsightBucket> top_outlets;
  std::vector<store::InsightRecord> top_negative, best_releases, worst_releases;
  std::vector<store::InsightBucket> requests_by_type, requests_by_agency;
};

struct RecordPage {
  std::string metric;
  int64_t total = 0;
  std::vector<store::InsightRecord> items;
};

class InsightService {
 public:
  InsightService(store::Database* db, Env* env, text::WorkCalendar calendar = {});

  StatusOr<Dashboard> GetDashboard(const accounts::Actor& a, const DashboardRequest& req) const;
  // The records behind one metric of the dashboard with the same request; limit < 0 = all of them.
  StatusOr<RecordPage> Records(const accounts::Actor& a, const DashboardRequest& req,
                               const std::string& metric, int64_t limit, int64_t offset) const;

  // Recounts the daily mention roll-ups' dirty days from the live tables (the once-per-cluster task
  // insight.rollups): one day per write transaction, so writers wait milliseconds, until none is
  // left or `max_batches` transactions ran. Returns the days recounted.
  StatusOr<int64_t> SettleRollups(int64_t max_batches = 1000) const;

 private:
  // Validates the request and checks permission; the scope of the period.
  StatusOr<store::InsightScope> Scope(const accounts::Actor& a, const DashboardRequest& req,
                                      Period* period) const;

  store::Database* db_;
  Env* env_;
  text::WorkCalendar calendar_;
};

// Office minutes (Tehran working time) from `start_ms` to `end_ms`; 0 when end <= start.
int64_t WorkingMinutesBetween(const text::WorkCalendar& cal, int64_t start_ms, int64_t end_ms);
// The same for each (start_ms, end_ms) span, each day's office hours looked up once for all of them
// (text/office_time_table.h): a year's 100,000 closed requests.
std::vector<int64_t> WorkingMinutesOfSpans(const text::WorkCalendar& cal,
                                           const std::vector<std::pair<int64_t, int64_t>>& spans_ms);

// Marks spikes: total ≥ 3 and greater than mean + 2·σ over all points.
void MarkSpikes(std::vector<TimePoint>& points);

}  // namespace pol::insight
