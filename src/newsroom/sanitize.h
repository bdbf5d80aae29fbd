// The rich-text sanitizer: what editors paste or type becomes safe HTML.
//
// The input is parsed with gumbo (a full HTML5 parser, the same algorithm as
// browsers; never regular expressions) and written back from an allowlist:
//   p br strong b em i u s blockquote ul ol li h2 h3 h4 (h1 → h2, h5/h6 → h4)
//   a[href]    http:, https: and mailto: only; rel="noopener nofollow" added
//   img[src alt]  only our own media paths (/media/…)
//   figure figcaption table caption thead tbody tfoot tr th td[colspan rowspan]
// Everything else goes: script, style, iframe, object, svg, form controls and
// the like with their content; comments (and Word's conditional comments); all
// other attributes (on*, style, class, id, …). Unknown or presentational
// elements (span, font, div, section, Word's o:p and st1:*) are unwrapped,
// keeping their text; Word's xml/w:/m:/v: islands are dropped. A div-like block
// holding only inline content becomes a paragraph. Empty inline elements and
// empty paragraphs are removed. Text is display-normalized by the text core.
//
// The result is stable: SanitizeHtml(SanitizeHtml(x).html).html == SanitizeHtml(x).html.
//
// Hostile input: before gumbo sees it, the input is measured by text::ScanHtml against kBodyLimits
// (512 KB, nesting 128, 20,000 elements, 24 open formatting elements). CheckBodyBudget refuses input
// over them (InvalidArgument "body_too_complex", Persian message); SanitizeHtml itself parses only the
// prefix inside them and says so in a warning. gumbo runs with max_errors = 0 (no error list); the writer
// recurses at most 64 levels, deeper markup is written as flat text by an iterative walk.
//
// Warnings tell the editor when text was lost (stable code + Persian message, each code once):
//   textarea_swallowed  text inside a <textarea> (an unclosed one swallows everything after it)
//   script_removed      the content of <script>/<style>/<noscript>/<template>
//   text_dropped        the text of other removed elements (iframe, object, svg, math, select, button…)
//   body_truncated      the input was over the budget; only its beginning was kept
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pol::newsroom {

struct SanitizeWarning {
  std::string code;     // stable, for programs
  std::string message;  // Persian, for the editor
  bool operator==(const SanitizeWarning&) const = default;
};

struct SanitizedHtml {
  std::string html;                       // safe HTML fragment
  std::string text;                       // plain text: paragraphs on their own lines, display-normalized
  std::vector<SanitizeWarning> warnings;  // text that was lost, in order of first occurrence
};

// OK when `html` is inside the body budget; else InvalidArgument "body_too_complex" (field body_html).
Status CheckBodyBudget(std::string_view html);

SanitizedHtml SanitizeHtml(std::string_view html);

}  // namespace pol::newsroom
