// The bulletin on a seeded council: its totals equal the dashboard's, must-read items ranked by tier,
// reach and tone, the agency sections, the alerts, and the three renderings read back (pdftotext,
// openpyxl, the HTML's escaping); bad input and permission.
#include "insight/bulletin.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "insight/bulletin_render.h"
#include "insight/bulletin_service.h"
#include "insight/dashboard_charts.h"
#include "report/report_test_util.h"
#include "store/emerging_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::insight {
namespace {

namespace tu = report::test_util;
using accounts::testing::ActorFor;
using accounts::testing::Who;

constexpr int64_t kMehr1 = 1726950600LL * 1000;  // 1403/07/01 00:00 Tehran (week 1403/06/31–07/06)
constexpr int64_t kDay = 86400000, kHour = 3600000;

// pdftotext wraps right-to-left runs in bidi marks and drops ZWNJ: compare without them or spaces.
std::string Squeeze(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u200C", "\u200E", "\u200F"})
    for (size_t p = s.find(mark); p != std::string::npos; p = s.find(mark, p)) s.erase(p, std::strlen(mark));
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return s;
}

class BulletinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::OpenTestDatabase(store::FreshTestDir("insight-bulletin"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Conn& c) { return Seed(c); }).ok());
    service_ = std::make_unique<InsightService>(db_.get(), &env_);
  }

  StatusOr<int64_t> Source(store::Conn& c, const std::string& tier, double reach) {
    POL_ASSIGN_OR_RETURN(store::Row r,
                         c.QueryOne("INSERT INTO monitor_sources(council_id, name, url, tier, "
                                    "reach_weight, created_at, updated_at) VALUES "
                                    "(?,?,?,?,?,?,?) RETURNING id",
                                    {t_.council, tier, "https://" + tier + std::to_string(reach), tier, reach,
                                     kMehr1, kMehr1}));
    return r.Int(0);
  }
  Status Item(store::Conn& c, std::optional<int64_t> source, const std::string& title,
              const std::string& tone, int64_t at, int64_t agency) {
    static int n = 0;
    std::string url = "https://news.example/" + std::to_string(++n);
    POL_ASSIGN_OR_RETURN(
        store::Row r, c.QueryOne("INSERT INTO media_items(council_id, source_id, outlet, canonical_url, url, "
                                 "fingerprint, title, published_at, fetched_at, tone) VALUES "
                                 "(?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                 {t_.council, store::Opt(source), "رسانه " + tone, url, url, "f" + url, title,
                                  at, at, tone}));
    return c.Exec("INSERT INTO mentions(item_id, agency_id, term_id) VALUES (?,?,1)", {r.Int(0), agency})
        .status();
  }

  Status Seed(store::Conn& c) {
    POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
    POL_ASSIGN_OR_RETURN(int64_t national, Source(c, "national", 5));
    POL_ASSIGN_OR_RETURN(int64_t big_local, Source(c, "local", 9));
    POL_ASSIGN_OR_RETURN(int64_t provincial, Source(c, "provincial", 1));
    POL_RETURN_IF_ERROR(Item(c, big_local, "محلی پرمخاطب", "negative", kMehr1 + kDay, t_.tamin));
    POL_RETURN_IF_ERROR(Item(c, national, "سراسری مثبت", "positive", kMehr1 + 2 * kDay, t_.tamin));
    POL_RETURN_IF_ERROR(Item(c, national, "سراسری منفی <b>", "negative", kMehr1 + kDay, t_.behzisti));
    POL_RETURN_IF_ERROR(Item(c, provincial, "استانی خنثی", "neutral", kMehr1 + 3 * kDay, t_.tamin));
    POL_RETURN_IF_ERROR(Item(c, std::nullopt, "بی‌منبع", "neutral", kMehr1 + 3 * kDay, t_.behzisti));
    POL_RETURN_IF_ERROR(Item(c, national, "هفتهٔ پیش", "negative", kMehr1 - 3 * kDay, t_.tamin));
    // An overdue open request, received this week.
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO citizen_requests(council_id, tracking_code, type, subject, text, "
                               "agency_id, state, name, mobile, created_at, updated_at, resolve_due) VALUES "
                               "(?,'T1','complaint','موضوع','متن',?,'open','نام','09120000000',?,?,?)",
                               {t_.council, t_.tamin, kMehr1 + kDay, kMehr1 + kDay, kMehr1 + 2 * kDay})
                            .status());
    // An emerging issue first seen on 2 Mehr (in the week) and one of the month before (not in it).
    store::EmergingIssueRow issue;
    issue.council_id = t_.council;
    issue.terms = {"سیل", "خوزستان"};
    issue.first_day = issue.last_day = text::DaysFromJalali({1403, 7, 2});
    issue.growth = 3.5;
    issue.items = 4;
    issue.requests = 2;
    issue.negative = 1;
    issue.agencies = {{t_.tamin, 3}};
    POL_ASSIGN_OR_RETURN(int64_t issue_id, store::InsertEmergingIssue(c, issue));
    POL_RETURN_IF_ERROR(store::SetEmergingOwner(c, issue_id, t_.behzisti, std::nullopt, kMehr1));
    store::EmergingIssueRow old = issue;
    old.terms = {"کنکور"};
    old.first_day = old.last_day = text::DaysFromJalali({1403, 6, 10});
    POL_RETURN_IF_ERROR(store::InsertEmergingIssue(c, old).status());
    POL_ASSIGN_OR_RETURN(store::Row rule,
                         c.QueryOne("INSERT INTO alert_rules(council_id, kind, created_at) VALUES "
                                    "(?, 'negative_burst', ?) RETURNING id",
                                    {t_.council, kMehr1}));
    return c
        .Exec("INSERT INTO alert_events(rule_id, dedup_key, message, created_at) VALUES (?, 'k', ?, ?)",
              {rule.Int(0), "موج منفی دربارهٔ تأمین اجتماعی", kMehr1 + kDay})
        .status();
  }

  StatusOr<Bulletin> Week() {
    return BuildBulletin(*service_, db_.get(), &env_, *system_, {t_.council, "week", "1403/07/03"});
  }

  FakeEnv env_{kMehr1 + 10 * kDay};
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  std::unique_ptr<InsightService> service_;
  ActorFor system_{Who{"system", {}, true}};
};

