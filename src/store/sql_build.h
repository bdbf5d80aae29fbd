// Portable helpers the repositories use to build SQL text and read its rows. Pure functions.
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

// Each row through `from_row`.
template <typename T, typename F>
std::vector<T> MapRows(const Rows& rows, F from_row) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& w : rows) out.push_back(from_row(w));
  return out;
}

}  // namespace pol::store
