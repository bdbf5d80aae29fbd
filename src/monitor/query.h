// The analysts' search syntax, parsed into a backend-neutral store::SearchQuery (store/search_query.h);
// the store's backend renders it (SQLite: an FTS5 MATCH expression).
//
//   word word          both (AND is implicit; «و» between words is just a word)
//   a OR b, a یا b      either
//   NOT a, -a, بجز a    without (needs something positive before it)
//   "a b c", «a b c»    phrase
//   a NEAR/5 b          within 5 terms (default 10 for bare NEAR)
//   ( … )               grouping
// Words and phrases stay text (kTerm, kPhrase) that a backend quotes, so no user text is ever query
// syntax; words the text core drops (stop words) are dropped here too, and so are operators left without
// an operand by that. Only words and phrases may stand beside NEAR. Errors: InvalidArgument
// "invalid_query" with a Persian message.
//
// Limits (a backend's parser has a bounded stack: FTS5 overflowed on ~100 operators): at most
// kMaxQueryBytes bytes, kMaxQueryOperands words and phrases, and parentheses kMaxQueryDepth deep.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "base/status.h"
#include "store/search_query.h"

namespace pol::monitor {

inline constexpr size_t kMaxQueryBytes = 2000;
inline constexpr int kMaxQueryOperands = 32;
inline constexpr int kMaxQueryDepth = 8;

StatusOr<store::SearchQuery> TranslateQuery(std::string_view user_query);

}  // namespace pol::monitor
