#include "text/internal/scan.h"

#include "text/internal/chars.h"
#include "text/utf8.h"

namespace pol::text::internal {
namespace {

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[k]) return false;
  }
  return true;
}

// ZWNJ and control characters do not end a URL: the normalizer would drop
// them from plain text, which could turn text into a URL on a second pass.
bool IsUrlStop(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == '"' || c == '<' ||
         c == '>' || c == 0x7F || c == 0xAB || c == 0xBB || c == 0x060C || c == 0x061B || c == 0x061F ||
         IsSpaceVariant(c) || c == 0x200B || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D;
}

bool IsEmailLocal(char c) {
  return IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}

}  // namespace

size_t UrlLength(std::string_view s, size_t i) {
  size_t start = i;
  if (StartsWithNoCase(s, i, "https://")) {
    i += 8;
  } else if (StartsWithNoCase(s, i, "http://")) {
    i += 7;
  } else if (StartsWithNoCase(s, i, "www.")) {
    i += 4;
  } else {
    return 0;
  }
  size_t body = i;
  int parens = 0;
  while (i < s.size()) {
    size_t len;
    char32_t c = DecodeUtf8(s, i, &len);
    // U+FFFD (also what an invalid byte becomes) ends a URL, so normalizing twice agrees.
    if (c == kReplacementChar || IsUrlStop(c)) break;
    if (c == '(') ++parens;
    if (c == ')') {
      if (parens == 0) break;
      --parens;
    }
    i += len;
  }
  while (i > body) {
    char c = s[i - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'') {
      --i;
    } else {
      break;
    }
  }
  if (i == body) return 0;
  // "www." needs a dot after the host's first label to be a URL.
  return i - start;
}

size_t EmailLength(std::string_view s, size_t i) {
  size_t start = i;
  while (i < s.size() && IsEmailLocal(s[i])) ++i;
  if (i == start || i >= s.size() || s[i] != '@' || s[start] == '.') return 0;
  ++i;
  size_t domain = i;
  size_t last_dot = 0;
  while (i < s.size() && (IsAsciiAlnum(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '.')) {
    if (s[i] == '.') {
      if (i == domain || s[i - 1] == '.') break;
      last_dot = i;
    }
    ++i;
  }
  // Trailing dots end a sentence, not the address.
  while (i > domain && s[i - 1] == '.') --i;
  if (last_dot == 0 || last_dot + 1 >= i) {
    // recompute last dot within the trimmed span
    last_dot = 0;
    for (size_t k = domain; k < i; ++k)
      if (s[k] == '.') last_dot = k;
    if (last_dot == 0) return 0;
  }
  size_t tld = last_dot + 1;
  if (i - tld < 2) return 0;
  for (size_t k = tld; k < i; ++k) {
    if (!IsAsciiAlpha(static_cast<unsigned char>(s[k]))) return 0;
  }
  return i - start;
}

}  // namespace pol::text::internal
