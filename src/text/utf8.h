// UTF-8 helpers for the Persian text core.
//
// Contract: decoding never reads past the end of the input and never fails:
// an invalid or truncated sequence decodes as U+FFFD consuming one byte
// (the WHATWG "maximal subpart" policy is not needed here; one byte at a time
// is enough to guarantee progress and valid output).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pol::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at s[i] (i < s.size()); stores its byte length in *len.
// Invalid sequences (overlong, surrogates, > U+10FFFF, truncated, stray
// continuation bytes) yield U+FFFD with *len = 1.
inline char32_t DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  size_t n = s.size() - i;
  unsigned char c = p[0];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    if (n >= 2 && (p[1] & 0xC0) == 0x80) {
      *len = 2;
      return (static_cast<char32_t>(c & 0x1F) << 6) | (p[1] & 0x3F);
    }
  } else if (c >= 0xE0 && c <= 0xEF) {
    if (n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      char32_t cp =
          (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        *len = 3;
        return cp;
      }
    }
  } else if (c >= 0xF0 && c <= 0xF4) {
    if (n >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
      char32_t cp = (static_cast<char32_t>(c & 0x07) << 18) | (static_cast<char32_t>(p[1] & 0x3F) << 12) |
                    (static_cast<char32_t>(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      if (cp >= 0x10000 && cp <= 0x10FFFF) {
        *len = 4;
        return cp;
      }
    }
  }
  *len = 1;
  return kReplacementChar;
}

// Appends the UTF-8 encoding of `cp` (which must be a valid scalar value).
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 2);
  } else if (cp < 0x10000) {
    char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 3);
  } else {
    char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                 static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 4);
  }
}

// True if `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Returns `s` with every invalid byte replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// Number of code points (invalid bytes count one each).
size_t CountCodePoints(std::string_view s);

}  // namespace pol::text
