#include "monitor/extract.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "monitor/dom.h"
#include "monitor/web_text.h"
#include "text/html_budget.h"

namespace pol::monitor {

std::string Article::body() const {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

namespace {

using namespace dom;  // NOLINT(google-build-using-namespace): the walk helpers of this file

// Fetched pages are parsed only up to this budget (text/html_budget.h).
constexpr text::HtmlLimits kPageLimits{.max_bytes = 2 << 20, .max_depth = 256, .max_elements = 50000};

// gumbo options for fetched pages: no parse-error list (it copies the open-element stack per error,
// quadratic in nesting).
GumboOptions PageOptions() {
  GumboOptions o = kGumboDefaultOptions;
  o.max_errors = 0;
  return o;
}

// A parsed page: only the prefix inside the HTML budget is parsed (the rest of a hostile or broken page
// is dropped, see extract.h).
struct Doc {
  GumboOptions options = PageOptions();
  GumboOutput* out;
  explicit Doc(std::string_view html) : out(Parse(options, html)) {}
  ~Doc() { gumbo_destroy_output(&options, out); }
  static GumboOutput* Parse(const GumboOptions& o, std::string_view html) {
    const text::HtmlBudget b = text::ScanHtml(html, kPageLimits);
    return gumbo_parse_with_options(&o, html.data(), b.within);
  }
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;
};

struct Meta {
  std::string og_title, og_description, description, og_url, og_image, author, published, canonical, date;
};

Meta ReadMeta(const GumboNode* root) {
  Meta m;
  Walk(root, [&](const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return true;
    if (n->v.element.tag == GUMBO_TAG_META) {
      const char* key = Attr(n, "property");
      if (!key) key = Attr(n, "name");
      if (!key) key = Attr(n, "itemprop");
      const char* content = Attr(n, "content");
      if (!key || !content) return true;
      const std::string k = AsciiLower(key);
      auto set = [&](std::string& field) {
        if (field.empty()) field = content;
      };
      if (k == "og:title")
        set(m.og_title);
      else if (k == "og:description")
        set(m.og_description);
      else if (k == "description")
        set(m.description);
      else if (k == "og:url")
        set(m.og_url);
      else if (k == "og:image")
        set(m.og_image);
      else if (k == "author" || k == "article:author")
        set(m.author);
      else if (k == "article:published_time" || k == "datepublished" || k == "pubdate" || k == "publish_date")
        set(m.published);
      else if (k == "date" || k == "dc.date")
        set(m.date);
    } else if (n->v.element.tag == GUMBO_TAG_LINK) {
      const char* rel = Attr(n, "rel");
      const char* href = Attr(n, "href");
      if (rel && href && AsciiLower(rel) == "canonical" && m.canonical.empty()) m.canonical = href;
    }
    return true;
  });
  return m;
}

// JSON-LD NewsArticle fields.
void ReadJsonLd(const GumboNode* root, std::string* author, std::string* published, std::string* headline) {
  Walk(root, [&](const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag != GUMBO_TAG_SCRIPT) return true;
    const char* type = Attr(n, "type");
    if (!type || AsciiLower(type) != "application/ld+json" || n->v.element.children.length == 0) return false;
    const auto* t = static_cast<const GumboNode*>(n->v.element.children.data[0]);
    if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_CDATA) return false;
    // Values deeper than 8 levels are dropped while parsing; nothing is copied (a JSON-LD block is
    // the page's, so as hostile as the page).
    const nlohmann::json j = nlohmann::json::parse(
        t->v.text.text, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) { return depth <= 8; },
        false);
    if (j.is_discarded()) return false;
    std::vector<const nlohmann::json*> objs;
    if (j.is_array()) {
      for (const auto& x : j) objs.push_back(&x);
    } else if (j.is_object() && j.contains("@graph") && j["@graph"].is_array()) {
      for (const auto& x : j["@graph"]) objs.push_back(&x);
    } else {
      objs.push_back(&j);
    }
    for (const nlohmann::json* op : objs) {
      const nlohmann::json& o = *op;
      if (!o.is_object()) continue;
      if (published->empty() && o.contains("datePublished") && o["datePublished"].is_string())
        *published = o["datePublished"];
      if (headline->empty() && o.contains("headline") && o["headline"].is_string()) *headline = o["headline"];
      if (author->empty() && o.contains("author")) {
        const auto& a = o["author"];
        const auto& a0 = a.is_array() && !a.empty() ? a[0] : a;
        if (a0.is_object() && a0.contains("name") && a0["name"].is_string()) *author = a0["name"];
        if (a0.is_string()) *author = a0;
      }
    }
    return false;
  });
}

int64_t ParagraphScore(const GumboNode* n) {
  int64_t score = 0;
  const GumboVector& ch = n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) {
    const auto* c = static_cast<const GumboNode*>(ch.data[i]);
    if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_P)
      score += static_cast<int64_t>(TextOf(c).size());
    if (c->type == GUMBO_NODE_TEXT) score += static_cast<int64_t>(std::strlen(c->v.text.text)) / 2;
  }
  return score;
}