TEST_F(BulletinTest, TotalsEqualTheDashboard) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  DashboardRequest dr;
  dr.council_id = t_.council;
  dr.period = {.kind = "week", .date = "1403/07/03"};
  StatusOr<Dashboard> d = service_->GetDashboard(*system_, dr);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(b->dashboard.figures.size(), d->figures.size());
  for (size_t i = 0; i < d->figures.size(); ++i) {
    EXPECT_EQ(b->dashboard.figures[i].value, d->figures[i].value) << d->figures[i].metric;
    EXPECT_EQ(b->dashboard.figures[i].previous, d->figures[i].previous) << d->figures[i].metric;
  }
  EXPECT_EQ(b->Get("mentions").value, 5);
  EXPECT_EQ(b->Get("mentions").previous, 1);
  EXPECT_EQ(static_cast<int64_t>(b->annex.size()), b->Get("mentions").value);
  EXPECT_EQ(b->council_name, "شورا");
  EXPECT_EQ(b->period.kind, PeriodKind::kWeek);
}

TEST_F(BulletinTest, MustReadRankedByTierReachAndTone) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  std::vector<std::string> titles;
  for (const auto& it : b->must_read) titles.push_back(it.record.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"سراسری منفی <b>", "سراسری مثبت", "استانی خنثی", "محلی پرمخاطب",
                                              "بی‌منبع"}));
  EXPECT_EQ(b->must_read[0].tier, "national");
  EXPECT_EQ(b->must_read[0].record.tone, "negative");
  EXPECT_TRUE(b->must_read[0].record.url.starts_with("https://news.example/"));
}

TEST_F(BulletinTest, AgencySectionsAndAlerts) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->agencies.size(), 2u);
  for (const AgencySection& a : b->agencies) {
    const int64_t want = a.agency_id == t_.tamin ? 3 : 2;
    ASSERT_EQ(a.figures[2].metric, "mentions");
    EXPECT_EQ(a.figures[2].value, want) << a.name;
    EXPECT_LE(a.must_read.size(), static_cast<size_t>(kBulletinAgencyItems));
  }
  bool overdue = false, fired = false;
  for (const std::string& s : b->alerts) {
    overdue |= s.find("از مهلت رسیدگی گذشته") != std::string::npos;
    fired |= s.find("موج منفی دربارهٔ تأمین اجتماعی") != std::string::npos;
  }
  EXPECT_TRUE(overdue);
  EXPECT_TRUE(fired);
}

