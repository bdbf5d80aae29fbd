// The terms a search index stores for a document, shared by every backend's index (SQLite's FTS5
// tokenizer, PostgreSQL's tsvector): the text core's search terms of each token in text order, and for
// a compound written with ZWNJ also the terms of its parts at the compound's position, so a query that
// spells it apart or names one part finds it.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace pol::store {

// Calls emit(term, colocated, start, end) for every term of `text`: `colocated` terms share the position
// of the term before them; start/end are the byte offsets of the token in `text`. Stops and returns
// false as soon as emit returns false. `document` false gives a query's terms (no compound parts) of
// NormalizeDisplay(text), its offsets in the normalized text; a document is taken as stored (display-
// normalized by its writer), so that its offsets point into it.
bool ForEachSearchTerm(
    std::string_view text, bool document,
    const std::function<bool(const std::string& term, bool colocated, size_t start, size_t end)>& emit);

}  // namespace pol::store
