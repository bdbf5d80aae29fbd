// The one HTML escaping helper of the public site, and URL encoding for the
// path segments and query values the site links to. Every piece of stored text
// that reaches a page goes through Escape(); the sanitized body_html of a
// release is the only markup inserted as is.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace pol::site {

// Escapes &, <, >, " and ' so the result is safe in element content and in
// quoted attribute values. Invalid UTF-8 and control characters (except tab and
// newline) become U+FFFD, so a page is always valid UTF-8.
std::string Escape(std::string_view text);

// Appends Escape(text) to *out.
void AppendEscaped(std::string* out, std::string_view text);

// Percent-encodes everything but unreserved ASCII (A-Z a-z 0-9 - . _ ~), for a
// path segment or a query value.
std::string UrlEncode(std::string_view text);

// Text without markup: the first `max_chars` characters (code points) of
// `text`, cut at a word boundary with "…" when longer. Whitespace runs collapse.
std::string Excerpt(std::string_view text, size_t max_chars);

}  // namespace pol::site
