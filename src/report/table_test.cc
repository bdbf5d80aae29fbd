#include "report/table.h"

#include <gtest/gtest.h>

namespace pol::report {
namespace {

TEST(FormatNumber, PersianDigitsGroupingAndDecimalSeparator) {
  EXPECT_EQ(FormatNumber(0), "۰");
  EXPECT_EQ(FormatNumber(999), "۹۹۹");
  EXPECT_EQ(FormatNumber(1000), "۱٬۰۰۰");
  EXPECT_EQ(FormatNumber(1234567.5, 1), "۱٬۲۳۴٬۵۶۷٫۵");
  EXPECT_EQ(FormatNumber(-5), "−۵");
  EXPECT_EQ(FormatNumber(-0.01, 0), "۰");  // rounds to zero: no sign
  EXPECT_EQ(FormatNumber(2.345, 2), "۲٫۳۵");
}

TEST(FormatNumber, PercentAndDelta) {
  EXPECT_EQ(FormatPercent(0.125, 1), "٪۱۲٫۵");
  EXPECT_EQ(FormatDelta(3), "+۳");
  EXPECT_EQ(FormatDelta(-2.5, 1), "−۲٫۵");
  EXPECT_EQ(FormatDelta(0), "۰");
  EXPECT_EQ(FormatDelta(0.004, 2), "۰٫۰۰");
}

TEST(CellText, TextNumbersAndEmpty) {
  EXPECT_EQ(CellText(Cell{std::string("تهران")}, 0), "تهران");
  EXPECT_EQ(CellText(Cell{12.0}, 0), "۱۲");
  EXPECT_EQ(CellText(Cell{}, 0), "");
}

TEST(ValidateTable, RefusesBadShapes) {
  Table t;
  EXPECT_EQ(ValidateTable(t).api_code(), "report_bad_table");
  t.columns = {{.header = "الف"}, {.header = "ب"}};
  EXPECT_TRUE(ValidateTable(t).ok());
  t.rows = {{Cell{1.0}, Cell{2.0}, Cell{3.0}}};
  EXPECT_EQ(ValidateTable(t).api_code(), "report_bad_table");
  t.rows = {{Cell{1.0}}};  // shorter rows are padded
  EXPECT_TRUE(ValidateTable(t).ok());
  t.columns[0].weight = 0;
  EXPECT_EQ(ValidateTable(t).api_code(), "report_bad_table");
}

}  // namespace
}  // namespace pol::report
