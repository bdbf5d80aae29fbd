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
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace pol::newsroom {

struct SanitizedHtml {
  std::string html;  // safe HTML fragment
  std::string text;  // plain text: paragraphs on their own lines, display-normalized
};

SanitizedHtml SanitizeHtml(std::string_view html);

}  // namespace pol::newsroom
