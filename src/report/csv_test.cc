#include "report/csv.h"

#include <gtest/gtest.h>

namespace pol::report {
namespace {

TEST(Csv, BomHeaderCrlfAndQuoting) {
  Table t;
  t.columns = {{.header = "نام"}, {.header = "تعداد"}};
  t.rows = {{Cell{std::string("خبرگزاری، ایرنا")}, Cell{12.0}},
            {Cell{std::string("گفت \"سلام\"")}, Cell{2.5}},
            {Cell{std::string("خط\nدوم")}, Cell{}}};
  auto csv = RenderCsv(t);
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_EQ(*csv,
            "\xEF\xBB\xBF"
            "نام,تعداد\r\n"
            "خبرگزاری، ایرنا,12\r\n"  // U+060C is not a comma: no quotes
            "\"گفت \"\"سلام\"\"\",2.5\r\n"
            "\"خط\nدوم\",\r\n");
}

TEST(Csv, FormulaInjectionGuarded) {
  EXPECT_EQ(CsvField(Cell{std::string("=HYPERLINK(\"x\")")}), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField(Cell{std::string("+98912")}), "'+98912");
  EXPECT_EQ(CsvField(Cell{std::string("-1")}), "'-1");
  EXPECT_EQ(CsvField(Cell{std::string("@SUM(A1)")}), "'@SUM(A1)");
  EXPECT_EQ(CsvField(Cell{std::string("a,b")}), "\"a,b\"");
  EXPECT_EQ(CsvField(Cell{-1.0}), "-1");  // numbers are numbers, never guarded
  EXPECT_EQ(CsvField(Cell{std::string("عادی")}), "عادی");
}

TEST(Csv, TotalsAndNoRowCap) {
  Table t;
  t.columns = {{.header = "n"}};
  for (int i = 0; i < 200000; ++i) t.rows.push_back({Cell{static_cast<double>(i)}});
  t.totals = {Cell{std::string("جمع")}};
  auto csv = RenderCsv(t);
  ASSERT_TRUE(csv.ok());
  size_t lines = 0;
  for (size_t p = csv->find("\r\n"); p != std::string::npos; p = csv->find("\r\n", p + 2)) ++lines;
  EXPECT_EQ(lines, 200002u);
  EXPECT_TRUE(csv->ends_with("199999\r\nجمع\r\n"));
}

TEST(Csv, WriterStreamsTheSameFormat) {
  std::string out;
  CsvWriter w(&out);
  w.AddRow(std::vector<std::string>{"a", "=b"});
  w.AddRow(std::vector<Cell>{Cell{1.0}, Cell{}});
  EXPECT_EQ(out,
            "\xEF\xBB\xBF"
            "a,'=b\r\n1,\r\n");
}

TEST(Csv, BadTableRefused) {
  Table t;
  EXPECT_EQ(RenderCsv(t).status().api_code(), "report_bad_table");
}

}  // namespace
}  // namespace pol::report
