#include "text/html_budget.h"

#include <algorithm>
#include <string>
#include <vector>

namespace pol::text {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsOneOf(const std::string& n, std::initializer_list<const char*> names) {
  for (const char* x : names) {
    if (n == x) return true;
  }
  return false;
}

bool IsVoid(const std::string& n) {
  return IsOneOf(n, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                     "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image"});
}

// Closed implicitly by a sibling or the parent's end: not counted as nesting.
bool IsImpliedEnd(const std::string& n) {
  return IsOneOf(
      n, {"p",  "li",  "dt",    "dd",    "tr",    "td",       "th",      "option", "optgroup", "rb",  "rp",
          "rt", "rtc", "thead", "tbody", "tfoot", "colgroup", "caption", "html",   "head",     "body"});
}

bool IsFormatting(const std::string& n) {
  return IsOneOf(
      n, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"});
}

bool IsRawText(const std::string& n) {
  return IsOneOf(n, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

// Position after the '>' closing the tag that starts at `i` (quotes respected); size() when none.
size_t TagEnd(std::string_view s, size_t i) {
  char quote = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return s.size();
}

// Position of the case-insensitive "</name" at or after `i`; size() when none.
size_t FindEndTag(std::string_view s, size_t i, const std::string& name) {
  for (size_t p = s.find("</", i); p != std::string_view::npos; p = s.find("</", p + 2)) {
    if (p + 2 + name.size() > s.size()) break;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k) same = Lower(s[p + 2 + k]) == name[k];
    if (same) return p;
  }
  return s.size();
}

}  // namespace

HtmlBudget ScanHtml(std::string_view html, const HtmlLimits& limits) {
  HtmlBudget b;
  std::string_view s = html;
  if (s.size() > limits.max_bytes) s = s.substr(0, limits.max_bytes);
  std::vector<std::string> open;  // estimated open elements, at most max_depth
  int formatting = 0;
  auto stop = [&](size_t at, const char* why) {
    b.within = at;
    b.over = true;
    b.limit = why;
    return b;
  };
  size_t i = 0;
  while (i < s.size()) {
    const size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= s.size()) break;
    const char c = s[lt + 1];
    if (s.substr(lt, 4) == "<!--") {
      const size_t e = s.find("-->", lt + 4);
      i = e == std::string_view::npos ? s.size() : e + 3;
      continue;
    }
    if (c == '!' || c == '?') {
      i = TagEnd(s, lt + 2);
      continue;
    }
    const bool closing = c == '/';
    const size_t name_at = lt + (closing ? 2 : 1);
    if (name_at >= s.size() || !IsAlpha(s[name_at])) {
      i = lt + 1;
      continue;
    }
    std::string name;
    size_t k = name_at;
    while (k < s.size() && s[k] != '>' && s[k] != '/' && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' &&
           s[k] != '\r' && s[k] != '\f' && name.size() < 32)
      name.push_back(Lower(s[k++]));
    const size_t end = TagEnd(s, k);
    if (closing) {
      for (size_t j = open.size(); j-- > 0;) {
        if (open[j] != name) continue;
        for (size_t p = j; p < open.size(); ++p) formatting -= IsFormatting(open[p]) ? 1 : 0;
        open.resize(j);
        break;
      }
      i = end;
      continue;
    }
    if (b.elements + 1 > limits.max_elements) return stop(lt, "elements");
    const bool self_closing = end >= 2 && s[end - 2] == '/';
    const bool nests = !self_closing && !IsVoid(name) && !IsImpliedEnd(name);
    if (nests && static_cast<int>(open.size()) + 1 > limits.max_depth) return stop(lt, "depth");
    if (nests && IsFormatting(name) && formatting + 1 > limits.max_formatting) return stop(lt, "formatting");
    ++b.elements;
    if (nests) {
      open.push_back(name);
      formatting += IsFormatting(name) ? 1 : 0;
      b.depth = std::max(b.depth, static_cast<int>(open.size()));
    }
    i = end;
    if (IsRawText(name) && !self_closing) {
      const size_t close = FindEndTag(s, i, name);
      if (close < s.size()) {
        i = close;  // the end tag is handled as one
      } else {
        i = s.size();
      }
    }
  }
  if (html.size() > limits.max_bytes) {
    const size_t last_tag = s.rfind('<');  // cut at a tag boundary when there is one
    b.within = last_tag != std::string_view::npos && last_tag > 0 ? last_tag : limits.max_bytes;
    b.over = true;
    b.limit = "bytes";
    return b;
  }
  b.within = html.size();
  return b;
}

}  // namespace pol::text
