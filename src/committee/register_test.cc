// The register of decisions as a table: one row per decision, Persian states (overdue wins), numbers as
// numbers for the XLSX sheet.
#include "committee/register.h"

#include <gtest/gtest.h>

namespace pol::committee {
namespace {

TEST(RegisterTableTest, RowsAndLabels) {
  DecisionView late;
  late.decision = {
      .id = 1, .text = "انتشار گزارش", .owner_agency_id = 7, .priority = "high", .status = "open"};
  late.decision.meeting_number = 3;
  late.decision.progress = 20;
  late.decision.vote_result = "تصویب شد";
  late.overdue = true;
  late.deadline_jalali = "۲۰ آذر ۱۴۰۵";
  late.working_days_left = -4;
  DecisionView done;
  done.decision = {.id = 2, .text = "پوشش مشترک", .owner_agency_id = 8, .status = "done"};
  done.decision.meeting_number = 4;
  done.decision.progress = 100;
  const report::Table t = RegisterTable({late, done}, {{7, "تأمین"}});
  ASSERT_TRUE(report::ValidateTable(t).ok());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.columns[1].header, "متن مصوبه");
  EXPECT_EQ(std::get<double>(t.rows[0][0]), 3);
  EXPECT_EQ(std::get<std::string>(t.rows[0][2]), "تأمین");
  EXPECT_EQ(std::get<double>(t.rows[0][4]), -4);
  EXPECT_EQ(std::get<std::string>(t.rows[0][5]), "بالا");
  EXPECT_EQ(std::get<std::string>(t.rows[0][6]), "دیرکرد");
  EXPECT_EQ(std::get<std::string>(t.rows[1][2]), "");  // an agency without a name
  EXPECT_EQ(std::get<std::string>(t.rows[1][6]), "انجام‌شده");
  EXPECT_EQ(std::get<double>(t.rows[1][7]), 100);
}

}  // namespace
}  // namespace pol::committee
