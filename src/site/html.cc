#include "site/html.h"

#include <cstdint>

namespace pol::site {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
size_t Utf8Length(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  uint32_t cp = 0;
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    cp = b & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

}  // namespace

void AppendEscaped(std::string* out, std::string_view text) {
  out->reserve(out->size() + text.size());
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    switch (c) {
      case '&':
        out->append("&amp;");
        ++i;
        continue;
      case '<':
        out->append("&lt;");
        ++i;
        continue;
      case '>':
        out->append("&gt;");
        ++i;
        continue;
      case '"':
        out->append("&quot;");
        ++i;
        continue;
      case '\'':
        out->append("&#39;");
        ++i;
        continue;
      default:
        break;
    }
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 && c != '\t' && c != '\n') {
      out->append(c == '\r' ? "" : "\xEF\xBF\xBD");
      ++i;
      continue;
    }
    size_t n = Utf8Length(text, i);
    if (n == 0) {
      out->append("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    out->append(text.substr(i, n));
    i += n;
  }
}

std::string Escape(std::string_view text) {
  std::string out;
  AppendEscaped(&out, text);
  return out;
}

std::string UrlEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    }
  }
  return out;
}

std::string Excerpt(std::string_view text, size_t max_chars) {
  std::string out;
  size_t chars = 0, last_space = std::string::npos;
  bool space = false, cut = false;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
      space = !out.empty();
      ++i;
      continue;
    }
    size_t n = Utf8Length(text, i);
    if (n == 0) n = 1;
    if (space) {
      if (chars + 1 >= max_chars) {
        cut = true;
        break;
      }
      last_space = out.size();
      out.push_back(' ');
      ++chars;
      space = false;
    }
    if (chars >= max_chars) {
      cut = true;
      break;
    }
    out.append(text.substr(i, n));
    ++chars;
    i += n;
  }
  if (cut) {
    if (last_space != std::string::npos) out.resize(last_space);
    out.append("…");
  }
  return out;
}

}  // namespace pol::site
