#include "site/html.h"

#include "text/utf8.h"

namespace pol::site {

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
    size_t n = 1;
    text::DecodeUtf8(text, i, &n);  // an invalid byte counts as one character
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
