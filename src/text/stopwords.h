// Persian stop words (curated from stopwords-iso/stopwords-fa, MIT; see
// src/text/data/stopwords-fa.txt), compiled into the library.
// Thread-safety: immutable data.
#pragma once

#include <cstddef>
#include <string_view>

namespace pol::text {

// True if `term` (any spelling: it is folded first) is a stop word.
bool IsStopWord(std::string_view term);

size_t StopWordCount();

}  // namespace pol::text
