// Scanners shared by the normalizer and the tokenizer for spans that must
// pass through whole (URLs, e-mail addresses).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace pol::text::internal {

// Length in bytes of the URL starting at s[i] ("http://", "https://" or
// "www." followed by URL characters), or 0. The URL stops at whitespace,
// quotes, angle brackets, guillemets, Persian punctuation (، ؛ ؟) or U+FFFD
// (which includes invalid UTF-8); trailing . , ; : ! ? ' and an unbalanced ) are left out.
size_t UrlLength(std::string_view s, size_t i);

// Length of the e-mail address starting at s[i] (ASCII local part, '@',
// dotted domain with a letter-only top-level label of 2+ letters), or 0.
size_t EmailLength(std::string_view s, size_t i);

}  // namespace pol::text::internal
