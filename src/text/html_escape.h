// HTML escaping and search snippets: the one escaper every page, feed, e-mail and API uses.
//
// Contract of EscapeHtml / AppendEscapedHtml: the result is safe as HTML text and inside a
// quoted attribute (either quote): & < > " ' become &amp; &lt; &gt; &quot; &#39;; C0 control
// characters other than \t and \n are dropped (\r) or replaced by U+FFFD; invalid UTF-8 bytes
// become U+FFFD (decoded with text/utf8.h). Everything else passes unchanged.
//
// The snippet marker contract: a search backend returns snippets as plain text with each
// matched run wrapped in kMatchOpen … kMatchClose (\x01 … \x02, bytes that never occur in
// normalized text). SnippetToHtml escapes the text and turns the markers into <mark>…</mark>;
// unbalanced markers are closed, stray closers dropped.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace pol::text {

inline constexpr char kMatchOpen = '\x01';
inline constexpr char kMatchClose = '\x02';

void AppendEscapedHtml(std::string* out, std::string_view s);
std::string EscapeHtml(std::string_view s);
std::string SnippetToHtml(std::string_view snippet);

}  // namespace pol::text
