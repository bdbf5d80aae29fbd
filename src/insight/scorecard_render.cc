#include "insight/scorecard_render.h"

#include <algorithm>

#include "text/jalali.h"

namespace pol::insight {
namespace {

using report::Align;
using report::Cell;
using report::Table;

Cell Num(double v) { return Cell(v); }
Cell Txt(std::string s) { return Cell(std::move(s)); }
Cell OptNum(const std::optional<double>& v) { return v ? Cell(*v) : Cell(); }

std::string FormulaLabel(const ScorecardItem& it) {
  if (IsManual(it)) return "دستی (۱ تا ۵)";
  const FormulaInfo* f = FindFormula(it.formula);
  return f ? std::string(f->name) : it.formula;
}

}  // namespace

Table ScorecardRankingTable(const ScorecardView& v) {
  Table t{"رتبه‌بندی دستگاه‌ها",
          {{"رتبه"},
           {"دستگاه", Align::kStart, 3},
           {"امتیاز", Align::kAuto, 1, 1},
           {"از", Align::kAuto, 1, 1},
           {"دورهٔ پیش", Align::kAuto, 1, 1},
           {"تغییر", Align::kAuto, 1, 1}},
          {},
          {}};
  for (const AgencyScore& s : v.agencies) {
    t.rows.push_back({Num(static_cast<double>(s.rank)), Txt(s.agency_name), Num(s.total), Num(s.max_total),
                      OptNum(s.previous_total),
                      s.previous_total ? Num(s.total - *s.previous_total) : Cell()});
  }
  return t;
}

Table ScorecardAgencyTable(const AgencyScore& s) {
  Table t{s.agency_name,
          {{"شاخص", Align::kStart, 2},
           {"زیرشاخص", Align::kStart, 3},
           {"فرمول", Align::kStart, 3},
           {"مقدار", Align::kAuto, 1, 2},
           {"امتیاز", Align::kAuto, 1, 1},
           {"از", Align::kAuto, 1, 1}},
          {},
          {}};
  for (const ItemScore& is : s.items) {
    t.rows.push_back({Txt(is.item.index_name), Txt(is.item.name), Txt(FormulaLabel(is.item)), OptNum(is.raw),
                      Num(is.points), Num(is.max_points)});
  }
  t.totals = {Txt("جمع"), Cell(), Cell(), Cell(), Num(s.total), Num(s.max_total)};
  return t;
}

Table ScorecardItemsTable(const ScorecardView& v) {
  Table t{"امتیازهای زیرشاخص‌ها",
          {{"دستگاه", Align::kStart, 3},
           {"شاخص", Align::kStart, 2},
           {"زیرشاخص", Align::kStart, 3},
           {"کد"},
           {"مقدار", Align::kAuto, 1, 2},
           {"امتیاز", Align::kAuto, 1, 1},
           {"از", Align::kAuto, 1, 1}},
          {},
          {}};
  double all = 0;
  for (const AgencyScore& s : v.agencies) {
    for (const ItemScore& is : s.items) {
      t.rows.push_back({Txt(s.agency_name), Txt(is.item.index_name), Txt(is.item.name), Txt(is.item.code),
                        OptNum(is.raw), Num(is.points), Num(is.max_points)});
      all += is.points;
    }
  }
  t.totals = {Txt("جمع"), Cell(), Cell(), Cell(), Cell(), Num(all), Cell()};
  return t;
}

report::PdfDocument ScorecardPdf(const ScorecardView& v, int64_t made_at_ms) {
  using namespace report;
  PdfDocument doc;
  const std::string title = "ارزیابی عملکرد روابط عمومی — " + v.label;
  doc.title = title + " — " + v.council_name;
  doc.date = text::JalaliFromUnix(made_at_ms / 1000);
  doc.author = v.council_name;
  doc.orientation = Orientation::kLandscape;
  double best = 0, sum = 0;
  for (const AgencyScore& s : v.agencies) {
    best = std::max(best, s.total);
    sum += s.total;
  }
  const double mean = v.agencies.empty() ? 0 : sum / static_cast<double>(v.agencies.size());
  std::string status = v.period.status == "closed" ? "بسته‌شده" : "باز (پیش‌نویس)";
  if (v.period.closed_at)
    status += " در " + text::FormatJalali(text::JalaliFromUnix(*v.period.closed_at / 1000));
  doc.blocks = {
      Title{title, v.council_name},
      Paragraph{"دوره: " + v.label + "؛ وضعیت: " + status + ".", false, true},
      KpiStrip{{{"دستگاه‌ها", FormatNumber(static_cast<double>(v.agencies.size())), std::nullopt},
                {"بیشترین امتیاز", FormatNumber(best, 1), std::nullopt},
                {"میانگین امتیاز", FormatNumber(mean, 1), std::nullopt}}},
      TableBlock{ScorecardRankingTable(v)},
  };
  for (const AgencyScore& s : v.agencies) {
    doc.blocks.push_back(
        Heading{"رتبهٔ " + FormatNumber(static_cast<double>(s.rank)) + ": " + s.agency_name, 2});
    doc.blocks.push_back(TableBlock{ScorecardAgencyTable(s), true, false});
  }
  doc.blocks.push_back(Spacer{});
  doc.blocks.push_back(SignatureBlock{{{"", "رئیس کمیتهٔ روابط عمومی"}, {"", "دبیر کمیته"}}});
  return doc;
}

report::Workbook ScorecardWorkbook(const ScorecardView& v) {
  report::Workbook wb;
  wb.title = "ارزیابی عملکرد روابط عمومی " + v.label;
  wb.author = v.council_name;
  report::XlsxSheet ranking{ScorecardRankingTable(v), std::nullopt};
  if (!ranking.table.rows.empty())
    ranking.chart =
        report::XlsxChart{report::XlsxChart::Kind::kColumn, "امتیاز دستگاه‌ها", 1, {2}};
  wb.sheets.push_back(std::move(ranking));
  wb.sheets.push_back({ScorecardItemsTable(v), std::nullopt});
  return wb;
}

std::string ScorecardFileName(const ScorecardView& v, const std::string& ext) {
  return "scorecard-" + v.code + "." + ext;
}

}  // namespace pol::insight
