// libFuzzer target: the release sanitizer on arbitrary bytes.
// Checks: no crash, hang or unbounded memory (ASan/UBSan); nothing executable survives in the markup;
// sanitizing the output again raises no warning about dropped text; every warning has a code and a
// message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsroom/sanitize.h"

namespace {

// The markup of `html` (every "<…>", lower-cased, quoted attribute values left out); text and
// attribute values are escaped by the sanitizer, so they hold no tags and may say "javascript:",
// " on" or "style=" harmlessly (an alt text did). URLs are checked apart: href/src values.
std::string Tags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  char quote = 0;
  for (char c : html) {
    if (in_tag && quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '<') in_tag = true;
    if (in_tag && (c == '"' || c == '\'')) {
      quote = c;
      continue;
    }
    if (in_tag) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (c == '>') in_tag = false;
  }
  return out;
}

// True when a quoted href or src value starts with a script scheme.
bool ScriptUrl(std::string_view html) {
  std::string lower(html);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const char* attr : {"href=\"", "src=\""}) {
    for (size_t at = lower.find(attr); at != std::string::npos; at = lower.find(attr, at + 1)) {
      std::string_view value = std::string_view(lower).substr(at + std::string_view(attr).size());
      for (const char* scheme : {"javascript:", "vbscript:", "data:text/html"}) {
        if (value.substr(0, std::string_view(scheme).size()) == scheme) return true;
      }
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)pol::newsroom::CheckBodyBudget(in);
  pol::newsroom::SanitizedHtml once = pol::newsroom::SanitizeHtml(in);
  const std::string lower = Tags(once.html);
  for (const char* bad : {"<script", "<style", "<iframe", "<svg", "<math", "<object", "<embed", "<form",
                          "<textarea", " on", "style=", "javascript:"}) {
    if (lower.find(bad) != std::string::npos) std::abort();
  }
  if (ScriptUrl(once.html)) std::abort();
  for (const auto& w : once.warnings) {
    if (w.code.empty() || w.message.empty()) std::abort();
  }
  // The output, sanitized again, loses no text (it holds no element the sanitizer drops). Byte-for-byte
  // stability is not checked here: the fuzzer found inputs where text nodes that the first pass
  // normalized apart are normalized together on the second pass ("alert(1)ب" → "alert(1) ب"; corpus
  // file stability-space.html), a display difference, not a safety one.
  pol::newsroom::SanitizedHtml twice = pol::newsroom::SanitizeHtml(once.html);
  for (const auto& w : twice.warnings) {
    if (w.code != "body_truncated") std::abort();
  }
  return 0;
}
