#include "store/db.h"

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
  if (auto* s = std::get_if<std::string>(&cols_.at(i))) return *s;
  return kEmpty;
}

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

}  // namespace pol::store
