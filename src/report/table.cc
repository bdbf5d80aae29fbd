#include "report/table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text/number_words.h"

namespace pol::report {

Status ValidateTable(const Table& table) {
  if (table.columns.empty()) return InvalidArgument("report_bad_table", "جدول ستونی ندارد.");
  for (const Column& c : table.columns) {
    if (!(c.weight > 0) || c.decimals < 0 || c.decimals > 10) {
      return InvalidArgument("report_bad_table", "پهنا یا رقم اعشار ستون «" + c.header + "» درست نیست.");
    }
  }
  for (const auto& row : table.rows) {
    if (row.size() > table.columns.size()) {
      return InvalidArgument("report_bad_table",
                             "ردیفی از جدول بیش از ستون‌هایش خانه دارد.");
    }
  }
  if (table.totals.size() > table.columns.size()) {
    return InvalidArgument("report_bad_table",
                           "ردیف جمع بیش از ستون‌های جدول خانه دارد.");
  }
  return Status::Ok();
}

std::string FormatNumber(double value, int decimals) {
  if (!std::isfinite(value)) return "—";
  if (decimals < 0) decimals = 0;
  if (decimals > 10) decimals = 10;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(value));
  std::string digits(buf);
  std::string int_part = digits.substr(0, digits.find('.'));
  std::string frac = digits.find('.') == std::string::npos ? "" : digits.substr(digits.find('.') + 1);
  bool zero = digits.find_first_not_of("0.") == std::string::npos;
  std::string grouped;
  for (size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) grouped += "٬";
    grouped += int_part[i];
  }
  std::string out = (value < 0 && !zero) ? "−" : "";
  out += grouped;
  if (!frac.empty()) out += "٫" + frac;
  return text::ToPersianDigits(out);
}

std::string FormatPercent(double fraction, int decimals) {
  return "٪" + FormatNumber(fraction * 100, decimals);
}

std::string FormatDelta(double delta, int decimals) {
  if (!std::isfinite(delta)) return "—";
  decimals = std::clamp(decimals, 0, 10);
  // Only a change that shows at this precision gets a sign: never "+۰" or "−۰".
  bool visible = std::llround(std::fabs(delta) * std::pow(10.0, decimals)) > 0;
  if (!visible) return FormatNumber(0, decimals);
  return (delta > 0 ? "+" : "") + FormatNumber(delta, decimals);
}

std::string CellText(const Cell& cell, int decimals) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* d = std::get_if<double>(&cell)) return FormatNumber(*d, decimals);
  return "";
}

}  // namespace pol::report
