#include "newsroom/sanitize.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"
#include "text/html_budget.h"
#include "text/html_escape.h"
#include "text/normalize.h"

namespace pol::newsroom {
namespace {

constexpr int kMaxDepth = 64;  // deeper markup keeps its text, not its structure
constexpr text::HtmlLimits kBodyLimits{
    .max_bytes = 512 * 1024, .max_depth = 128, .max_elements = 20000, .max_formatting = 24};

enum class Kind {
  kKeep,    // allowed element
  kDrop,    // removed with its content
  kUnwrap,  // removed, content kept
  kBlock,   // div-like: a paragraph when it holds only inline content, else unwrapped
};

struct Decision {
  Kind kind;
  const char* name = nullptr;  // output tag for kKeep
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The tag name as written (for elements gumbo does not know, e.g. "o:p").
std::string OriginalName(const GumboElement& e) {
  std::string_view raw(e.original_tag.data ? e.original_tag.data : "", e.original_tag.length);
  if (!raw.empty() && raw.front() == '<') raw.remove_prefix(1);
  size_t end = 0;
  while (end < raw.size() && !IsSpace(raw[end]) && raw[end] != '/' && raw[end] != '>') ++end;
  return AsciiLower(raw.substr(0, end));
}

Decision Decide(const GumboElement& e) {
  switch (e.tag) {
    case GUMBO_TAG_P:
      return {Kind::kKeep, "p"};
    case GUMBO_TAG_BR:
      return {Kind::kKeep, "br"};
    case GUMBO_TAG_STRONG:
      return {Kind::kKeep, "strong"};
    case GUMBO_TAG_B:
      return {Kind::kKeep, "b"};
    case GUMBO_TAG_EM:
      return {Kind::kKeep, "em"};
    case GUMBO_TAG_I:
      return {Kind::kKeep, "i"};
    case GUMBO_TAG_U:
      return {Kind::kKeep, "u"};
    case GUMBO_TAG_S:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_DEL:
      return {Kind::kKeep, "s"};
    case GUMBO_TAG_BLOCKQUOTE:
      return {Kind::kKeep, "blockquote"};
    case GUMBO_TAG_UL:
      return {Kind::kKeep, "ul"};
    case GUMBO_TAG_OL:
      return {Kind::kKeep, "ol"};
    case GUMBO_TAG_LI:
      return {Kind::kKeep, "li"};
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
      return {Kind::kKeep, "h2"};
    case GUMBO_TAG_H3:
      return {Kind::kKeep, "h3"};
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return {Kind::kKeep, "h4"};
    case GUMBO_TAG_A:
      return {Kind::kKeep, "a"};
    case GUMBO_TAG_IMG:
      return {Kind::kKeep, "img"};
    case GUMBO_TAG_FIGURE:
      return {Kind::kKeep, "figure"};
    case GUMBO_TAG_FIGCAPTION:
      return {Kind::kKeep, "figcaption"};
    case GUMBO_TAG_TABLE:
      return {Kind::kKeep, "table"};
    case GUMBO_TAG_CAPTION:
      return {Kind::kKeep, "caption"};
    case GUMBO_TAG_THEAD:
      return {Kind::kKeep, "thead"};
    case GUMBO_TAG_TBODY:
      return {Kind::kKeep, "tbody"};
    case GUMBO_TAG_TFOOT:
      return {Kind::kKeep, "tfoot"};
    case GUMBO_TAG_TR:
      return {Kind::kKeep, "tr"};
    case GUMBO_TAG_TH:
      return {Kind::kKeep, "th"};
    case GUMBO_TAG_TD:
      return {Kind::kKeep, "td"};

    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_PLAINTEXT:
      return {Kind::kDrop};

    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
      return {Kind::kBlock};

    case GUMBO_TAG_UNKNOWN: {
      const std::string name = OriginalName(e);
      if (name == "xml" || name.rfind("w:", 0) == 0 || name.rfind("m:", 0) == 0 || name.rfind("v:", 0) == 0) {
        return {Kind::kDrop};
      }
      return {Kind::kUnwrap};
    }
    default:
      return {Kind::kUnwrap};
  }
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_HR:
      return true;
    default:
      return false;
  }
}

// Does an element hold block-level children (directly or under unwrapped inline wrappers, down to
// kMaxDepth levels)? Iterative.
bool HasBlockDescendant(const GumboNode* node) {
  std::vector<std::pair<const GumboNode*, int>> stack{{node, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* k = static_cast<const GumboNode*>(kids.data[i]);
      if (k->type != GUMBO_NODE_ELEMENT) continue;
      if (IsBlockTag(k->v.element.tag)) return true;
      if (depth + 1 <= kMaxDepth) stack.push_back({k, depth + 1});
    }
  }
  return false;
}

// Does the subtree hold any non-blank text? Iterative.
bool HasText(const GumboNode* node) {
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) return true;
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
  }
  return false;
}

