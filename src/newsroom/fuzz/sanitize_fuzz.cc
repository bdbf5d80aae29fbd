// libFuzzer target: the release sanitizer on arbitrary bytes.
// Checks: no crash, hang or unbounded memory (ASan/UBSan); nothing executable survives; the output is
// stable (sanitizing it again changes nothing) and raises no warning about dropped text; every warning
// has a code and a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsroom/sanitize.h"

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 18) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)pol::newsroom::CheckBodyBudget(in);
  pol::newsroom::SanitizedHtml once = pol::newsroom::SanitizeHtml(in);
  const std::string lower = Lower(once.html);
  for (const char* bad : {"<script", "<style", "<iframe", "<svg", "<math", "<object", "<embed", "<form",
                          "<textarea", " on", "style=", "javascript:"}) {
    if (lower.find(bad) != std::string::npos) std::abort();
  }
  for (const auto& w : once.warnings) {
    if (w.code.empty() || w.message.empty()) std::abort();
  }
  pol::newsroom::SanitizedHtml twice = pol::newsroom::SanitizeHtml(once.html);
  if (twice.html != once.html) std::abort();
  if (!twice.warnings.empty()) std::abort();
  return 0;
}
