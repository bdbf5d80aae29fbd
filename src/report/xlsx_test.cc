#include "report/xlsx.h"

#include <gtest/gtest.h>

#include <fstream>

#include "report/report_test_util.h"

namespace pol::report {
namespace {

// Reads a workbook back with openpyxl and prints what the test checks.
constexpr const char* kReadBack = R"(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print('sheets', '|'.join(wb.sheetnames))
for ws in wb.worksheets:
    print('sheet', ws.title, 'rtl', ws.sheet_view.rightToLeft, 'rows', ws.max_row, 'cols', ws.max_column,
          'freeze', ws.freeze_panes, 'filter', ws.auto_filter.ref, 'charts', len(ws._charts))
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 5)):
        print('row', '|'.join('%s:%s' % (type(c.value).__name__, c.value) for c in row))
    print('bold', ws.cell(1, 1).font.b, 'last', '|'.join(str(c.value) for c in ws[ws.max_row]))
)";

std::string ReadBack(const std::string& path) {
  std::string script = test_util::ScratchDir() + "/read.py";
  std::ofstream(script) << kReadBack;
  auto r = test_util::Run(std::string(test_util::kPython) + " " + script + " " + path + " 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output << " (needs Debian's python3-openpyxl)";
  return r.output;
}

Workbook Sample() {
  Workbook wb;
  wb.title = "بولتن";
  XlsxSheet sheet;
  sheet.table.name = "بازتاب: روزانه/هفتگی [۱]";
  sheet.table.columns = {{.header = "روز"}, {.header = "بازتاب"}, {.header = "نرخ", .decimals = 2}};
  sheet.table.rows = {{Cell{std::string("شنبه")}, Cell{12.0}, Cell{0.25}},
                      {Cell{std::string("=1+1")}, Cell{7.0}, Cell{0.5}},
                      {Cell{std::string("دوشنبه")}, Cell{}, Cell{0.125}}};
  sheet.table.totals = {Cell{std::string("جمع")}, Cell{19.0}};
  sheet.chart = XlsxChart{
      .kind = XlsxChart::Kind::kColumn, .title = "بازتاب", .category_column = 0, .value_columns = {1}};
  wb.sheets.push_back(sheet);
  XlsxSheet second;
  second.table.name = "بازتاب: روزانه/هفتگی [۱]";  // the same name: made unique
  second.table.columns = {{.header = "نام"}};
  second.table.rows = {{Cell{std::string("ایرنا")}}};
  wb.sheets.push_back(second);
  return wb;
}

TEST(Xlsx, RightToLeftHeaderNumbersTextAndChart) {
  std::string path = test_util::ScratchDir() + "/bulletin.xlsx";
  ASSERT_TRUE(WriteXlsx(Sample(), path).ok());
  std::string out = ReadBack(path);
  EXPECT_NE(out.find("sheets بازتاب  روزانه هفتگی  ۱|بازتاب  روزانه هفتگی  ۱ ۲\n"), std::string::npos) << out;
  EXPECT_NE(out.find("rtl True rows 5 cols 3 freeze A2 filter A1:C4 charts 1"), std::string::npos) << out;
  EXPECT_NE(out.find("row str:روز|str:بازتاب|str:نرخ\n"), std::string::npos) << out;
  EXPECT_NE(out.find("row str:شنبه|int:12|float:0.25\n"), std::string::npos) << out;
  EXPECT_NE(out.find("row str:=1+1|int:7|float:0.5\n"), std::string::npos) << out;  // text, not a formula
  EXPECT_NE(out.find("row str:دوشنبه|NoneType:None|float:0.125\n"), std::string::npos) << out;
  EXPECT_NE(out.find("bold True last جمع|19|None"), std::string::npos) << out;
}

TEST(Xlsx, RenderToStringIsAZip) {
  auto bytes = RenderXlsx(Sample());
  ASSERT_TRUE(bytes.ok());
  EXPECT_TRUE(bytes->starts_with("PK\x03\x04"));
}

TEST(Xlsx, LargeSheetKeepsEveryRow) {
  Workbook wb;
  XlsxSheet sheet;
  sheet.table.name = "همه";
  sheet.table.columns = {{.header = "شماره"}, {.header = "متن"}};
  sheet.table.rows.reserve(100000);
  for (int i = 0; i < 100000; ++i) {
    sheet.table.rows.push_back({Cell{static_cast<double>(i)}, Cell{std::string("ردیف")}});
  }
  wb.sheets.push_back(std::move(sheet));
  std::string path = test_util::ScratchDir() + "/large.xlsx";
  ASSERT_TRUE(WriteXlsx(wb, path).ok());
  std::string out = ReadBack(path);
  EXPECT_NE(out.find("rows 100001 cols 2"), std::string::npos) << out;
  EXPECT_NE(out.find("last 99999|ردیف"), std::string::npos) << out;
}

TEST(Xlsx, SheetNamesSanitisedAndUnique) {
  auto names = SanitizeSheetNames(
      {"a[b]:c*d?e/f\\g", "", "", std::string(40, 'x'), std::string(40, 'x'), "Sheet", "sheet"});
  ASSERT_EQ(names.size(), 7u);
  EXPECT_EQ(names[0], "a b  c d e f g");
  EXPECT_EQ(names[1], "برگه");
  EXPECT_EQ(names[2], "برگه ۲");
  EXPECT_EQ(names[3], std::string(31, 'x'));
  EXPECT_EQ(names[4], std::string(29, 'x') + " ۲");
  EXPECT_EQ(names[5], "Sheet");
  EXPECT_EQ(names[6], "sheet ۲");  // Excel compares names without case
}

TEST(Xlsx, BadInputWritesNothing) {
  Workbook wb = Sample();
  wb.sheets[0].chart->value_columns = {7};
  std::string path = test_util::ScratchDir() + "/bad.xlsx";
  EXPECT_EQ(WriteXlsx(wb, path).api_code(), "report_bad_chart");
  wb = Sample();
  wb.sheets[0].table.rows[0].push_back(Cell{1.0});
  wb.sheets[0].table.rows[0].push_back(Cell{1.0});
  EXPECT_EQ(WriteXlsx(wb, path).api_code(), "report_bad_table");
  EXPECT_FALSE(std::ifstream(path).good());
}

}  // namespace
}  // namespace pol::report
