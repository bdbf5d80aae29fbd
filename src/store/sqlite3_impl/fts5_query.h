// A SearchQuery (store/search_query.h) rendered as an SQLite FTS5 MATCH expression for tables that use
// the `pol` tokenizer (fts_pol_tokenizer.h).
//
//   kTerm, kPhrase  an FTS5 string: "text" with inner quotes doubled, so no user text is ever FTS5
//                   syntax; the tokenizer turns it into the text core's search terms (a phrase when
//                   several)
//   kAnd            (a AND b), folded from the left: ((a AND b) AND c); a kNot child: (a NOT b)
//   kOr             (a OR b), folded likewise
//   kNear           NEAR("a" "b", distance)
// A kAnd or kOr inside another operator is parenthesized once more, as the user grouped it:
// (a OR b) c → ((("a" OR "b")) AND "c").
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "store/search_query.h"

namespace pol::store {

// InvalidArgument "invalid_query" when the tree breaks the contract of search_query.h.
StatusOr<std::string> Fts5MatchExpression(const SearchQuery& q);

// An FTS5 string literal: `s` in double quotes, inner double quotes doubled.
std::string Fts5Quote(std::string_view s);

}  // namespace pol::store
