// RFC 4180 CSV for people who open it in Excel: UTF-8 with a BOM (so Persian shows), CRLF line ends,
// a field quoted when it holds a comma, a quote, CR or LF (quotes doubled), and formula injection
// guarded: a text field starting with = + - @ (or TAB/CR) gets a leading apostrophe. Numbers are
// written with Latin digits, shortest round-trip form ("12.5", "3"), never guarded.
//
// Contract: RenderCsv(table) writes the BOM, the header row, every row (no cap) and the totals row
// when present. CsvWriter streams the same format row by row into a string (for exports of any size
// the caller flushes `out` to where it goes). WriteCsv writes atomically (base/file.h).
// Errors: ValidateTable's.
// Thread-safety: pure functions; a CsvWriter belongs to one thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "report/table.h"

namespace pol::report {

// One field, quoted and guarded as above.
std::string CsvField(const Cell& cell);

class CsvWriter {
 public:
  // Appends the BOM to *out at construction.
  explicit CsvWriter(std::string* out);
  void AddRow(const std::vector<Cell>& row);
  void AddRow(const std::vector<std::string>& row);

 private:
  std::string* out_;
};

[[nodiscard]] StatusOr<std::string> RenderCsv(const Table& table);
[[nodiscard]] Status WriteCsv(const Table& table, const std::string& path);

}  // namespace pol::report
