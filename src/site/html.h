// Plain-text excerpts for the public site (and the citizens' pages). HTML
// escaping is text/html_escape.h and URL encoding base/strings.h, for every
// page, feed and e-mail alike.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pol::site {

// Text without markup: the first `max_chars` characters (code points) of
// `text`, cut at a word boundary with "…" when longer. Whitespace runs collapse.
std::string Excerpt(std::string_view text, size_t max_chars);

}  // namespace pol::site