SanitizeWarning WarningFor(const char* code) {
  const std::string c = code;
  if (c == "textarea_swallowed") {
    return {c,
            "متن داخل برچسب textarea حذف شد؛ اگر این برچسب بسته نشده باشد، هر چه پس از آن آمده هم حذف "
            "شده است. متن را بدون این برچسب دوباره بچسبانید."};
  }
  if (c == "script_removed")
    return {c,
            "محتوای اسکریپت یا شیوه‌نامه (script/style) از متن حذف شد."};
  if (c == "body_truncated") {
    return {c, "متن بیش از اندازه تودرتو یا پرعنصر بود و فقط بخش آغازین آن نگه داشته شد."};
  }
  return {c, "متن بخشی از عناصر نامجاز (مانند iframe، svg، فرم یا دکمه) حذف شد."};
}

// Which warning the loss of a dropped element's text deserves; nullptr for expected noise (head, Word
// islands, empty media elements).
const char* DropWarning(const GumboElement& e) {
  switch (e.tag) {
    case GUMBO_TAG_TEXTAREA:
      return "textarea_swallowed";
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
      return "script_removed";
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_UNKNOWN:
      return nullptr;
    default:
      return "text_dropped";
  }
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (IsSpace(s[b]) || static_cast<unsigned char>(s[b]) < 0x20)) ++b;
  while (e > b && (IsSpace(s[e - 1]) || static_cast<unsigned char>(s[e - 1]) < 0x20)) --e;
  return std::string(s.substr(b, e - b));
}

// http(s) and mailto links only; control characters and spaces inside are refused.
std::optional<std::string> SafeHref(const char* href) {
  if (href == nullptr) return std::nullopt;
  std::string h = Trim(href);
  if (h.empty() || h.size() > 2000) return std::nullopt;
  for (unsigned char c : h) {
    if (c < 0x20 || c == 0x7f || c == ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' ||
        c == '\\') {
      return std::nullopt;
    }
  }
  const std::string lower = AsciiLower(h);
  if (lower.rfind("https://", 0) == 0 || lower.rfind("http://", 0) == 0) {
    if (h.size() <= 8 || lower.find("://", 0) + 3 >= h.size()) return std::nullopt;
    return h;
  }
  if (lower.rfind("mailto:", 0) == 0 && h.size() > 7) return h;
  return std::nullopt;
}

