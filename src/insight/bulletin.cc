#include "insight/bulletin.h"

#include <algorithm>

#include "report/table.h"
#include "store/emerging_repo.h"

namespace pol::insight {
namespace {

constexpr std::string_view kAgencyMetrics[] = {"releases_published", "pickups",           "mentions",
                                               "mentions_negative",  "requests_received", "requests_closed",
                                               "requests_overdue"};

// The alerts people should read first, as sentences.
std::vector<std::string> Alerts(const Bulletin& b) {
  std::vector<std::string> out;
  for (const TimePoint& p : b.dashboard.mentions_over_time) {
    if (!p.spike) continue;
    out.push_back("جهش اشاره‌های رسانه‌ای در " +
                  text::FormatJalali(text::JalaliFromDays(p.first_day)) + ": " +
                  report::FormatNumber(static_cast<double>(p.total)) + " اشاره (" +
                  report::FormatNumber(static_cast<double>(p.negative)) + " منفی).");
  }
  const Figure neg = b.Get("mentions_negative");
  if (neg.value > neg.previous && neg.value > 0) {
    out.push_back("اشاره‌های منفی از " +
                  report::FormatNumber(static_cast<double>(neg.previous)) + " به " +
                  report::FormatNumber(static_cast<double>(neg.value)) + " رسید.");
  }
  const Figure overdue = b.Get("requests_overdue");
  if (overdue.value > 0) {
    out.push_back(report::FormatNumber(static_cast<double>(overdue.value)) +
                  " درخواست مردمی از مهلت رسیدگی گذشته و هنوز باز است.");
  }
  for (const store::InsightRecord& r : b.alerts_fired) out.push_back("هشدار پایش: " + r.title);
  return out;
}

}  // namespace

Figure Bulletin::Get(const std::string& metric) const {
  for (const Figure& f : dashboard.figures)
    if (f.metric == metric) return f;
  return Figure{metric};
}

Ratio Bulletin::GetRatio(const std::string& name) const {
  for (const Ratio& r : dashboard.ratios)
    if (r.name == name) return r;
  return Ratio{name};
}

std::string BulletinTitle(const Period& p) {
  switch (p.kind) {
    case PeriodKind::kDay:
      return "بولتن خبری روزانه";
    case PeriodKind::kWeek:
      return "بولتن خبری هفتگی";
    default:
      return "بولتن خبری ماهانه";
  }
}

StatusOr<Bulletin> BuildBulletin(const InsightService& insight, store::Database* db, Env* env,
                                 const accounts::Actor& a, const BulletinRequest& req) {
  if (req.period != "day" && req.period != "week" && req.period != "month")
    return InvalidArgument("invalid_period", "دورهٔ بولتن باید روز، هفته یا ماه باشد (day|week|month).",
                           "period");
  DashboardRequest dr;
  dr.council_id = req.council_id;
  dr.period.kind = req.period;
  dr.period.date = req.date;
  dr.granularity = "day";
  Bulletin b;
  POL_ASSIGN_OR_RETURN(b.dashboard, insight.GetDashboard(a, dr));
  b.council_id = b.dashboard.council_id;
  b.period = b.dashboard.period;
  b.previous = b.dashboard.previous;
  b.made_at_ms = env->NowMillis();
  store::InsightScope s;
  s.council_id = b.council_id;
  s.from = b.period.from_ms;
  s.to = b.period.to_ms;
  s.now = b.made_at_ms;
  store::InsightScope prev = s;
  prev.from = b.previous.from_ms;
  prev.to = b.previous.to_ms;
  std::vector<store::EmergingIssueRow> issues;  // seen on or after the period's first day
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(b.council_name, store::CouncilName(c, b.council_id));
    POL_ASSIGN_OR_RETURN(b.must_read, store::MustReadItems(c, s, kBulletinMustRead));
    POL_ASSIGN_OR_RETURN(b.alerts_fired, store::AlertsFired(c, s, 20));
    POL_ASSIGN_OR_RETURN(issues,
                         store::ListEmergingIssues(c, b.council_id, text::DaysFromJalali(b.period.first)));
    POL_ASSIGN_OR_RETURN(b.annex, store::ListMetric(c, "mentions", s));
    POL_ASSIGN_OR_RETURN(std::vector<store::InsightAgency> agencies, store::CouncilAgencies(c, b.council_id));
    for (const store::InsightAgency& ag : agencies) {
      AgencySection sec{ag.id, ag.name, {}, {}};
      store::InsightScope as = s, ap = prev;
      as.agency_id = ap.agency_id = ag.id;
      for (std::string_view m : kAgencyMetrics) {
        Figure f{std::string(m)};
        POL_ASSIGN_OR_RETURN(f.value, store::CountMetric(c, m, as));
        POL_ASSIGN_OR_RETURN(f.previous, store::CountMetric(c, m, ap));
        sec.figures.push_back(std::move(f));
      }
      POL_ASSIGN_OR_RETURN(sec.must_read, store::MustReadItems(c, as, kBulletinAgencyItems));
      b.agencies.push_back(std::move(sec));
    }
    return Status::Ok();
  }));
  POL_ASSIGN_OR_RETURN(b.terms, TermsOfDashboard(db, b.dashboard, kBulletinTerms));
  b.alerts = Alerts(b);
  // Emerging issues seen in the period (insight/emerging_service.h) come first.
  std::vector<std::string> emerging;
  const int64_t last = text::DaysFromJalali(b.period.last);
  for (const store::EmergingIssueRow& i : issues) {
    if (i.first_day > last) continue;
    b.emerging.push_back(i);
    std::string terms;
    for (size_t k = 0; k < i.terms.size() && k < 4; ++k) terms += (k ? "، " : "") + i.terms[k];
    emerging.push_back("موضوع نوظهور «" + terms + "» از " +
                       text::FormatJalali(text::JalaliFromDays(i.first_day)) + ": " +
                       report::FormatNumber(static_cast<double>(i.items)) + " خبر و " +
                       report::FormatNumber(static_cast<double>(i.requests)) + " درخواست مردمی، " +
                       report::FormatNumber(i.growth, 1) + " برابر پایه.");
  }
  b.alerts.insert(b.alerts.begin(), emerging.begin(), emerging.end());
  return b;
}

}  // namespace pol::insight
