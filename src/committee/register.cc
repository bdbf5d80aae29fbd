#include "committee/register.h"

#include "report/xlsx.h"
#include "store/council_repo.h"

namespace pol::committee {
namespace {

std::string StateLabel(const DecisionView& d) {
  if (d.overdue) return "دیرکرد";
  const std::string& s = d.decision.status;
  if (s == "open") return "باز";
  if (s == "in_progress") return "در حال انجام";
  if (s == "done") return "انجام‌شده";
  if (s == "cancelled") return "لغوشده";
  return s;
}

std::string PriorityLabel(const std::string& p) {
  if (p == "high") return "بالا";
  if (p == "low") return "پایین";
  return "عادی";
}

}  // namespace

report::Table RegisterTable(const std::vector<DecisionView>& decisions,
                            const std::map<int64_t, std::string>& agency_names) {
  report::Table t{.name = "دفتر مصوبات",
                  .columns = {{"شمارهٔ جلسه"},
                              {"متن مصوبه", report::Align::kStart, 4},
                              {"دستگاه مسئول", report::Align::kStart, 2},
                              {"مهلت", report::Align::kStart, 1.5},
                              {"روز کاری مانده"},
                              {"اولویت"},
                              {"وضعیت"},
                              {"پیشرفت (درصد)"},
                              {"نتیجهٔ رأی‌گیری", report::Align::kStart, 3}}};
  for (const auto& d : decisions) {
    auto it = agency_names.find(d.decision.owner_agency_id);
    t.rows.push_back({static_cast<double>(d.decision.meeting_number), d.decision.text,
                      it == agency_names.end() ? std::string() : it->second, d.deadline_jalali,
                      static_cast<double>(d.working_days_left), PriorityLabel(d.decision.priority),
                      StateLabel(d), static_cast<double>(d.decision.progress), d.decision.vote_result});
  }
  return t;
}

StatusOr<std::string> RegisterExport::Xlsx(const accounts::Actor& actor, store::DecisionFilter filter,
                                           bool overdue_only) {
  filter.limit = kRegisterExportLimit;
  filter.offset = 0;
  POL_ASSIGN_OR_RETURN(auto page, committees_->ListDecisions(actor, filter, overdue_only));
  std::map<int64_t, std::string> names;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    for (const auto& d : page.first) {
      if (names.count(d.decision.owner_agency_id)) continue;
      auto a = store::GetAgency(c, d.decision.owner_agency_id);
      names[d.decision.owner_agency_id] = a.ok() ? a->name : "";
    }
    return Status::Ok();
  }));
  report::Workbook wb{.title = "دفتر مصوبات کمیتهٔ روابط عمومی", .author = "Pol"};
  wb.sheets.push_back({RegisterTable(page.first, names), std::nullopt});
  return report::RenderXlsx(wb);
}

}  // namespace pol::committee
