// A full-text query as a small backend-neutral tree: what the user asked for, not how a backend spells
// it. Capabilities build it (monitor/query.h parses the analysts' syntax into it); repositories hand it
// to the backend, which renders it: SQLite to an FTS5 MATCH expression (sqlite3_impl/fts5_query.h),
// PostgreSQL to a tsquery.
//
// The contract every producer keeps and every renderer may rely on:
//   kTerm    `text` is one word as the user wrote it (valid UTF-8, not empty). The backend tokenizes it
//            with the text core's search terms (text/search_terms.h), like the indexed text; a word that
//            yields several terms (a ZWNJ compound, "a-b") matches them as a phrase. Never syntax: a
//            renderer quotes it.
//   kPhrase  `text` is several words that must occur in this order, adjacent (tokenized likewise).
//            kTerm and kPhrase have no children, and their text has at least one search term
//            (producers drop stop words and punctuation-only words).
//   kAnd     every child matches. ≥ 2 children; a child may be kNot (“and not”), but the first child
//            never is.
//   kOr      any child matches. ≥ 2 children, none kNot.
//   kNot     exactly one child; only as a non-first child of kAnd.
//   kNear    every child (kTerm or kPhrase only, ≥ 2) occurs within `distance` terms of the others
//            (FTS5's NEAR: tokens between the phrases; PostgreSQL renders <N> between neighbours).
// There is no prefix matching: the analysts' syntax has none.
// Nesting follows the user's grouping; a renderer must parenthesize children, since operator
// precedence differs between backends.
//
// Thread-safety: a value.
#pragma once

#include <string>
#include <vector>

namespace pol::store {

struct SearchQuery {
  enum class Kind { kTerm, kPhrase, kAnd, kOr, kNot, kNear };
  Kind kind = Kind::kTerm;
  std::string text;                   // kTerm, kPhrase
  std::vector<SearchQuery> children;  // kAnd, kOr, kNot, kNear
  int distance = 10;                  // kNear

  static SearchQuery Term(std::string word) { return {.kind = Kind::kTerm, .text = std::move(word)}; }
  static SearchQuery Phrase(std::string words) { return {.kind = Kind::kPhrase, .text = std::move(words)}; }
  static SearchQuery Not(SearchQuery q) { return {.kind = Kind::kNot, .children = {std::move(q)}}; }

  bool operator==(const SearchQuery&) const = default;
};

}  // namespace pol::store