// Our own media: /media/<path> without traversal, queries or odd characters.
std::optional<std::string> SafeImageSrc(const char* src) {
  if (src == nullptr) return std::nullopt;
  std::string s = Trim(src);
  if (s.rfind("/media/", 0) != 0 || s.size() <= 7 || s.size() > 500) return std::nullopt;
  if (s.find("..") != std::string::npos || s.find("//") != std::string::npos) return std::nullopt;
  for (unsigned char c : s) {
    if (!(std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_')) return std::nullopt;
  }
  return s;
}

std::optional<std::string> SafeSpan(const char* v) {
  if (v == nullptr) return std::nullopt;
  std::string s = Trim(v);
  if (s.empty() || s.size() > 2) return std::nullopt;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (s == "0" || s == "1") return std::nullopt;
  return s;
}

class Writer {
 public:
  void Node(const GumboNode* node, int depth) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        Text(node->v.text.text);
        break;
      case GUMBO_NODE_WHITESPACE:
        Space();
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        Element(node, depth);
        break;
      default:
        break;  // comments, the document
    }
  }

  void Children(const GumboNode* node, int depth) {
    const GumboVector& kids = node->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) Node(static_cast<const GumboNode*>(kids.data[i]), depth + 1);
  }

  void Warn(const char* code) {
    for (const auto& w : warnings_) {
      if (w.code == code) return;
    }
    warnings_.push_back(WarningFor(code));
  }

  SanitizedHtml Finish() {
    SanitizedHtml out;
    out.warnings = std::move(warnings_);
    out.html = Trim(html_);
    // Plain text: collapse runs of blank lines, then normalize.
    std::string collapsed;
    int newlines = 0;
    for (char c : text_) {
      if (c == '\n') {
        ++newlines;
        continue;
      }
      if (newlines > 0 && !collapsed.empty()) collapsed += '\n';
      newlines = 0;
      collapsed += c;
    }
    out.text = text::NormalizeDisplay(collapsed);
    while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' ')) out.text.pop_back();
    return out;
  }

 private:
  // Spaces are held back until more inline content follows, so none ends up at the edge of a block.
  void Space() {
    if (!line_start_) pending_space_ = true;
  }
  void FlushSpace() {
    if (pending_space_ && !line_start_) {
      html_ += ' ';
      text_ += ' ';
    }
    pending_space_ = false;
  }
  void BlockBoundary() {
    pending_space_ = false;
    line_start_ = true;
    if (!text_.empty() && text_.back() != '\n') text_ += '\n';
  }

  void Text(const char* raw) {
    std::string_view t(raw);
    if (t.empty()) return;
    const bool lead = IsSpace(t.front()) || t.rfind("\xC2\xA0", 0) == 0;
    const bool trail = IsSpace(t.back()) || (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0");
    std::string flat(t);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    std::replace(flat.begin(), flat.end(), '\r', ' ');
    std::string norm = text::NormalizeDisplay(flat);
    if (norm.empty()) {
      if (lead || trail) Space();
      return;
    }
    if (lead) Space();
    FlushSpace();
    html_ += text::EscapeHtml(norm);
    text_ += norm;
    line_start_ = false;
    if (trail) Space();
  }

  void NoteDropped(const GumboNode* n) {
    if (const char* code = DropWarning(n->v.element); code && HasText(n)) Warn(code);
  }

  // Past kMaxDepth: the text of the subtree, in order, without recursion (dropped elements still dropped).
  void FlatText(const GumboNode* root) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        Text(n->v.text.text);
      } else if (n->type == GUMBO_NODE_WHITESPACE) {
        Space();
      } else if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
        if (Decide(n->v.element).kind == Kind::kDrop) {
          NoteDropped(n);
          continue;
        }
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
      }
    }
  }

  void Element(const GumboNode* node, int depth) {
    const GumboElement& e = node->v.element;
    Decision d = Decide(e);
    if (d.kind == Kind::kDrop) {
      NoteDropped(node);
      return;
    }
    if (depth > kMaxDepth) {
      FlatText(node);
      return;
    }
    if (d.kind == Kind::kUnwrap) {
      Children(node, depth);
      return;
    }
    if (d.kind == Kind::kBlock) {
      if (HasBlockDescendant(node)) {
        BlockBoundary();
        Children(node, depth);
        BlockBoundary();
        return;
      }
      d = {Kind::kKeep, "p"};
    }
    const std::string name = d.name;
    std::string attrs;
    if (name == "a") {
      auto href = SafeHref(Attr(e, "href"));
      if (!href) {
        Children(node, depth);
        return;
      }
      attrs = " href=\"" + text::EscapeHtml(*href) + "\" rel=\"noopener nofollow\"";
    } else if (name == "img") {
      auto src = SafeImageSrc(Attr(e, "src"));
      if (!src) return;
      const char* alt = Attr(e, "alt");
      std::string a = alt ? text::NormalizeDisplay(Trim(alt)) : "";
      std::replace(a.begin(), a.end(), '\n', ' ');
      FlushSpace();
      html_ += "<img src=\"" + text::EscapeHtml(*src) + "\" alt=\"" + text::EscapeHtml(a) + "\">";
      line_start_ = false;
      return;
    } else if (name == "td" || name == "th") {
      if (auto v = SafeSpan(Attr(e, "colspan"))) attrs += " colspan=\"" + *v + "\"";
      if (auto v = SafeSpan(Attr(e, "rowspan"))) attrs += " rowspan=\"" + *v + "\"";
    }
    if (name == "br") {
      html_ += "<br>";
      BlockBoundary();
      return;
    }
    const bool block = name == "p" || name == "li" || name == "blockquote" || name == "h2" || name == "h3" ||
                       name == "h4" || name == "figcaption" || name == "tr" || name == "caption" ||
                       name == "figure" || name == "ul" || name == "ol" || name == "table" ||
                       name == "thead" || name == "tbody" || name == "tfoot" || name == "td" || name == "th";
    // Structural containers stay even without text (their rows or images matter); other elements are
    // dropped when nothing ended up inside them.
    const bool keep_empty = name == "td" || name == "th" || name == "tr" || name == "figure" ||
                            name == "table" || name == "tbody" || name == "thead" || name == "tfoot";
    if (block) {
      BlockBoundary();
    } else {
      FlushSpace();
    }
    const size_t html_mark = html_.size(), text_mark = text_.size();
    const bool saved_line_start = line_start_;
    html_ += "<" + name + attrs + ">";
    const size_t inner = html_.size();
    Children(node, depth);
    if (html_.size() == inner && !keep_empty) {
      html_.resize(html_mark);
      text_.resize(text_mark);
      line_start_ = saved_line_start;
      return;
    }
    html_ += "</" + name + ">";
    if (block) {
      if (name != "td" && name != "th") html_ += '\n';
      BlockBoundary();
    }
  }

  std::string html_, text_;
  std::vector<SanitizeWarning> warnings_;
  bool pending_space_ = false;
  bool line_start_ = true;
};