bool IsBoilerplate(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  GumboTag t = n->v.element.tag;
  if (t == GUMBO_TAG_NAV || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_HEADER || t == GUMBO_TAG_ASIDE ||
      t == GUMBO_TAG_FORM || t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE) {
    return true;
  }
  for (const char* part : {"comment", "related", "sidebar", "footer", "menu", "share", "tags"}) {
    if (ClassOrIdContains(n, part)) return true;
  }
  return false;
}

std::vector<std::string> ParagraphsOf(const GumboNode* container) {
  std::vector<std::string> out;
  bool has_p = false;
  Walk(container, [&](const GumboNode* n) {
    if (n != container && IsBoilerplate(n)) return false;
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_P) {
      has_p = true;
      return false;
    }
    return true;
  });
  if (has_p) {
    Walk(container, [&](const GumboNode* n) {
      if (n != container && IsBoilerplate(n)) return false;
      if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_P) {
        std::string s;
        AppendText(n, &s);
        for (auto& line : SplitLines(s)) out.push_back(std::move(line));
        return false;
      }
      return true;
    });
    return out;
  }
  std::string s;
  AppendText(container, &s);
  return SplitLines(s);
}

// The article's container: the selector's, else itemprop=articleBody, else the best-scoring block.
const GumboNode* FindBody(const GumboNode* root, const Selectors& sel) {
  const GumboNode* body = nullptr;
  if (!sel.body.empty()) body = FindFirst(root, [&](const GumboNode* n) { return Matches(n, sel.body); });
  if (!body) {
    body = FindFirst(root, [](const GumboNode* n) {
      const char* ip = Attr(n, "itemprop");
      return ip && std::string_view(ip) == "articleBody";
    });
  }
  if (!body) {
    int64_t best = 0;
    Walk(root, [&](const GumboNode* n) {
      if (n->type != GUMBO_NODE_ELEMENT) return true;
      if (IsBoilerplate(n)) return false;
      int64_t s = ParagraphScore(n);
      if (n->v.element.tag == GUMBO_TAG_ARTICLE) s += s / 4;
      for (const char* part : {"body", "content", "text", "article"}) {
        if (ClassOrIdContains(n, part)) {
          s += s / 4;
          break;
        }
      }
      if (s > best) {
        best = s;
        body = n;
      }
      return true;
    });
  }
  return body;
}

std::string FindTitle(const GumboNode* root, const Selectors& sel, const Meta& m,
                      const std::string& ld_headline) {
  std::string title;
  if (!sel.title.empty()) {
    if (const GumboNode* t = FindFirst(root, [&](const GumboNode* n) { return Matches(n, sel.title); }))
      title = TextOf(t);
  }
  if (title.empty()) title = m.og_title;
  if (title.empty()) title = ld_headline;
  if (title.empty()) {
    if (const GumboNode* h1 =
            FindFirst(root, [](const GumboNode* n) { return n->v.element.tag == GUMBO_TAG_H1; }))
      title = TextOf(h1);
  }
  if (title.empty()) {
    if (const GumboNode* t =
            FindFirst(root, [](const GumboNode* n) { return n->v.element.tag == GUMBO_TAG_TITLE; }))
      title = TextOf(t);
  }
  return title;
}

std::string FindLead(const GumboNode* root, const Selectors& sel, const Meta& m) {
  std::string lead;
  const GumboNode* lead_node = nullptr;
  if (!sel.lead.empty())
    lead_node = FindFirst(root, [&](const GumboNode* n) { return Matches(n, sel.lead); });
  if (!lead_node) {
    lead_node = FindFirst(root, [](const GumboNode* n) {
      for (const char* w : {"lead", "summary", "abstract", "subtitle", "news-lead"}) {
        if (HasClassWord(n, w)) return true;
      }
      return false;
    });
  }
  if (lead_node) lead = TextOf(lead_node);
  if (lead.empty()) lead = m.og_description.empty() ? m.description : m.og_description;
  return lead;
}

std::string FindAuthor(const GumboNode* root, const Selectors& sel, const Meta& m,
                       const std::string& ld_author) {
  std::string author;
  if (!sel.author.empty()) {
    if (const GumboNode* t = FindFirst(root, [&](const GumboNode* n) { return Matches(n, sel.author); }))
      author = TextOf(t);
  }
  if (author.empty()) author = m.author;
  if (author.empty()) author = ld_author;
  if (author.empty()) {
    if (const GumboNode* t = FindFirst(root, [](const GumboNode* n) {
          const char* rel = Attr(n, "rel");
          return (rel && std::string_view(rel) == "author") || HasClassWord(n, "author");
        })) {
      author = TextOf(t);
    }
  }
  return author;
}

