#include "monitor/dom.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "base/strings.h"
#include "monitor/web_text.h"

namespace pol::monitor::dom {

const char* Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool HasClassWord(const GumboNode* n, std::string_view word) {
  const char* c = Attr(n, "class");
  if (!c) return false;
  std::string cls = AsciiLower(c);
  size_t i = 0;
  while (i < cls.size()) {
    size_t j = cls.find(' ', i);
    if (j == std::string::npos) j = cls.size();
    if (std::string_view(cls).substr(i, j - i) == word) return true;
    i = j + 1;
  }
  return false;
}

bool ClassOrIdContains(const GumboNode* n, std::string_view part) {
  for (const char* a : {"class", "id"}) {
    if (const char* v = Attr(n, a); v && AsciiLower(v).find(part) != std::string::npos) return true;
  }
  return false;
}

// Pre-order over elements (and the document); `fn` returning false skips the node's children.
// Iterative: the depth of a page never reaches the call stack.
void Walk(const GumboNode* root, const std::function<bool(const GumboNode*)>& fn) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    if (!fn(n)) continue;
    const GumboVector& ch = n->type == GUMBO_NODE_ELEMENT ? n->v.element.children : n->v.document.children;
    for (unsigned i = ch.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
  }
}

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE:
      return true;
    default:
      return false;
  }
}

void AppendRun(const char* text, std::string* out) {
  for (const char* p = text; *p; ++p) {
    const char c = *p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
    } else if (static_cast<unsigned char>(c) == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0) {
      ++p;  // nbsp
      if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
}

void Newline(std::string* out) {
  while (!out->empty() && out->back() == ' ') out->pop_back();
  if (!out->empty() && out->back() != '\n') out->push_back('\n');
}

// Text with whitespace collapsed; block boundaries become '\n'. Iterative (explicit stack); a null
// entry marks the end of a block element.
void AppendText(const GumboNode* root, std::string* out) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr) {
      Newline(out);
      continue;
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      AppendRun(n->v.text.text, out);
      continue;
    }
    const GumboVector* ch = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      ch = &n->v.document.children;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboTag t = n->v.element.tag;
      if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE)
        continue;
      if (IsBlock(t)) {
        Newline(out);
        stack.push_back(nullptr);
      }
      ch = &n->v.element.children;
    } else {
      continue;
    }
    for (unsigned i = ch->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch->data[i]));
  }
}

std::string TextOf(const GumboNode* n) {
  std::string s;
  AppendText(n, &s);
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find('\n', i);
    if (j == std::string::npos) j = s.size();
    std::string line = s.substr(i, j - i);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    size_t b = line.find_first_not_of(' ');
    if (b != std::string::npos) out.push_back(line.substr(b));
    i = j + 1;
  }
  return out;
}

// Simple selectors: tag, .class, #id, tag.class, [attr=value].
bool Matches(const GumboNode* n, const std::string& sel) {
  if (n->type != GUMBO_NODE_ELEMENT || sel.empty()) return false;
  std::string tag, cls, id, attr, val;
  std::string s = sel;
  if (size_t b = s.find('['); b != std::string::npos) {
    std::string inner = s.substr(b + 1, s.find(']', b) - b - 1);
    s = s.substr(0, b);
    size_t eq = inner.find('=');
    attr = inner.substr(0, eq);
    if (eq != std::string::npos) {
      val = inner.substr(eq + 1);
      if (!val.empty() && (val.front() == '"' || val.front() == '\'')) val = val.substr(1, val.size() - 2);
    }
  }
  if (size_t h = s.find('#'); h != std::string::npos) {
    id = s.substr(h + 1);
    s = s.substr(0, h);
  }
  if (size_t d = s.find('.'); d != std::string::npos) {
    cls = s.substr(d + 1);
    s = s.substr(0, d);
  }
  tag = AsciiLower(s);
  if (!tag.empty() && AsciiLower(gumbo_normalized_tagname(n->v.element.tag)) != tag) return false;
  if (!cls.empty() && !HasClassWord(n, AsciiLower(cls))) return false;
  if (!id.empty()) {
    const char* v = Attr(n, "id");
    if (!v || id != v) return false;
  }
  if (!attr.empty()) {
    const char* v = Attr(n, attr.c_str());
    if (!v || (!val.empty() && val != v)) return false;
  }
  return !tag.empty() || !cls.empty() || !id.empty() || !attr.empty();
}

const GumboNode* FindFirst(const GumboNode* root, const std::function<bool(const GumboNode*)>& pred) {
  const GumboNode* found = nullptr;
  Walk(root, [&](const GumboNode* n) {
    if (found) return false;
    if (n->type == GUMBO_NODE_ELEMENT && pred(n)) {
      found = n;
      return false;
    }
    return true;
  });
  return found;
}

}  // namespace pol::monitor::dom
