// Article extraction from an HTML page (gumbo, a real HTML5 parser).
//
// Generic rules, in order of trust:
//   title      og:title, the first <h1> inside the body container, <title>
//   lead       og:description / meta description, else an element whose class names a lead
//              (lead, summary, abstract, subtitle)
//   body       [itemprop=articleBody], else the element with the most paragraph text (<article>,
//              div.body/content/text…); paragraphs are its <p> (or text blocks split by <br>)
//   author     meta author / article:author, JSON-LD author.name, rel=author, .author
//   published  article:published_time, JSON-LD datePublished, <time datetime>, meta date, then
//              text of .date/.time/.publish elements (Jalali or Gregorian)
//   images     og:image, then <img> in the body container
//   canonical  <link rel=canonical>, og:url
// Per-source selector overrides take precedence where set (simple selectors: tag, .class, #id,
// tag.class, [attr=value]).
// Listing pages (sites without feeds): ExtractLinks returns article links of the same host.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pol::monitor {

struct Selectors {
  std::string title, lead, body, author, date, links;  // empty = generic
};

struct Article {
  std::string canonical_url;  // from the page, absolute; "" when it names none
  std::string title, lead, author;
  std::vector<std::string> paragraphs;
  std::optional<int64_t> published_at;  // unix ms
  std::vector<std::string> images;      // absolute URLs
  std::string body() const;             // paragraphs joined by "\n"
};

Article ExtractArticle(std::string_view html_utf8, std::string_view page_url, const Selectors& sel = {});

// Links to articles on a listing page: same host, not the page itself, not obvious navigation
// (tags, categories, search, login, static files); in page order, without duplicates.
std::vector<std::string> ExtractLinks(std::string_view html_utf8, std::string_view page_url,
                                      const Selectors& sel = {});

// Text of an HTML fragment (feed content), paragraphs split on block elements.
std::vector<std::string> HtmlParagraphs(std::string_view html_fragment);

}  // namespace pol::monitor
