// libFuzzer target: display normalization and search terms on arbitrary bytes.
// Checks: output is valid UTF-8, normalization is idempotent, chunking at
// newlines does not change the result, search terms are valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string once = pol::text::NormalizeDisplay(in);
  if (!pol::text::IsValidUtf8(once)) std::abort();
  std::string twice = pol::text::NormalizeDisplay(once);
  if (twice != once) std::abort();
  // Line by line gives the same bytes.
  std::string lines;
  size_t start = 0;
  while (start <= in.size()) {
    size_t nl = in.find('\n', start);
    if (nl == std::string_view::npos) nl = in.size();
    pol::text::NormalizeDisplayAppend(in.substr(start, nl - start), &lines);
    if (nl < in.size()) lines.push_back('\n');
    start = nl + 1;
  }
  if (lines != once) std::abort();
  for (const std::string& t : pol::text::SearchTerms(in)) {
    if (t.empty() || !pol::text::IsValidUtf8(t)) std::abort();
  }
  return 0;
}
