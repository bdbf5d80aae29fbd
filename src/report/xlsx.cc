#include "report/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "base/file.h"
#include "text/number_words.h"

namespace pol::report {
namespace {

constexpr size_t kMaxSheetRows = 1048576;  // Excel's limit, the header row included
constexpr size_t kWidthSampleRows = 1000;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The first `max` code points of s.
std::string TruncateCodePoints(const std::string& s, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == max) return s.substr(0, i);
      ++n;
    }
  }
  return s;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" '");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" '");
  return s.substr(b, e - b + 1);
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string NumberFormat(int decimals) {
  if (decimals <= 0) return "#,##0";
  return "#,##0." + std::string(static_cast<size_t>(std::min(decimals, 10)), '0');
}

Status Failed(lxw_error e) {
  return Status(StatusCode::kInternal, "report_render_failed",
                std::string("ساختن فایل اکسل ناموفق بود: ") + lxw_strerror(e));
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* bold = nullptr;
  std::vector<lxw_format*> numbers;       // per decimals 0..10
  std::vector<lxw_format*> bold_numbers;  // per decimals 0..10
};

Formats MakeFormats(lxw_workbook* wb) {
  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xE1E8F0);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  for (int d = 0; d <= 10; ++d) {
    lxw_format* n = workbook_add_format(wb);
    format_set_num_format(n, NumberFormat(d).c_str());
    f.numbers.push_back(n);
    lxw_format* b = workbook_add_format(wb);
    format_set_num_format(b, NumberFormat(d).c_str());
    format_set_bold(b);
    f.bold_numbers.push_back(b);
  }
  return f;
}

lxw_error WriteRow(lxw_worksheet* ws, lxw_row_t r, const Table& t, const std::vector<Cell>& row,
                   const Formats& f, bool bold) {
  for (size_t c = 0; c < row.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    int decimals = std::clamp(t.columns[c].decimals, 0, 10);
    lxw_error e = LXW_NO_ERROR;
    if (const auto* d = std::get_if<double>(&row[c])) {
      e = worksheet_write_number(ws, r, col, *d, bold ? f.bold_numbers[decimals] : f.numbers[decimals]);
    } else if (const auto* s = std::get_if<std::string>(&row[c])) {
      e = worksheet_write_string(ws, r, col, s->c_str(), bold ? f.bold : nullptr);
    }
    if (e != LXW_NO_ERROR) return e;
  }
  return LXW_NO_ERROR;
}

Status WriteSheet(lxw_workbook* wb, const XlsxSheet& sheet, const std::string& name, const Formats& f) {
  const Table& t = sheet.table;
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) return Status(StatusCode::kInternal, "report_render_failed", "برگهٔ اکسل ساخته نشد.");
  worksheet_right_to_left(ws);
  auto ncols = static_cast<lxw_col_t>(t.columns.size());
  size_t last_row = t.rows.size() + (t.totals.empty() ? 0 : 1);
  // Column widths from the header and the first rows.
  for (size_t c = 0; c < t.columns.size(); ++c) {
    size_t width = CodePoints(t.columns[c].header);
    for (size_t r = 0; r < t.rows.size() && r < kWidthSampleRows; ++r) {
      if (c < t.rows[r].size())
        width = std::max(width, CodePoints(CellText(t.rows[r][c], t.columns[c].decimals)));
    }
    double w = std::clamp(static_cast<double>(width) + 2, 8.0, 60.0);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(std::max<size_t>(t.rows.size(), 1)), ncols - 1);
  for (lxw_col_t c = 0; c < ncols; ++c) {
    lxw_error e = worksheet_write_string(ws, 0, c, t.columns[c].header.c_str(), f.header);
    if (e != LXW_NO_ERROR) return Failed(e);
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    lxw_error e = WriteRow(ws, static_cast<lxw_row_t>(r + 1), t, t.rows[r], f, false);
    if (e != LXW_NO_ERROR) return Failed(e);
  }
  if (!t.totals.empty()) {
    lxw_error e = WriteRow(ws, static_cast<lxw_row_t>(last_row), t, t.totals, f, true);
    if (e != LXW_NO_ERROR) return Failed(e);
  }
  if (sheet.chart && !t.rows.empty()) {
    const XlsxChart& spec = *sheet.chart;
    lxw_chart* chart =
        workbook_add_chart(wb, spec.kind == XlsxChart::Kind::kLine ? LXW_CHART_LINE : LXW_CHART_COLUMN);
    if (!spec.title.empty()) chart_title_set_name(chart, spec.title.c_str());
    auto rows_end = static_cast<lxw_row_t>(t.rows.size());
    for (int vc : spec.value_columns) {
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, name.c_str(), 1, static_cast<lxw_col_t>(spec.category_column),
                                  rows_end, static_cast<lxw_col_t>(spec.category_column));
      chart_series_set_values(series, name.c_str(), 1, static_cast<lxw_col_t>(vc), rows_end,
                              static_cast<lxw_col_t>(vc));
      chart_series_set_name_range(series, name.c_str(), 0, static_cast<lxw_col_t>(vc));
    }
    // RTL sheet: the chart sits to the left of the table (after its last column).
    worksheet_insert_chart(ws, 1, ncols + 1, chart);
  }
  return Status::Ok();
}

