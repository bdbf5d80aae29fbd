#include "store/sqlite3_impl/fts5_query.h"

namespace pol::store {
namespace {

using Kind = SearchQuery::Kind;

Status Malformed(const std::string& why) {
  return InvalidArgument("invalid_query", "malformed search query: " + why, "q");
}

bool IsGroup(const SearchQuery& q) { return q.kind == Kind::kAnd || q.kind == Kind::kOr; }

StatusOr<std::string> Render(const SearchQuery& q);

// A child of an operator: a nested kAnd/kOr keeps its own pair of parentheses.
StatusOr<std::string> RenderChild(const SearchQuery& q) {
  POL_ASSIGN_OR_RETURN(std::string s, Render(q));
  return IsGroup(q) ? "(" + s + ")" : s;
}

StatusOr<std::string> RenderAnd(const SearchQuery& q) {
  if (q.children.size() < 2) return Malformed("AND needs two operands");
  if (q.children[0].kind == Kind::kNot) return Malformed("NOT needs something before it");
  POL_ASSIGN_OR_RETURN(std::string acc, RenderChild(q.children[0]));
  for (size_t i = 1; i < q.children.size(); ++i) {
    const SearchQuery& c = q.children[i];
    if (c.kind == Kind::kNot) {
      if (c.children.size() != 1) return Malformed("NOT takes one operand");
      POL_ASSIGN_OR_RETURN(std::string neg, RenderChild(c.children[0]));
      acc = "(" + acc + " NOT " + neg + ")";
    } else {
      POL_ASSIGN_OR_RETURN(std::string pos, RenderChild(c));
      acc = "(" + acc + " AND " + pos + ")";
    }
  }
  return acc;
}

StatusOr<std::string> RenderOr(const SearchQuery& q) {
  if (q.children.size() < 2) return Malformed("OR needs two operands");
  std::string acc;
  for (size_t i = 0; i < q.children.size(); ++i) {
    if (q.children[i].kind == Kind::kNot) return Malformed("NOT inside OR");
    POL_ASSIGN_OR_RETURN(std::string s, RenderChild(q.children[i]));
    acc = i == 0 ? s : "(" + acc + " OR " + s + ")";
  }
  return acc;
}

StatusOr<std::string> RenderNear(const SearchQuery& q) {
  if (q.children.size() < 2) return Malformed("NEAR needs two phrases");
  if (q.distance < 0) return Malformed("negative NEAR distance");
  std::string s = "NEAR(";
  for (size_t i = 0; i < q.children.size(); ++i) {
    const SearchQuery& c = q.children[i];
    if (c.kind != Kind::kTerm && c.kind != Kind::kPhrase) return Malformed("NEAR takes words and phrases");
    POL_ASSIGN_OR_RETURN(std::string p, Render(c));
    s += (i ? " " : "") + p;
  }
  return s + ", " + std::to_string(q.distance) + ")";
}

StatusOr<std::string> Render(const SearchQuery& q) {
  switch (q.kind) {
    case Kind::kTerm:
    case Kind::kPhrase:
      if (q.text.empty() || !q.children.empty()) return Malformed("empty word");
      return Fts5Quote(q.text);
    case Kind::kAnd:
      return RenderAnd(q);
    case Kind::kOr:
      return RenderOr(q);
    case Kind::kNear:
      return RenderNear(q);
    case Kind::kNot:
      break;
  }
  return Malformed("NOT outside AND");
}

}  // namespace

std::string Fts5Quote(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

StatusOr<std::string> Fts5MatchExpression(const SearchQuery& q) { return Render(q); }

}  // namespace pol::store
