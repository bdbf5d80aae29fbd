#include "insight/dashboard_terms.h"

#include "store/emerging_repo.h"
#include "text/jalali.h"

namespace pol::insight {
namespace {

struct DayRange {
  int64_t from = 0, to = 0;  // [from, to) Tehran days
};

DayRange RangeOf(const Period& p) {
  return {text::DaysFromJalali(p.first), text::DaysFromJalali(p.last) + 1};
}

StatusOr<std::vector<TermDelta>> Deltas(store::Conn& c, int64_t council_id, const std::string& kind,
                                        DayRange now, DayRange before, int64_t limit) {
  POL_ASSIGN_OR_RETURN(auto top, store::TopTerms(c, council_id, kind, now.from, now.to, limit));
  std::vector<std::string> terms;
  for (const auto& [t, n] : top) terms.push_back(t);
  POL_ASSIGN_OR_RETURN(auto prev, store::TermTotals(c, council_id, kind, before.from, before.to, terms));
  std::vector<TermDelta> out;
  for (const auto& [t, n] : top) {
    TermDelta d{t, n};
    if (auto it = prev.find(t); it != prev.end()) d.previous = it->second;
    if (d.previous > 0)
      d.percent = 100.0 * static_cast<double>(d.value - d.previous) / static_cast<double>(d.previous);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

StatusOr<DashboardTerms> TermsOfDashboard(store::Database* db, const Dashboard& d, int64_t limit) {
  DashboardTerms out;
  const DayRange now = RangeOf(d.period), before = RangeOf(d.previous);
  out.days = now.to - now.from;
  if (d.agency_id) return out;  // the roll-up is the council's
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto counted, store::EmergingCountedDays(c, d.council_id, now.from, now.to - 1));
    out.days_counted = static_cast<int64_t>(counted.size());
    POL_ASSIGN_OR_RETURN(auto prev, store::EmergingCountedDays(c, d.council_id, before.from, before.to - 1));
    out.previous_days_counted = static_cast<int64_t>(prev.size());
    POL_ASSIGN_OR_RETURN(out.top_terms, Deltas(c, d.council_id, "all", now, before, limit));
    POL_ASSIGN_OR_RETURN(out.request_topics, Deltas(c, d.council_id, "request", now, before, limit));
    return Status::Ok();
  }));
  return out;
}

report::Table TermsTable(const DashboardTerms& t, const std::string& widget) {
  const bool requests = widget == "request_topics";
  report::Table table;
  table.name =
      requests ? "موضوعات درخواست‌های مردمی" : "واژه‌های پرتکرار";
  table.columns = {{"واژه", report::Align::kStart, 2},
                   {"این دوره"},
                   {"دورهٔ پیش"},
                   {"تغییر"},
                   {"درصد تغییر", report::Align::kAuto, 1, 1}};
  for (const TermDelta& d : requests ? t.request_topics : t.top_terms) {
    std::vector<report::Cell> row = {d.term, static_cast<double>(d.value), static_cast<double>(d.previous),
                                     static_cast<double>(d.value - d.previous)};
    if (d.percent)
      row.emplace_back(*d.percent);
    else
      row.emplace_back(std::monostate{});
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace pol::insight
