#include "monitor/query.h"

#include <optional>
#include <string>
#include <vector>

#include "text/compounds.h"
#include "text/number_words.h"
#include "text/search_terms.h"
#include "text/utf8.h"

namespace pol::monitor {
namespace {

enum class Kind { kWord, kPhrase, kOr, kNot, kNear, kLParen, kRParen };
struct Tok {
  Kind kind;
  std::string text;
  int distance = 10;
};

Status Bad(const std::string& why) {
  return InvalidArgument("invalid_query", "عبارت جست‌وجو نامعتبر است: " + why, "q");
}

StatusOr<std::vector<Tok>> Lex(std::string_view q) {
  std::vector<Tok> out;
  size_t i = 0;
  int depth = 0, operands = 0;
  auto is_space = [](std::string_view s, size_t k) {
    unsigned char c = static_cast<unsigned char>(s[k]);
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  while (i < q.size()) {
    if (is_space(q, i)) {
      ++i;
      continue;
    }
    if (q[i] == '(' || q[i] == ')') {
      depth += q[i] == '(' ? 1 : -1;
      if (depth > kMaxQueryDepth)
        return Bad("پرانتزها بیش از " + text::PersianNumber(kMaxQueryDepth) + " لایه تودرتو است.");
      out.push_back({q[i] == '(' ? Kind::kLParen : Kind::kRParen, ""});
      ++i;
      continue;
    }
    if (q[i] == '"' || q.substr(i).starts_with("«")) {
      const bool guillemet = q[i] != '"';
      const std::string_view close = guillemet ? "»" : "\"";
      i += guillemet ? 2 : 1;
      size_t e = q.find(close, i);
      if (e == std::string_view::npos) return Bad("گیومهٔ عبارت بسته نشده است.");
      out.push_back({Kind::kPhrase, std::string(q.substr(i, e - i))});
      i = e + close.size();
      continue;
    }
    size_t e = i;
    while (e < q.size() && !is_space(q, e) && q[e] != '(' && q[e] != ')' && q[e] != '"' &&
           !q.substr(e).starts_with("«"))
      ++e;
    std::string w(q.substr(i, e - i));
    i = e;
    if (w == "OR" || w == "یا" || w == "|") {
      out.push_back({Kind::kOr, ""});
    } else if (w == "AND" || w == "+") {
      // implicit
    } else if (w == "NOT" || w == "بجز" || w == "به‌جز") {
      out.push_back({Kind::kNot, ""});
    } else if (w == "NEAR" || w.starts_with("NEAR/")) {
      int d = 10;
      if (w.size() > 5) {
        d = 0;
        for (char c : w.substr(5)) {
          if (c < '0' || c > '9') return Bad("فاصلهٔ NEAR باید عدد باشد.");
          d = d * 10 + (c - '0');
          if (d > 1000) return Bad("فاصلهٔ NEAR بیش از اندازه است.");
        }
      }
      out.push_back({Kind::kNear, "", d});
    } else if (w.size() > 1 && w[0] == '-') {
      out.push_back({Kind::kNot, ""});
      out.push_back({Kind::kWord, w.substr(1)});
    } else if (!out.empty() && out.back().kind == Kind::kWord) {
      // A compound written with a space (مدیر کل) is one word, as the text core indexes it.
      if (std::optional<std::string> joined = text::JoinCompound(out.back().text, w)) {
        out.back().text = std::move(*joined);
      } else {
        out.push_back({Kind::kWord, w});
      }
    } else {
      out.push_back({Kind::kWord, w});
    }
  }
  for (const Tok& t : out) operands += t.kind == Kind::kWord || t.kind == Kind::kPhrase ? 1 : 0;
  if (operands > kMaxQueryOperands)
    return Bad("بیش از " + text::PersianNumber(kMaxQueryOperands) + " واژه یا عبارت دارد.");
  return out;
}

using store::SearchQuery;
using Node = std::optional<SearchQuery>;  // empty: only stop words

// Zero operands: nothing; one: itself; more: the operator over them.
Node Combine(SearchQuery::Kind kind, std::vector<SearchQuery> operands) {
  if (operands.empty()) return std::nullopt;
  if (operands.size() == 1) return std::move(operands[0]);
  return SearchQuery{.kind = kind, .children = std::move(operands)};
}

// Recursive descent: or := and (OR and)* ; and := unary (unary | NOT unary)* ; unary := atom (NEAR atom)*
class Parser {
 public:
  explicit Parser(std::vector<Tok> toks) : t_(std::move(toks)) {}
  StatusOr<SearchQuery> Parse() {
    POL_ASSIGN_OR_RETURN(Node e, Or());
    if (pos_ < t_.size()) return Bad("پرانتز بسته اضافه است.");
    if (!e) return Bad("واژهٔ قابل جست‌وجویی ندارد.");
    return *std::move(e);
  }

 private:
  bool At(Kind k) const { return pos_ < t_.size() && t_[pos_].kind == k; }

  StatusOr<Node> Or() {
    std::vector<SearchQuery> any;
    POL_ASSIGN_OR_RETURN(Node left, And());
    if (left) any.push_back(*std::move(left));
    while (At(Kind::kOr)) {
      ++pos_;
      POL_ASSIGN_OR_RETURN(Node right, And());
      if (right) any.push_back(*std::move(right));
    }
    return Combine(SearchQuery::Kind::kOr, std::move(any));
  }

  StatusOr<Node> And() {
    std::vector<SearchQuery> all;
    while (pos_ < t_.size() && !At(Kind::kOr) && !At(Kind::kRParen)) {
      if (At(Kind::kNot)) {
        ++pos_;
        POL_ASSIGN_OR_RETURN(Node neg, Unary());
        if (!neg) continue;
        if (all.empty())
          return Bad("«بجز» (NOT) باید پس از واژه‌ای دیگر بیاید.");
        all.push_back(SearchQuery::Not(*std::move(neg)));
        continue;
      }
      POL_ASSIGN_OR_RETURN(Node u, Unary());
      if (u) all.push_back(*std::move(u));
    }
    return Combine(SearchQuery::Kind::kAnd, std::move(all));
  }

  static bool IsPhrase(const Node& n) {
    return n && (n->kind == SearchQuery::Kind::kTerm || n->kind == SearchQuery::Kind::kPhrase);
  }

  StatusOr<Node> Unary() {
    POL_ASSIGN_OR_RETURN(Node a, Atom());
    if (!At(Kind::kNear)) return a;
    if (a && !IsPhrase(a)) return Bad("پیش از NEAR واژه یا عبارت لازم است.");
    std::vector<SearchQuery> phrases;
    if (a) phrases.push_back(*std::move(a));
    int distance = 10;
    while (At(Kind::kNear)) {
      distance = t_[pos_].distance;
      ++pos_;
      if (!At(Kind::kWord) && !At(Kind::kPhrase)) return Bad("پس از NEAR واژه یا عبارت لازم است.");
      POL_ASSIGN_OR_RETURN(Node b, Atom());
      if (b) phrases.push_back(*std::move(b));
    }
    if (phrases.size() < 2) return phrases.empty() ? Node() : Node(std::move(phrases[0]));
    return Node(
        SearchQuery{.kind = SearchQuery::Kind::kNear, .children = std::move(phrases), .distance = distance});
  }

  StatusOr<Node> Atom() {
    if (pos_ >= t_.size()) return Bad("عبارت ناتمام است.");
    const Tok& t = t_[pos_];
    switch (t.kind) {
      case Kind::kWord:
      case Kind::kPhrase: {
        ++pos_;
        if (text::SearchTerms(t.text).empty()) return Node();  // a stop word or punctuation
        return Node(t.kind == Kind::kWord ? SearchQuery::Term(t.text) : SearchQuery::Phrase(t.text));
      }
      case Kind::kLParen: {
        ++pos_;
        POL_ASSIGN_OR_RETURN(Node inner, Or());
        if (!At(Kind::kRParen)) return Bad("پرانتز بسته نشده است.");
        ++pos_;
        return inner;
      }
      default:
        return Bad("عملگر در جای نادرست آمده است.");
    }
  }

  std::vector<Tok> t_;
  size_t pos_ = 0;
};

}  // namespace

StatusOr<store::SearchQuery> TranslateQuery(std::string_view user_query) {
  if (user_query.size() > kMaxQueryBytes) return Bad("بیش از اندازه طولانی است.");
  if (!text::IsValidUtf8(user_query)) return Bad("نویسه‌های نامعتبر دارد.");
  POL_ASSIGN_OR_RETURN(auto toks, Lex(user_query));
  return Parser(std::move(toks)).Parse();
}

}  // namespace pol::monitor
