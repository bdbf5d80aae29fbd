#include "insight/dashboard_charts.h"

#include <algorithm>

#include "citizen/request_types.h"
#include "text/jalali.h"

namespace pol::insight {
namespace {

report::ChartSpec MentionsOverTime(const Dashboard& d) {
  report::ChartSpec c;
  c.title = "اشاره‌های رسانه‌ای در طول دوره";
  const auto& pts = d.mentions_over_time;
  report::Series total{"همه", {}, {}}, pos{"مثبت", {}, {}}, neu{"خنثی", {}, {}}, neg{"منفی", {}, {}};
  for (size_t i = 0; i < pts.size(); ++i) {
    c.categories.push_back(text::FormatJalali(text::JalaliFromDays(pts[i].first_day), "d MMMM"));
    total.values.push_back(static_cast<double>(pts[i].total));
    pos.values.push_back(static_cast<double>(pts[i].positive));
    neu.values.push_back(static_cast<double>(pts[i].neutral));
    neg.values.push_back(static_cast<double>(pts[i].negative));
    if (pts[i].spike) total.spikes.push_back(i);
  }
  if (pts.size() <= 1) {
    c.kind = report::ChartKind::kStackedBar;
    c.series = {pos, neu, neg};
  } else {
    c.kind = report::ChartKind::kLine;
    c.series = {total, neg};
  }
  return c;
}

int64_t FigureValue(const Dashboard& d, std::string_view metric) {
  auto it =
      std::find_if(d.figures.begin(), d.figures.end(), [&](const Figure& f) { return f.metric == metric; });
  return it == d.figures.end() ? 0 : it->value;
}

report::ChartSpec Ranked(std::string title, std::string series, const std::vector<store::InsightBucket>& v,
                         std::string empty_label,
                         std::string (*name)(const store::InsightBucket&) = nullptr) {
  report::ChartSpec c;
  c.kind = report::ChartKind::kHorizontalBar;
  c.title = std::move(title);
  c.legend = false;
  c.value_labels = true;
  report::Series s{std::move(series), {}, {}};
  for (const store::InsightBucket& b : v) {
    std::string label = name ? name(b) : b.label;
    c.categories.push_back(label.empty() ? empty_label : label);
    s.values.push_back(static_cast<double>(b.count));
  }
  c.series = {std::move(s)};
  return c;
}

Status Empty() { return FailedPrecondition("chart_empty", "در این دوره چیزی برای رسم این نمودار نیست."); }

}  // namespace

StatusOr<report::ChartSpec> DashboardChart(const Dashboard& d, std::string_view chart) {
  if (chart == "mentions_over_time") {
    if (d.mentions_over_time.empty()) return Empty();
    return MentionsOverTime(d);
  }
  if (chart == "tone") {
    const double pos = static_cast<double>(FigureValue(d, "mentions_positive")),
                 neu = static_cast<double>(FigureValue(d, "mentions_neutral")),
                 neg = static_cast<double>(FigureValue(d, "mentions_negative"));
    if (pos + neu + neg == 0) return Empty();
    report::ChartSpec c;
    c.kind = report::ChartKind::kDonut;
    c.title = "لحن اشاره‌ها";
    c.categories = {"مثبت", "خنثی", "منفی"};
    c.series = {{"اشاره‌ها", {pos, neu, neg}, {}}};
    return c;
  }
  if (chart == "share_of_voice") {
    if (d.share_of_voice.empty()) return Empty();
    return Ranked("سهم صدای دستگاه‌ها", "اشاره", d.share_of_voice, "—");
  }
  if (chart == "top_outlets") {
    if (d.top_outlets.empty()) return Empty();
    return Ranked("رسانه‌های پرتکرار", "اشاره", d.top_outlets, "—");
  }
  if (chart == "requests_by_type") {
    if (d.requests_by_type.empty()) return Empty();
    return Ranked("درخواست‌های مردمی به تفکیک نوع", "درخواست", d.requests_by_type,
                  "—", [](const store::InsightBucket& b) { return citizen::TypeName(b.key); });
  }
  return InvalidArgument("invalid_chart", "این نمودار شناخته نیست.", "chart");
}

}  // namespace pol::insight
