// Sentence splitter for Persian and mixed text.
//
// Sentences end at . ! ? ؟ … (with any closing quotes/brackets after them)
// and at line breaks. Not at: decimal points, dates, times, URLs, e-mails
// (they are single tokens), single-letter abbreviations (U.S., ج.ا.ا, ق.م),
// common Latin abbreviations (Dr., Mr., e.g., etc. before a lower-case
// word), or a '.' followed directly by a letter or digit.
// Returned views point into the input and are trimmed of whitespace.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>
#include <vector>

namespace pol::text {

std::vector<std::string_view> SplitSentences(std::string_view utf8);

}  // namespace pol::text