Status Validate(const Workbook& workbook) {
  for (const XlsxSheet& s : workbook.sheets) {
    POL_RETURN_IF_ERROR(ValidateTable(s.table));
    if (s.table.rows.size() + 2 > kMaxSheetRows) {
      return Status(StatusCode::kResourceExhausted, "report_too_many_rows",
                    "برگهٔ «" + s.table.name + "» بیش از حد اکسل (۱٬۰۴۸٬۵۷۵ ردیف) ردیف دارد.");
    }
    if (s.chart) {
      auto in_range = [&](int c) { return c >= 0 && static_cast<size_t>(c) < s.table.columns.size(); };
      bool ok = in_range(s.chart->category_column) && !s.chart->value_columns.empty();
      for (int c : s.chart->value_columns) ok = ok && in_range(c);
      if (!ok)
        return InvalidArgument("report_bad_chart", "ستون‌های نمودار برگهٔ «" +
                                                       s.table.name + "» درست نیستند.");
    }
  }
  return Status::Ok();
}

// Writes the workbook to `file` (which libxlsxwriter creates or truncates).
Status WriteTo(const Workbook& workbook, const std::string& file, const std::string& tmpdir) {
  POL_RETURN_IF_ERROR(Validate(workbook));
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // rows go to a temporary file as written: no cap but Excel's
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (wb == nullptr) return Status(StatusCode::kInternal, "report_render_failed", "فایل اکسل ساخته نشد.");
  lxw_doc_properties props = {};
  props.title = const_cast<char*>(workbook.title.c_str());
  props.author = const_cast<char*>(workbook.author.c_str());
  workbook_set_properties(wb, &props);
  Formats formats = MakeFormats(wb);
  std::vector<std::string> names;
  for (const XlsxSheet& s : workbook.sheets) names.push_back(s.table.name);
  names = SanitizeSheetNames(names);
  Status status;
  for (size_t i = 0; i < workbook.sheets.size() && status.ok(); ++i) {
    status = WriteSheet(wb, workbook.sheets[i], names[i], formats);
  }
  if (workbook.sheets.empty()) (void)workbook_add_worksheet(wb, "برگه");  // a workbook needs a sheet
  lxw_error e = workbook_close(wb);
  if (!status.ok()) return status;
  if (e != LXW_NO_ERROR) return Failed(e);
  return Status::Ok();
}

// A fresh private temporary file name in `dir` (the file exists, empty, mode 0600).
StatusOr<std::string> TempFile(const std::string& dir) {
  std::string pattern = (std::filesystem::path(dir) / ".pol-xlsx-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    return Status(StatusCode::kInternal, "report_render_failed",
                  "پرونده‌ی موقت ساخته نشد: " + dir);
  ::close(fd);
  return pattern;
}

}  // namespace

std::vector<std::string> SanitizeSheetNames(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::set<std::string> used;
  for (const std::string& raw : names) {
    std::string s = raw;
    for (char& c : s) {
      if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\' ||
          static_cast<unsigned char>(c) < 0x20) {
        c = ' ';
      }
    }
    s = Trim(TruncateCodePoints(Trim(s), 31));
    if (s.empty()) s = "برگه";
    std::string candidate = s;
    for (int n = 2; used.count(AsciiLower(candidate)) > 0; ++n) {
      std::string suffix = " " + text::ToPersianDigits(std::to_string(n));
      candidate = Trim(TruncateCodePoints(s, 31 - CodePoints(suffix))) + suffix;
    }
    used.insert(AsciiLower(candidate));
    out.push_back(candidate);
  }
  return out;
}

Status WriteXlsx(const Workbook& workbook, const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  POL_ASSIGN_OR_RETURN(std::string temp, TempFile(dir));
  Status s = WriteTo(workbook, temp, dir);
  if (s.ok()) {
    auto copied = CopyFileDurable(temp, path);  // temp + fsync + rename, never the whole file in memory
    s = copied.ok() ? Status::Ok() : copied.status();
  }
  ::unlink(temp.c_str());
  return s;
}

StatusOr<std::string> RenderXlsx(const Workbook& workbook) {
  std::string dir = std::filesystem::temp_directory_path().string();
  POL_ASSIGN_OR_RETURN(std::string temp, TempFile(dir));
  Status s = WriteTo(workbook, temp, dir);
  StatusOr<std::string> bytes = s.ok() ? ReadFile(temp) : StatusOr<std::string>(s);
  ::unlink(temp.c_str());
  return bytes;
}

}  // namespace pol::report
