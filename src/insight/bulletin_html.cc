// The bulletin as an HTML e-mail body (insight/bulletin_render.h): inline styles, RTL, escaped text.
#include "insight/bulletin_render.h"
#include "text/html_escape.h"
#include "text/jalali.h"

namespace pol::insight {
namespace {

constexpr char kFont[] = "font-family:Vazirmatn,Tahoma,Arial,sans-serif;";

bool IsHttpUrl(const std::string& s) { return s.starts_with("https://") || s.starts_with("http://"); }

void AppendTable(std::string& out, const report::Table& t, bool caption = true) {
  if (caption)
    out += "<h3 style=\"" + std::string(kFont) + "margin:16px 0 6px;font-size:15px;color:#123\">" +
           text::EscapeHtml(t.name) + "</h3>\n";
  out += "<table dir=\"rtl\" cellpadding=\"6\" cellspacing=\"0\" style=\"" + std::string(kFont) +
         "border-collapse:collapse;width:100%;font-size:13px\">\n<tr>";
  for (const report::Column& c : t.columns)
    out += "<th style=\"background:#1f4e79;color:#fff;text-align:right;border:1px solid #c8d3df\">" +
           text::EscapeHtml(c.header) + "</th>";
  out += "</tr>\n";
  auto row = [&](const std::vector<report::Cell>& cells, bool bold, bool zebra) {
    out += std::string("<tr style=\"") + (zebra ? "background:#f3f6f9;" : "") +
           (bold ? "font-weight:bold;" : "") + "\">";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const report::Cell cell = i < cells.size() ? cells[i] : report::Cell();
      const bool number = std::holds_alternative<double>(cell);
      const std::string text = report::CellText(cell, t.columns[i].decimals);
      out += std::string("<td style=\"border:1px solid #c8d3df;text-align:") + (number ? "left" : "right") +
             "\">";
      if (!number && IsHttpUrl(text)) {
        out += "<a href=\"" + text::EscapeHtml(text) + "\" style=\"color:#1f4e79\">پیوند</a>";
      } else {
        out += text::EscapeHtml(text);
      }
      out += "</td>";
    }
    out += "</tr>\n";
  };
  for (size_t r = 0; r < t.rows.size(); ++r) row(t.rows[r], false, r % 2 == 1);
  if (!t.totals.empty()) row(t.totals, true, false);
  out += "</table>\n";
}

}  // namespace

std::string BulletinHtml(const Bulletin& b) {
  BulletinTables t = MakeBulletinTables(b);
  const std::string title = BulletinTitle(b.period);
  std::string out = "<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\">\n<head><meta charset=\"utf-8\"><title>" +
                    text::EscapeHtml(title + " — " + b.council_name) +
                    "</title></head>\n<body dir=\"rtl\" style=\"" + kFont +
                    "margin:0;padding:16px;background:#fff;color:#222;direction:rtl;text-align:right\">\n";
  out += "<h1 style=\"" + std::string(kFont) + "font-size:20px;margin:0 0 4px;color:#123\">" +
         text::EscapeHtml(title) + "</h1>\n";
  out += "<p style=\"" + std::string(kFont) + "margin:0 0 12px;color:#555\">" +
         text::EscapeHtml(b.council_name + " — " + PeriodLabel(b.period) + " (" +
                          text::FormatJalali(b.period.first) + " تا " + text::FormatJalali(b.period.last) +
                          ")") +
         "</p>\n";
  AppendTable(out, t.headline);
  if (!b.alerts.empty()) {
    out += "<h3 style=\"" + std::string(kFont) +
           "margin:16px 0 6px;font-size:15px;color:#a00\">هشدارها</h3>\n<ul>";
    for (const std::string& a : b.alerts) out += "<li>" + text::EscapeHtml(a) + "</li>";
    out += "</ul>\n";
  }
  if (!b.emerging.empty()) AppendTable(out, t.emerging);
  if (!t.top_terms.rows.empty()) AppendTable(out, t.top_terms);
  AppendTable(out, t.must_read);
  AppendTable(out, t.agencies);
  AppendTable(out, t.citizens);
  out +=
      "<p style=\"" + std::string(kFont) +
      "margin:16px 0 0;color:#777;font-size:12px\">پیوست کامل اشاره‌ها در پروندهٔ PDF و XLSX بولتن است. " +
      text::EscapeHtml("شمار اشاره‌های دوره: " +
                       report::FormatNumber(static_cast<double>(b.annex.size()))) +
      "</p>\n</body>\n</html>\n";
  return out;
}

}  // namespace pol::insight