// The first date candidate that parses: selector, meta, JSON-LD, <time>, then date-ish classes.
std::optional<int64_t> FindPublished(const GumboNode* root, const Selectors& sel, const Meta& m,
                                     const std::string& ld_published) {
  std::vector<std::string> dates;
  if (!sel.date.empty()) {
    if (const GumboNode* t = FindFirst(root, [&](const GumboNode* n) { return Matches(n, sel.date); })) {
      if (const char* dt = Attr(t, "datetime")) dates.push_back(dt);
      dates.push_back(TextOf(t));
    }
  }
  dates.push_back(m.published);
  dates.push_back(ld_published);
  if (const GumboNode* t =
          FindFirst(root, [](const GumboNode* n) { return n->v.element.tag == GUMBO_TAG_TIME; })) {
    if (const char* dt = Attr(t, "datetime")) dates.push_back(dt);
    dates.push_back(TextOf(t));
  }
  dates.push_back(m.date);
  Walk(root, [&](const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return true;
    for (const char* part : {"date", "time", "publish"}) {
      if (ClassOrIdContains(n, part)) {
        dates.push_back(TextOf(n));
        return false;
      }
    }
    return true;
  });
  for (const auto& d : dates) {
    if (d.empty()) continue;
    if (auto t = ParseWebDate(d)) return t;
  }
  return std::nullopt;
}

// og:image, then the body's images; absolute, without repeats.
std::vector<std::string> FindImages(const GumboNode* body, std::string_view page_url, const Meta& m) {
  std::vector<std::string> images;
  std::set<std::string> seen;
  auto add_image = [&](const std::string& src) {
    std::string abs = ResolveUrl(page_url, src);
    if (!abs.empty() && seen.insert(abs).second) images.push_back(abs);
  };
  if (!m.og_image.empty()) add_image(m.og_image);
  if (body) {
    Walk(body, [&](const GumboNode* n) {
      if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_IMG) {
        if (const char* src = Attr(n, "src")) add_image(src);
      }
      return true;
    });
  }
  return images;
}

}  // namespace

Article ExtractArticle(std::string_view html, std::string_view page_url, const Selectors& sel) {
  Doc doc(html);
  const GumboNode* root = doc.out->root;
  Article a;
  Meta m = ReadMeta(root);
  std::string ld_author, ld_published, ld_headline;
  ReadJsonLd(root, &ld_author, &ld_published, &ld_headline);
  const GumboNode* body = FindBody(root, sel);
  if (body) a.paragraphs = ParagraphsOf(body);
  a.title = FindTitle(root, sel, m, ld_headline);
  a.lead = FindLead(root, sel, m);
  // The lead is not a body paragraph.
  if (!a.lead.empty() && !a.paragraphs.empty() && a.paragraphs.front() == a.lead)
    a.paragraphs.erase(a.paragraphs.begin());
  a.author = FindAuthor(root, sel, m, ld_author);
  a.published_at = FindPublished(root, sel, m, ld_published);
  a.images = FindImages(body, page_url, m);
  std::string canon = m.canonical.empty() ? m.og_url : m.canonical;
  if (!canon.empty()) a.canonical_url = ResolveUrl(page_url, canon);
  return a;
}

std::vector<std::string> ExtractLinks(std::string_view html, std::string_view page_url,
                                      const Selectors& sel) {
  Doc doc(html);
  std::vector<std::string> out;
  std::set<std::string> seen;
  const std::string host = UrlHost(page_url);
  const std::string self = CanonicalUrl(page_url);
  const GumboNode* scope = doc.out->root;
  if (!sel.links.empty()) {
    if (const GumboNode* s = FindFirst(scope, [&](const GumboNode* n) { return Matches(n, sel.links); }))
      scope = s;
  }
  Walk(scope, [&](const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return true;
    if (sel.links.empty() && (n->v.element.tag == GUMBO_TAG_NAV || n->v.element.tag == GUMBO_TAG_FOOTER))
      return false;
    if (n->v.element.tag != GUMBO_TAG_A) return true;
    const char* href = Attr(n, "href");
    if (!href) return true;
    std::string abs = ResolveUrl(page_url, href);
    if (abs.empty() || UrlHost(abs) != host || CanonicalUrl(abs) == self) return true;
    const std::string path = AsciiLower(UrlPathAndQuery(abs));
    if (path == "/") return true;
    for (const char* skip : {"/tag/", "/tags/", "/category/", "/search", "/login", "/page/", "/archive",
                             ".css", ".js", ".jpg", ".png", ".pdf", "/rss", "/feed"}) {
      if (path.find(skip) != std::string::npos) return true;
    }
    if (seen.insert(CanonicalUrl(abs)).second) out.push_back(abs);
    return true;
  });
  return out;
}

std::vector<std::string> HtmlParagraphs(std::string_view fragment) {
  if (fragment.find('<') == std::string_view::npos) {
    std::string s(fragment);
    return SplitLines(s);
  }
  Doc doc(fragment);
  std::string s;
  AppendText(doc.out->root, &s);
  return SplitLines(s);
}

}  // namespace pol::monitor
