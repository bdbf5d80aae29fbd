#include "store/sql_build.h"

#include "text/search_terms.h"

namespace pol::store {

std::string LikeContains(std::string_view q) {
  std::string out = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  out.push_back('%');
  return out;
}

std::string InList(const std::vector<int64_t>& ids, Params& params) {
  if (ids.empty()) return "(NULL)";
  std::string s = "(";
  for (size_t i = 0; i < ids.size(); ++i) {
    s += i ? ",?" : "?";
    params.emplace_back(ids[i]);
  }
  return s + ")";
}

namespace {

std::string Phrase(std::string_view w) {
  std::string q = "\"";
  for (char ch : w) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + '"';
}

}  // namespace

std::string FtsMatchAll(const std::vector<std::string>& words) {
  static constexpr std::string_view kZwnj = "\xE2\x80\x8C";
  std::string q;
  for (const std::string& w : words) {
    if (!q.empty()) q += " AND ";  // explicit: FTS5 does not AND a parenthesized group implicitly
    if (w.find(kZwnj) == std::string::npos) {
      q += Phrase(w);
      continue;
    }
    // A ZWNJ compound also matches documents that wrote its parts apart ("بیمه شدگان").
    std::string apart;
    std::string_view rest = w;
    for (size_t at = rest.find(kZwnj); at != std::string_view::npos; at = rest.find(kZwnj)) {
      apart.append(rest.substr(0, at)).push_back(' ');
      rest.remove_prefix(at + kZwnj.size());
    }
    apart.append(rest);
    if (text::SearchTerms(apart).empty()) {  // the parts are all stop words: a phrase of nothing
      q += Phrase(w);
    } else {
      q.push_back('(');
      q.append(Phrase(w)).append(" OR ").append(Phrase(apart)).push_back(')');
    }
  }
  return q;
}

}  // namespace pol::store
