#include "store/postgresql_impl/pg_search.h"

#include <algorithm>
#include <map>

#include "store/search_document.h"

namespace pol::store {
namespace {

using Kind = SearchQuery::Kind;
constexpr int kColumnGap = 100;
constexpr int kMaxPosition = 16383;  // tsvector's limit
constexpr size_t kMaxLexeme = 2000;  // tsvector's limit is 2046 bytes

Status Malformed(const std::string& why) {
  return InvalidArgument("invalid_query", "malformed search query: " + why, "q");
}

// A lexeme quoted for tsvector/tsquery input: '…' with ' and \ escaped.
std::string Quote(std::string_view term) {
  std::string q = "'";
  for (char ch : term) {
    if (ch == '\'' || ch == '\\') q += '\\';
    q += ch;
  }
  return q + "'";
}

// The query terms of `text` joined as a phrase; "" when it has none.
std::string PhraseOf(std::string_view text) {
  std::string out;
  int n = 0;
  ForEachSearchTerm(text, /*document=*/false, [&](const std::string& term, bool, size_t, size_t) {
    if (term.size() > kMaxLexeme) return true;
    out += (n++ ? " <-> " : "") + Quote(term);
    return true;
  });
  return n > 1 ? "(" + out + ")" : out;
}

StatusOr<std::string> Render(const SearchQuery& q);

StatusOr<std::string> RenderNear(const SearchQuery& q) {
  if (q.children.size() < 2) return Malformed("NEAR needs two phrases");
  if (q.distance < 0) return Malformed("negative NEAR distance");
  std::vector<std::string> parts;
  for (const SearchQuery& c : q.children) {
    if (c.kind != Kind::kTerm && c.kind != Kind::kPhrase) return Malformed("NEAR takes words and phrases");
    POL_ASSIGN_OR_RETURN(std::string p, Render(c));
    parts.push_back(std::move(p));
  }
  std::string acc;
  for (size_t i = 0; i < parts.size(); ++i) {
    for (size_t j = i + 1; j < parts.size(); ++j) {
      std::string pair;
      for (int d = 1; d <= q.distance + 1; ++d) {
        const std::string op = " <" + std::to_string(d) + "> ";
        pair += (pair.empty() ? "" : " | ") + parts[i] + op + parts[j] + " | " + parts[j] + op + parts[i];
      }
      acc += (acc.empty() ? "(" : " & (") + pair + ")";
    }
  }
  return "(" + acc + ")";
}

StatusOr<std::string> Render(const SearchQuery& q) {
  switch (q.kind) {
    case Kind::kTerm:
    case Kind::kPhrase: {
      if (q.text.empty() || !q.children.empty()) return Malformed("empty word");
      std::string p = PhraseOf(q.text);
      if (p.empty()) return Malformed("a word without search terms");
      return p;
    }
    case Kind::kAnd: {
      if (q.children.size() < 2) return Malformed("AND needs two operands");
      if (q.children[0].kind == Kind::kNot) return Malformed("NOT needs something before it");
      std::string acc;
      for (size_t i = 0; i < q.children.size(); ++i) {
        const SearchQuery& c = q.children[i];
        if (c.kind == Kind::kNot) {
          if (c.children.size() != 1) return Malformed("NOT takes one operand");
          POL_ASSIGN_OR_RETURN(std::string neg, Render(c.children[0]));
          acc += " & !(" + neg + ")";
        } else {
          POL_ASSIGN_OR_RETURN(std::string pos, Render(c));
          acc += (i ? " & (" : "(") + pos + ")";
        }
      }
      return "(" + acc + ")";
    }
    case Kind::kOr: {
      if (q.children.size() < 2) return Malformed("OR needs two operands");
      std::string acc;
      for (size_t i = 0; i < q.children.size(); ++i) {
        if (q.children[i].kind == Kind::kNot) return Malformed("NOT inside OR");
        POL_ASSIGN_OR_RETURN(std::string s, Render(q.children[i]));
        acc += (i ? " | (" : "(") + s + ")";
      }
      return "(" + acc + ")";
    }
    case Kind::kNear:
      return RenderNear(q);
    case Kind::kNot:
      break;
  }
  return Malformed("NOT outside AND");
}

struct SearchTable {
  const char* table;
  const char* columns;  // the text columns, in the order FTS5 indexes them
  int count;
};
constexpr SearchTable kSearchTables[] = {
    {"releases", "over_title, title, lead, body_text", 4},
    {"media_items", "title, lead, body", 3},
};

}  // namespace

std::string TsVectorOf(const std::vector<std::string_view>& columns) {
  std::map<std::string, std::vector<int>> positions;
  int base = 0;
  for (std::string_view column : columns) {
    int pos = base;
    ForEachSearchTerm(column, /*document=*/true,
                      [&](const std::string& term, bool colocated, size_t, size_t) {
                        if (!colocated) ++pos;
                        if (term.size() <= kMaxLexeme) {
                          std::vector<int>& p = positions[term];
                          const int at = std::min(pos, kMaxPosition);
                          if (p.empty() || p.back() != at) p.push_back(at);
                        }
                        return true;
                      });
    base = pos + kColumnGap;
  }
  std::string out;
  for (const auto& [term, at] : positions) {
    if (!out.empty()) out += ' ';
    out += Quote(term);
    for (size_t i = 0; i < at.size(); ++i) out += (i ? "," : ":") + std::to_string(at[i]);
  }
  return out;
}

StatusOr<std::string> TsQueryOf(const SearchQuery& q) { return Render(q); }

std::string TsQueryAllWords(const std::vector<std::string>& words) {
  static constexpr std::string_view kZwnj = "\xE2\x80\x8C";
  std::string q;
  for (const std::string& w : words) {
    std::string whole = PhraseOf(w);
    if (whole.empty()) continue;
    if (w.find(kZwnj) != std::string::npos) {
      std::string apart = w;
      for (size_t at; (at = apart.find(kZwnj)) != std::string::npos;) apart.replace(at, kZwnj.size(), " ");
      // A compound the text core knows (text/compounds.h) gives the same term written apart: no
      // alternative then.
      if (std::string p = PhraseOf(apart); !p.empty() && p != whole) whole = "(" + whole + " | " + p + ")";
    }
    q += (q.empty() ? "" : " & ") + whole;
  }
  return q;
}

Status RefreshSearchVectors(Conn& c) {
  for (const SearchTable& t : kSearchTables) {
    const std::string table = t.table;
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id, " + std::string(t.columns) + " FROM " + table +
                                                " WHERE search_stale ORDER BY id",
                                            {}));
    for (const Row& r : rows) {
      std::vector<std::string_view> cols;
      for (int i = 1; i <= t.count; ++i) cols.push_back(r.Text(static_cast<size_t>(i)));
      // Deferred (Conn::ExecLater): a batch of ingested items' vectors goes with the COMMIT, one round trip.
      POL_RETURN_IF_ERROR(c.ExecLater(
          "UPDATE " + table + " SET search_vec = CAST(? AS tsvector), search_stale = false WHERE id = ?",
          {TsVectorOf(cols), r.Int(0)}));
    }
  }
  return Status::Ok();
}

Status MarkAllSearchVectorsStale(Conn& c) {
  for (const SearchTable& t : kSearchTables) {
    POL_RETURN_IF_ERROR(c.Exec("UPDATE " + std::string(t.table) + " SET search_stale = true", {}).status());
  }
  return Status::Ok();
}

}  // namespace pol::store
