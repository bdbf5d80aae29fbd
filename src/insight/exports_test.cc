// Exports: each widget as a table with the dashboard's numbers, the workbook with a sheet per widget,
// the records table with a row per record (no cap), an unknown widget refused.
#include "insight/exports.h"

#include <gtest/gtest.h>

#include <variant>

namespace pol::insight {
namespace {

Dashboard Sample() {
  Dashboard d;
  d.period = PeriodContaining(PeriodKind::kMonth, text::DaysFromJalali({1403, 7, 1}));
  d.previous = PreviousPeriod(d.period);
  d.figures = {{"mentions", 12, 8}, {"releases_published", 3, 0}};
  d.ratios = {{"pickup_rate", 0.5, std::nullopt}};
  d.mentions_over_time = {{text::DaysFromJalali({1403, 7, 1}), 5, 1, 2, 2, true}};
  d.share_of_voice = {{"1", "تأمین", "", 3}, {"2", "بهزیستی", "", 1}};
  d.requests_by_agency = {{"", "", "", 2}};
  return d;
}

double Number(const report::Cell& c) { return std::get<double>(c); }
std::string Text(const report::Cell& c) { return std::get<std::string>(c); }

TEST(ExportsTest, WidgetsCarryTheDashboardsNumbers) {
  Dashboard d = Sample();
  StatusOr<report::Table> figures = WidgetTable(d, "figures");
  ASSERT_TRUE(figures.ok());
  ASSERT_EQ(figures->rows.size(), 3u);
  EXPECT_EQ(Text(figures->rows[0][0]), "اشاره‌های رسانه‌ای");
  EXPECT_EQ(Number(figures->rows[0][2]), 12);
  EXPECT_EQ(Number(figures->rows[0][4]), 4);
  EXPECT_EQ(Number(figures->rows[0][5]), 50);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(figures->rows[1][5])) << "no percent over 0";
  StatusOr<report::Table> sov = WidgetTable(d, "share_of_voice");
  ASSERT_TRUE(sov.ok());
  EXPECT_EQ(Number(sov->rows[0][2]), 75);
  StatusOr<report::Table> time = WidgetTable(d, "mentions_over_time");
  ASSERT_TRUE(time.ok());
  EXPECT_EQ(Text(time->rows[0][0]), "1403/07/01");
  EXPECT_EQ(Text(time->rows[0][5]), "جهش");
  EXPECT_EQ(Text(WidgetTable(d, "requests_by_agency")->rows[0][0]), "میز شورا");
  EXPECT_EQ(WidgetTable(d, "word_cloud").status().api_code(), "unknown_widget");
}

TEST(ExportsTest, WorkbookAndRecords) {
  report::Workbook wb = DashboardWorkbook(Sample());
  EXPECT_EQ(wb.sheets.size(), WidgetCodes().size());
  ASSERT_TRUE(wb.sheets[1].chart.has_value());
  RecordPage page;
  page.metric = "mentions";
  for (int i = 0; i < 2500; ++i)
    page.items.push_back({"media_item", i + 1, "خبر", 1727000000000, std::nullopt, "ایرنا"});
  report::Table t = RecordsTable(page);
  EXPECT_EQ(t.name, "اشاره‌های رسانه‌ای");
  EXPECT_EQ(t.rows.size(), 2500u);
  EXPECT_EQ(Text(t.rows[0][3]), "1403/07/01 13:43");  // 2024-09-22T10:13:20Z in Tehran
  EXPECT_TRUE(report::ValidateTable(t).ok());
}

}  // namespace
}  // namespace pol::insight