const GumboNode* FindBody(const GumboNode* root) {
  if (root->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboVector& kids = root->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const auto* k = static_cast<const GumboNode*>(kids.data[i]);
    if (k->type == GUMBO_NODE_ELEMENT && k->v.element.tag == GUMBO_TAG_BODY) return k;
  }
  return nullptr;
}

}  // namespace

Status CheckBodyBudget(std::string_view html) {
  const text::HtmlBudget b = text::ScanHtml(html, kBodyLimits);
  if (!b.over) return Status::Ok();
  return InvalidArgument(
      "body_too_complex",
      "متن خبر بیش از اندازه تودرتو است یا عنصرهای بسیار زیادی دارد (بیش از ۱۲۸ سطح "
      "تودرتو یا ۲۰٬۰۰۰ عنصر). متن را ساده‌تر کنید یا بدون قالب‌بندی بچسبانید.",
      "body_html");
}

SanitizedHtml SanitizeHtml(std::string_view html) {
  if (html.empty()) return {};
  const text::HtmlBudget budget = text::ScanHtml(html, kBodyLimits);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // errors are not collected; the tree is what browsers would build
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), budget.within);
  if (output == nullptr) return {};
  Writer w;
  if (budget.over) w.Warn("body_truncated");
  if (const GumboNode* body = FindBody(output->root)) w.Children(body, 0);
  gumbo_destroy_output(&options, output);
  return w.Finish();
}

}  // namespace pol::newsroom
