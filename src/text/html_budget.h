// HTML budget: a cheap pre-scan of HTML bytes, run BEFORE an HTML parser (gumbo) sees them, so
// hostile markup (hundreds of kilobytes of unclosed <div>s or nested inline tags) cannot make the
// parser or the walks over its tree use memory or time out of proportion to the input.
//
// The scan is one linear pass with a bounded stack. It estimates what a browser would build:
//   elements    every start tag counts
//   depth       start tags push (void elements, "/>" and the tags HTML closes implicitly — p, li,
//               dt, dd, tr, td, th, option… — do not); an end tag pops back to the nearest open
//               element of its name, and is ignored when none is open (like the parser)
//   formatting  open formatting elements (b, i, a, font, …) — gumbo re-creates every one of them in
//               each new block, so their number multiplies the tree
// Comments, doctype and the raw text of script/style/textarea/title/xmp/iframe/noembed/noframes are
// skipped. The first start tag that would cross a limit ends the budget: `within` is the length of
// the prefix before it (callers parse that prefix, or refuse the input).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace pol::text {

struct HtmlLimits {
  size_t max_bytes = 2 << 20;
  int max_depth = 256;
  int max_elements = 50000;
  int max_formatting = 24;
};

struct HtmlBudget {
  size_t within = 0;       // length of the longest prefix inside the limits (a tag boundary)
  bool over = false;       // a limit was crossed (then `within` < input size)
  const char* limit = "";  // which: "bytes", "depth", "elements", "formatting"; "" when none
  int depth = 0;           // deepest estimated nesting inside `within`
  int elements = 0;        // start tags inside `within`
};

HtmlBudget ScanHtml(std::string_view html, const HtmlLimits& limits);

}  // namespace pol::text