TEST_F(BulletinTest, PdfReadsInPersianWithTheTotals) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  const std::string path = tu::ScratchDir() + "/bulletin.pdf";
  ASSERT_TRUE(report::WritePdf(BulletinPdf(*b), *tu::TestFonts(), path).ok());
  auto r = tu::Run("pdftotext -layout " + path + " - 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = Squeeze(r.output);
  for (const char* s : {"بولتنخبریهفتگی", "شورا", "خواندنیها", "هشدارها", "میزمردمی", "سراسریمنفی"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_NE(text.find("جمع۵"), std::string::npos) << "the annex total, in Persian digits";
  auto png = report::RenderPagePng(BulletinPdf(*b), *tu::TestFonts(), 0, 48);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->substr(1, 3), "PNG");
}

// A period with more mentions than the printed annex holds: the PDF lists the first kPdfAnnexRows, says
// how many more there are and where, and its total still counts them all; the XLSX has every row.
TEST_F(BulletinTest, PdfAnnexStopsAtItsRowsAndSaysWhereTheRestAre) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_FALSE(b->annex.empty());
  const store::InsightRecord model = b->annex.front();
  const size_t n = kPdfAnnexRows + 37;
  b->annex.clear();
  for (size_t i = 0; i < n; ++i) {
    store::InsightRecord r = model;
    r.title = "گزارش آزمایشی " + report::FormatNumber(static_cast<double>(i + 1));
    b->annex.push_back(r);
  }
  const std::string path = tu::ScratchDir() + "/bulletin-annex.pdf";
  ASSERT_TRUE(report::WritePdf(BulletinPdf(*b), *tu::TestFonts(), path).ok());
  auto r = tu::Run("pdftotext -layout " + path + " - 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = Squeeze(r.output);
  const auto title = [](size_t i) {
    return Squeeze("گزارش آزمایشی " + report::FormatNumber(static_cast<double>(i)));
  };
  EXPECT_NE(text.find(title(kPdfAnnexRows)), std::string::npos) << "the last printed row";
  EXPECT_EQ(text.find(title(kPdfAnnexRows + 1)), std::string::npos) << "the first row left to the XLSX";
  EXPECT_NE(text.find("و۳۷"), std::string::npos) << "how many more";
  EXPECT_NE(text.find("فهرستکامل"), std::string::npos) << "where they are";
  EXPECT_NE(text.find(Squeeze("جمع" + report::FormatNumber(static_cast<double>(n)))), std::string::npos)
      << "the total counts every mention";
  const report::Workbook wb = BulletinWorkbook(*b);
  EXPECT_EQ(wb.sheets.back().table.rows.size(), n);
}

TEST_F(BulletinTest, XlsxHasRightToLeftSheetsPerTable) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  const std::string dir = tu::ScratchDir(), path = dir + "/bulletin.xlsx";
  ASSERT_TRUE(report::WriteXlsx(BulletinWorkbook(*b), path).ok());
  std::ofstream(dir + "/read.py")
      << "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n"
         "for ws in wb.worksheets: print(ws.title, ws.sheet_view.rightToLeft, ws.max_row)\n"
         "ws = wb.worksheets[0]\nprint('cell', ws.cell(5, 1).value, ws.cell(5, 2).value)\n";
  auto r = tu::Run(std::string(tu::kPython) + " " + dir + "/read.py " + path + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("اعداد اصلی True 10"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("پیوست اشاره‌های دوره True 7"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("cell اشاره‌های رسانه‌ای 5"), std::string::npos) << r.output;
}

TEST_F(BulletinTest, HtmlIsEscapedRightToLeft) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  const std::string html = BulletinHtml(*b);
  EXPECT_NE(html.find("<html lang=\"fa\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(html.find("سراسری منفی &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("منفی <b>"), std::string::npos);
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://news.example/"), std::string::npos);
  EXPECT_NE(html.find("۵"), std::string::npos);
}

TEST_F(BulletinTest, EmergingIssuesSectionInEveryFormat) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->emerging.size(), 1u) << "the month before's issue is not in the week";
  EXPECT_EQ(b->emerging[0].terms[0], "سیل");
  // PDF: the section with its terms, first day, growth and items.
  const std::string dir = tu::ScratchDir();
  ASSERT_TRUE(report::WritePdf(BulletinPdf(*b), *tu::TestFonts(), dir + "/emerging.pdf").ok());
  auto r = tu::Run("pdftotext -layout " + dir + "/emerging.pdf - 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = Squeeze(r.output);
  for (const std::string& s : {std::string("موضوعاتنوظهور"), std::string("سیل،خوزستان"),
                               Squeeze(report::FormatNumber(3.5, 1)), std::string("دستگاهمسئول")})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_EQ(text.find("کنکور"), std::string::npos);
  // XLSX: a sheet of its own, right to left, the row and the totals.
  ASSERT_TRUE(report::WriteXlsx(BulletinWorkbook(*b), dir + "/emerging.xlsx").ok());
  std::ofstream(dir + "/emerging.py")
      << "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['موضوعات نوظهور']\n"
         "print(ws.sheet_view.rightToLeft, ws.max_row, '|'.join(str(ws.cell(2, c).value) for c in range(2, "
         "11)))\n";
  r = tu::Run(std::string(tu::kPython) + " " + dir + "/emerging.py " + dir + "/emerging.xlsx 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("True 3 سیل، خوزستان|"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("|3.5|4|2|1|تأمین|بهزیستی"), std::string::npos) << r.output;
  // HTML: the same table.
  const std::string html = BulletinHtml(*b);
  EXPECT_NE(html.find("موضوعات نوظهور</h3>"), std::string::npos);
  EXPECT_NE(html.find("سیل، خوزستان"), std::string::npos);
}

// The top terms and the citizens' top request topics of the period, with their change against the
// previous period, in every format; and a note while the terms' job has not counted every day.
TEST_F(BulletinTest, TopTermsAndRequestTopicsInEveryFormat) {
  const int64_t sat = text::DaysFromJalali({1403, 6, 31});  // the week of 1403/07/03 starts on a Saturday
  ASSERT_TRUE(
      db_->Write([&](store::Conn& c) -> Status {
           POL_RETURN_IF_ERROR(store::ReplaceEmergingDay(c, t_.council, sat + 1, {{"مستمری", 6}, {"بیمه", 2}},
                                                         {{"بیمه", 2}}, 8, 1));
           POL_RETURN_IF_ERROR(store::ReplaceEmergingDay(c, t_.council, sat + 2, {{"مستمری", 3}}, {}, 3, 1));
           return store::ReplaceEmergingDay(c, t_.council, sat - 5, {{"مستمری", 4}}, {}, 4, 1);
         })
          .ok());
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->terms.top_terms.size(), 2u);
  EXPECT_EQ(b->terms.top_terms[0].term, "مستمری");
  EXPECT_EQ(b->terms.top_terms[0].value, 9);
  EXPECT_EQ(b->terms.top_terms[0].previous, 4);
  ASSERT_EQ(b->terms.request_topics.size(), 1u);
  EXPECT_EQ(b->terms.days_counted, 2);
  const std::string dir = tu::ScratchDir();
  ASSERT_TRUE(report::WritePdf(BulletinPdf(*b), *tu::TestFonts(), dir + "/terms.pdf").ok());
  auto r = tu::Run("pdftotext -layout " + dir + "/terms.pdf - 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = Squeeze(r.output);
  for (const char* want : {"واژههایپرتکرار", "مستمری", "موضوعاتدرخواستهایمردمی", "واژههادر۲روزاز۷روزدوره"})
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << r.output;
  ASSERT_TRUE(report::WriteXlsx(BulletinWorkbook(*b), dir + "/terms.xlsx").ok());
  std::ofstream(dir + "/terms.py")
      << "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['واژه‌های پرتکرار']\n"
         "print(ws.sheet_view.rightToLeft, '|'.join(str(ws.cell(2, c).value) for c in range(1, 5)))\n"
         "print(wb['موضوعات درخواست‌های مردمی'].cell(2, 1).value)\n";
  r = tu::Run(std::string(tu::kPython) + " " + dir + "/terms.py " + dir + "/terms.xlsx 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("True مستمری|9|4|5"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("بیمه"), std::string::npos) << r.output;
  EXPECT_NE(BulletinHtml(*b).find("مستمری"), std::string::npos);
}

// The dashboard's charts (the console's SVG) are drawn from the dashboard's own numbers, with Persian
// labels, and the bulletin PDF prints the same mentions chart.
TEST_F(BulletinTest, DashboardChartsAreDrawnFromTheDashboardsNumbers) {
  StatusOr<Bulletin> b = Week();
  ASSERT_TRUE(b.ok()) << b.status().message();
  const Dashboard& d = b->dashboard;
  for (std::string_view chart : kDashboardCharts) {
    auto spec = DashboardChart(d, chart);
    ASSERT_TRUE(spec.ok()) << chart << ": " << spec.status().message();
    EXPECT_TRUE(report::ValidateChart(*spec).ok()) << chart;
    EXPECT_FALSE(spec->title.empty()) << chart;
  }
  auto tone = DashboardChart(d, "tone");
  EXPECT_EQ(tone->kind, report::ChartKind::kDonut);
  EXPECT_EQ(tone->categories, (std::vector<std::string>{"مثبت", "خنثی", "منفی"}));
  EXPECT_EQ(tone->series[0].values, (std::vector<double>{1, 2, 2}));
  auto over_time = DashboardChart(d, "mentions_over_time");
  EXPECT_EQ(over_time->kind, report::ChartKind::kLine);
  ASSERT_EQ(over_time->categories.size(), d.mentions_over_time.size());
  EXPECT_NE(std::find(over_time->categories.begin(), over_time->categories.end(), "۱ مهر"),
            over_time->categories.end())
      << "the week's days, Jalali with Persian digits";
  double total = 0;
  for (double v : over_time->series[0].values) total += v;
  EXPECT_EQ(total, 5);
  auto types = DashboardChart(d, "requests_by_type");
  EXPECT_EQ(types->categories, (std::vector<std::string>{"شکایت"}));
  EXPECT_EQ(types->series[0].values, (std::vector<double>{1}));
  auto voice = DashboardChart(d, "share_of_voice");
  EXPECT_EQ(voice->series[0].values, (std::vector<double>{3, 2}));
  EXPECT_EQ(DashboardChart(d, "pie").status().api_code(), "invalid_chart");
  Dashboard quiet = d;
  quiet.requests_by_type.clear();
  EXPECT_EQ(DashboardChart(quiet, "requests_by_type").status().api_code(), "chart_empty");

  // Through the service, as the route serves it: SVG for someone who may see the dashboard.
  BulletinService bulletins(service_.get(), db_.get(), &env_, tu::FontDir());
  DashboardRequest req;
  req.council_id = t_.council;
  req.period = {.kind = "week", .date = "1403/07/03"};
  auto svg = bulletins.RenderChart(*system_, req, "tone");
  ASSERT_TRUE(svg.ok()) << svg.status().message();
  EXPECT_NE(svg->find("<svg"), std::string::npos);
  EXPECT_NE(svg->find("<path"), std::string::npos);
  EXPECT_EQ(bulletins.RenderChart(*system_, req, "pie").status().api_code(), "invalid_chart");
  ActorFor nobody{Who{"nobody", {}, false}};
  EXPECT_EQ(bulletins.RenderChart(*nobody, req, "tone").status().code(), StatusCode::kPermissionDenied);
  DashboardRequest agency = req;
  agency.council_id.reset();
  agency.agency_id = t_.tamin;
  EXPECT_EQ(bulletins.RenderChart(*system_, agency, "share_of_voice").status().api_code(), "chart_empty")
      << "an agency's dashboard has no share of voice";
}

TEST_F(BulletinTest, BadPeriodAndPermission) {
  StatusOr<Bulletin> b =
      BuildBulletin(*service_, db_.get(), &env_, *system_, {t_.council, "season", std::nullopt});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().api_code(), "invalid_period");
  b = BuildBulletin(*service_, db_.get(), &env_, *system_, {t_.council, "week", "1402/12/30"});
  ASSERT_FALSE(b.ok());
  ActorFor nobody{Who{"nobody", {}, false}};
  b = BuildBulletin(*service_, db_.get(), &env_, *nobody, {t_.council, "week", "1403/07/03"});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace pol::insight
