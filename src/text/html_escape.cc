#include "text/html_escape.h"

#include "text/utf8.h"

namespace pol::text {

void AppendEscapedHtml(std::string* out, std::string_view s) {
  out->reserve(out->size() + s.size());
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
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
    if (b < 0x80) {
      if (b < 0x20 && c != '\t' && c != '\n') {
        if (c != '\r') out->append("\xEF\xBF\xBD");
      } else {
        out->push_back(c);
      }
      ++i;
      continue;
    }
    size_t len = 1;
    const char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == kReplacementChar && len == 1) {
      out->append("\xEF\xBF\xBD");
    } else {
      out->append(s.substr(i, len));
    }
    i += len;
  }
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  AppendEscapedHtml(&out, s);
  return out;
}

std::string SnippetToHtml(std::string_view snippet) {
  std::string out;
  out.reserve(snippet.size() + 32);
  bool open = false;
  size_t start = 0;
  for (size_t i = 0; i <= snippet.size(); ++i) {
    if (i < snippet.size() && snippet[i] != kMatchOpen && snippet[i] != kMatchClose) continue;
    AppendEscapedHtml(&out, snippet.substr(start, i - start));
    start = i + 1;
    if (i == snippet.size()) break;
    if (snippet[i] == kMatchOpen && !open) {
      out.append("<mark>");
      open = true;
    } else if (snippet[i] == kMatchClose && open) {
      out.append("</mark>");
      open = false;
    }
  }
  if (open) out.append("</mark>");
  return out;
}

}  // namespace pol::text
