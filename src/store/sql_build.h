// Portable helpers the repositories use to build SQL text. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace pol::store {

// A LIKE pattern (escaped with '\\', use `ESCAPE '\\'`) matching `q` anywhere.
std::string LikeContains(std::string_view q);

// "(?,?,…)" for an IN clause, appending the ids to params; "(NULL)" when empty.
std::string InList(const std::vector<int64_t>& ids, Params& params);

// An FTS5 MATCH expression requiring every word: each word is a quoted phrase, so the `pol` tokenizer
// turns it into the word's own search terms and any spelling variant matches. `words` come from
// text::QueryWords; quotes inside a word are doubled, so no word can inject FTS5 syntax. A word written
// with ZWNJ also matches its parts written apart.
std::string FtsMatchAll(const std::vector<std::string>& words);

}  // namespace pol::store
