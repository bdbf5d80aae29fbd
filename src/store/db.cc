#include "store/db.h"

#include <cstdlib>

namespace pol::store {

int64_t Row::Int(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto* p = std::get_if<int64_t>(&v)) return *p;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  return 0;
}

const std::string& Row::Text(size_t i) const {
  static const std::string kEmpty;
  const Value& v = cols_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* b = std::get_if<store::Blob>(&v)) return b->bytes;
  return kEmpty;
}

const std::string& Row::Blob(size_t i) const { return Text(i); }

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

StatusOr<Row> Conn::QueryOne(std::string_view sql, const Params& params) {
  POL_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty()) return NotFound();
  return std::move(rows.front());
}

StatusOr<std::optional<Row>> Conn::QueryOpt(std::string_view sql, const Params& params) {
  POL_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

bool UniqueViolation::Covers(std::string_view column) const {
  for (const std::string& c : columns) {
    if (c == column) return true;
  }
  return false;
}

// field() is "table.a, table.b" — the form SQLite's message has always shown, kept so that the API's
// error shape does not change.
Status UniqueViolationError(const UniqueViolation& v) {
  std::string field;
  for (const std::string& c : v.columns) {
    if (!field.empty()) field += ", ";
    field += v.table.empty() ? c : v.table + "." + c;
  }
  return AlreadyExists("unique_violation", "این مقدار پیش‌تر ثبت شده است.", field);
}

std::optional<UniqueViolation> AsUniqueViolation(const Status& s) {
  if (s.code() != StatusCode::kAlreadyExists || s.api_code() != "unique_violation") return std::nullopt;
  UniqueViolation v;
  std::string_view rest = s.field();
  while (!rest.empty()) {
    size_t comma = rest.find(", ");
    std::string_view part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    if (size_t dot = part.find('.'); dot != std::string_view::npos) {
      v.table = std::string(part.substr(0, dot));
      part.remove_prefix(dot + 1);
    }
    v.columns.emplace_back(part);
  }
  return v;
}

}  // namespace pol::store
