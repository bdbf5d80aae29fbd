// The dashboard's charts as report/chart.h specs — one drawing for the console (the server's SVG,
// GET /api/v1/insight/dashboard/chart) and the bulletin PDF (bulletin_render.cc draws the same spec).
//
//   mentions_over_time  a line of all mentions with spike markers and one of the negative ones (a
//                       stacked positive/neutral/negative bar when the period is a single bucket);
//                       categories are the buckets' first days, Jalali ("d MMMM")
//   tone                a donut of the period's positive, neutral and negative mentions
//   share_of_voice      horizontal bars, the agencies' mentions (council dashboards)
//   top_outlets         horizontal bars, the outlets with most mentions
//   requests_by_type    horizontal bars, the citizens' requests by type (Persian type names)
//
// A chart with nothing to draw (no mentions, no requests) is FailedPrecondition "chart_empty" (the
// console shows its own "nothing in this period" instead); an unknown name InvalidArgument
// "invalid_chart". Persian messages. Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "base/status.h"
#include "insight/dashboard.h"
#include "report/chart.h"

namespace pol::insight {

inline constexpr std::string_view kDashboardCharts[] = {"mentions_over_time", "tone", "share_of_voice",
                                                        "top_outlets", "requests_by_type"};

StatusOr<report::ChartSpec> DashboardChart(const Dashboard& d, std::string_view chart);

}  // namespace pol::insight
