// XLSX workbooks over libxlsxwriter: one sheet per report::Table.
//
// Contract:
// - Every sheet is right-to-left (worksheet_right_to_left); row 1 is the bold header row with an
//   autofilter over the table and a frozen pane below it; numbers are stored as numbers (with the
//   column's decimals as the number format), text as text (UTF-8, Persian intact; a text cell is
//   never turned into a formula), empty cells stay empty; `totals` is one more bold row.
// - Column widths come from the content (the longest header/cell of the first 1000 rows, in
//   characters, clamped to 8..60).
// - Sheet names are sanitised: []:*?/\ become spaces, trimmed, at most 31 characters (code points),
//   empty → «برگه», and made unique with « ۲», « ۳»… (SanitizeSheetNames).
// - A sheet may carry a native chart (line or column) over its own range: categories from one column,
//   one series per value column (header as the series name), inserted to the left of the table.
// - No row cap beyond Excel's own (1,048,575 data rows: more is "report_too_many_rows").
// - WriteXlsx writes to a temporary file in the target folder and renames it (atomic, 0600);
//   RenderXlsx returns the bytes (through a private temporary file).
// - Errors: a bad table (ValidateTable), a chart column out of range ("report_bad_chart"), a
//   libxlsxwriter error ("report_render_failed"), I/O errors.
// Thread-safety: functions over values; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "report/table.h"

namespace pol::report {

struct XlsxChart {
  enum class Kind { kLine, kColumn };
  Kind kind = Kind::kColumn;
  std::string title;
  int category_column = 0;         // 0-based column of the table holding the categories
  std::vector<int> value_columns;  // 0-based numeric columns, one series each
};

struct XlsxSheet {
  Table table;  // table.name is the sheet name
  std::optional<XlsxChart> chart;
};

struct Workbook {
  std::string title;  // document properties
  std::string author;
  std::vector<XlsxSheet> sheets;
};

[[nodiscard]] Status WriteXlsx(const Workbook& workbook, const std::string& path);
[[nodiscard]] StatusOr<std::string> RenderXlsx(const Workbook& workbook);

// The sheet names WriteXlsx uses for `names`, in order (sanitised and unique).
std::vector<std::string> SanitizeSheetNames(const std::vector<std::string>& names);

}  // namespace pol::report
