#include "insight/emerging_table.h"

#include <algorithm>
#include <utility>

#include "insight/emerging_service.h"
#include "store/insight_repo_bulletin.h"
#include "text/jalali.h"

namespace pol::insight {
namespace {

using report::Cell;

Cell Num(int64_t v) { return Cell(static_cast<double>(v)); }

std::string Day(int64_t day) { return text::FormatJalali(text::JalaliFromDays(day), "yyyy/MM/dd"); }

std::string AgencyName(const std::map<int64_t, std::string>& names, int64_t id) {
  auto it = names.find(id);
  return it == names.end() ? "#" + std::to_string(id) : it->second;
}

}  // namespace

report::Table EmergingIssuesTable(const std::vector<store::EmergingIssueRow>& issues,
                                  const std::map<int64_t, std::string>& agency_names) {
  report::Table t{"موضوعات نوظهور",
                  {{"ردیف"},
                   {"واژه‌ها", report::Align::kStart, 3.5},
                   {"نخستین روز", report::Align::kStart, 1.4},
                   {"آخرین روز", report::Align::kStart, 1.4},
                   {"رشد (برابر پایه)", report::Align::kAuto, 1, 1},
                   {"خبر"},
                   {"درخواست مردمی"},
                   {"منفی"},
                   {"دستگاه‌های نام‌برده", report::Align::kStart, 2.5},
                   {"دستگاه مسئول", report::Align::kStart, 1.5}},
                  {},
                  {}};
  int64_t items = 0, requests = 0, negative = 0;
  for (size_t i = 0; i < issues.size(); ++i) {
    const store::EmergingIssueRow& r = issues[i];
    std::string terms;
    for (size_t k = 0; k < r.terms.size() && k < 6; ++k) terms += (k ? "، " : "") + r.terms[k];
    std::vector<std::pair<int64_t, int64_t>> by(r.agencies.begin(), r.agencies.end());
    std::stable_sort(by.begin(), by.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    std::string agencies;
    for (size_t k = 0; k < by.size(); ++k)
      agencies += (k ? "، " : "") + AgencyName(agency_names, by[k].first);
    t.rows.push_back(
        {Num(static_cast<int64_t>(i + 1)), Cell(terms), Cell(Day(r.first_day)), Cell(Day(r.last_day)),
         Cell(r.growth), Num(r.items), Num(r.requests), Num(r.negative), Cell(agencies),
         Cell(r.owner_agency_id ? AgencyName(agency_names, *r.owner_agency_id) : std::string())});
    items += r.items, requests += r.requests, negative += r.negative;
  }
  t.totals = {
      Cell(std::string("جمع")), Cell(), Cell(), Cell(), Cell(), Num(items), Num(requests), Num(negative)};
  return t;
}

StatusOr<report::Table> EmergingService::ListTable(const accounts::Actor& a, int64_t council_id,
                                                   int64_t days) const {
  POL_ASSIGN_OR_RETURN(std::vector<store::EmergingIssueRow> issues, List(a, council_id, days));
  POL_ASSIGN_OR_RETURN(std::vector<store::InsightAgency> agencies,
                       db_->ReadValue([&](store::Conn& c) { return store::CouncilAgencies(c, council_id); }));
  std::map<int64_t, std::string> names;
  for (const store::InsightAgency& ag : agencies) names[ag.id] = ag.name;
  return EmergingIssuesTable(issues, names);
}

}  // namespace pol::insight
