// libFuzzer target: tokenizer and sentence splitter on arbitrary bytes.
// Checks: tokens are non-empty, in order, inside the input and match their
// offsets; sentences are non-empty views inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/sentences.h"
#include "text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t end = 0;
  for (const pol::text::Token& t : pol::text::Tokenize(in)) {
    if (t.length == 0 || t.offset < end || t.offset + t.length > in.size()) std::abort();
    if (t.text != in.substr(t.offset, t.length)) std::abort();
    end = t.offset + t.length;
  }
  for (std::string_view s : pol::text::SplitSentences(in)) {
    if (s.empty() || s.data() < in.data() || s.data() + s.size() > in.data() + in.size()) std::abort();
  }
  return 0;
}
