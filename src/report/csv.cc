#include "report/csv.h"

#include <charconv>

#include "base/file.h"

namespace pol::report {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string Quote(std::string_view s) {
  bool guard = !s.empty() &&
               (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
  std::string field = guard ? "'" : "";
  field.append(s);
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string Number(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "";
  return std::string(buf, end);
}

void AppendRow(std::string* out, const std::vector<Cell>& row, size_t width) {
  for (size_t i = 0; i < width; ++i) {
    if (i > 0) *out += ',';
    if (i < row.size()) *out += CsvField(row[i]);
  }
  *out += "\r\n";
}

}  // namespace

std::string CsvField(const Cell& cell) {
  if (const auto* d = std::get_if<double>(&cell)) return Number(*d);
  if (const auto* s = std::get_if<std::string>(&cell)) return Quote(*s);
  return "";
}

CsvWriter::CsvWriter(std::string* out) : out_(out) { out_->append(kBom); }

void CsvWriter::AddRow(const std::vector<Cell>& row) { AppendRow(out_, row, row.size()); }

void CsvWriter::AddRow(const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) *out_ += ',';
    *out_ += Quote(row[i]);
  }
  *out_ += "\r\n";
}

StatusOr<std::string> RenderCsv(const Table& table) {
  POL_RETURN_IF_ERROR(ValidateTable(table));
  std::string out;
  CsvWriter writer(&out);
  std::vector<std::string> header;
  for (const Column& c : table.columns) header.push_back(c.header);
  writer.AddRow(header);
  for (const auto& row : table.rows) AppendRow(&out, row, table.columns.size());
  if (!table.totals.empty()) AppendRow(&out, table.totals, table.columns.size());
  return out;
}

Status WriteCsv(const Table& table, const std::string& path) {
  POL_ASSIGN_OR_RETURN(std::string bytes, RenderCsv(table));
  return WriteFileAtomic(path, bytes);
}

}  // namespace pol::report
