// The one table model shared by the PDF, XLSX and CSV writers, and number formatting for people.
//
// Contract: a Table is columns (header, alignment, width weight, decimals) and rows of cells; a cell
// is empty, text (UTF-8, Persian as is) or a number (double). Each writer renders the same Table:
// the PDF right-to-left with numbers in Persian digits (FormatNumber), XLSX with numbers stored as
// numbers and text as text, CSV with numbers in Latin digits (machines read it). `totals`, when not
// empty, is one more row drawn bold after the rows (the PDF and XLSX) — the caller computes it.
// Rows shorter than the columns are padded with empty cells; longer rows are an error
// ("report_bad_table") in every writer.
// FormatNumber(1234567.5, 1) == "۱٬۲۳۴٬۵۶۷٫۵"; negative numbers take U+2212 "−" ("−۵").
// FormatPercent(0.125, 1) == "٪۱۲٫۵" (a fraction in, Persian percent sign first as Persian writes it).
// FormatDelta(3, 0) == "+۳", FormatDelta(-2.5, 1) == "−۲٫۵", FormatDelta(0, 0) == "۰".
// Thread-safety: values and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"

namespace pol::report {

using Cell = std::variant<std::monostate, std::string, double>;

enum class Align {
  kAuto,   // numbers at the end (left in RTL), text at the start (right in RTL)
  kStart,  // right in RTL
  kCenter,
  kEnd,  // left in RTL
};

struct Column {
  std::string header;
  Align align = Align::kAuto;
  double weight = 1.0;  // share of the table width (PDF), relative to the other columns
  int decimals = 0;     // digits after the decimal separator for numbers in this column
};

struct Table {
  std::string name;  // caption in the PDF, sheet name in XLSX (sanitised there)
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell> totals;  // optional bold last row
};

// Checks the shape: at least one column, no row (or totals) longer than the columns, weights > 0.
[[nodiscard]] Status ValidateTable(const Table& table);

std::string FormatNumber(double value, int decimals = 0);
std::string FormatPercent(double fraction, int decimals = 0);
std::string FormatDelta(double delta, int decimals = 0);
// A cell as people read it: text as is, numbers through FormatNumber(decimals), empty as "".
std::string CellText(const Cell& cell, int decimals);

}  // namespace pol::report
