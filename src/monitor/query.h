// The analysts' search syntax, translated into a safe SQLite FTS5 MATCH expression.
//
//   word word          both (AND is implicit; «و» between words is just a word)
//   a OR b, a یا b      either
//   NOT a, -a, بجز a    without (needs something positive before it)
//   "a b c", «a b c»    phrase
//   a NEAR/5 b          within 5 terms (default 10 for bare NEAR)
//   ( … )               grouping
// Every word is quoted before it reaches FTS5, so no user text is ever FTS5 syntax; words the text core
// drops (stop words) are dropped here too. Errors: InvalidArgument "invalid_query" with a Persian message.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pol::monitor {

StatusOr<std::string> TranslateQuery(std::string_view user_query);

}  // namespace pol::monitor
